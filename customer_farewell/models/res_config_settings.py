# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    farewell_watch_quiet_days = fields.Integer(
        related="company_id.farewell_watch_quiet_days", readonly=False
    )
    farewell_step_lead_days = fields.Integer(
        related="company_id.farewell_step_lead_days", readonly=False
    )
