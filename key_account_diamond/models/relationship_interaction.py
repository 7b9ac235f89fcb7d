# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class RelationshipInteraction(models.Model):
    _inherit = "relationship.interaction"

    @api.model_create_multi
    def create(self, vals_list):
        interactions = super().create(vals_list)
        interactions._kad_refresh_threads()
        return interactions

    def write(self, vals):
        clients = self.partner_id
        res = super().write(vals)
        if {"partner_id", "user_ids", "contact_ids", "date"} & set(vals):
            (clients | self.partner_id)._kad_refresh_threads_of_clients()
        return res

    def _kad_refresh_threads(self):
        """Threads stay true without typing: refresh those of the clients
        these interactions are with (one batch)."""
        self.partner_id._kad_refresh_threads_of_clients()
