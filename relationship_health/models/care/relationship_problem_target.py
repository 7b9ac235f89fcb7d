# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PROBLEM_PRIORITIES = [
    ("0", "Normal"),
    ("1", "High"),
    ("2", "Urgent"),
]


class RelationshipProblemTarget(models.Model):
    """How fast a client's problem must be answered and solved, by priority.

    A company's own target wins over the one shared by every company.
    """

    _name = "relationship.problem.target"
    _inherit = ["relationship.rules.mixin"]
    _description = "Problem Response Target"
    _order = "priority, id"
    _rec_name = "priority"

    priority = fields.Selection(PROBLEM_PRIORITIES, required=True)
    response_hours = fields.Float(
        string="First Response Within (hours)",
        required=True,
        default=24,
        help="Hours between the report of a problem and our first answer to "
        "the client.",
    )
    resolution_days = fields.Float(
        string="Resolve Within (days)",
        required=True,
        default=10,
        help="Days between the report of a problem and its resolution.",
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty to use this target in every company."
    )

    @api.constrains("response_hours", "resolution_days")
    def _check_positive(self):
        for target in self:
            if (
                not 0 < target.response_hours <= 24 * 365
                or not 0 < target.resolution_days <= 365
            ):
                raise ValidationError(
                    _(
                        "Problem targets are times to answer and to solve: "
                        "they must be greater than zero, and within a year."
                    )
                )
            if target.response_hours > target.resolution_days * 24:
                raise ValidationError(
                    _(
                        "The first answer to a problem cannot be due after its "
                        "resolution: %(hours)s hours is more than %(days)s days.",
                        hours=target.response_hours,
                        days=target.resolution_days,
                    )
                )

    @api.constrains("priority", "company_id")
    def _check_unique(self):
        for target in self:
            if self.search_count(
                [
                    ("id", "!=", target.id),
                    ("priority", "=", target.priority),
                    ("company_id", "=", target.company_id.id),
                ],
                limit=1,
            ):
                raise ValidationError(
                    _(
                        "There is already a target for %(priority)s problems: "
                        "edit it instead.",
                        priority=dict(
                            self._fields["priority"]._description_selection(self.env)
                        )[target.priority],
                    )
                )

    @api.model
    def _targets_by_priority(self, company_ids):
        """{(company_id, priority): (response_hours, resolution_days)} for the
        given companies, a company's own target first, in one query."""
        targets = self.sudo().search([("company_id", "in", [*company_ids, False])])
        found = {}
        for target in targets.sorted(lambda t: bool(t.company_id)):
            companies = [target.company_id.id] if target.company_id else company_ids
            for company_id in companies:
                found[(company_id, target.priority)] = (
                    target.response_hours,
                    target.resolution_days,
                )
        return found
