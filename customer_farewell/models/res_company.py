# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .farewell_watch import MAX_QUIET_DAYS

# The longest lead time of a protocol step's activity.
MAX_LEAD_DAYS = 90


class ResCompany(models.Model):
    # The rules mixin checks the values of the settings below before the
    # database (a number that does not parse, an integer out of range).
    _name = "res.company"
    _inherit = ["res.company", "relationship.rules.mixin"]

    farewell_watch_quiet_days = fields.Integer(
        string="Contagion Watch: Quiet Period (days)",
        default=90,
        help="A partner related to a departed client stays watched for this "
        "many days (1 to 730).",
        groups="base.group_user",
    )
    farewell_step_lead_days = fields.Integer(
        string="Protocol: Days Ahead",
        default=7,
        help="The owner's activity for a protocol step is created this many "
        "days before it is due (0 to 90).",
        groups="base.group_user",
    )

    _sql_constraints = [
        (
            "farewell_watch_quiet_days_range",
            f"CHECK (farewell_watch_quiet_days BETWEEN 1 AND {MAX_QUIET_DAYS})",
            (
                "The quiet period of the contagion watch lasts from one day to two "
                "years (730 days)."
            ),
        ),
        (
            "farewell_step_lead_days_range",
            f"CHECK (farewell_step_lead_days BETWEEN 0 AND {MAX_LEAD_DAYS})",
            "A protocol step's activity is created from 0 to 90 days before it is due.",
        ),
    ]
