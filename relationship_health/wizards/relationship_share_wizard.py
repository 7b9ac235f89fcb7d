# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import urlparse

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

from ..models.relationship_client_mixin import CLIENT_DOMAIN
from ..models.relationship_rules_mixin import CHAR_MAX

INFORMATION_GESTURE = "relationship_health.gesture_information"


class RelationshipShareWizard(models.TransientModel):
    """Seed 001, pass on information: when we read something a client would
    value, send it. In one step, the article, link or document goes to the
    chosen people of the client through Odoo's mail (posted in the client's
    chatter), is logged as an interaction and as a gesture given with the
    occasion "Information shared"."""

    _name = "relationship.share.wizard"
    # What a caller gives is checked as on our records (dates, ids, texts).
    _inherit = ["relationship.rules.mixin"]
    _description = "Pass On Information"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        ondelete="cascade",
        domain=CLIENT_DOMAIN,
    )
    company_id = fields.Many2one(related="partner_id.company_id")
    subject = fields.Char(
        required=True, help="What it is about, as the people receiving it read it."
    )
    url = fields.Char(string="Link", help="The article or page, http(s)://...")
    note = fields.Html(
        string="Personal Note", help="Why we thought of them when we read it."
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "relationship_share_wizard_ir_attachment_rel",
        "wizard_id",
        "attachment_id",
        string="Documents",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "relationship_share_wizard_res_partner_rel",
        "wizard_id",
        "partner_id",
        string="Send To",
        domain="[('commercial_partner_id', '=', partner_id), ('email', '!=', False)]",
        help="People of the client who receive it.",
    )
    gesture_id = fields.Many2one(
        "relationship.gesture",
        string="Logged as Gesture",
        required=True,
        default=lambda self: self.env.ref(
            INFORMATION_GESTURE, raise_if_not_found=False
        ),
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )

    @api.constrains("subject", "url")
    def _check_text(self):
        for wizard in self:
            for label, value in (
                (_("Subject"), wizard.subject),
                (_("Link"), wizard.url),
            ):
                if value and len(value) > CHAR_MAX:
                    raise ValidationError(
                        _(
                            "%(field)s is too long: %(count)s characters, at "
                            "most %(max)s.",
                            field=label,
                            count=len(value),
                            max=CHAR_MAX,
                        )
                    )
            if wizard.url:
                parsed = urlparse(wizard.url.strip())
                if parsed.scheme not in ("http", "https") or not parsed.netloc:
                    raise ValidationError(
                        _(
                            "%(url)s is not a web link: give one starting with "
                            "http:// or https://.",
                            url=wizard.url[:80],
                        )
                    )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _check_share(self):
        """Everything the sharing needs, before anything is sent."""
        self.ensure_one()
        client = self.partner_id.commercial_partner_id
        client._relationship_check_outreach()
        if not self.subject or not self.subject.strip():
            raise UserError(_("Give the subject of what you share."))
        if not (self.url or self.attachment_ids or not is_html_empty(self.note)):
            raise UserError(_("Nothing to share: add a link, a document or a note."))
        if not self.contact_ids:
            raise UserError(
                _(
                    "Choose who receives it among the people of %(client)s.",
                    client=client.display_name,
                )
            )
        strangers = self.contact_ids.filtered(
            lambda c: c.commercial_partner_id != client
        )
        if strangers:
            raise ValidationError(
                _(
                    "%(contacts)s: not people of %(client)s. Information is "
                    "shared with the client's own people.",
                    contacts=", ".join(strangers.mapped("display_name")),
                    client=client.display_name,
                )
            )
        no_email = self.contact_ids.filtered(lambda c: not c.email)
        if no_email:
            raise UserError(
                _(
                    "%(contacts)s: no email address to send it to.",
                    contacts=", ".join(no_email.mapped("display_name")),
                )
            )
        if client.company_id and client.company_id not in self.env.companies:
            raise AccessError(
                _(
                    "%(client)s is a client of %(company)s: switch to that "
                    "company to share with them.",
                    client=client.display_name,
                    company=client.company_id.name,
                )
            )
        if self.gesture_id.company_id and self.gesture_id.company_id != (
            client.company_id or self.gesture_id.company_id
        ):
            raise ValidationError(
                _(
                    "The gesture %(gesture)s belongs to another company than "
                    "%(client)s.",
                    gesture=self.gesture_id.name,
                    client=client.display_name,
                )
            )
        # Only documents uploaded here by this user, never another record's.
        foreign = self.attachment_ids.sudo().filtered(
            lambda a: (
                a.res_model != self._name
                or a.res_id not in (0, self.id)
                or a.create_uid != self.env.user
            )
        )
        if foreign:
            raise AccessError(
                _(
                    "%(documents)s: only documents you upload here can be shared.",
                    documents=", ".join(foreign.mapped("name")),
                )
            )
        return client

    # ------------------------------------------------------------------
    # Sharing
    # ------------------------------------------------------------------
    def _body(self):
        self.ensure_one()
        body = Markup()
        if not is_html_empty(self.note):
            body += self.note
        if self.url:
            url = self.url.strip()
            body += Markup('<p><a href="%s" target="_blank">%s</a></p>') % (url, url)
        return body

    def action_share(self):
        """Send it, log it as an interaction and as a gesture given."""
        self.ensure_one()
        client = self._check_share()
        attachments = self.attachment_ids
        # The documents go to the client's record, where the message is.
        attachments.sudo().write({"res_model": "res.partner", "res_id": client.id})
        # As superuser, after the checks above: the account owner (or a
        # manager) writes to the client, who may not edit contacts (posting
        # on a partner asks for that right).
        # Logged below as information we give: the capture of emails leaves
        # this message alone.
        with self.env["mail.message"]._relationship_email_capture_off():
            message = (
                client.sudo()
                .message_post(
                    author_id=self.env.user.partner_id.id,
                    body=self._body(),
                    subject=self.subject.strip(),
                    partner_ids=self.contact_ids.ids,
                    attachment_ids=attachments.ids,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    email_layout_xmlid="mail.mail_notification_light",
                )
                .with_env(self.env)
            )
        note = self.subject.strip()
        if self.url:
            note = f"{note}: {self.url.strip()}"
        people = self.contact_ids.filtered(lambda c: c != client)
        self.env["relationship.interaction"]._create_from_origins(
            [
                client._relationship_sent_interaction_vals(
                    message,
                    _("Information shared: %(subject)s", subject=self.subject.strip()),
                    people,
                )
            ]
        )
        self.env["relationship.gesture.log"].create(
            {
                "partner_id": client.id,
                "gesture_id": self.gesture_id.id,
                "occasion": "information",
                "contact_id": people[:1].id,
                "user_id": self.env.user.id,
                "company_id": (client.company_id or self.env.company).id,
                "note": note,
            }
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "Shared with %(people)s; logged as an interaction and a gesture.",
                    people=", ".join(self.contact_ids.mapped("name")),
                ),
                "next": {"type": "ir.actions.act_window_close"},
                "sticky": False,
            },
        }
