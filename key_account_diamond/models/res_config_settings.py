# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# The settings that are the company's thresholds, under the same names.
THRESHOLDS = (
    "kad_bowtie_max_threads",
    "kad_bowtie_concentration",
    "kad_diamond_min_threads",
    "kad_diamond_min_their_functions",
    "kad_diamond_min_our_functions",
)


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

    # The settings are a window on the company's thresholds: their values
    # follow the company's rules, checked before the settings convert them
    # (a text where a number goes would fail there with a ValueError); the
    # company's constraints check the order when they are saved.
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._kad_check_thresholds_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._kad_check_thresholds_input(vals)
        return super().write(vals)

    @api.model
    def _kad_check_thresholds_input(self, vals):
        self.env["res.company"]._check_input(
            {name: vals[name] for name in THRESHOLDS if name in vals}
        )
