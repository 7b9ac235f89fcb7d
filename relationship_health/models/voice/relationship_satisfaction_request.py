# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client's own voice: a satisfaction request sent to one person of a
client, answered on Odoo's public rating page (a face and a comment, no
login). The answer becomes an interaction; an unhappy one, a problem."""

from datetime import timedelta
from textwrap import shorten

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import plaintext2html

from ...tools.batch import exclusive, run_in_batches
from ..relationship_interaction import FUTURE_TOLERANCE, OLDEST_YEAR

REQUEST_TRIGGERS = [
    ("problem", "Problem resolved"),
    ("visit", "In-person visit"),
    ("periodic", "Periodic"),
    ("manual", "Asked by hand"),
]
REQUEST_STATES = [
    ("sent", "Waiting for an answer"),
    ("answered", "Answered"),
    ("expired", "Expired"),
    ("cancelled", "Cancelled"),
]
# The faces of Odoo's rating page (1, 3, 5) as our words.
ANSWER_FACES = [
    ("top", "Satisfied"),
    ("ok", "Okay"),
    ("ko", "Dissatisfied"),
]
# An answer at or under this is unhappy: the "not satisfied" face.
UNHAPPY_MAX = 2
# Days a request waits for an answer (system parameter
# relationship_health.satisfaction_expiry_days), and its bounds.
DEFAULT_EXPIRY_DAYS = 30
MAX_EXPIRY_DAYS = 3650
TEMPLATE = "relationship_health.mail_template_satisfaction_request"


def answer_face(rate):
    """The face of a rate from 1 to 5."""
    if rate > UNHAPPY_MAX + 1:
        return "top"
    return "ok" if rate > UNHAPPY_MAX else "ko"


class RelationshipSatisfactionRequest(models.Model):
    """One person of a client asked how we are doing.

    Sent with Odoo's rating mechanism: an email with the faces, the public
    page where the contact picks one and may comment. At most one request
    waits for an answer per person (a partial unique index holds it against
    concurrent runs too); the request expires after some days.
    """

    _name = "relationship.satisfaction.request"
    _description = "Satisfaction Request"
    _inherit = [
        "relationship.client.mixin",
        "rating.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "sent_date desc, id desc"
    _client_contact_field = "contact_id"

    partner_id = fields.Many2one(ondelete="cascade", tracking=True)
    contact_id = fields.Many2one(
        "res.partner",
        string="Asked",
        required=True,
        index=True,
        check_company=True,
        ondelete="cascade",
        domain="[('commercial_partner_id', '=', partner_id)]",
        help="The person of the client who is asked, by email: they answer "
        "on a public page, without logging in.",
    )
    trigger = fields.Selection(
        REQUEST_TRIGGERS,
        string="Sent After",
        required=True,
        default="manual",
        readonly=True,
    )
    problem_id = fields.Many2one(
        "relationship.problem",
        string="After Problem",
        readonly=True,
        check_company=True,
        ondelete="set null",
        index="btree_not_null",
    )
    interaction_id = fields.Many2one(
        "relationship.interaction",
        string="After Visit",
        readonly=True,
        check_company=True,
        ondelete="set null",
        index="btree_not_null",
    )
    state = fields.Selection(
        REQUEST_STATES,
        required=True,
        default="sent",
        index=True,
        tracking=True,
        group_expand=True,
    )
    sent_date = fields.Datetime(
        string="Sent On",
        required=True,
        default=fields.Datetime.now,
        readonly=True,
        index=True,
        copy=False,
    )
    expiry_date = fields.Datetime(
        string="Expires On",
        compute="_compute_expiry_date",
        store=True,
        help="Unanswered by then, the request expires and its link stops working.",
    )
    answer_date = fields.Datetime(
        string="Answered On", readonly=True, copy=False, index=True
    )
    answer_rating = fields.Float(
        string="Answer (out of 5)",
        readonly=True,
        copy=False,
        aggregator="avg",
        digits=(16, 1),
    )
    answer_face = fields.Selection(
        ANSWER_FACES, string="Answer", readonly=True, copy=False, tracking=True
    )
    answer_feedback = fields.Text(string="Comment", readonly=True, copy=False)
    answer_interaction_id = fields.Many2one(
        "relationship.interaction",
        string="Interaction",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    answer_problem_id = fields.Many2one(
        "relationship.problem",
        string="Problem Raised",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("contact_id")
    def _compute_display_name(self):
        # Shown to the client (the email, the rating page): nothing internal.
        for request in self:
            request.display_name = _(
                "Satisfaction survey for %(contact)s",
                contact=request.contact_id.name or "",
            )

    @api.depends("sent_date")
    def _compute_expiry_date(self):
        days = self._expiry_days()
        for request in self:
            request.expiry_date = request.sent_date and request.sent_date + timedelta(
                days=days
            )

    @api.model
    def _expiry_days(self):
        """Days a request waits for its answer: the system parameter
        ``relationship_health.satisfaction_expiry_days`` (default 30)."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("relationship_health.satisfaction_expiry_days")
        )
        try:
            days = int(value or DEFAULT_EXPIRY_DAYS)
        except ValueError:
            days = DEFAULT_EXPIRY_DAYS
        return days if 0 < days <= MAX_EXPIRY_DAYS else DEFAULT_EXPIRY_DAYS

    @api.model
    def _workflow_buttons(self):
        return {
            "state": _(
                "a request is answered by the client on the rating page, "
                "expires by itself, or is cancelled with Cancel."
            )
        }

    def _frozen_fields(self):
        reason = _(
            "This request was sent to %(contact)s: it cannot be given to "
            "someone else. Cancel it and ask again.",
            contact=self.contact_id.name,
        )
        return {"partner_id": reason, "contact_id": reason}

    # ------------------------------------------------------------------
    # Rating: who rates whom
    # ------------------------------------------------------------------
    def _rating_get_partner(self):
        return self.contact_id

    def _rating_get_operator(self):
        return self.owner_id.partner_id

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def init(self):
        # One request waiting per person, whoever creates them at the same
        # moment (the constraint below says it in words first).
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS
                relationship_satisfaction_request_one_open
            ON relationship_satisfaction_request (contact_id)
            WHERE state = 'sent'
            """
        )

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        requests._send()
        return requests

    def _send(self):
        """Email the faces to each contact, in their language; the owner
        follows the request and hears of the answer."""
        template = self.env.ref(TEMPLATE, raise_if_not_found=False)
        for request in self:
            if request.owner_id:
                request.message_subscribe(request.owner_id.partner_id.ids)
            if template:
                request.rating_send_request(
                    template, lang=request.contact_id.lang, force_send=False
                )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("contact_id", "partner_id")
    def _check_contact(self):
        ours = self.env["relationship.interaction"]._internal_partners(self.contact_id)
        for request in self:
            contact = request.contact_id
            if contact in ours:
                raise ValidationError(
                    _(
                        "%(contact)s is one of us: satisfaction is asked of "
                        "the client's people.",
                        contact=contact.display_name,
                    )
                )
            if not (contact.email or "").strip():
                raise ValidationError(
                    _(
                        "%(contact)s has no email: the satisfaction request is "
                        "sent by email. Add their email first.",
                        contact=contact.display_name,
                    )
                )

    @api.constrains("contact_id", "state")
    def _check_one_open(self):
        waiting = self.filtered(lambda r: r.state == "sent")
        if not waiting:
            return
        counts = dict(
            self._read_group(
                [("contact_id", "in", waiting.contact_id.ids), ("state", "=", "sent")],
                ["contact_id"],
                ["__count"],
            )
        )
        for request in waiting:
            if counts.get(request.contact_id, 0) > 1:
                raise ValidationError(
                    _(
                        "%(contact)s has already been asked and has not "
                        "answered yet: one request at a time per person.",
                        contact=request.contact_id.display_name,
                    )
                )

    @api.constrains("sent_date", "answer_date")
    def _check_dates(self):
        limit = fields.Datetime.now() + FUTURE_TOLERANCE
        for request in self:
            sent = request.sent_date
            if sent.year < OLDEST_YEAR or sent > limit:
                raise ValidationError(
                    _(
                        "A satisfaction request cannot be sent on %(date)s: "
                        "it is sent now.",
                        date=fields.Datetime.to_string(sent),
                    )
                )
            answered = request.answer_date
            if answered and not sent <= answered <= limit:
                raise ValidationError(
                    _(
                        "A satisfaction request cannot be answered on "
                        "%(date)s, before it was sent or in the future.",
                        date=fields.Datetime.to_string(answered),
                    )
                )

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def action_cancel(self):
        """Button: we no longer wait for this answer; its link stops working."""
        closed = self.filtered(lambda r: r.state != "sent")
        if closed:
            raise UserError(
                _(
                    "Only a request waiting for an answer can be cancelled: "
                    "%(requests)s.",
                    requests=", ".join(closed.mapped("display_name")),
                )
            )
        self._close("cancelled")
        return True

    def _close(self, state):
        """Sent -> ``state`` (expired, cancelled): the unanswered rating
        links are removed, so that the page says the link is unknown."""
        waiting = self.filtered(lambda r: r.state == "sent")
        with self._system_write():
            waiting.write({"state": state})
        # sudo: rating.rating is written by the system only; the caller's
        # right to change the requests was checked by the write above.
        waiting.sudo().rating_ids.filtered(lambda r: not r.consumed).unlink()
        return waiting

    @api.model
    def _cron_expire(self, now=None):
        """Scheduled: the requests unanswered past their expiry expire, in
        batches; idempotent (an expired request is not waiting any more).
        Returns how many expired."""
        now = now or fields.Datetime.now()
        expired = []
        with exclusive(self.env, "satisfaction expiry") as mine:
            if mine:
                late = self.sudo().search(
                    [("state", "=", "sent"), ("expiry_date", "<", now)]
                )
                run_in_batches(
                    late,
                    lambda batch: expired.extend(batch._close("expired").ids),
                    label="Satisfaction expiry",
                )
        return len(expired)

    # ------------------------------------------------------------------
    # The answer
    # ------------------------------------------------------------------
    def rating_apply(
        self,
        rate,
        token=None,
        rating=None,
        feedback=None,
        subtype_xmlid=None,
        notify_delay_send=False,
    ):
        """The contact answered (the public page, or a code flow): a face,
        maybe a comment. Called again when the comment comes after the face:
        the interaction and the problem are updated, not repeated."""
        self.ensure_one()
        if not token and not self.env.su:
            # Over RPC, nobody of ours answers in the client's name: the
            # client answers from the email's link (the public page runs
            # as superuser after checking the token).
            raise AccessError(
                _(
                    "Only the client answers a satisfaction request, from the "
                    "link of its email."
                )
            )
        if self.state not in ("sent", "answered"):
            raise UserError(
                _("This satisfaction survey is closed: it can no longer be answered.")
            )
        try:
            rate = float(rate)
        except (TypeError, ValueError):
            rate = 0
        if not 1 <= rate <= 5:
            raise UserError(_("Pick one of the faces to answer."))
        if not token and not rating:
            # A code flow (an import, the demo): the rating sent to the contact.
            rating = self.sudo().rating_ids.filtered(
                lambda r: r.partner_id == self.contact_id
            )[:1]
        rating = super().rating_apply(
            rate,
            token=token,
            rating=rating,
            feedback=feedback,
            subtype_xmlid=subtype_xmlid,
            notify_delay_send=notify_delay_send,
        )
        self._record_answer(rate, (feedback or "").strip())
        return rating

    def _record_answer(self, rate, feedback):
        """The answer as the application records it: the request answered,
        ONE interaction (source rating, depth satisfaction) quoting the
        comment, and for an unhappy answer ONE problem owned by the account
        owner. The system's follow-up of the client's answer: as superuser
        (the public page runs as the public user)."""
        self.ensure_one()
        request = self.sudo()
        # The texts we write are read by the owner: in their language.
        lang = request.owner_id.lang or request.company_id.partner_id.lang
        request = request.with_context(lang=lang) if lang else request
        values = {
            "answer_rating": rate,
            "answer_face": answer_face(rate),
        }
        if feedback or not request.answer_feedback:
            values["answer_feedback"] = feedback or False
        if request.state == "sent":
            values.update(state="answered", answer_date=fields.Datetime.now())
        with self._system_write():
            request.write(values)
        request._answer_interaction()
        if rate <= UNHAPPY_MAX or request.answer_problem_id:
            request._answer_problem()

    def _answer_face_label(self):
        return dict(self._fields["answer_face"]._description_selection(self.env)).get(
            self.answer_face, ""
        )

    def _answer_quote(self):
        """The answer in a sentence, and the comment quoted (HTML)."""
        body = Markup("<p>%s</p>") % self.env._(
            "%(contact)s answered the satisfaction survey: %(face)s (%(rate)s/5).",
            contact=self.contact_id.name,
            face=self._answer_face_label(),
            rate=round(self.answer_rating),
        )
        if self.answer_feedback:
            body += Markup("<blockquote>%s</blockquote>") % plaintext2html(
                self.answer_feedback
            )
        return body

    def _answer_interaction(self):
        name = self.env._(
            "Satisfaction answer: %(face)s", face=self._answer_face_label()
        )
        if self.answer_interaction_id:
            with self._system_write():
                self.answer_interaction_id.write(
                    {"name": name, "summary": self._answer_quote()}
                )
            return
        interaction = self.env["relationship.interaction"]._create_from_origins(
            [
                {
                    "origin_model": self._name,
                    "origin_res_id": self.id,
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "name": name,
                    "date": self.answer_date,
                    "channel": "other",
                    "depth": "satisfaction",
                    "source": "rating",
                    "summary": self._answer_quote(),
                    "contact_ids": [Command.set(self.contact_id.ids)],
                    # Nobody of ours took part: the client answered alone.
                    "user_ids": [Command.clear()],
                }
            ]
        )
        if interaction:
            with self._system_write():
                self.answer_interaction_id = interaction

    def _answer_problem(self):
        comment = self.answer_feedback
        name = (
            self.env._(
                "Unhappy: “%(comment)s”",
                comment=shorten(comment, 80, placeholder="..."),
            )
            if comment
            else self.env._(
                "Unhappy answer from %(contact)s", contact=self.contact_id.name
            )
        )
        values = {"name": name, "description": self._answer_quote()}
        if self.answer_problem_id:
            self.answer_problem_id.write(values)
            return
        problem = self.env["relationship.problem"].create(
            dict(
                values,
                partner_id=self.partner_id.id,
                contact_id=self.contact_id.id,
                company_id=self.company_id.id,
                kind="complaint",
                user_ids=[Command.set(self.owner_id.ids)],
            )
        )
        with self._system_write():
            self.answer_problem_id = problem
