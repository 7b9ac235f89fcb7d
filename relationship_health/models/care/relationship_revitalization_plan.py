# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..health.relationship_health_scorecard import HEALTH_BANDS
from ..relationship_interaction import OLDEST_YEAR

PLAN_STATES = [
    ("draft", "Proposed"),
    ("active", "In Progress"),
    ("done", "Achieved"),
    ("cancelled", "Abandoned"),
]
OPEN_PLAN_STATES = ("draft", "active")


class RelationshipRevitalizationPlan(models.Model):
    """Concrete goals to bring a drifting relationship back (seed 000):
    new business inside the client, cross-selling, new people, new methods,
    new places to meet."""

    _name = "relationship.revitalization.plan"
    _description = "Revitalization Plan"
    _inherit = ["relationship.client.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "deadline, id desc"
    _internal_user_fields = ("user_ids",)

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    partner_id = fields.Many2one(tracking=True, ondelete="cascade")
    user_ids = fields.Many2many(
        "res.users",
        "relationship_revitalization_plan_res_users_rel",
        "plan_id",
        "user_id",
        string="Team",
        domain=[("share", "=", False)],
        check_company=True,
        default=lambda self: self.env.user,
        help="Our people working on the plan with the account owner.",
    )
    state = fields.Selection(
        PLAN_STATES,
        required=True,
        default="draft",
        tracking=True,
        index=True,
        group_expand=True,
    )
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today
    )
    deadline = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(months=3),
        tracking=True,
    )
    diagnosis = fields.Html(help="Why the relationship drifted, as we see it.")
    goal_ids = fields.One2many(
        "relationship.revitalization.goal", "plan_id", string="Goals", copy=True
    )
    goal_count = fields.Integer(compute="_compute_progress", store=True)
    progress = fields.Float(
        compute="_compute_progress",
        store=True,
        aggregator="avg",
        help="The average progress of the goals.",
    )
    health_band_start = fields.Selection(
        HEALTH_BANDS, string="Health at Start", readonly=True, copy=False
    )
    health_score_start = fields.Integer(
        string="Score at Start", readonly=True, copy=False
    )
    health_band = fields.Selection(related="partner_id.health_band", string="Health")
    health_score = fields.Integer(related="partner_id.health_score", string="Score")

    @api.depends("partner_id")
    def _compute_name(self):
        for plan in self:
            if plan.partner_id and not plan.name:
                plan.name = _("Revitalize %(client)s", client=plan.partner_id.name)

    @api.depends("goal_ids.progress")
    def _compute_progress(self):
        for plan in self:
            goals = plan.goal_ids
            plan.goal_count = len(goals)
            plan.progress = sum(goals.mapped("progress")) / len(goals) if goals else 0.0

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        # The health at the start is the client's, as the plan starts.
        with self._system_write():
            for (band, score), started in plans.grouped(
                lambda p: (p.partner_id.health_band, p.partner_id.health_score)
            ).items():
                started.write({"health_band_start": band, "health_score_start": score})
        return plans

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("partner_id")
    def _check_client_needs_it(self):
        for plan in self:
            if plan.partner_id.health_band == "healthy":
                raise ValidationError(
                    _(
                        "%(client)s is healthy: a revitalization plan is for "
                        "relationships to watch or at risk.",
                        client=plan.partner_id.display_name,
                    )
                )

    @api.constrains("partner_id", "state")
    def _check_one_open_plan(self):
        open_plans = self.filtered(lambda p: p.state in OPEN_PLAN_STATES)
        if not open_plans:
            return
        # Plans the user cannot see count too: one open plan per client.
        counts = self.sudo()._read_group(
            [
                ("partner_id", "in", open_plans.partner_id.ids),
                ("state", "in", OPEN_PLAN_STATES),
            ],
            ["partner_id"],
            ["__count"],
        )
        for client, count in counts:
            if count > 1:
                raise ValidationError(
                    _(
                        "%(client)s already has an open revitalization plan: "
                        "work on it, or close it before starting another.",
                        client=client.display_name,
                    )
                )

    @api.constrains("date_start", "deadline")
    def _check_dates(self):
        for plan in self:
            if plan.date_start.year < OLDEST_YEAR or plan.deadline.year > 2999:
                raise ValidationError(
                    _(
                        "Plan %(plan)s runs from %(start)s to %(deadline)s: "
                        "these dates are typing mistakes.",
                        plan=plan.name,
                        start=fields.Date.to_string(plan.date_start),
                        deadline=fields.Date.to_string(plan.deadline),
                    )
                )
            if plan.deadline < plan.date_start:
                raise ValidationError(
                    _(
                        "Plan %(plan)s cannot end (%(deadline)s) before it "
                        "starts (%(start)s).",
                        plan=plan.name,
                        deadline=fields.Date.to_string(plan.deadline),
                        start=fields.Date.to_string(plan.date_start),
                    )
                )
        self.goal_ids._check_deadline_in_plan()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    # Which states each button moves a plan from.
    _TRANSITIONS = {
        "active": ("draft",),
        "done": ("active",),
        "cancelled": ("draft", "active"),
        "draft": ("done", "cancelled"),
    }

    @api.model
    def _workflow_buttons(self):
        return {
            "state": _(
                "use Start the Plan, Achieved, Decline or Abandon, and Back to "
                "Proposal."
            )
        }

    def _frozen_fields(self):
        if self.state in ("done", "cancelled"):
            reason = _(
                "Plan %(plan)s is closed: bring it back to a proposal to change it.",
                plan=self.name,
            )
            return dict.fromkeys(
                ("partner_id", "date_start", "deadline", "goal_ids", "company_id"),
                reason,
            )
        return {}

    def _move_to(self, state):
        """Move these plans to ``state``, from the states it comes from."""
        labels = dict(self._fields["state"]._description_selection(self.env))
        for plan in self:
            if plan.state not in self._TRANSITIONS[state]:
                raise UserError(
                    _(
                        "Plan %(plan)s is %(current)s: it cannot become %(state)s.",
                        plan=plan.name,
                        current=labels[plan.state],
                        state=labels[state],
                    )
                )
        with self._system_write():
            self.write({"state": state})
        return True

    def action_start(self):
        """Button: the proposal is accepted, work starts."""
        for plan in self:
            if not plan.goal_ids:
                raise UserError(
                    _(
                        "Give plan %(plan)s at least one goal before starting it.",
                        plan=plan.name,
                    )
                )
        return self._move_to("active")

    def action_done(self):
        """Button: the relationship is back on track."""
        return self._move_to("done")

    def action_cancel(self):
        """Button: the plan is dropped (or the proposal declined)."""
        return self._move_to("cancelled")

    def action_reset_draft(self):
        """Button: a closed plan becomes a proposal again."""
        return self._move_to("draft")
