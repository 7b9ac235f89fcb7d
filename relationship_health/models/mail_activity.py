# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # Before super(): done activities are deleted there.
        self._relationship_activities_done(feedback=feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _relationship_activities_done(self, feedback=False):
        """These activities are being marked done: log the interactions they
        stand for. Extension point (care closes their reminders)."""
        return self._relationship_capture_interactions(feedback=feedback)

    def _relationship_client_of(self, record):
        """The client an activity's record stands for, or an empty recordset.

        Extension point: activities on clients and on opportunities are
        understood here; override to map other models to their client.
        """
        if record._name == "res.partner":
            return record
        if record._name == "crm.lead":
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
