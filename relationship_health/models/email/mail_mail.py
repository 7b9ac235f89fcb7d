# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MailMail(models.Model):
    _inherit = "mail.mail"

    @api.model_create_multi
    def create(self, vals_list):
        mails = super().create(vals_list)
        # A mass mailing's message is created before its email, which alone
        # knows its recipients: the message is logged with them now.
        outgoing = mails.filtered(
            lambda m: m.message_type == "email_outgoing" and m.recipient_ids
        )
        if outgoing:
            outgoing.mail_message_id._relationship_capture_emails(
                recipients={m.mail_message_id.id: m.recipient_ids for m in outgoing}
            )
        return mails
