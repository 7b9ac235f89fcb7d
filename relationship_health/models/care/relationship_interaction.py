# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RelationshipInteraction(models.Model):
    _inherit = "relationship.interaction"

    def _relationship_logged(self):
        """Care given: plan a personal note after an event, close the care
        reminders these interactions fulfil and plan the next contact and
        visit. The reminders are the account
        owner's, whoever logs the interaction: the user's own access to
        create it was checked, the follow-up is the system's (superuser)."""
        res = super()._relationship_logged()
        if self:
            planner = self.env["relationship.care.planner"].sudo()
            # The note after an event first: an interaction of the same
            # batch after the event is its follow-up.
            planner._plan_event_notes(self.sudo())
            planner._fulfil_by_interactions(self.partner_id)
        return res
