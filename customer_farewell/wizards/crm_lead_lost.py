# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    farewell_open_door = fields.Boolean(
        string="Keep the Door Open",
        help='Start the "see you later" protocol for the customer: planned '
        "contacts with the prospect in the months to come.",
    )

    def action_lost_reason_apply(self):
        """Mark the opportunities lost and, when asked, keep the door open
        to their customers (in the same transaction: refused, nothing is
        marked lost)."""
        res = super().action_lost_reason_apply()
        if self.farewell_open_door:
            # The leads are archived now: read them as they are.
            leads = self.with_context(active_test=False).lead_ids
            departures = leads._farewell_open_door()
            return departures._farewell_open_action()
        return res
