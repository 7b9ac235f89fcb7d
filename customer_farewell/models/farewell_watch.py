# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models

from odoo.addons.relationship_health.tools.batch import run_in_batches

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
    _description = "Contagion Watch"
    _order = "date_start desc, id desc"

    departure_id = fields.Many2one(
        "farewell.departure", required=True, ondelete="cascade", index=True
    )
    departed_id = fields.Many2one(
        related="departure_id.partner_id", store=True, string="Departed Client"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Watched Partner", required=True, index=True
    )
    owner_id = fields.Many2one(
        related="partner_id.relationship_owner_id", store=True, string="Its Owner"
    )
    company_id = fields.Many2one(related="departure_id.company_id", store=True)
    relation = fields.Selection(WATCH_RELATIONS, required=True)
    via_contact_id = fields.Many2one(
        "res.partner", string="Through", help="The contact the two share or who moved."
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="Quiet Until", required=True)
    state = fields.Selection(
        [("active", "Watched"), ("cleared", "Cleared")],
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
    ]

    @api.model
    def _related_partners(self, departure):
        """{partner: (relation, via contact)} of the partners related to the
        departed client. Extension point."""
        client = departure.partner_id
        Partner = self.env["res.partner"].sudo()
        related = {}
        if client.parent_id:
            for sibling in Partner.search(
                [
                    ("parent_id", "=", client.parent_id.id),
                    ("is_company", "=", True),
                    ("id", "!=", client.id),
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
                ]
            )
            for person in elsewhere:
                company = person.commercial_partner_id
                if company in related:
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
        watches = self.sudo().create(vals_list)
        watches._notify_owners()
        return watches

    def _notify_owners(self):
        """One activity per watched partner for its owner, in their
        language."""
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
                for watch in self
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

    def _clear(self):
        self.write({"state": "cleared"})

    @api.model
    def _cron_clear_watches(self, today=None):
        """Scheduled: clear the watches whose quiet period is over; batched,
        idempotent."""
        today = today or fields.Date.context_today(self)
        watches = self.search([("state", "=", "active"), ("date_end", "<", today)])
        run_in_batches(watches, lambda batch: batch._clear(), label="Contagion watch")
        return watches
