# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .relationship_care_reminder import BUSY_ACTIVITIES

# Records of these models stand for their client (field partner_id).
CLIENT_RECORD_MODELS = (
    "relationship.problem",
    "relationship.revitalization.plan",
)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _relationship_activities_done(self, feedback=False):
        # The interactions logged close the care reminders they fulfil; the
        # reminders of these activities left open are done all the same.
        # Their activities are left to mail.activity, which finishes them.
        busy = self.with_context(**{BUSY_ACTIVITIES: self.ids})
        interactions = super(MailActivity, busy)._relationship_activities_done(
            feedback=feedback
        )
        busy._relationship_care_reminders()._activity_done()
        return interactions

    def unlink(self):
        # A care reminder whose activity is cancelled is cancelled too.
        self.with_context(
            **{BUSY_ACTIVITIES: self.ids}
        )._relationship_care_reminders()._activity_cancelled()
        return super().unlink()

    def _relationship_care_reminders(self):
        """The open care reminders of these activities. The reminders are
        the account owner's: whoever may close or cancel the activity closes
        or cancels its reminder, as superuser."""
        return (
            self.env["relationship.care.reminder"]
            .sudo()
            .search([("activity_id", "in", self.ids), ("state", "=", "open")])
        )

    def _relationship_client_of(self, record):
        if record._name in CLIENT_RECORD_MODELS:
            return record.partner_id
        return super()._relationship_client_of(record)
