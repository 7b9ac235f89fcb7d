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

# Seed 002: offer them more opportunities than requests, give before you
# ask. What we brought to the client, or what we asked of them.
EXCHANGE_KINDS = [
    ("information", "We offered information"),
    ("introduction", "We offered an introduction"),
    ("opportunity", "We offered an opportunity"),
    ("other", "We offered something else"),
    ("asked", "We asked for something"),
]
# Information passed on (an article, a link, a document): what sharing it
# with the client's people records.
EXCHANGE_INFORMATION = "information"
EXCHANGE_OFFERED = ("information", "introduction", "opportunity", "other")
EXCHANGE_ASKED = ("asked",)

INTERACTION_SOURCES = [
    ("manual", "Logged by hand"),
    ("activity", "Activity done"),
    ("meeting", "Calendar meeting"),
    ("email", "Email exchanged"),
    ("rating", "Satisfaction answer"),
]

# Clock skew tolerated between a browser and the server before a date counts
# as "in the future".
FUTURE_TOLERANCE = timedelta(minutes=5)
# Dates of a relationship before this year are typing mistakes.
OLDEST_YEAR = 1900


class RelationshipInteraction(models.Model):
    _name = "relationship.interaction"
    _inherit = ["relationship.client.mixin"]
    _description = "Client Interaction"
    _order = "date desc, id desc"
    _client_contact_field = "contact_ids"
    _internal_user_fields = ("user_ids",)

    name = fields.Char(string="Subject", required=True)
    date = fields.Datetime(
        required=True, index=True, default=fields.Datetime.now, copy=False
    )
    partner_id = fields.Many2one(
        ondelete="cascade",
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
    exchange = fields.Selection(
        EXCHANGE_KINDS,
        string="Offered or Asked",
        index=True,
        help="Something we brought them (information, an introduction, an "
        "opportunity for them) or something we asked of them. The client's "
        "Relationship page shows the balance of the last 12 months: offer "
        "them more than you ask. Leave it empty when neither.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "relationship_interaction_res_users_rel",
        "interaction_id",
        "user_id",
        string="Our Participants",
        domain=[("share", "=", False)],
        check_company=True,
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
    relationship_stage = fields.Selection(
        related="partner_id.relationship_stage", string="Lifecycle Stage"
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
        interactions = super().create(vals_list)
        interactions._relationship_logged()
        return interactions

    def _relationship_logged(self):
        """These interactions were just logged. Extension point for what
        follows from them (care closes the reminders they fulfil, key
        accounts refresh their threads)."""

    @api.model
    def _client_missing_message(self):
        return _("An interaction is always with a client: choose the client.")

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date")
    def _check_date_not_in_future(self):
        limit = fields.Datetime.now() + FUTURE_TOLERANCE
        for interaction in self:
            if interaction.date.year < OLDEST_YEAR:
                raise ValidationError(
                    _(
                        "An interaction on %(date)s? Dates before %(year)s are "
                        "typing mistakes.",
                        date=fields.Datetime.to_string(interaction.date),
                        year=OLDEST_YEAR,
                    )
                )
            if interaction.date > limit:
                raise ValidationError(
                    _(
                        "An interaction records something that happened: its "
                        "date (%(date)s) cannot be in the future. Schedule an "
                        "activity or a meeting instead.",
                        date=fields.Datetime.to_string(interaction.date),
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
        with self._system_write():
            return self.sudo().create(to_create)
