# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client's own voice on the client: how many answered our satisfaction
requests over the last 12 months and how happy they were, the answers over
time, and asking now."""

from datetime import timedelta

from odoo import _, fields, models

# The summary on the client looks at the last 12 months.
SATISFACTION_DAYS = 365


class ResPartner(models.Model):
    _inherit = "res.partner"

    relationship_satisfaction_count = fields.Integer(
        string="Satisfaction Answers",
        compute="_compute_relationship_summary",
        help="Answers to our satisfaction requests over the last 12 months.",
        groups="relationship_health.group_relationship_user",
    )
    relationship_satisfaction_average = fields.Float(
        string="Average Satisfaction",
        compute="_compute_relationship_summary",
        digits=(16, 1),
        help="The average answer (out of 5) of the last 12 months.",
        groups="relationship_health.group_relationship_user",
    )

    # ------------------------------------------------------------------
    # The client's summary (one query with every add-on's counts)
    # ------------------------------------------------------------------
    def _relationship_summary_requests(self):
        requests = super()._relationship_summary_requests()
        Request = self.env["relationship.satisfaction.request"]
        if Request.has_access("read"):
            ids = list({c.id for c in self._relationship_commercial_of().values()})
            since = fields.Datetime.now() - timedelta(days=SATISFACTION_DAYS)
            requests["satisfaction_answers"] = (
                Request,
                [
                    ("partner_id", "in", ids),
                    ("state", "=", "answered"),
                    ("answer_date", ">=", since),
                ],
                ["partner_id"],
                ["__count", "answer_rating:avg"],
            )
        return requests

    def _relationship_summary_set(self, answers):
        by_client = {
            client.id: (count, average)
            for client, count, average in answers.get("satisfaction_answers", [])
        }
        client_of = self._relationship_commercial_of()
        for partner in self:
            count, average = by_client.get(client_of[partner].id, (0, 0.0))
            partner.relationship_satisfaction_count = count
            partner.relationship_satisfaction_average = average or 0.0
        return super()._relationship_summary_set(answers)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_relationship_satisfaction(self):
        """Stat button: the satisfaction answers of this client over time."""
        return self._relationship_open_care(
            "relationship_health.relationship_satisfaction_request_action_client",
            [],
            {"search_default_answered": 1},
        )

    def action_relationship_ask_satisfaction(self):
        """Button: ask one of this client's people how we are doing."""
        self.ensure_one()
        client = self._relationship_client()
        context = {"default_partner_id": client.id}
        if self != client:
            context["default_contact_id"] = self.id
        return {
            "type": "ir.actions.act_window",
            "name": _("Ask for Satisfaction"),
            "res_model": "relationship.satisfaction.request",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }
