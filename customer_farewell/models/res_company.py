# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    farewell_watch_quiet_days = fields.Integer(
        string="Contagion Watch: Quiet Period (days)",
        default=90,
        help="A partner related to a departed client stays watched for this many days.",
    )
    farewell_step_lead_days = fields.Integer(
        string="Protocol: Days Ahead",
        default=7,
        help="The owner's activity for a protocol step is created this many "
        "days before it is due.",
    )

    @api.constrains("farewell_watch_quiet_days", "farewell_step_lead_days")
    def _check_farewell_days(self):
        for company in self:
            if (
                company.farewell_watch_quiet_days < 1
                or company.farewell_step_lead_days < 0
            ):
                raise ValidationError(
                    _(
                        "The quiet period is at least one day, and the protocol "
                        "lead time cannot be negative."
                    )
                )
