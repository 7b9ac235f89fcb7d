# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

from ..care.relationship_revitalization_plan import OPEN_PLAN_STATES


class RelationshipRevitalizationPlan(models.Model):
    _inherit = "relationship.revitalization.plan"

    invoicing_installed = fields.Boolean(
        compute="_compute_invoicing_installed",
        help="Technical: whether goals of new business are measured from "
        "invoices (Invoicing is installed).",
    )

    def _compute_invoicing_installed(self):
        self.invoicing_installed = self.env["res.partner"]._relationship_invoicing()

    def write(self, vals):
        res = super().write(vals)
        # The period the goals are measured on starts with the plan.
        if {"date_start", "deadline"} & set(vals):
            self.goal_ids._relationship_measure()
        return res

    def action_done(self):
        # The goals keep what they reached on the day the plan is achieved.
        self.goal_ids._relationship_measure()
        return super().action_done()

    def action_measure_goals(self):
        """Button Refresh: measure the goals of new business from the
        invoices now, rather than wait for the night."""
        if not self.env["res.partner"]._relationship_invoicing():
            raise UserError(
                _(
                    "Invoicing is not installed: the progress of new business "
                    "goals cannot be measured; type what they achieved."
                )
            )
        for plan in self:
            if plan.state not in OPEN_PLAN_STATES:
                raise UserError(
                    _(
                        "Plan %(plan)s is closed: its goals keep what they had "
                        "reached when it closed.",
                        plan=plan.name,
                    )
                )
        # Only who may change the goals refreshes them.
        self.goal_ids.check_access("write")
        self.goal_ids._relationship_measure()
        return True
