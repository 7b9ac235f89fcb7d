# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RelationshipInteraction(models.Model):
    _inherit = "relationship.interaction"

    def write(self, vals):
        clients = self.partner_id
        res = super().write(vals)
        if {"partner_id", "user_ids", "contact_ids", "date"} & set(vals):
            (clients | self.partner_id)._kad_refresh_threads_of_clients()
        return res

    def _relationship_logged(self):
        """Threads stay true without typing: refresh those of the clients
        these interactions are with (one batch)."""
        res = super()._relationship_logged()
        self.partner_id._kad_refresh_threads_of_clients()
        return res

    def unlink(self):
        clients = self.partner_id
        res = super().unlink()
        clients.exists()._kad_refresh_threads_of_clients()
        return res
