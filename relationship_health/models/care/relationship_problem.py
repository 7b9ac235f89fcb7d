# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ...tools.batch import exclusive, run_in_batches
from ..relationship_interaction import FUTURE_TOLERANCE, OLDEST_YEAR
from .relationship_problem_target import PROBLEM_PRIORITIES

PROBLEM_KINDS = [
    ("complaint", "Complaint"),
    ("incident", "Incident"),
]
PROBLEM_STATES = [
    ("new", "Reported"),
    ("responded", "Responded"),
    ("resolved", "Resolved"),
]
PROBLEM_ASSESSMENTS = [
    ("founded", "Founded"),
    ("unfounded", "Unfounded"),
]
# Seed 004: from a problem well handled come the most loyal clients.
PROBLEM_OUTCOMES = [
    ("stronger", "Stronger"),
    ("unchanged", "Unchanged"),
    ("weaker", "Weaker"),
]
RESPONSE_TYPE = "relationship_health.mail_activity_type_problem_response"
ESCALATION_TYPE = "relationship_health.mail_activity_type_problem_escalation"
# Targets used when none is configured for a priority.
DEFAULT_RESPONSE_HOURS = 24
DEFAULT_RESOLUTION_DAYS = 10


class RelationshipProblem(models.Model):
    """A complaint or an incident of a client, owned by the account owner.

    Seed 004: the salesperson leads the resolution, quickly; never "that is
    not my problem, ask after-sales". A problem carries its targets (first
    response, resolution), is late when it misses one, and is escalated to
    the owner's manager then.
    """

    _name = "relationship.problem"
    _description = "Client Problem"
    _inherit = ["relationship.client.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "reported_date desc, id desc"
    _client_contact_field = "contact_id"
    _internal_user_fields = ("user_ids",)

    name = fields.Char(string="Subject", required=True, tracking=True)
    partner_id = fields.Many2one(tracking=True)
    contact_id = fields.Many2one(
        "res.partner",
        string="Raised by",
        domain="[('commercial_partner_id', '=', partner_id), ('id', '!=', partner_id)]",
        help="The person of the client who raised the problem.",
    )
    owner_id = fields.Many2one(
        help="The account owner leads the resolution of the client's problems.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "relationship_problem_res_users_rel",
        "problem_id",
        "user_id",
        string="Also Involved",
        domain=[("share", "=", False)],
        check_company=True,
        default=lambda self: self.env.user,
        help="Our people helping the owner solve the problem.",
    )
    kind = fields.Selection(
        PROBLEM_KINDS, required=True, default="complaint", tracking=True
    )
    priority = fields.Selection(
        PROBLEM_PRIORITIES, required=True, default="0", tracking=True
    )
    description = fields.Html()
    reported_date = fields.Datetime(
        string="Reported On",
        required=True,
        index=True,
        default=fields.Datetime.now,
        tracking=True,
    )
    first_response_date = fields.Datetime(
        string="First Response", copy=False, tracking=True
    )
    resolved_date = fields.Datetime(string="Resolved On", copy=False, tracking=True)
    response_deadline = fields.Datetime(
        string="Answer By",
        compute="_compute_deadlines",
        store=True,
        help="When the first response is due, from the target of the "
        "problem's priority.",
    )
    resolution_deadline = fields.Datetime(
        string="Resolve By", compute="_compute_deadlines", store=True
    )
    response_hours = fields.Float(
        string="Hours to First Response",
        compute="_compute_times",
        store=True,
        aggregator="avg",
        digits=(16, 1),
    )
    resolution_days = fields.Float(
        string="Days to Resolve",
        compute="_compute_times",
        store=True,
        aggregator="avg",
        digits=(16, 1),
    )
    response_late = fields.Boolean(
        string="Answered Late", compute="_compute_times", store=True
    )
    resolution_late = fields.Boolean(
        string="Resolved Late", compute="_compute_times", store=True
    )
    is_late = fields.Boolean(
        string="Past Target",
        compute="_compute_is_late",
        search="_search_is_late",
        help="Still open and past a target: not answered in time, or not "
        "resolved in time.",
    )
    state = fields.Selection(
        PROBLEM_STATES,
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
        group_expand=True,
    )
    root_cause = fields.Text(
        string="What Went Wrong", help="The root cause, once investigated."
    )
    resolution = fields.Text(string="How It Was Solved")
    prevention_action = fields.Text(
        string="How to Prevent It",
        help="What changes so that it does not happen again, to this client "
        "or to others.",
    )
    assessment = fields.Selection(
        PROBLEM_ASSESSMENTS,
        tracking=True,
        help="Founded: the problem was ours. Unfounded: once verified, there "
        "was nothing wrong on our side.",
    )
    outcome = fields.Selection(
        PROBLEM_OUTCOMES,
        string="Relationship Outcome",
        tracking=True,
        help="Did the relationship come out of the problem stronger?",
    )
    escalated_date = fields.Datetime(
        string="Escalated On", readonly=True, copy=False, tracking=True
    )
    escalation_user_id = fields.Many2one(
        "res.users", string="Escalated to", readonly=True, copy=False, tracking=True
    )
    gesture_log_ids = fields.One2many(
        "relationship.gesture.log", "problem_id", string="Gestures"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("reported_date", "priority", "company_id")
    def _compute_deadlines(self):
        targets = self.env["relationship.problem.target"]._targets_by_priority(
            self.company_id.ids
        )
        for problem in self:
            if not problem.reported_date:
                problem.response_deadline = problem.resolution_deadline = False
                continue
            hours, days = targets.get(
                (problem.company_id.id, problem.priority),
                (DEFAULT_RESPONSE_HOURS, DEFAULT_RESOLUTION_DAYS),
            )
            problem.response_deadline = problem.reported_date + timedelta(hours=hours)
            problem.resolution_deadline = problem.reported_date + timedelta(days=days)

    @api.depends(
        "reported_date",
        "first_response_date",
        "resolved_date",
        "response_deadline",
        "resolution_deadline",
    )
    def _compute_times(self):
        for problem in self:
            reported = problem.reported_date
            response = problem.first_response_date
            resolved = problem.resolved_date
            problem.response_hours = (
                (response - reported).total_seconds() / 3600
                if reported and response
                else 0
            )
            problem.resolution_days = (
                (resolved - reported).total_seconds() / 86400
                if reported and resolved
                else 0
            )
            problem.response_late = bool(
                response
                and problem.response_deadline
                and response > problem.response_deadline
            )
            problem.resolution_late = bool(
                resolved
                and problem.resolution_deadline
                and resolved > problem.resolution_deadline
            )

    @api.depends("first_response_date", "resolved_date")
    def _compute_state(self):
        for problem in self:
            if problem.resolved_date:
                problem.state = "resolved"
            elif problem.first_response_date:
                problem.state = "responded"
            else:
                problem.state = "new"

    @api.depends(
        "state",
        "response_late",
        "response_deadline",
        "resolution_deadline",
        "first_response_date",
    )
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for problem in self:
            problem.is_late = problem.state != "resolved" and bool(
                problem.response_late
                or (
                    not problem.first_response_date
                    and problem.response_deadline
                    and problem.response_deadline < now
                )
                or (problem.resolution_deadline and problem.resolution_deadline < now)
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        late = expression.normalize_domain(self._late_domain(fields.Datetime.now()))
        if (operator == "=") == bool(value):
            return late
        return ["!", *late]

    @api.model
    def _late_domain(self, now):
        """Open problems past one of their targets at ``now``."""
        return [
            ("state", "!=", "resolved"),
            "|",
            "|",
            ("response_late", "=", True),
            "&",
            ("first_response_date", "=", False),
            ("response_deadline", "<", now),
            ("resolution_deadline", "<", now),
        ]

    @api.model
    def _workflow_buttons(self):
        return {
            "state": _(
                "it follows the problem's dates: use We Answered, Resolve or "
                "Reopen (or set the dates of the first response and of the "
                "resolution)."
            )
        }

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Resolving a problem answers it.
            if vals.get("resolved_date") and not vals.get("first_response_date"):
                vals["first_response_date"] = vals["resolved_date"]
        problems = super().create(vals_list)
        problems._schedule_response()
        return problems

    def write(self, vals):
        unanswered = self.filtered(lambda p: not p.first_response_date)
        unresolved = self.filtered(lambda p: not p.resolved_date)
        res = super().write(vals)
        if vals.get("resolved_date") and not vals.get("first_response_date"):
            unanswered.write({"first_response_date": vals["resolved_date"]})
        if vals.get("first_response_date") or vals.get("resolved_date"):
            unanswered.activity_feedback(
                ["relationship_health.mail_activity_type_problem_response"]
            )
        if vals.get("resolved_date"):
            unresolved.activity_feedback(
                ["relationship_health.mail_activity_type_problem_escalation"]
            )
        return res

    def _schedule_response(self):
        """The owner is asked to answer the client before the target."""
        self.env["mail.activity"]._relationship_schedule(
            [
                {
                    "record": problem,
                    "activity_type": RESPONSE_TYPE,
                    "user": problem.owner_id,
                    "date_deadline": fields.Date.context_today(
                        problem, problem.response_deadline
                    ),
                    "summary": lambda env, name=problem.partner_id.name: env._(
                        "Answer %(client)s", client=name
                    ),
                }
                for problem in self.filtered(
                    lambda p: p.owner_id and not p.first_response_date
                )
            ],
            # A problem reported now: its owner is told at once.
            notify=True,
        )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("reported_date", "first_response_date", "resolved_date")
    def _check_dates(self):
        limit = fields.Datetime.now() + FUTURE_TOLERANCE
        for problem in self:
            reported = problem.reported_date
            for date, label in (
                (problem.first_response_date, _("answered")),
                (problem.resolved_date, _("resolved")),
            ):
                if date and date > limit:
                    raise ValidationError(
                        _(
                            "Problem %(problem)s cannot be %(what)s in the "
                            "future (%(date)s).",
                            problem=problem.name,
                            what=label,
                            date=fields.Datetime.to_string(date),
                        )
                    )
            if reported.year < OLDEST_YEAR:
                raise ValidationError(
                    _(
                        "Problem %(problem)s reported on %(date)s? Dates before "
                        "%(year)s are typing mistakes.",
                        problem=problem.name,
                        date=fields.Datetime.to_string(reported),
                        year=OLDEST_YEAR,
                    )
                )
            if reported > limit:
                raise ValidationError(
                    _(
                        "Problem %(problem)s cannot be reported in the future "
                        "(%(date)s).",
                        problem=problem.name,
                        date=fields.Datetime.to_string(reported),
                    )
                )
            for date, label in (
                (problem.first_response_date, _("answered")),
                (problem.resolved_date, _("resolved")),
            ):
                if date and date < reported:
                    raise ValidationError(
                        _(
                            "Problem %(problem)s cannot be %(what)s (%(date)s) "
                            "before it was reported (%(reported)s).",
                            problem=problem.name,
                            what=label,
                            date=fields.Datetime.to_string(date),
                            reported=fields.Datetime.to_string(reported),
                        )
                    )
            if (
                problem.resolved_date
                and problem.first_response_date
                and problem.resolved_date < problem.first_response_date
            ):
                raise ValidationError(
                    _(
                        "Problem %(problem)s cannot be resolved before its first "
                        "response.",
                        problem=problem.name,
                    )
                )

    @api.constrains("resolved_date", "root_cause", "assessment")
    def _check_resolution_documented(self):
        for problem in self.filtered("resolved_date"):
            if not (problem.root_cause or "").strip() or not problem.assessment:
                raise ValidationError(
                    _(
                        "Before resolving %(problem)s, say what went wrong and "
                        "whether the complaint was founded: the investigation "
                        "is what keeps it from happening again.",
                        problem=problem.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_respond(self):
        """Button: we answered the client now."""
        self.filtered(lambda p: not p.first_response_date).write(
            {"first_response_date": fields.Datetime.now()}
        )
        return True

    def action_resolve(self):
        """Button: the problem is solved now."""
        self.filtered(lambda p: not p.resolved_date).write(
            {"resolved_date": fields.Datetime.now()}
        )
        return True

    def action_reopen(self):
        """Button: the problem came back."""
        self.write({"resolved_date": False})
        return True

    def action_record_gesture(self):
        """Button: thank the client for their patience with a gesture."""
        self.ensure_one()
        return self.partner_id._relationship_gesture_form(
            {
                "default_occasion": "problem_solved",
                "default_problem_id": self.id,
                "default_contact_id": self.contact_id.id,
            }
        )

    # ------------------------------------------------------------------
    # Escalation
    # ------------------------------------------------------------------
    @api.model
    def _cron_escalate_late_problems(self):
        """Scheduled: escalate the problems past target not escalated yet, in
        batches (see ``tools.batch``). Returns the problems escalated."""
        escalated = []
        with exclusive(self.env, "problem escalation") as mine:
            if mine:
                late = self.search(
                    self._late_domain(fields.Datetime.now())
                    + [("escalated_date", "=", False)]
                )
                run_in_batches(
                    late,
                    lambda batch: escalated.extend(batch._escalate().ids),
                    label="Problem escalation",
                    analyze=[
                        self.env[model]._table
                        for model in ("mail.activity", "mail.followers", "mail.message")
                    ],
                )
        return self.browse(escalated)

    def _escalate(self):
        """Tell the owner's manager, once: an activity (in the manager's
        language) and a note on each problem. The escalation is the
        system's, not the user's: it runs as superuser, on problems found
        past their target."""
        now = fields.Datetime.now()
        problems = self.sudo().filtered(lambda p: not p.escalated_date)
        escalated = problems.browse()
        requests = []
        for owner, owned in problems.grouped("owner_id").items():
            manager = owner._relationship_manager() if owner else owner
            if not manager:
                continue
            for problem in owned:
                problem.message_post(
                    body=Markup("<p>%s</p>")
                    % _(
                        "Past its target: escalated to %(manager)s, who "
                        "%(owner)s answers to.",
                        manager=manager.name,
                        owner=owner.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                requests.append(
                    {
                        "record": problem,
                        "activity_type": ESCALATION_TYPE,
                        "user": manager,
                        "summary": lambda env, p=problem, o=owner: env._(
                            "Late problem of %(client)s, owned by %(owner)s",
                            client=p.partner_id.name,
                            owner=o.name,
                        ),
                    }
                )
            with self._system_write():
                owned.write(
                    {
                        "escalated_date": now,
                        "escalation_user_id": manager.id,
                        # The manager takes part from now on, and sees it.
                        "user_ids": [Command.link(manager.id)],
                    }
                )
            escalated |= owned
        self.env["mail.activity"]._relationship_schedule(requests)
        return escalated
