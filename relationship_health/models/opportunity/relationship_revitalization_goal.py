# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

from ...tools.compute import set_computed
from ..care.relationship_revitalization_plan import OPEN_PLAN_STATES

# The goals that are business: new business inside the client (a larger
# share of their spend) and cross-selling (seed 000).
BUSINESS_GOAL_KINDS = ("wallet_share", "cross_selling")


class RelationshipRevitalizationGoal(models.Model):
    _inherit = "relationship.revitalization.goal"

    opportunity_ids = fields.One2many(
        "crm.lead",
        "relationship_goal_id",
        string="Opportunities",
        context={"active_test": False},
        readonly=True,
        help="The opportunities opened to reach this goal.",
    )
    opportunity_count = fields.Integer(compute="_compute_opportunity_figures")
    opportunity_won_amount = fields.Monetary(
        string="Won",
        compute="_compute_opportunity_figures",
        currency_field="currency_id",
        help="The expected revenue of the goal's opportunities that were won.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    def _compute_opportunity_figures(self):
        """Counts and won amounts of every goal shown, in one query each,
        of the opportunities the user may read (a salesperson reads their
        own; their manager, every one)."""
        ids = self._origin.ids
        Lead = self.env["crm.lead"].with_context(active_test=False)
        counts = Lead._relationship_count_by_origin("relationship_goal_id", ids)
        amounts = {}
        # Won ones are among those counted: none readable, none won.
        if counts:
            amounts = {
                goal.id: amount
                for goal, amount in Lead._read_group(
                    [
                        ("relationship_goal_id", "in", ids),
                        ("active", "=", True),
                        ("stage_id.is_won", "=", True),
                    ],
                    ["relationship_goal_id"],
                    ["expected_revenue:sum"],
                )
            }
        set_computed(
            self,
            {
                "opportunity_count": [counts.get(g._origin.id, 0) for g in self],
                "opportunity_won_amount": [
                    amounts.get(g._origin.id, 0.0) for g in self
                ],
            },
        )

    def action_create_opportunity(self):
        """Button: work the goal as business: an opportunity for the client,
        linked to the goal (and counted in its won amount once won)."""
        self.ensure_one()
        if self.kind not in BUSINESS_GOAL_KINDS:
            kinds = dict(self._fields["kind"]._description_selection(self.env))
            raise UserError(
                _(
                    "Goal %(goal)s is about %(kind)s: opportunities come from "
                    "goals of new business inside the client or cross-selling.",
                    goal=self.name,
                    kind=kinds[self.kind].lower(),
                )
            )
        if self.plan_id.state not in OPEN_PLAN_STATES:
            raise UserError(
                _(
                    "The plan of goal %(goal)s is closed: bring the plan back to "
                    "a proposal to work on its goals.",
                    goal=self.name,
                )
            )
        lead = self.env["crm.lead"]._relationship_create_opportunity(
            self,
            _("%(client)s: %(goal)s", client=self.partner_id.name, goal=self.name),
        )
        return lead.action_relationship_open()

    def action_view_opportunities(self):
        self.ensure_one()
        return self.opportunity_ids.action_relationship_open()
