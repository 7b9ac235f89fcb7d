# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..relationship_stage_history import RELATIONSHIP_STAGES, RELATIONSHIP_TYPES

# Bounds of a scorecard line: targets are days, people or percentages, the
# windows look back at most ten years.
MAX_TARGET = 10000
MAX_WINDOW_DAYS = 3650

HEALTH_BANDS = [
    ("healthy", "Healthy"),
    ("watch", "Watch"),
    ("at_risk", "At risk"),
]


class RelationshipHealthScorecard(models.Model):
    _name = "relationship.health.scorecard"
    _inherit = ["relationship.segment.mixin", "relationship.rules.mixin"]
    _description = "Health Scorecard"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to use this scorecard in every company.",
    )
    relationship_type = fields.Selection(
        RELATIONSHIP_TYPES,
        help="Clients of this relationship type use this scorecard. Leave "
        "empty for any type.",
    )
    relationship_stage = fields.Selection(
        RELATIONSHIP_STAGES,
        string="Lifecycle Stage",
        help="Clients in this stage use this scorecard. Leave empty for any "
        "stage. A scorecard with neither is the default.",
    )
    is_default = fields.Boolean(
        string="Default", compute="_compute_is_default", store=True
    )
    line_ids = fields.One2many(
        "relationship.health.scorecard.line",
        "scorecard_id",
        string="Components",
        copy=True,
    )
    total_weight = fields.Integer(compute="_compute_total_weight")
    threshold_healthy = fields.Integer(
        string="Healthy from",
        default=70,
        required=True,
        help="Clients scoring this or more are healthy.",
    )
    threshold_watch = fields.Integer(
        string="Watch from",
        default=40,
        required=True,
        help="Clients scoring this or more (and less than the healthy "
        "threshold) are to watch; below it, they are at risk.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        return (
            super(
                RelationshipHealthScorecard,
                self.with_context(relationship_scorecard_lines_batch=True),
            )
            .create(vals_list)
            .with_env(self.env)
        )

    def write(self, vals):
        return super(
            RelationshipHealthScorecard,
            self.with_context(relationship_scorecard_lines_batch=True),
        ).write(vals)

    @api.depends("relationship_type", "relationship_stage")
    def _compute_is_default(self):
        for scorecard in self:
            scorecard.is_default = not (
                scorecard.relationship_type or scorecard.relationship_stage
            )

    @api.depends("line_ids.weight")
    def _compute_total_weight(self):
        for scorecard in self:
            scorecard.total_weight = sum(scorecard.line_ids.mapped("weight"))

    @api.constrains("line_ids", "active")
    def _check_weights(self):
        for scorecard in self.filtered("active"):
            if scorecard.total_weight != 100:
                raise ValidationError(
                    _(
                        "The weights of scorecard %(name)s add up to %(total)s: "
                        "they must add up to 100.",
                        name=scorecard.name,
                        total=scorecard.total_weight,
                    )
                )

    @api.constrains("threshold_healthy", "threshold_watch")
    def _check_thresholds(self):
        for scorecard in self:
            if not (0 < scorecard.threshold_watch < scorecard.threshold_healthy <= 100):
                raise ValidationError(
                    _(
                        "Scorecard %(name)s: the thresholds must be in order, "
                        "0 < watch (%(watch)s) < healthy (%(healthy)s) <= 100.",
                        name=scorecard.name,
                        watch=scorecard.threshold_watch,
                        healthy=scorecard.threshold_healthy,
                    )
                )

    @api.constrains("relationship_type", "relationship_stage", "company_id", "active")
    def _check_segments(self):
        for scorecard in self.filtered("active"):
            overlap = scorecard._segment_overlap()
            if overlap:
                raise ValidationError(
                    _(
                        "Scorecards %(name)s and %(other)s cover the same "
                        "clients: give them different relationship types or "
                        "lifecycle stages.",
                        name=scorecard.name,
                        other=overlap.name,
                    )
                )

    def _band(self, score):
        """The band of ``score`` on this scorecard."""
        self.ensure_one()
        if score >= self.threshold_healthy:
            return "healthy"
        if score >= self.threshold_watch:
            return "watch"
        return "at_risk"


