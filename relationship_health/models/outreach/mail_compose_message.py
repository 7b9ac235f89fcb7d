# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .res_partner import REVIEW_TEMPLATE


class MailComposeMessage(models.TransientModel):
    """Odoo's composer drafts the "what we did for you" email: its template
    renders the review of the period chosen; the owner reviews and edits it
    before sending; sending logs the interaction and closes the reminder."""

    _inherit = "mail.compose.message"

    relationship_review_from = fields.Date(string="Review From")
    relationship_review_to = fields.Date(string="Review To")

    def _relationship_is_review(self):
        self.ensure_one()
        template = self.env.ref(REVIEW_TEMPLATE, raise_if_not_found=False)
        return bool(
            template
            and self.template_id == template
            and self.model == "res.partner"
            and self.composition_mode == "comment"
        )

    def _relationship_review_context(self):
        """The composer, with the review's period for the template."""
        self.ensure_one()
        if not self._relationship_is_review():
            return self
        period = self.env["res.partner"]._relationship_review_period(
            *self._relationship_review_dates()
        )
        return self.with_context(relationship_review_period=period)

    def _relationship_review_dates(self):
        """(from, to) chosen for the review; the form drafting the email
        has them in its defaults only (they are not in its view)."""
        self.ensure_one()
        context = self.env.context
        return (
            self.relationship_review_from
            or context.get("default_relationship_review_from"),
            self.relationship_review_to
            or context.get("default_relationship_review_to"),
        )

    def _compute_body(self):
        reviews = self.filtered(lambda c: c._relationship_is_review())
        res = super(MailComposeMessage, self - reviews)._compute_body()
        for composer in reviews:
            super(
                MailComposeMessage, composer._relationship_review_context()
            )._compute_body()
        return res

    def _action_send_mail(self, auto_commit=False):
        reviews = self.filtered(lambda c: c._relationship_is_review())
        # Refused before anything is sent: the account owner's or a
        # manager's, on a period that holds.
        periods = {}
        for composer in reviews:
            clients = self.env["res.partner"].browse(composer._evaluate_res_ids())
            clients._relationship_check_outreach()
            periods[composer] = (
                clients,
                clients._relationship_review_period(
                    *composer._relationship_review_dates()
                ),
            )
        result_mails, result_messages = super(
            MailComposeMessage, self - reviews
        )._action_send_mail(auto_commit=auto_commit)
        if reviews:
            # As superuser, after the check above: the account owner (or a
            # manager) writes to the client, and may not edit contacts
            # (posting on a partner asks for that right). The author stays
            # the user (the composer's author_id).
            # The review logs its own interaction (strategic, information we
            # give): the capture of emails leaves its message alone.
            with self.env["mail.message"]._relationship_email_capture_off():
                mails, messages = super(
                    MailComposeMessage, reviews.sudo()
                )._action_send_mail(auto_commit=auto_commit)
            result_mails |= mails
            result_messages |= messages.with_env(self.env)
        for clients, (date_from, date_to) in periods.values():
            messages = result_messages.filtered(
                lambda m, clients=clients: (
                    m.model == "res.partner" and m.res_id in clients.ids
                )
            )
            clients.commercial_partner_id._relationship_review_sent(
                messages, date_from, date_to
            )
        return result_mails, result_messages
