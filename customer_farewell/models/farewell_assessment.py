# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

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
        ASSESSMENT_STATES, default="draft", required=True, tracking=True, index=True
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
        string="The complaints were checked against the facts"
    )
    check_not_our_fault = fields.Boolean(
        string="The problems are not caused by our own service"
    )
    check_client_heard = fields.Boolean(
        string="The client was heard, and the owner talked it through with them"
    )
    check_alternatives = fields.Boolean(
        string="Other ways were considered (service level, conditions, contact)"
    )

    # Decision (managers only)
    decision = fields.Selection(DECISIONS, readonly=True, tracking=True)
    decision_note = fields.Html(string="Reasons for the Decision")
    decided_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    decision_date = fields.Datetime(readonly=True)
    transition_date = fields.Date(
        help="When the relationship ends (the client is moved to Dissolution)."
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
        "relationship.revitalization.plan", string="Revitalization Plan", readonly=True
    )
    departure_id = fields.Many2one("farewell.departure", readonly=True)

    @api.depends("partner_id")
    def _compute_name(self):
        for assessment in self:
            assessment.name = _(
                "Let %(client)s go?", client=assessment.partner_id.display_name or "…"
            )

    @api.constrains("transition_date")
    def _check_transition_date(self):
        for assessment in self.filtered("transition_date"):
            if (
                assessment.state != "closed"
                and assessment.transition_date < fields.Date.context_today(self)
            ):
                raise ValidationError(_("The transition date cannot be in the past."))

    def write(self, vals):
        decision_fields = {"decision", "decided_by_id", "decision_date"}
        if decision_fields & set(vals) and not self._is_system_write():
            raise AccessError(_("Only a manager's decision sets the outcome."))
        if self.filtered(lambda a: a.state == "closed") and set(vals) - {
            "message_main_attachment_id",
        }:
            raise UserError(_("A closed assessment cannot be changed."))
        if set(vals) & set(CHECKLIST) and self.filtered(
            lambda a: a.state not in ("draft", "review")
        ):
            raise UserError(_("The checklist is filled in during the evidence review."))
        return super().write(vals)

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
        revenue = self._revenue_by_client(clients, since)
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

    def _revenue_by_client(self, clients, since):
        """Untaxed invoiced revenue when Invoicing is installed, else None
        (no dependency on it)."""
        if "account.move" not in self.env:
            return None
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "in", clients.ids),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("state", "=", "posted"),
                    ("invoice_date", ">=", since.date()),
                ],
                ["commercial_partner_id"],
                ["amount_untaxed_signed:sum"],
            )
        )
        return {partner.id: amount for partner, amount in groups}

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
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(_("Only a draft assessment goes to evidence review."))
        now = fields.Datetime.now()
        values = self._gather_evidence(now)
        for assessment in self:
            with self._system_write():
                assessment.write(dict(values[assessment.id], state="review"))
                assessment.evidence_summary = assessment._evidence_summary()
            assessment.message_post(
                body=Markup("<p>%s</p>%s")
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
            assessment.state = "decision"
            assessment.message_post(
                body=_("The evidence is reviewed: awaiting a manager's decision.")
            )
        return True

    def action_back_to_draft(self):
        for assessment in self:
            if assessment.state not in ("review", "decision"):
                raise UserError(
                    _("Only an assessment under review goes back to draft.")
                )
        self.write({"state": "draft"})
        return True

    def _check_manager(self):
        if not self.env.user.has_group(
            "customer_farewell.group_customer_farewell_manager"
        ):
            raise AccessError(_("Only a manager decides whether to let a client go."))
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
        Plan = self.env["relationship.revitalization.plan"]
        for assessment in self:
            plan = Plan.sudo().search(
                [
                    ("partner_id", "=", assessment.partner_id.id),
                    ("state", "in", ("draft", "active")),
                ],
                limit=1,
            ) or Plan.sudo().create(
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
        for assessment in self:
            client = assessment.partner_id
            client.message_post_with_source(
                assessment.farewell_template_id,
                subtype_xmlid="mail.mt_comment",
            )
            with self._system_write():
                departure = self.env["farewell.departure"].create(
                    {
                        "partner_id": client.id,
                        "departure_date": assessment.transition_date,
                        "cause": "let_go",
                        "assessment_id": assessment.id,
                        "reason_ids": [
                            fields.Command.link(
                                self.env.ref("customer_farewell.reason_let_go").id
                            )
                        ],
                    }
                )
            with self._system_write():
                assessment.write(
                    {
                        "decision": "let_go",
                        "decided_by_id": self.env.uid,
                        "decision_date": fields.Datetime.now(),
                        "departure_id": departure.id,
                        "state": "closed",
                    }
                )
        return True
