# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # A protocol step is done when its activity is done (before super():
        # done activities are deleted there).
        steps = (
            self.env["farewell.protocol.step"]
            .sudo()
            .search([("activity_id", "in", self.ids), ("state", "=", "scheduled")])
        )
        steps._mark_done()
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
