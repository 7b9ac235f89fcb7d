# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kad_bowtie_max_threads = fields.Integer(
        related="company_id.kad_bowtie_max_threads", readonly=False
    )
    kad_bowtie_concentration = fields.Integer(
        related="company_id.kad_bowtie_concentration", readonly=False
    )
    kad_diamond_min_threads = fields.Integer(
        related="company_id.kad_diamond_min_threads", readonly=False
    )
    kad_diamond_min_their_functions = fields.Integer(
        related="company_id.kad_diamond_min_their_functions", readonly=False
    )
    kad_diamond_min_our_functions = fields.Integer(
        related="company_id.kad_diamond_min_our_functions", readonly=False
    )
