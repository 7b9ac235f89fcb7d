# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import models

from .relationship_care_reminder import BUSY_ACTIVITIES

# Records of these models stand for their client (field partner_id).
CLIENT_RECORD_MODELS = (
    "relationship.problem",
    "relationship.revitalization.plan",
)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # Capture before super(): done activities are deleted there. The
        # interactions logged close the care reminders they fulfil; the
        # reminders of these activities left open are done all the same.
        busy = self.with_context(**{BUSY_ACTIVITIES: self.ids})
        busy._relationship_capture_interactions(feedback=feedback)
        busy._relationship_care_reminders()._activity_done()
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

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
        """The client an activity's record stands for, or an empty recordset.

        Extension point: activities on clients and on opportunities are
        understood here; override to map other models to their client.
        """
        if record._name == "res.partner":
            return record
        if record._name == "crm.lead":
            return record.partner_id
        if record._name in CLIENT_RECORD_MODELS:
            return record.partner_id
        return self.env["res.partner"]

    def _relationship_capture_interactions(self, feedback=False):
        """Log one interaction per activity done on a client."""
        Interaction = self.env["relationship.interaction"]
        vals_list = []
        for activity in self:
            channel = activity.activity_type_id.relationship_channel or "other"
            if channel == "none" or not activity.res_model or not activity.res_id:
                continue
            record = (
                self.env[activity.res_model].sudo().browse(activity.res_id).exists()
            )
            if not record:
                continue
            partner = self._relationship_client_of(record)
            if not partner or Interaction._internal_partners(partner):
                continue
            client = partner.commercial_partner_id
            summary = activity.note or Markup()
            if feedback:
                summary = summary + Markup("<p>%s</p>") % feedback
            users = activity.user_id | self.env.user
            vals_list.append(
                {
                    "name": activity.summary
                    or activity.activity_type_id.name
                    or record.display_name,
                    "partner_id": client.id,
                    "contact_ids": [(6, 0, (partner - client).ids)],
                    "user_ids": [(6, 0, users.filtered(lambda u: not u.share).ids)],
                    "channel": channel,
                    "depth": activity.activity_type_id.relationship_depth
                    or "operational",
                    "summary": summary,
                    "source": "activity",
                    "company_id": (client.company_id or self.env.company).id,
                    "origin_model": "mail.activity",
                    "origin_res_id": activity.id,
                }
            )
        return Interaction._create_from_origins(vals_list)
