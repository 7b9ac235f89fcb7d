# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Emails are interactions: an email exchanged with a client's people on
the client, its contacts or its documents becomes an interaction of the
client, by itself.

Where it is hooked: ``mail.message.create``. Every message, whatever made
it, is created there, in batches: ``message_post`` (the chatter's "Send
message", the mail gateway's incoming emails), the composer's mass mailing
(``mail.mail`` inherits ``mail.message`` and creates its messages in one
batch), imports, demo data and other add-ons creating messages directly.
``mail.thread._message_create`` misses the last two, and ``_notify_thread``
runs once per message and only when someone is notified. The capture reads
what the message says (type, subtype, author, recipients, the record) and
never changes it: a message that gives no interaction costs no query (its
type says so), and a batch of messages costs the same queries as one.
"""

import contextvars
import logging
from contextlib import contextmanager

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools.mail import html2plaintext, plaintext2html

from ..relationship_interaction import OLDEST_YEAR
from ..relationship_rules_mixin import CHAR_MAX

_logger = logging.getLogger(__name__)

# Set while the application logs a message as an interaction itself (the
# "what we did for you" review, information passed on): a context manager,
# not a context key, so that no caller can turn the capture off over RPC.
_CAPTURE_OFF = contextvars.ContextVar("relationship_email_capture_off", default=False)

# Messages that are emails: received through the gateway, or sent by a mass
# mailing; a comment is one when its subtype is not internal ("Send message",
# not "Log note"). Notifications, automatic comments and user notifications
# are the system talking, never an interaction.
EMAIL_TYPES = ("email", "email_outgoing")
COMMENT_TYPE = "comment"
# The summary keeps an email's body up to this size (HTML); a longer one is
# kept as its text, shortened to this many characters.
SUMMARY_MAX = 20000


class MailMessage(models.Model):
    _inherit = "mail.message"

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------
    @api.model
    def _relationship_email_client_fields(self):
        """The documents whose emails are interactions of their client:
        ``{model: (partner field, domain)}``. The client is the commercial
        entity of that field's partner; ``domain`` (or None) restricts the
        documents (e.g. customer invoices, not vendor bills). A client
        itself (``res.partner``) and its contacts are always understood.

        Extension point: add a model (a helpdesk ticket, a project task)
        by returning one more entry; models not installed are ignored."""
        return {
            "crm.lead": ("partner_id", None),
            "sale.order": ("partner_id", None),
            "account.move": (
                "partner_id",
                [("move_type", "in", ("out_invoice", "out_refund", "out_receipt"))],
            ),
        }

    @api.model
    def _relationship_email_clients(self, model, res_ids):
        """``{res_id: partner}`` for the documents ``res_ids`` of ``model``:
        the partner (a client or one of its contacts) whose client the
        emails on that document are with. One query per model, whatever the
        number of documents.

        Extension point for mappings a field cannot say."""
        Partner = self.env["res.partner"].sudo()
        if model == "res.partner":
            return {p.id: p for p in Partner.browse(res_ids).exists()}
        spec = self._relationship_email_client_fields().get(model)
        if not spec or model not in self.env:
            return {}
        field, domain = spec
        documents = (
            self.env[model]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("id", "in", list(res_ids))] + list(domain or []),
                [field] + (["company_id"] if "company_id" in self.env[model] else []),
            )
        )
        return {d.id: d[field] for d in documents if d[field]}

    @api.model
    def _relationship_email_capture_off(self):
        """Context manager: the messages created inside are not captured.
        For the application's own sending that logs its interaction itself
        (with its own subject, depth and exchange)."""
        return _capture_off()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        if not _CAPTURE_OFF.get():
            candidates = messages.browse(
                m.id
                for m, vals in zip(messages, vals_list, strict=True)
                if _maybe_email(vals)
            )
            if candidates:
                candidates._relationship_capture_emails()
        return messages

    def write(self, vals):
        res = super().write(vals)
        # The mail gateway adds an incoming email's recipients after creating
        # it (so as not to notify them twice): they take part too.
        if "partner_ids" in vals and not _CAPTURE_OFF.get():
            self._relationship_capture_emails()
        return res

    # ------------------------------------------------------------------
    # The capture
    # ------------------------------------------------------------------
    def _relationship_is_email(self):
        """Whether this message (one) is an email exchanged, before looking
        at who took part: an email received or sent, or a comment sent to
        the followers; never a note, a notification, a tracking message nor
        the trace of an activity done (that one logs its own interaction)."""
        self.ensure_one()
        if not self.model or not self.res_id or self.is_internal:
            return False
        if self.mail_activity_type_id or self.subtype_id.internal:
            return False
        if self.message_type == COMMENT_TYPE and not self.subtype_id:
            return False
        if self.message_type not in (*EMAIL_TYPES, COMMENT_TYPE):
            return False
        # Last: the only test that reads another table.
        return not self.tracking_value_ids

    def _relationship_capture_emails(self, recipients=None):
        """Log the interaction of each of these messages that is an email
        exchanged with a client's people (see ``_relationship_is_email``),
        once: a message logged already only gains the participants it got
        since. ``recipients``: ``{message id: partners}`` who received it
        besides its recipients (a mass mailing's).

        Runs a number of queries that does not depend on the number of
        messages. As superuser: the email was sent or received, its trace
        in the client's log follows whoever sent it. A failure is logged,
        never raised: the email matters more than its trace."""
        messages = self.sudo().filtered(lambda m: m._relationship_is_email())
        if not messages:
            return self.env["relationship.interaction"]
        try:
            with self.env.cr.savepoint():
                return messages._relationship_log_emails(recipients or {})
        except Exception:
            _logger.exception(
                "Emails %s could not be logged as interactions", messages.ids
            )
            return self.env["relationship.interaction"]

    def _relationship_log_emails(self, recipients):
        Interaction = self.env["relationship.interaction"].sudo()
        clients_of = {}
        for model, model_messages in self.grouped("model").items():
            clients_of[model] = self._relationship_email_clients(
                model, set(model_messages.mapped("res_id"))
            )
        documents = {
            m: clients_of[m.model].get(m.res_id)
            for m in self
            if clients_of[m.model].get(m.res_id)
        }
        if not documents:
            return Interaction.browse()
        people = self._relationship_email_people(documents, recipients)
        everyone = self.env["res.partner"].union(*documents.values(), *people.values())
        everyone |= everyone.commercial_partner_id
        # The clients' companies and their settings, read at once.
        everyone.fetch(["company_id", "commercial_partner_id"])
        everyone.company_id.fetch(["relationship_email_capture"])
        ours = Interaction._internal_partners(everyone)
        users = (
            self.env["res.users"]
            .sudo()
            .search_fetch(
                [("partner_id", "in", (everyone & ours).ids), ("share", "=", False)],
                ["partner_id", "company_ids"],
            )
        )
        users_of = users.grouped("partner_id")
        now = fields.Datetime.now()
        vals_list, found = [], {}
        for message, partner in documents.items():
            client = partner.commercial_partner_id
            if client in ours:
                continue
            company = self._relationship_email_company(message, client)
            if not company.relationship_email_capture:
                continue
            taking_part = people[message]
            # An email with someone who is not us: a client's people, or an
            # address we do not know (an incoming email from a stranger).
            theirs = taking_part - ours
            if not theirs and not (
                message.message_type == "email" and not message.author_id
            ):
                continue
            date = min(message.date or now, now)
            if date.year < OLDEST_YEAR:
                continue
            our_users = self.env["res.users"].union(
                *(users_of.get(p, users.browse()) for p in taking_part & ours)
            )
            our_users = our_users.filtered(lambda u, c=company: c in u.company_ids)
            contacts = theirs.filtered(
                lambda p, c=client: p.commercial_partner_id == c and p != c
            )
            found[message] = (our_users, contacts)
            vals_list.append(
                {
                    "name": self._relationship_email_name(message, client),
                    "date": date,
                    "partner_id": client.id,
                    "contact_ids": [fields.Command.set(contacts.ids)],
                    "user_ids": [fields.Command.set(our_users.ids)],
                    "channel": "email",
                    "depth": "operational",
                    "summary": _summary(message.body),
                    "source": "email",
                    "company_id": company.id,
                    "origin_model": "mail.message",
                    "origin_res_id": message.id,
                }
            )
        if not vals_list:
            return Interaction.browse()
        existing = Interaction.search_fetch(
            [
                ("origin_model", "=", "mail.message"),
                ("origin_res_id", "in", [m.id for m in found]),
            ],
            ["origin_res_id", "user_ids", "contact_ids"],
        )
        # Logged already: the participants it got since (the gateway's
        # recipients) join, nothing else changes (the user may have set the
        # depth, the subject, the summary).
        for interaction in existing:
            message = self.browse(interaction.origin_res_id)
            our_users, contacts = found[message]
            new_users = our_users - interaction.user_ids
            new_contacts = contacts - interaction.contact_ids
            if new_users or new_contacts:
                interaction.write(
                    {
                        "user_ids": [fields.Command.link(u.id) for u in new_users],
                        "contact_ids": [
                            fields.Command.link(c.id) for c in new_contacts
                        ],
                    }
                )
        return Interaction._create_from_origins(vals_list)

    def _relationship_email_people(self, documents, recipients):
        """{message: partners} who took part in each message: its author, its
        recipients, ``recipients`` given for it and, for a comment sent to
        the followers, the followers of its document who follow its subtype.
        The followers of every document are read at once."""
        followers = {}
        comments = self.filtered(lambda m: m.message_type == COMMENT_TYPE)
        if comments:
            for follower in (
                self.env["mail.followers"]
                .sudo()
                .search_fetch(
                    [
                        ("res_model", "in", list(set(comments.mapped("model")))),
                        ("res_id", "in", list(set(comments.mapped("res_id")))),
                        ("partner_id", "!=", False),
                    ],
                    ["res_model", "res_id", "partner_id", "subtype_ids"],
                )
            ):
                followers.setdefault((follower.res_model, follower.res_id), []).append(
                    follower
                )
        people = {}
        for message in documents:
            partners = message.author_id | message.partner_ids
            partners |= recipients.get(message.id, self.env["res.partner"])
            for follower in followers.get((message.model, message.res_id), ()):
                if message.subtype_id in follower.subtype_ids:
                    partners |= follower.partner_id
            people[message] = partners
        return people

    def _relationship_email_company(self, message, client):
        """The company whose setting decides: the client's, else the
        document's, else the current one."""
        if client.company_id:
            return client.company_id
        record = self.env[message.model].sudo().browse(message.res_id)
        if "company_id" in record._fields and record.company_id:
            return record.company_id
        return message.record_company_id or self.env.company

    def _relationship_email_name(self, message, client):
        name = (message.subject or "").strip() or _(
            "Email: %(record)s",
            record=message.record_name or client.display_name,
        )
        return name[:CHAR_MAX]


def _maybe_email(vals):
    """Whether the values of a new message may give an interaction: a cheap
    test on what was given, before reading anything."""
    return bool(
        vals.get("model")
        and vals.get("res_id")
        and vals.get("message_type", COMMENT_TYPE) in (*EMAIL_TYPES, COMMENT_TYPE)
        and not vals.get("is_internal")
        and not vals.get("mail_activity_type_id")
    )


def _summary(body):
    """The email's body as the interaction's summary: as it is (Odoo
    sanitized it) up to ``SUMMARY_MAX``, else its text, shortened."""
    body = body or Markup()
    if len(body) <= SUMMARY_MAX:
        return body
    text = html2plaintext(body)
    return plaintext2html(text[:SUMMARY_MAX] + "…")


@contextmanager
def _capture_off():
    token = _CAPTURE_OFF.set(True)
    try:
        yield
    finally:
        _CAPTURE_OFF.reset(token)
