# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client's care: occasions to remember, care due, problems, gestures
and revitalization plans, with the buttons of the Relationship page."""

from datetime import timedelta

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError

from ..res_partner import OLDEST_DAY
from .relationship_revitalization_plan import OPEN_PLAN_STATES

# The goal a revitalization plan proposes for a weak health component.
GOAL_BY_COMPONENT = {
    "recency": "wallet_share",
    "trend": "cross_selling",
    "breadth": "new_people",
    "stakeholders": "new_people",
    "depth": "new_methods",
    "problems": "new_methods",
    "visit": "new_places",
}
# Components scoring less are weak.
WEAK_POINTS = 70
# Care due within these days counts as due on the client's stat button.
CARE_DUE_DAYS = 7


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Care: reminders, problems, gestures, revitalization plans.
    relationship_birthday = fields.Date(
        string="Birthday",
        help="Its owner is reminded of it some days ahead (see the care rules).",
        groups="relationship_health.group_relationship_user",
    )
    relationship_first_deal_date = fields.Date(
        string="First Deal",
        help="When the client first bought from us, for the anniversary "
        "reminders. Filled from the first won opportunity (or confirmed "
        "order) when empty; editable.",
        groups="relationship_health.group_relationship_user",
    )
    relationship_care_reminder_ids = fields.One2many(
        "relationship.care.reminder",
        "partner_id",
        string="Care Reminders",
        groups="relationship_health.group_relationship_user",
    )
    relationship_care_count = fields.Integer(
        string="Care Due",
        help="Care reminders due within a week, or late.",
        compute="_compute_relationship_summary",
        groups="relationship_health.group_relationship_user",
    )
    relationship_next_contact_date = fields.Date(
        string="Next Contact Due",
        compute="_compute_relationship_summary",
        groups="relationship_health.group_relationship_user",
    )
    relationship_contact_late = fields.Boolean(
        compute="_compute_relationship_summary",
        groups="relationship_health.group_relationship_user",
    )
    relationship_visit_late = fields.Boolean(
        compute="_compute_relationship_summary",
        groups="relationship_health.group_relationship_user",
    )
    relationship_next_visit_date = fields.Date(
        string="Next Visit Due",
        compute="_compute_relationship_summary",
        groups="relationship_health.group_relationship_user",
    )
    relationship_problem_count = fields.Integer(
        string="Open Problems",
        compute="_compute_relationship_summary",
        groups="relationship_health.group_relationship_user",
    )
    relationship_gesture_count = fields.Integer(
        string="Gestures",
        compute="_compute_relationship_summary",
        groups="relationship_health.group_relationship_user",
    )
    relationship_plan_count = fields.Integer(
        string="Open Plans",
        compute="_compute_relationship_summary",
        groups="relationship_health.group_relationship_user",
    )
    relationship_plan_id = fields.Many2one(
        "relationship.revitalization.plan",
        string="Open Revitalization Plan",
        compute="_compute_relationship_summary",
        groups="relationship_health.group_relationship_user",
    )
    relationship_gesture_suggestion_ids = fields.Many2many(
        "relationship.gesture",
        string="Suggested Gestures",
        compute="_compute_relationship_gesture_suggestion_ids",
        groups="relationship_health.group_relationship_user",
        help="Well-rated gestures of the catalog this client has not received yet.",
    )

    def _relationship_summary_requests(self):
        """Open care of the clients (a contact shows its company's)."""
        requests = super()._relationship_summary_requests()
        ids = list(
            {client.id for client in self._relationship_commercial_of().values()}
        )
        today = fields.Date.context_today(self)
        Reminder = self.env["relationship.care.reminder"]
        if Reminder.has_access("read"):
            open_care = [("partner_id", "in", ids), ("state", "=", "open")]
            requests["care_due"] = (
                Reminder,
                open_care,
                ["partner_id", "kind"],
                ["due_date:min"],
            )
            # Due within a week, or late.
            requests["care_due_soon"] = (
                Reminder,
                open_care + [("due_date", "<=", today + timedelta(days=CARE_DUE_DAYS))],
                ["partner_id"],
                ["__count"],
            )
        for key, model, domain, aggregate in (
            (
                "care_problems",
                "relationship.problem",
                [("state", "!=", "resolved")],
                "__count",
            ),
            ("care_gestures", "relationship.gesture.log", [], "__count"),
            (
                "care_plans",
                "relationship.revitalization.plan",
                [("state", "in", OPEN_PLAN_STATES)],
                "id:max",
            ),
        ):
            if self.env[model].has_access("read"):
                requests[key] = (
                    self.env[model],
                    [("partner_id", "in", ids)] + domain,
                    ["partner_id"],
                    [aggregate],
                )
        return requests

    def _relationship_summary_set(self, answers):
        due = {
            (client.id, kind): first
            for client, kind, first in answers.get("care_due", [])
        }
        due_soon = dict(answers.get("care_due_soon", []))
        problems = dict(answers.get("care_problems", []))
        gestures = dict(answers.get("care_gestures", []))
        Plan = self.env["relationship.revitalization.plan"]
        plans = {
            client: Plan.browse(plan_id)
            for client, plan_id in answers.get("care_plans", [])
        }
        today = fields.Date.context_today(self)
        client_of = self._relationship_commercial_of()
        for partner in self:
            client = client_of[partner]
            partner.relationship_care_count = due_soon.get(client, 0)
            partner.relationship_next_contact_date = due.get((client.id, "contact"))
            partner.relationship_next_visit_date = due.get((client.id, "visit"))
            partner.relationship_contact_late = bool(
                partner.relationship_next_contact_date
                and partner.relationship_next_contact_date < today
            )
            partner.relationship_visit_late = bool(
                partner.relationship_next_visit_date
                and partner.relationship_next_visit_date < today
            )
            partner.relationship_problem_count = problems.get(client, 0)
            partner.relationship_gesture_count = gestures.get(client, 0)
            partner.relationship_plan_id = plans.get(client, Plan)
            partner.relationship_plan_count = len(partner.relationship_plan_id)
        return super()._relationship_summary_set(answers)

    def _compute_relationship_gesture_suggestion_ids(self):
        suggestions = self.env["relationship.gesture"]._suggestions(
            self.commercial_partner_id
        )
        for partner in self:
            partner.relationship_gesture_suggestion_ids = suggestions.get(
                partner.commercial_partner_id.id
            )

    @api.constrains("relationship_birthday", "relationship_first_deal_date")
    def _check_relationship_occasions(self):
        today = fields.Date.context_today(self)
        for partner in self:
            for day, label in (
                (partner.relationship_birthday, _("born")),
                (partner.relationship_first_deal_date, _("first bought from us")),
            ):
                if day and not OLDEST_DAY <= day <= today:
                    raise ValidationError(
                        _(
                            "%(client)s cannot have %(what)s on %(date)s: the "
                            "date must be past, and after 1900.",
                            client=partner.display_name,
                            what=label,
                            date=fields.Date.to_string(day),
                        )
                    )

    def unlink(self):
        # Their care goes with them: removed before mail.thread removes their
        # activities, which would otherwise plan the next contact and visit.
        self.env["relationship.care.reminder"].sudo().search(
            [("partner_id", "in", self.ids)]
        ).unlink()
        return super().unlink()

    # ------------------------------------------------------------------
    # Care
    # ------------------------------------------------------------------
    def _health_alert_hints(self):
        """A revitalization plan is proposed (never forced) to a client to
        watch or at risk that has none open."""
        hints = super()._health_alert_hints()
        if self.health_band not in ("watch", "at_risk"):
            return hints
        has_plan = (
            self.env["relationship.revitalization.plan"]
            .sudo()
            .search_count(
                [("partner_id", "=", self.id), ("state", "in", OPEN_PLAN_STATES)],
                limit=1,
            )
        )
        if has_plan:
            return hints
        return hints + Markup("<p>%s</p>") % _(
            "A revitalization plan could bring this relationship back: on the "
            "client's Relationship page, click Propose a Revitalization Plan."
        )

    @api.model
    def _care_client_ids(self):
        """Ids of the clients whose care the daily run plans, in id order:
        those the nightly health run scores that have an account owner.
        Extension point."""
        return self.search(
            [
                ("id", "in", self._health_client_ids()),
                ("relationship_owner_id", "!=", False),
            ],
            order="id",
        ).ids

    def _care_in_scope(self):
        """The clients of ``self`` whose care is planned: commercial entities
        with an account owner that have not left (Dissolution)."""
        return self.filtered(
            lambda p: (
                p.relationship_owner_id
                and p.relationship_stage != "dissolution"
                and p == p.commercial_partner_id
            )
        )

    def _care_birthday_people(self):
        """The people of these clients whose birthdays are remembered: every
        one with a birthday recorded (the client itself when it is a person).
        Extension point, e.g. to keep only key stakeholders."""
        return self.search(
            [
                ("commercial_partner_id", "in", self.ids),
                ("relationship_birthday", "!=", False),
            ]
        )

    def _care_fill_first_deal_dates(self):
        """Give the clients without a first-deal date the date of their
        first won business, in one query per source."""
        missing = self.filtered(lambda c: not c.relationship_first_deal_date)
        if not missing:
            return
        first = {}
        for source in self.env["relationship.care.planner"]._care_thanks_sources():
            for partner, day in self.env[source["model"]]._read_group(
                source["domain"]
                + [
                    (source["partner"], "child_of", missing.ids),
                    (source["date"], "!=", False),
                ],
                [source["partner"]],
                [f"{source['date']}:min"],
            ):
                client_id = partner.commercial_partner_id.id
                if client_id not in first or day < first[client_id]:
                    first[client_id] = day
        by_date = {}
        for client_id, day in first.items():
            by_date.setdefault(day.date(), []).append(client_id)
        for day, ids in by_date.items():
            self.browse(ids).write({"relationship_first_deal_date": day})

    def _relationship_open_care(self, xmlid, domain, context=None):
        self.ensure_one()
        client = self._relationship_client()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("partner_id", "=", client.id), *domain]
        action["context"] = {"default_partner_id": client.id, **(context or {})}
        return action

    def action_relationship_care_reminders(self):
        """Stat button: the care due for this client."""
        return self._relationship_open_care(
            "relationship_health.relationship_care_reminder_action",
            [],
            {"search_default_open": 1},
        )

    def action_relationship_problems(self):
        """Stat button: the problems of this client."""
        return self._relationship_open_care(
            "relationship_health.relationship_problem_action",
            [],
            {"search_default_open": 1},
        )

    def action_relationship_gestures(self):
        """Stat button: the gestures given to this client."""
        return self._relationship_open_care(
            "relationship_health.relationship_gesture_log_action", []
        )

    def action_relationship_plans(self):
        """Stat button: the revitalization plans of this client."""
        return self._relationship_open_care(
            "relationship_health.relationship_revitalization_plan_action", []
        )

    def action_relationship_report_problem(self):
        """Button: record a complaint or an incident of this client."""
        self.ensure_one()
        client = self._relationship_client()
        context = {"default_partner_id": client.id}
        if self != client:
            context["default_contact_id"] = self.id
        return {
            "type": "ir.actions.act_window",
            "name": _("Report a Problem"),
            "res_model": "relationship.problem",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    def action_relationship_record_gesture(self):
        """Button: log a gesture of gratitude given to this client."""
        return self._relationship_gesture_form()

    def _relationship_gesture_form(self, context=None):
        self.ensure_one()
        client = self._relationship_client()
        ctx = {"default_partner_id": client.id}
        if self != client:
            ctx["default_contact_id"] = self.id
        ctx.update(context or {})
        return {
            "type": "ir.actions.act_window",
            "name": _("Record a Gesture"),
            "res_model": "relationship.gesture.log",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": ctx,
        }

    def action_relationship_propose_plan(self):
        """Button: propose a revitalization plan for this client, with goals
        drawn from its weakest health components (or open the one it has).
        The plan starts as a proposal: nothing is forced on the owner."""
        self.ensure_one()
        client = self._relationship_client()
        Plan = self.env["relationship.revitalization.plan"]
        plan = Plan.search(
            [("partner_id", "=", client.id), ("state", "in", OPEN_PLAN_STATES)],
            limit=1,
        )
        if not plan:
            plan = Plan.create(
                {
                    "partner_id": client.id,
                    "company_id": (client.company_id or self.env.company).id,
                    "diagnosis": client.health_date
                    and client._health_alert_note(hints=False),
                    "goal_ids": [
                        Command.create(vals)
                        for vals in client._relationship_revitalization_goals()
                    ],
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "relationship.revitalization.plan",
            "res_id": plan.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _relationship_revitalization_goals(self):
        """Goals proposed to revitalize this client: one for each of its
        three weakest health components (the kind seed 000 suggests for it),
        else new business and new people. Extension point."""
        self.ensure_one()
        weakest = sorted(
            (i for i in self.health_breakdown or [] if i["points"] < WEAK_POINTS),
            key=lambda i: i["points"],
        )
        kinds = []
        for item in weakest:
            kind = GOAL_BY_COMPONENT.get(item["component"])
            if kind and kind not in kinds:
                kinds.append(kind)
        titles = {
            "wallet_share": _("Find new business inside the client"),
            "cross_selling": _("Offer them more of what we do"),
            "new_people": _("Bring new people into the relationship, on both sides"),
            "new_methods": _(
                "Change how we work together: a strategy review, a joint plan"
            ),
            "new_places": _("Meet them somewhere new: their site, an event, a meal"),
        }
        return [
            {"kind": kind, "name": titles[kind], "sequence": sequence}
            for sequence, kind in enumerate(
                kinds[:3] or ["wallet_share", "new_people"], start=1
            )
        ]
