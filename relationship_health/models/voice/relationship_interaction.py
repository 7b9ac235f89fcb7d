# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RelationshipInteraction(models.Model):
    _inherit = "relationship.interaction"

    def _relationship_logged(self):
        """After an in-person visit, the people met are asked how we are
        doing (once per cadence): the system's follow-up, as superuser."""
        res = super()._relationship_logged()
        visits = self.filtered(lambda i: i.channel == "visit" and i.contact_ids)
        if visits:
            self.env["relationship.satisfaction.planner"]._request_after_visits(visits)
        return res
