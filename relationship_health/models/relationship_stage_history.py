# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Lifecycle of a client relationship (seed 001): order matters, it is the
# order of the kanban columns and of the status bar.
RELATIONSHIP_STAGES = [
    ("exploration", "Exploration"),
    ("awareness", "Awareness"),
    ("expansion", "Expansion"),
    ("commitment", "Commitment"),
    ("dissolution", "Dissolution"),
]

RELATIONSHIP_TYPES = [
    ("transactional", "Transactional"),
    ("long_term", "Long-term"),
    ("personal_assistance", "Personal assistance"),
    ("dedicated_assistance", "Dedicated personal assistance"),
    ("self_service", "Self-service"),
    ("automated", "Automated services"),
    ("community", "Community"),
]


class RelationshipStageHistory(models.Model):
    _name = "relationship.stage.history"
    _inherit = ["relationship.rules.mixin"]
    _description = "Lifecycle Stage Period"
    _order = "date_start desc, id desc"
    _rec_name = "stage"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index=True
    )
    stage = fields.Selection(RELATIONSHIP_STAGES, required=True)
    date_start = fields.Datetime(string="Entered", required=True)
    date_end = fields.Datetime(string="Left")
    duration_days = fields.Float(
        string="Days in Stage",
        compute="_compute_duration_days",
        digits=(16, 1),
        help="Time spent in this stage; for the current stage, until now.",
    )
    is_current = fields.Boolean(
        string="Current", compute="_compute_duration_days", search="_search_is_current"
    )
    changed_by_id = fields.Many2one(
        "res.users", string="Changed by", default=lambda self: self.env.user
    )

    _sql_constraints = [
        (
            "dates_in_order",
            "CHECK (date_end IS NULL OR date_end >= date_start)",
            "A stage period cannot end before it starts.",
        ),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        limit = fields.Datetime.now() + timedelta(minutes=5)
        for period in self:
            for moment in (period.date_start, period.date_end):
                if moment and (moment > limit or moment.year < 1900):
                    raise ValidationError(
                        _(
                            "A stage period of %(client)s on %(date)s? It must "
                            "be in the past, and after 1900.",
                            client=period.partner_id.display_name,
                            date=fields.Datetime.to_string(moment),
                        )
                    )

    @api.depends("date_start", "date_end")
    def _compute_duration_days(self):
        now = fields.Datetime.now()
        for period in self:
            end = period.date_end or now
            start = period.date_start or now
            period.duration_days = max((end - start).total_seconds(), 0) / 86400
            period.is_current = not period.date_end

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        current = (operator == "=") == bool(value)
        return [("date_end", "=" if current else "!=", False)]
