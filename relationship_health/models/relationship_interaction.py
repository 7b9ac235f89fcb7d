# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

INTERACTION_CHANNELS = [
    ("visit", "In-person visit"),
    ("call", "Video or phone call"),
    ("email", "Email"),
    ("event", "Event"),
    ("other", "Other"),
]

# Seed 000: talking only about operations means the relationship has
# dropped; strategy and satisfaction mean it is healthy.
INTERACTION_DEPTHS = [
    ("operational", "Operational"),
    ("strategic", "Strategic"),
    ("satisfaction", "Satisfaction"),
]

INTERACTION_SOURCES = [
    ("manual", "Logged by hand"),
    ("activity", "Activity done"),
    ("meeting", "Calendar meeting"),
]

# Clock skew tolerated between a browser and the server before a date counts
# as "in the future".
FUTURE_TOLERANCE = timedelta(minutes=5)


class RelationshipInteraction(models.Model):
    _name = "relationship.interaction"
    _description = "Client Interaction"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True)
    date = fields.Datetime(
        required=True, index=True, default=fields.Datetime.now, copy=False
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The client company (or individual client). A contact of a "
        "company is recorded as one of their participants.",
    )
    channel = fields.Selection(
        INTERACTION_CHANNELS, required=True, default="call", index=True
    )
    depth = fields.Selection(
        INTERACTION_DEPTHS,
        required=True,
        default="operational",
        index=True,
        help="Operational: execution, orders, deliveries. Strategic: plans, "
        "goals, the future of the relationship. Satisfaction: how the client "
        "feels about the road travelled together.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "relationship_interaction_res_users_rel",
        "interaction_id",
        "user_id",
        string="Our Participants",
        domain=[("share", "=", False)],
        default=lambda self: self.env.user,
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "relationship_interaction_res_partner_rel",
        "interaction_id",
        "partner_id",
        string="Their Participants",
        domain="[('commercial_partner_id', '=', partner_id), ('id', '!=', partner_id)]",
    )
    summary = fields.Html()
    owner_id = fields.Many2one(
        related="partner_id.relationship_owner_id",
        string="Account Owner",
        store=True,
        index=True,
    )
    relationship_stage = fields.Selection(
        related="partner_id.relationship_stage", string="Lifecycle Stage"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    source = fields.Selection(
        INTERACTION_SOURCES, required=True, default="manual", readonly=True
    )
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Meeting", ondelete="set null", readonly=True
    )
    origin_model = fields.Char(readonly=True, copy=False)
    origin_res_id = fields.Many2oneReference(
        model_field="origin_model", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "origin_client_unique",
            "UNIQUE (origin_model, origin_res_id, partner_id)",
            "This event is already logged as an interaction with this client.",
        ),
    ]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("partner_id"):
                raise ValidationError(
                    _("An interaction is always with a client: choose the client.")
                )
            self._normalize_client(vals)
        interactions = super().create(vals_list)
        interactions._relationship_logged()
        return interactions

    def write(self, vals):
        if "partner_id" in vals:
            if not vals["partner_id"]:
                raise ValidationError(
                    _("An interaction is always with a client: choose the client.")
                )
            self._normalize_client(vals)
        return super().write(vals)

    def _relationship_logged(self):
        """These interactions were just logged. Extension point for what
        follows from them (care closes the reminders they fulfil, key
        accounts refresh their threads)."""

    @api.model
    def _normalize_client(self, vals):
        """A contact chosen as client stands for its company: record the
        company as the client and the contact among their participants."""
        partner = self.env["res.partner"].browse(vals["partner_id"]).exists()
        if not partner:
            return
        client = partner.commercial_partner_id
        if client != partner:
            vals["partner_id"] = client.id
            vals["contact_ids"] = list(vals.get("contact_ids") or []) + [
                fields.Command.link(partner.id)
            ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date")
    def _check_date_not_in_future(self):
        limit = fields.Datetime.now() + FUTURE_TOLERANCE
        for interaction in self:
            if interaction.date > limit:
                raise ValidationError(
                    _(
                        "An interaction records something that happened: its "
                        "date (%(date)s) cannot be in the future. Schedule an "
                        "activity or a meeting instead.",
                        date=fields.Datetime.to_string(interaction.date),
                    )
                )

    @api.constrains("partner_id", "contact_ids")
    def _check_contacts_of_client(self):
        for interaction in self:
            client = interaction.partner_id.commercial_partner_id
            strangers = interaction.contact_ids.filtered(
                lambda c, client=client: c.commercial_partner_id != client
            )
            if strangers:
                raise ValidationError(
                    _(
                        "Their participants must be people of %(client)s; "
                        "%(contacts)s belong elsewhere.",
                        client=client.display_name,
                        contacts=", ".join(strangers.mapped("display_name")),
                    )
                )

    @api.constrains("partner_id")
    def _check_client_is_commercial_entity(self):
        for interaction in self:
            if interaction.partner_id != interaction.partner_id.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(partner)s is a contact of %(company)s: log the "
                        "interaction with %(company)s.",
                        partner=interaction.partner_id.display_name,
                        company=interaction.partner_id.commercial_partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Automatic capture (activities done, meetings held)
    # ------------------------------------------------------------------
    @api.model
    def _internal_partners(self, partners):
        """Partners of ``partners`` that are us: internal users and our
        companies (and their people). Never clients."""
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", partners.ids), ("share", "=", False)])
        )
        companies = self.env["res.company"].sudo().search([]).partner_id
        return partners.filtered(
            lambda p: p in users.partner_id or p.commercial_partner_id in companies
        )

    @api.model
    def _create_from_origins(self, vals_list):
        """Create interactions for events, skipping those already logged.

        Each vals carries origin_model, origin_res_id and partner_id: the
        same event never gives two interactions with the same client.
        Called as superuser by the capture hooks: the capture follows an
        action the user was allowed to do (mark an activity done, save a
        meeting), and the interaction must exist even when the user would
        not be allowed to create it by hand.
        """
        if not vals_list:
            return self.browse()
        existing = self.sudo().search_fetch(
            [
                ("origin_model", "in", list({v["origin_model"] for v in vals_list})),
                ("origin_res_id", "in", list({v["origin_res_id"] for v in vals_list})),
            ],
            ["origin_model", "origin_res_id", "partner_id"],
        )
        seen = {(i.origin_model, i.origin_res_id, i.partner_id.id) for i in existing}
        to_create = []
        for vals in vals_list:
            key = (vals["origin_model"], vals["origin_res_id"], vals["partner_id"])
            if key not in seen:
                seen.add(key)
                to_create.append(vals)
        return self.sudo().create(to_create)