class RelationshipHealthScorecardLine(models.Model):
    _name = "relationship.health.scorecard.line"
    _inherit = ["relationship.rules.mixin"]
    _description = "Health Scorecard Component"
    _order = "sequence, id"

    scorecard_id = fields.Many2one(
        "relationship.health.scorecard", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    component = fields.Selection(selection="_selection_component", required=True)
    weight = fields.Integer(required=True, default=10)
    target = fields.Float(
        help="What full points take: the unit depends on the component."
    )
    target_label = fields.Char(string="Unit", compute="_compute_target_label")
    window_days = fields.Integer(
        string="Window (days)",
        help="How far back the component looks, for the components that "
        "look at a period.",
    )

    _sql_constraints = [
        (
            "weight_range",
            "CHECK (weight >= 0 AND weight <= 100)",
            "A component's weight is between 0 and 100.",
        ),
        (
            "component_unique",
            "UNIQUE (scorecard_id, component)",
            "A scorecard uses each component once.",
        ),
    ]

    def _selection_component(self):
        components = self.env["relationship.health.engine"]._health_components()
        return [
            (key, self.env._(component.label)) for key, component in components.items()
        ]

    @api.depends("component")
    def _compute_target_label(self):
        components = self.env["relationship.health.engine"]._health_components()
        for line in self:
            component = components.get(line.component)
            line.target_label = (
                self.env._(component.target_label)
                if component and component.target_label
                else ""
            )

    # A scorecard's lines are often edited together (the form saves them in
    # one write of the scorecard): their total is checked once, at the end of
    # that write (constraint on line_ids). Lines written on their own are
    # checked right after.
    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_scorecard_weights()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if {"weight", "scorecard_id"} & set(vals):
            self._check_scorecard_weights()
        return res

    def unlink(self):
        scorecards = self.scorecard_id
        res = super().unlink()
        if not self.env.context.get("relationship_scorecard_lines_batch"):
            scorecards.exists()._check_weights()
        return res

    def _check_scorecard_weights(self):
        if not self.env.context.get("relationship_scorecard_lines_batch"):
            self.scorecard_id._check_weights()

    @api.onchange("component")
    def _onchange_component(self):
        components = self.env["relationship.health.engine"]._health_components()
        component = components.get(self.component)
        if component:
            self.target = component.default_target
            self.window_days = component.default_window_days

    @api.constrains("target", "window_days")
    def _check_params(self):
        for line in self:
            if line.target < 0 or line.window_days < 0:
                raise ValidationError(
                    _("Targets and windows of health components cannot be negative.")
                )
            if line.target > MAX_TARGET or line.window_days > MAX_WINDOW_DAYS:
                raise ValidationError(
                    _(
                        "Scorecard %(name)s: a target of %(target)s or a window "
                        "of %(days)s days is out of range (at most %(max_target)s "
                        "and %(max_days)s days).",
                        name=line.scorecard_id.name,
                        target=line.target,
                        days=line.window_days,
                        max_target=MAX_TARGET,
                        max_days=MAX_WINDOW_DAYS,
                    )
                )

    @api.constrains("component")
    def _check_component(self):
        """The component's selection depends on the add-ons installed: a
        line for a component that does not exist would be ignored by the
        engine, and its scorecard would silently weigh less."""
        components = self.env["relationship.health.engine"]._health_components()
        for line in self:
            if line.component not in components:
                raise ValidationError(
                    _(
                        "Scorecard %(name)s: there is no health component "
                        "%(component)s. Choose one of: %(known)s.",
                        name=line.scorecard_id.name,
                        component=repr(line.component),
                        known=", ".join(sorted(components)),
                    )
                )

    def _params(self):
        self.ensure_one()
        return {"target": self.target, "window_days": self.window_days}
