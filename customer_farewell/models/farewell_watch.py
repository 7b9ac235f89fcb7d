# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.relationship_health.models.relationship_client_mixin import (
    CLIENT_DOMAIN,
)
from odoo.addons.relationship_health.tools.batch import exclusive, run_in_batches

# The longest quiet period a watch (and the company setting) can have.
MAX_QUIET_DAYS = 730
WATCH_RELATIONS = [
    ("same_parent", "Same parent company"),
    ("moved_contact", "A contact moved there"),
    ("shared_contact", "Shares key contacts"),
]


class FarewellWatch(models.Model):
    """Contagion watch (seed 003: prevent the "epidemic" in the family): a
    partner related to a departed client, flagged for its owner for a quiet
    period."""

    _name = "farewell.watch"
    _inherit = ["relationship.rules.mixin"]
    _description = "Contagion Watch"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    departure_id = fields.Many2one(
        "farewell.departure",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    departed_id = fields.Many2one(
        related="departure_id.partner_id", store=True, string="Departed Client"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Watched Partner",
        required=True,
        index=True,
        check_company=True,
        domain=CLIENT_DOMAIN,
    )
    owner_id = fields.Many2one(
        related="partner_id.relationship_owner_id", store=True, string="Its Owner"
    )
    company_id = fields.Many2one(related="departure_id.company_id", store=True)
    relation = fields.Selection(WATCH_RELATIONS, required=True)
    via_contact_id = fields.Many2one(
        "res.partner",
        string="Through",
        check_company=True,
        help="The contact the two share or who moved.",
    )
    date_start = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="When the watch started: today or before.",
    )
    date_end = fields.Date(
        string="Quiet Until",
        required=True,
        help="The end of the quiet period: after its start, two years at most.",
    )
    state = fields.Selection(
        [("active", "Watched"), ("cleared", "Cleared")],
        string="Status",
        default="active",
        required=True,
        index=True,
    )

    _sql_constraints = [
        (
            "watch_unique",
            "UNIQUE (departure_id, partner_id)",
            "This partner is already watched for this departure.",
        ),
        (
            "quiet_period",
            (
                f"CHECK (date_end >= date_start AND date_end <= date_start + "
                f"{MAX_QUIET_DAYS})"
            ),
            (
                "The quiet period of a watch ends after it starts, and lasts two "
                "years at most."
            ),
        ),
    ]

    @api.constrains("date_start")
    def _check_date_start(self):
        today = fields.Date.context_today(self)
        # A missing date is the database's to refuse (a mandatory field).
        for watch in self.filtered("date_start"):
            if watch.date_start > today:
                raise ValidationError(
                    _(
                        "A watch starts when a related client has left: today "
                        "or before, not on %(date)s.",
                        date=watch.date_start,
                    )
                )

    @api.constrains("partner_id", "departure_id")
    def _check_partner(self):
        for watch in self:
            if watch.partner_id == watch.departure_id.partner_id:
                raise ValidationError(
                    _("The client that left is not on watch for its own departure.")
                )
            if watch.partner_id != watch.partner_id.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(partner)s is a contact of %(company)s: watch %(company)s.",
                        partner=watch.partner_id.display_name,
                        company=watch.partner_id.commercial_partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Rules: the workflow, and what it freezes
    # ------------------------------------------------------------------
    @api.model
    def _workflow_buttons(self):
        return {
            "state": _(
                "the watch is cleared at the end of its quiet period, or with "
                "Clear the Watch."
            ),
        }

    def _frozen_fields(self):
        self.ensure_one()
        frozen = dict.fromkeys(
            ("departure_id", "partner_id"),
            _(
                "A watch stays on its partner and its departure: clear it, and "
                "watch the other partner."
            ),
        )
        if self.state == "cleared":
            frozen.update(
                dict.fromkeys(
                    ("relation", "via_contact_id", "date_start", "date_end"),
                    _("A cleared watch cannot change."),
                )
            )
        return frozen

    @api.model_create_multi
    def create(self, vals_list):
        watches = super().create(vals_list)
        watches._notify_owners()
        return watches

    @api.model
    def _related_partners(self, departure):
        """{partner: (relation, via contact)} of the partners related to the
        departed client. Extension point."""
        client = departure.partner_id
        # Partners of the departure's company, or shared: never another
        # company's.
        Partner = self.env["res.partner"].sudo()
        in_company = [("company_id", "in", [False, departure.company_id.id])]
        related = {}
        if client.parent_id:
            for sibling in Partner.search(
                [
                    ("parent_id", "=", client.parent_id.id),
                    ("is_company", "=", True),
                    ("id", "!=", client.id),
                    *in_company,
                ]
            ):
                related[sibling] = ("same_parent", Partner)
        contacts = Partner.with_context(active_test=False).search(
            [
                ("commercial_partner_id", "=", client.id),
                ("id", "!=", client.id),
                ("email_normalized", "!=", False),
            ]
        )
        if contacts:
            elsewhere = Partner.search(
                [
                    ("email_normalized", "in", contacts.mapped("email_normalized")),
                    ("commercial_partner_id", "!=", client.id),
                    *in_company,
                ]
            )
            for person in elsewhere:
                company = person.commercial_partner_id
                if company in related or company.company_id not in (
                    departure.company_id,
                    self.env["res.company"],
                ):
                    continue
                origin = contacts.filtered(
                    lambda c, e=person.email_normalized: c.email_normalized == e
                )[:1]
                moved = not origin.active or (
                    "stakeholder_left" in origin._fields and origin.stakeholder_left
                )
                related[company] = (
                    "moved_contact" if moved else "shared_contact",
                    person,
                )
        return related

    @api.model
    def _watch_related(self, departures):
        """Flag the partners related to the departed clients, with an
        activity for their owners (never behind a closed door)."""
        today = fields.Date.context_today(self)
        vals_list = []
        for departure in departures.filtered(lambda d: d.door_state == "open"):
            quiet = departure.company_id.farewell_watch_quiet_days
            existing = departure.watch_ids.partner_id
            for partner, (relation, via) in self._related_partners(departure).items():
                if partner in existing or partner == departure.partner_id:
                    continue
                vals_list.append(
                    {
                        "departure_id": departure.id,
                        "partner_id": partner.id,
                        "relation": relation,
                        "via_contact_id": via.id or False,
                        "date_start": today,
                        "date_end": today + timedelta(days=quiet),
                    }
                )
        # The watches follow a departure the user was allowed to record,
        # on partners of other owners too: created as superuser.
        return self.sudo().create(vals_list).with_env(self.env)

    def _notify_owners(self):
        """One activity per watched partner for its owner, in their
        language."""
        watches = self.filtered(lambda w: w.state == "active")
        self.env["mail.activity"]._relationship_schedule(
            [
                {
                    "record": watch.partner_id,
                    "activity_type": "customer_farewell.mail_activity_type_contagion",
                    "user": watch.owner_id or watch.partner_id.user_id or self.env.user,
                    "summary": lambda env, w=watch: env._(
                        "%(client)s left: look after %(partner)s",
                        client=w.departed_id.name,
                        partner=w.partner_id.name,
                    ),
                    "note": lambda env, w=watch: w.with_env(env)._note(),
                }
                for watch in watches
            ],
            once=True,
        )

    def _note(self):
        self.ensure_one()
        relations = dict(self._fields["relation"]._description_selection(self.env))
        return _(
            "Related to %(client)s, which just left us (%(relation)s). "
            "Make sure the departure does not spread: get in touch.",
            client=self.departed_id.name,
            relation=relations.get(self.relation, self.relation),
        )

    def action_clear(self):
        """The owner of the watched partner lifts the watch before the end of
        the quiet period."""
        if self.filtered(lambda w: w.state != "active"):
            raise UserError(_("This watch is already cleared."))
        self._clear()
        return True

    def _clear(self):
        with self._system_write():
            self.write({"state": "cleared"})

    @api.model
    def _cron_clear_watches(self, today=None):
        """Scheduled: clear the watches whose quiet period is over; batched,
        idempotent."""
        today = today or fields.Date.context_today(self)
        watches = self.search([("state", "=", "active"), ("date_end", "<", today)])
        with exclusive(self.env, "contagion watch clearing") as mine:
            if not mine:
                return self.browse()
            run_in_batches(
                watches, lambda batch: batch._clear(), label="Contagion watch"
            )
        return watches
