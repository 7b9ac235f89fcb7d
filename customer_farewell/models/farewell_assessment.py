# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .farewell_departure import MAX_NOTICE_DAYS

ASSESSMENT_STATES = [
    ("draft", "Draft"),
    ("review", "Evidence Review"),
    ("decision", "Manager Decision"),
    ("closed", "Closed"),
]
DECISIONS = [("keep", "Keep the client"), ("let_go", "Let the client go")]
# The checklist that verifies the situation is real (seed 002: "verify the
# reality first").
CHECKLIST = (
    "check_facts_verified",
    "check_not_our_fault",
    "check_client_heard",
    "check_alternatives",
)
EVIDENCE_MONTHS = 12
# What "Gather Evidence" records, frozen afterwards.
EVIDENCE_FIELDS = (
    "evidence_date",
    "problem_count",
    "problem_founded_count",
    "problem_unfounded_count",
    "interaction_count",
    "activity_done_count",
    "revenue",
    "revenue_available",
    "margin",
    "margin_available",
    "health_score",
    "health_min_score",
    "health_avg_score",
    "evidence_summary",
)


class FarewellAssessment(models.Model):
    """ "Let the client go?": evidence gathered and frozen, a checklist, and a
    manager's decision (seed 002, despedir al cliente)."""

    _name = "farewell.assessment"
    _description = "Let-the-Client-Go Assessment"
    _inherit = ["relationship.client.mixin", "mail.thread", "mail.activity.mixin"]
    _client_from_contact = False
    _order = "create_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(tracking=True)
    state = fields.Selection(
        ASSESSMENT_STATES,
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    motive = fields.Html(
        string="Why Consider It",
        help="What makes us think this client costs more than it brings.",
    )

    # Evidence, frozen when the assessment goes to review
    evidence_date = fields.Datetime(string="Evidence Gathered On", readonly=True)
    problem_count = fields.Integer(string="Problems (12 months)", readonly=True)
    problem_founded_count = fields.Integer(string="Founded", readonly=True)
    problem_unfounded_count = fields.Integer(string="Unfounded", readonly=True)
    interaction_count = fields.Integer(string="Interactions (12 months)", readonly=True)
    activity_done_count = fields.Integer(
        string="Activities Done (12 months)", readonly=True
    )
    revenue = fields.Float(
        string="Revenue (12 months)",
        readonly=True,
        help="Invoiced, untaxed, when Invoicing is installed.",
    )
    revenue_available = fields.Boolean(readonly=True)
    margin = fields.Float(
        string="Margin (12 months)",
        readonly=True,
        help="From confirmed sales orders, when the sale margin add-on is installed.",
    )
    margin_available = fields.Boolean(readonly=True)
    health_score = fields.Integer(readonly=True)
    health_band = fields.Selection(
        related="partner_id.health_band", string="Health Now", readonly=True
    )
    health_min_score = fields.Integer(string="Lowest Score (12 months)", readonly=True)
    health_avg_score = fields.Integer(string="Average Score (12 months)", readonly=True)
    evidence_summary = fields.Html(readonly=True)

    # Verification
    check_facts_verified = fields.Boolean(
        copy=False, string="The complaints were checked against the facts"
    )
    check_not_our_fault = fields.Boolean(
        copy=False, string="The problems are not caused by our own service"
    )
    check_client_heard = fields.Boolean(
        copy=False,
        string="The client was heard, and the owner talked it through with them",
    )
    check_alternatives = fields.Boolean(
        copy=False,
        string="Other ways were considered (service level, conditions, contact)",
    )

    # Decision (managers only)
    decision = fields.Selection(DECISIONS, readonly=True, tracking=True)
    decision_note = fields.Html(string="Reasons for the Decision")
    decided_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    decision_date = fields.Datetime(readonly=True)
    transition_date = fields.Date(
        help="When the relationship ends (the client is moved to Dissolution): "
        "from today to a year ahead."
    )
    farewell_template_id = fields.Many2one(
        "mail.template",
        string="Farewell Letter",
        domain=[("model", "=", "res.partner")],
        default=lambda self: self.env.ref(
            "customer_farewell.mail_template_farewell_letter", raise_if_not_found=False
        ),
    )
    plan_id = fields.Many2one(
        "relationship.revitalization.plan",
        string="Revitalization Plan",
        readonly=True,
        check_company=True,
    )
    departure_id = fields.Many2one(
        "farewell.departure", readonly=True, check_company=True
    )

    @api.depends("partner_id")
    def _compute_name(self):
        for assessment in self:
            assessment.name = _(
                "Let %(client)s go?", client=assessment.partner_id.display_name or "…"
            )

    @api.constrains("transition_date")
    def _check_transition_date(self):
        # Today by the user's clock or the server's (UTC), the earlier: a
        # date typed as "today" east of UTC, or by a job near midnight, is
        # not in the past.
        today = min(fields.Date.context_today(self), fields.Date.today())
        for assessment in self.filtered("transition_date"):
            if assessment.state == "closed":
                continue
            if assessment.transition_date < today:
                raise ValidationError(_("The transition date cannot be in the past."))
            if (assessment.transition_date - today).days > MAX_NOTICE_DAYS:
                raise ValidationError(
                    _(
                        "The transition date is at most a year ahead "
                        "(%(days)s days): a farewell is not announced further "
                        "in advance.",
                        days=MAX_NOTICE_DAYS,
                    )
                )

    @api.constrains("farewell_template_id")
    def _check_farewell_template(self):
        for assessment in self:
            template = assessment.farewell_template_id
            if template and template.model != "res.partner":
                raise ValidationError(
                    _(
                        "The farewell letter is sent to the client: choose an "
                        "email template for contacts (%(template)s is for "
                        "another kind of record).",
                        template=template.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Rules: the workflow, and what it freezes
    # ------------------------------------------------------------------
    @api.model
    def _workflow_buttons(self):
        return {
            "state": _(
                "Gather Evidence, Ask for a Decision or Back to Draft; a "
                "manager closes it with Keep the Client or Let the Client Go."
            ),
            "decision": _(
                "a manager decides with Keep the Client or Let the Client Go."
            ),
        }

    def _frozen_fields(self):
        self.ensure_one()
        if self.state == "closed":
            return dict.fromkeys(
                self._rules_fields()[1], _("A closed assessment cannot be changed.")
            )
        frozen = {}
        if self.evidence_date:
            frozen["partner_id"] = _(
                "The evidence about %(client)s is gathered: the client of the "
                "assessment cannot change. Open a new assessment for another "
                "client.",
                client=self.partner_id.display_name,
            )
            frozen.update(
                dict.fromkeys(
                    EVIDENCE_FIELDS,
                    _("The evidence is frozen when it is gathered."),
                )
            )
        if self.state != "review":
            frozen.update(dict.fromkeys(CHECKLIST, self._checklist_message()))
        return frozen

    @api.model
    def _checklist_message(self):
        return _(
            "The checklist is filled in during the evidence review: after "
            "Gather Evidence, before Ask for a Decision."
        )

    @api.model_create_multi
    def create(self, vals_list):
        # A new assessment is a draft: nothing is verified yet.
        if any(vals.get(name) for vals in vals_list for name in CHECKLIST):
            raise UserError(self._checklist_message())
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Evidence
    # ------------------------------------------------------------------
    def _gather_evidence(self, now):
        """Evidence values of each assessment's client, as of ``now``.
        Extension point: add keys for more evidence."""
        since = now - timedelta(days=365 * EVIDENCE_MONTHS // 12)
        clients = self.partner_id
        env = self.env
        problems = {
            (partner.id, assessment): count
            for partner, assessment, count in env["relationship.problem"]
            .sudo()
            ._read_group(
                [("partner_id", "in", clients.ids), ("reported_date", ">=", since)],
                ["partner_id", "assessment"],
                ["__count"],
            )
        }
        interactions = dict(
            env["relationship.interaction"]
            .sudo()
            ._read_group(
                [("partner_id", "in", clients.ids), ("date", ">=", since)],
                ["partner_id"],
                ["__count"],
            )
        )
        # Done activities leave a message with their activity type.
        activities = dict(
            env["mail.message"]
            .sudo()
            ._read_group(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "in", clients.ids),
                    ("mail_activity_type_id", "!=", False),
                    ("date", ">=", since),
                ],
                ["res_id"],
                ["__count"],
            )
        )
        revenue = self._revenue_by_client(clients, since, now)
        margin = self._margin_by_client(clients, since)
        snapshots = {
            partner.id: (minimum, average)
            for partner, minimum, average in env["relationship.health.snapshot"]
            .sudo()
            ._read_group(
                [("partner_id", "in", clients.ids), ("date", ">=", since.date())],
                ["partner_id"],
                ["score:min", "score:avg"],
            )
        }
        values = {}
        for assessment in self:
            client = assessment.partner_id
            founded = problems.get((client.id, "founded"), 0)
            unfounded = problems.get((client.id, "unfounded"), 0)
            minimum, average = snapshots.get(
                client.id, (client.health_score, client.health_score)
            )
            values[assessment.id] = {
                "evidence_date": now,
                "problem_count": sum(
                    count for (pid, _a), count in problems.items() if pid == client.id
                ),
                "problem_founded_count": founded,
                "problem_unfounded_count": unfounded,
                "interaction_count": interactions.get(client, 0),
                "activity_done_count": activities.get(client.id, 0),
                "revenue": revenue.get(client.id, 0.0) if revenue is not None else 0.0,
                "revenue_available": revenue is not None,
                "margin": margin.get(client.id, 0.0) if margin is not None else 0.0,
                "margin_available": margin is not None,
                "health_score": client.health_score,
                "health_min_score": round(minimum or 0),
                "health_avg_score": round(average or 0),
            }
        return values

    def _revenue_by_client(self, clients, since, now):
        """Untaxed invoiced revenue from ``since`` to today when Invoicing is
        installed, else None (no dependency on it): the base's one reading
        of what a client was invoiced, the one the health and the goals use
        (``res.partner._relationship_invoiced``)."""
        # Up to today in the user's time zone or in UTC, the later: what
        # was invoiced today counts, whatever the hour.
        until = max(now.date(), fields.Date.context_today(self, now))
        return self.env["res.partner"]._relationship_invoiced(
            clients.ids, since.date(), until
        )

    def _margin_by_client(self, clients, since):
        """Margin of confirmed orders when sale_margin is installed, else None."""
        if (
            "sale.order" not in self.env
            or "margin" not in self.env["sale.order"]._fields
        ):
            return None
        groups = (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("partner_id.commercial_partner_id", "in", clients.ids),
                    ("state", "=", "sale"),
                    ("date_order", ">=", since),
                ],
                ["partner_id"],
                ["margin:sum"],
            )
        )
        margins = {}
        for partner, amount in groups:
            key = partner.commercial_partner_id.id
            margins[key] = margins.get(key, 0.0) + amount
        return margins

    def _evidence_summary(self):
        self.ensure_one()
        lines = [
            _(
                "%(count)s problems in 12 months: %(founded)s founded, "
                "%(unfounded)s unfounded.",
                count=self.problem_count,
                founded=self.problem_founded_count,
                unfounded=self.problem_unfounded_count,
            ),
            _(
                "Time spent: %(interactions)s interactions and %(activities)s "
                "activities done in 12 months.",
                interactions=self.interaction_count,
                activities=self.activity_done_count,
            ),
            _(
                "Health: %(score)s now; lowest %(minimum)s, average %(average)s "
                "over 12 months.",
                score=self.health_score,
                minimum=self.health_min_score,
                average=self.health_avg_score,
            ),
        ]
        lines.append(
            _("Revenue (12 months): %(amount)s.", amount=f"{self.revenue:,.2f}")
            if self.revenue_available
            else _("Revenue: not available (Invoicing is not installed).")
        )
        if self.margin_available:
            lines.append(
                _("Margin (12 months): %(amount)s.", amount=f"{self.margin:,.2f}")
            )
        return Markup("<ul>%s</ul>") % Markup("").join(
            Markup("<li>%s</li>") % line for line in lines
        )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_review(self):
        """Draft -> Evidence review: gather the evidence and freeze it."""
        self.check_access("write")
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(_("Only a draft assessment goes to evidence review."))
        now = fields.Datetime.now()
        # The evidence is read as superuser (problems, interactions, revenue
        # of the client whoever recorded them): the user may write this
        # assessment, checked above.
        values = self._gather_evidence(now)
        for assessment in self:
            with self._system_write():
                assessment.write(dict(values[assessment.id], state="review"))
                assessment.evidence_summary = assessment._evidence_summary()
            assessment._farewell_log(
                Markup("<p>%s</p>%s")
                % (_("Evidence gathered and frozen:"), assessment.evidence_summary)
            )
        return True

    def action_submit(self):
        """Evidence review -> Manager decision: the checklist must be done."""
        for assessment in self:
            if assessment.state != "review":
                raise ValidationError(
                    _("The evidence must be reviewed before a manager decides.")
                )
            missing = [
                assessment._fields[name].get_description(self.env)["string"]
                for name in CHECKLIST
                if not assessment[name]
            ]
            if missing:
                raise ValidationError(
                    _(
                        "Verify the situation is real before asking for a "
                        "decision. Still to check: %(items)s",
                        items="; ".join(missing),
                    )
                )
            with self._system_write():
                assessment.state = "decision"
            assessment._farewell_log(
                _("The evidence is reviewed: awaiting a manager's decision.")
            )
        return True

    def action_back_to_draft(self):
        for assessment in self:
            if assessment.state not in ("review", "decision"):
                raise UserError(
                    _("Only an assessment under review goes back to draft.")
                )
        with self._system_write():
            self.write({"state": "draft"})
        return True

    def _farewell_log(self, body):
        """A note of the workflow in the chatter, by the current user: logged
        (no email is sent), so it needs no email address of its author."""
        self._message_log(body=body)

    def _check_manager(self):
        if not self.env.user.has_group(
            "customer_farewell.group_customer_farewell_manager"
        ):
            raise AccessError(_("Only a manager decides whether to let a client go."))
        self.check_access("write")
        for assessment in self:
            if assessment.state != "decision" or not assessment.evidence_date:
                raise ValidationError(
                    _(
                        "No decision without an evidence review: gather the "
                        "evidence and complete the checklist first."
                    )
                )

    def action_keep(self):
        """Manager: keep the client, with a revitalization plan."""
        self._check_manager()
        # The plan is the application's answer to the manager's decision
        # (checked above): created as superuser, whoever owns the client.
        Plan = self.env["relationship.revitalization.plan"].sudo()
        for assessment in self:
            plan = Plan.search(
                [
                    ("partner_id", "=", assessment.partner_id.id),
                    ("state", "in", ("draft", "active")),
                ],
                limit=1,
            ) or Plan.create(
                {
                    "partner_id": assessment.partner_id.id,
                    "diagnosis": assessment.decision_note or assessment.motive,
                }
            )
            with self._system_write():
                assessment.write(
                    {
                        "decision": "keep",
                        "decided_by_id": self.env.uid,
                        "decision_date": fields.Datetime.now(),
                        "plan_id": plan.id,
                        "state": "closed",
                    }
                )
        return True

    def action_let_go(self):
        """Manager: let the client go, respectfully: farewell letter,
        transition date, client to Dissolution, departure record."""
        self._check_manager()
        for assessment in self:
            if not assessment.transition_date:
                raise ValidationError(_("Set the transition date of the farewell."))
            if not assessment.farewell_template_id:
                raise ValidationError(_("Choose the farewell letter to send."))
        reason = self.env.ref(
            "customer_farewell.reason_let_go", raise_if_not_found=False
        )
        for assessment in self:
            client = assessment.partner_id
            with self._system_write():
                departure = self.env["farewell.departure"].create(
                    {
                        "partner_id": client.id,
                        "departure_date": assessment.transition_date,
                        "cause": "let_go",
                        "assessment_id": assessment.id,
                        "reason_ids": [fields.Command.link(reason.id)]
                        if reason
                        else [],
                    }
                )
                assessment.write(
                    {
                        "decision": "let_go",
                        "decided_by_id": self.env.uid,
                        "decision_date": fields.Datetime.now(),
                        "departure_id": departure.id,
                        "state": "closed",
                    }
                )
            assessment._send_farewell_letter()
        return True

    def _send_farewell_letter(self):
        """Post the farewell letter on the client, from the deciding manager,
        in the client's language (the template's ``lang``).

        It leaves from the manager's address, else from the company's; a
        manager and a company without any address still send it, posted by
        the application with the manager as its author (the manager's right
        to decide is checked by the caller)."""
        self.ensure_one()
        client = self.partner_id
        author = self.env.user.partner_id
        email_from = (
            self.env.user.email_formatted
            or self.company_id.email_formatted
            or self.env.company.email_formatted
        )
        sender = client if email_from else client.sudo()
        return sender.message_post_with_source(
            self.farewell_template_id,
            subtype_xmlid="mail.mt_comment",
            author_id=author.id,
            email_from=email_from or False,
        )
