# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Seed 000: how a relationship is revitalized.
GOAL_KINDS = [
    ("wallet_share", "New business inside the client (wallet share)"),
    ("cross_selling", "Cross-selling"),
    ("new_people", "New people in the relationship"),
    ("new_methods", "New methods"),
    ("new_places", "New meeting places or channels"),
]
GOAL_STATES = [
    ("todo", "To Do"),
    ("in_progress", "In Progress"),
    ("reached", "Reached"),
    ("missed", "Missed"),
]


class RelationshipRevitalizationGoal(models.Model):
    _name = "relationship.revitalization.goal"
    _inherit = ["relationship.rules.mixin"]
    _description = "Revitalization Goal"
    _order = "sequence, deadline, id"
    _check_company_auto = True
    _internal_user_fields = ("user_id",)

    plan_id = fields.Many2one(
        "relationship.revitalization.plan",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(GOAL_KINDS, required=True)
    name = fields.Char(string="Goal", required=True)
    target = fields.Float(
        help="What reaching the goal takes, in the unit of the goal (an "
        "amount, people, meetings...).",
    )
    achieved = fields.Float(help="Where we are, in the same unit.")
    unit = fields.Char()
    deadline = fields.Date()
    state = fields.Selection(GOAL_STATES, required=True, default="todo")
    progress = fields.Float(compute="_compute_progress", store=True, aggregator="avg")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        domain=[("share", "=", False)],
        check_company=True,
        default=lambda self: self.env.user,
    )
    partner_id = fields.Many2one(related="plan_id.partner_id", store=True, index=True)
    owner_id = fields.Many2one(related="plan_id.owner_id", string="Account Owner")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)

    @api.depends("target", "achieved", "state")
    def _compute_progress(self):
        for goal in self:
            if goal.state == "reached":
                goal.progress = 100.0
            elif goal.target > 0:
                goal.progress = min(100.0, 100.0 * goal.achieved / goal.target)
            else:
                goal.progress = 0.0

    def _frozen_fields(self):
        if self.plan_id.state in ("done", "cancelled"):
            reason = _(
                "The plan of goal %(goal)s is closed: bring the plan back to "
                "a proposal to change its goals.",
                goal=self.name,
            )
            return dict.fromkeys(self._fields, reason)
        return {}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_plan(self):
        for goal in self:
            if goal.plan_id.state in ("done", "cancelled"):
                raise UserError(goal._frozen_fields()["name"])

    @api.model_create_multi
    def create(self, vals_list):
        goals = super().create(vals_list)
        for goal in goals:
            if goal.plan_id.state in ("done", "cancelled"):
                raise UserError(goal._frozen_fields()["name"])
        return goals

    @api.constrains("target", "achieved")
    def _check_amounts(self):
        for goal in self:
            if goal.target < 0 or goal.achieved < 0:
                raise ValidationError(
                    _(
                        "Goal %(goal)s: the target and what is achieved cannot "
                        "be negative.",
                        goal=goal.name,
                    )
                )

    @api.constrains("deadline", "plan_id")
    def _check_deadline_in_plan(self):
        for goal in self.filtered("deadline"):
            plan = goal.plan_id
            if not plan.date_start <= goal.deadline <= plan.deadline:
                raise ValidationError(
                    _(
                        "Goal %(goal)s is due on %(date)s, outside its plan "
                        "(%(start)s to %(end)s).",
                        goal=goal.name,
                        date=fields.Date.to_string(goal.deadline),
                        start=fields.Date.to_string(plan.date_start),
                        end=fields.Date.to_string(plan.deadline),
                    )
                )
