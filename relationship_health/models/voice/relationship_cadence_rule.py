# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..care.relationship_cadence_rule import MAX_DAYS


class RelationshipCadenceRule(models.Model):
    _inherit = "relationship.cadence.rule"

    satisfaction_days = fields.Integer(
        string="Ask Satisfaction Every (days)",
        default=0,
        help="Days between two satisfaction requests to the people of the "
        "client we talk with (0: none on a schedule). After a visit, nobody "
        "is asked again within these days (90 when 0). After a problem is "
        "resolved, the person who raised it is always asked.",
    )

    @api.constrains("satisfaction_days")
    def _check_satisfaction_days(self):
        for rule in self:
            if not 0 <= rule.satisfaction_days <= MAX_DAYS:
                raise ValidationError(
                    _(
                        "Care rule %(name)s: satisfaction is asked every 0 "
                        "(never on a schedule) to 3650 days.",
                        name=rule.name,
                    )
                )
