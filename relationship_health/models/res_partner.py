# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from .relationship_health import HEALTH_TRENDS
from .relationship_health_scorecard import HEALTH_BANDS
from .relationship_revitalization_plan import OPEN_PLAN_STATES
from .relationship_stage_history import RELATIONSHIP_STAGES, RELATIONSHIP_TYPES

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
# Days of daily scores drawn on the client's form.
HISTORY_DAYS = 90

# Fields a contact of a company takes from its company instead of carrying
# its own value.
FOLLOWED_FIELDS = (
    "relationship_stage",
    "relationship_type",
    "relationship_owner_id",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    relationship_stage = fields.Selection(
        RELATIONSHIP_STAGES,
        string="Lifecycle Stage",
        compute="_compute_relationship_stage",
        store=True,
        readonly=False,
        recursive=True,
        index=True,
        tracking=True,
        group_expand=True,
        help="Where the relationship with this client stands: Exploration, "
        "Awareness, Expansion, Commitment or Dissolution. Contacts of a "
        "company follow the company's stage.",
    )
    relationship_type = fields.Selection(
        RELATIONSHIP_TYPES,
        compute="_compute_relationship_type",
        store=True,
        readonly=False,
        recursive=True,
        index=True,
        tracking=True,
        help="The kind of relationship this client expects from us; it sets "
        "the care the relationship needs.",
    )
    relationship_owner_id = fields.Many2one(
        "res.users",
        string="Account Owner",
        compute="_compute_relationship_owner_id",
        store=True,
        readonly=False,
        recursive=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
        help="Who answers for this relationship. Defaults to the salesperson.",
    )
    relationship_stage_date = fields.Datetime(
        string="In Stage Since",
        copy=False,
        help="When the client entered its current lifecycle stage. Editable "
        "to record the real date of clients brought in from elsewhere.",
    )
    relationship_stage_history_ids = fields.One2many(
        "relationship.stage.history", "partner_id", string="Stage History"
    )
    relationship_stage_timeline = fields.Html(
        string="Lifecycle",
        compute="_compute_relationship_stage_timeline",
        sanitize=False,
        help="The stages the client went through and the days spent in each.",
    )
    relationship_interaction_ids = fields.One2many(
        "relationship.interaction", "partner_id", string="Interactions"
    )
    relationship_interaction_count = fields.Integer(
        string="Interaction Count", compute="_compute_relationship_interaction_stats"
    )
    relationship_last_interaction_date = fields.Date(
        string="Last Interaction",
        compute="_compute_relationship_interaction_stats",
    )
    relationship_follows_parent = fields.Boolean(
        compute="_compute_relationship_follows_parent",
        help="Technical: a contact of a company takes its lifecycle stage, "
        "relationship type and account owner from the company.",
    )

    # Health: read from relationship.health, which the engine writes
    # (daily, or on demand); none of it is stored on the client's row.
    health_ids = fields.One2many(
        "relationship.health",
        "partner_id",
        string="Health Records",
        readonly=True,
        help="Technical: the client's health (one record at most).",
    )
    health_id = fields.Many2one(
        "relationship.health",
        string="Health Record",
        compute="_compute_health",
        compute_sudo=True,
    )
    health_score = fields.Integer(
        compute="_compute_health",
        search="_search_health_score",
        compute_sudo=True,
    )
    health_band = fields.Selection(
        HEALTH_BANDS,
        string="Health",
        compute="_compute_health",
        search="_search_health_band",
        compute_sudo=True,
        help="Its changes are logged in the chatter.",
    )
    health_trend = fields.Selection(
        HEALTH_TRENDS,
        compute="_compute_health",
        search="_search_health_trend",
        compute_sudo=True,
    )
    health_delta_30d = fields.Integer(
        string="30-day Change",
        compute="_compute_health",
        search="_search_health_delta_30d",
        compute_sudo=True,
        help="Points won or lost since the score of 30 days ago.",
    )
    health_scorecard_id = fields.Many2one(
        "relationship.health.scorecard",
        string="Scorecard",
        compute="_compute_health",
        search="_search_health_scorecard_id",
        compute_sudo=True,
    )
    health_date = fields.Date(
        string="Health Computed On",
        compute="_compute_health",
        search="_search_health_date",
        compute_sudo=True,
    )
    health_breakdown = fields.Json(
        string="Health Breakdown Data",
        compute="_compute_health",
        compute_sudo=True,
        help="Technical: one dict per component (component, weight, points, "
        "raw, params).",
    )
    health_history = fields.Json(
        string="Health History Data",
        compute="_compute_health",
        compute_sudo=True,
        help="Technical: [date, score] of the daily snapshots of the last 90 days.",
    )
    health_breakdown_html = fields.Html(
        string="Health Breakdown",
        compute="_compute_health_breakdown_html",
        sanitize=False,
    )

    # Care: reminders, problems, gestures, revitalization plans.
    relationship_birthday = fields.Date(
        string="Birthday",
        help="Its owner is reminded of it some days ahead (see the care rules).",
    )
    relationship_first_deal_date = fields.Date(
        string="First Deal",
        help="When the client first bought from us, for the anniversary "
        "reminders. Filled from the first won opportunity (or confirmed "
        "order) when empty; editable.",
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
        compute="_compute_relationship_care",
        groups="relationship_health.group_relationship_user",
    )
    relationship_next_contact_date = fields.Date(
        string="Next Contact Due",
        compute="_compute_relationship_care",
        groups="relationship_health.group_relationship_user",
    )
    relationship_contact_late = fields.Boolean(
        compute="_compute_relationship_care",
        groups="relationship_health.group_relationship_user",
    )
    relationship_visit_late = fields.Boolean(
        compute="_compute_relationship_care",
        groups="relationship_health.group_relationship_user",
    )
    relationship_next_visit_date = fields.Date(
        string="Next Visit Due",
        compute="_compute_relationship_care",
        groups="relationship_health.group_relationship_user",
    )
    relationship_problem_count = fields.Integer(
        string="Open Problems",
        compute="_compute_relationship_care",
        groups="relationship_health.group_relationship_user",
    )
    relationship_gesture_count = fields.Integer(
        string="Gestures",
        compute="_compute_relationship_care",
        groups="relationship_health.group_relationship_user",
    )
    relationship_plan_count = fields.Integer(
        string="Open Plans",
        compute="_compute_relationship_care",
        groups="relationship_health.group_relationship_user",
    )
    relationship_plan_id = fields.Many2one(
        "relationship.revitalization.plan",
        string="Open Revitalization Plan",
        compute="_compute_relationship_care",
        groups="relationship_health.group_relationship_user",
    )
    relationship_gesture_suggestion_ids = fields.Many2many(
        "relationship.gesture",
        string="Suggested Gestures",
        compute="_compute_relationship_gesture_suggestion_ids",
        groups="relationship_health.group_relationship_user",
        help="Well-rated gestures of the catalog this client has not received yet.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _relationship_follows(self):
        """Return the partners of ``self`` that follow their parent company.

        Extension point: a contact (not a company) with a parent follows it,
        as Odoo's commercial entity does.
        """
        return self.filtered(lambda p: p.parent_id and not p.is_company)

    @api.depends("parent_id", "is_company")
    def _compute_relationship_follows_parent(self):
        followers = self._relationship_follows()
        for partner in self:
            partner.relationship_follows_parent = partner in followers

    @api.depends("parent_id.relationship_stage", "is_company")
    def _compute_relationship_stage(self):
        followers = self._relationship_follows()
        for partner in self:
            if partner in followers:
                partner.relationship_stage = partner.parent_id.relationship_stage
            elif not partner.relationship_stage:
                partner.relationship_stage = "exploration"

    @api.depends("parent_id.relationship_type", "is_company")
    def _compute_relationship_type(self):
        for partner in self._relationship_follows():
            partner.relationship_type = partner.parent_id.relationship_type

    @api.depends("parent_id.relationship_owner_id", "is_company", "user_id")
    def _compute_relationship_owner_id(self):
        followers = self._relationship_follows()
        for partner in self:
            if partner in followers:
                partner.relationship_owner_id = partner.parent_id.relationship_owner_id
            elif not partner.relationship_owner_id and partner.user_id:
                partner.relationship_owner_id = partner.user_id

    def _compute_relationship_interaction_stats(self):
        """Count and last date, on clients and on the contacts who took part."""
        Interaction = self.env["relationship.interaction"]
        ids = self.ids
        by_client = {
            partner.id: (count, last)
            for partner, count, last in Interaction._read_group(
                [("partner_id", "in", ids)], ["partner_id"], ["__count", "date:max"]
            )
        }
        # Contacts (not clients) count the interactions they took part in.
        contact_ids = self._relationship_follows().ids
        by_contact = (
            {
                contact.id: (count, last)
                for contact, count, last in Interaction._read_group(
                    [("contact_ids", "in", contact_ids)],
                    ["contact_ids"],
                    ["__count", "date:max"],
                )
            }
            if contact_ids
            else {}
        )
        for partner in self:
            stats = (
                by_client.get(partner.id) or by_contact.get(partner.id) or (0, False)
            )
            count, last = stats
            partner.relationship_interaction_count = count
            partner.relationship_last_interaction_date = (
                last and fields.Datetime.context_timestamp(partner, last).date()
            )

    def _compute_relationship_care(self):
        """Open care of the clients (a contact shows its company's), in one
        query per model."""
        clients = self.commercial_partner_id
        ids = clients.ids
        today = fields.Date.context_today(self)
        Reminder = self.env["relationship.care.reminder"]
        due = {}
        for client, kind, first in Reminder._read_group(
            [("partner_id", "in", ids), ("state", "=", "open")],
            ["partner_id", "kind"],
            ["due_date:min"],
        ):
            due[(client.id, kind)] = first
        # Due within a week, or late.
        due_soon = dict(
            Reminder._read_group(
                [
                    ("partner_id", "in", ids),
                    ("state", "=", "open"),
                    ("due_date", "<=", today + timedelta(days=CARE_DUE_DAYS)),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        problems = dict(
            self.env["relationship.problem"]._read_group(
                [("partner_id", "in", ids), ("state", "!=", "resolved")],
                ["partner_id"],
                ["__count"],
            )
        )
        gestures = dict(
            self.env["relationship.gesture.log"]._read_group(
                [("partner_id", "in", ids)], ["partner_id"], ["__count"]
            )
        )
        plans = {
            plan.partner_id: plan
            for plan in self.env["relationship.revitalization.plan"].search(
                [("partner_id", "in", ids), ("state", "in", OPEN_PLAN_STATES)]
            )
        }
        for partner in self:
            client = partner.commercial_partner_id
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
            partner.relationship_plan_id = plans.get(client)
            partner.relationship_plan_count = len(partner.relationship_plan_id)

    def _compute_relationship_gesture_suggestion_ids(self):
        suggestions = self.env["relationship.gesture"]._suggestions(
            self.commercial_partner_id
        )
        for partner in self:
            partner.relationship_gesture_suggestion_ids = suggestions.get(
                partner.commercial_partner_id.id
            )

    @api.depends("relationship_stage_history_ids.date_start")
    @api.depends_context("lang")
    def _compute_relationship_stage_timeline(self):
        """The stage periods as a line of badges, read in one query."""
        periods = self.env["relationship.stage.history"].search_fetch(
            [("partner_id", "in", self.ids)],
            ["partner_id", "stage", "date_start", "date_end", "duration_days"],
            order="date_start, id",
        )
        labels = dict(
            self._fields["relationship_stage"]._description_selection(self.env)
        )
        by_partner = {}
        for period in periods:
            by_partner.setdefault(period.partner_id.id, []).append(
                Markup("<span class='badge rounded-pill %s me-1 mb-1'>%s · %s</span>")
                % (
                    "text-bg-primary" if not period.date_end else "text-bg-light",
                    labels.get(period.stage, period.stage),
                    _("%(days)s days", days=round(period.duration_days)),
                )
            )
        for partner in self:
            badges = by_partner.get(partner.id)
            partner.relationship_stage_timeline = (
                Markup("<div class='o_relationship_timeline'>%s</div>")
                % Markup("").join(badges)
                if badges
                else False
            )

    def action_relationship_stage_history(self):
        """Button: the full stage history of this client."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relationship_health.relationship_stage_history_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.depends(
        "health_ids.score",
        "health_ids.band",
        "health_ids.trend",
        "health_ids.delta_30d",
        "health_ids.scorecard_id",
        "health_ids.date",
        "health_ids.breakdown",
    )
    def _compute_health(self):
        """The client's health and the daily scores of the 90 days up to it,
        for the whole recordset (a list of clients, a form) in ONE query:
        the form of a client costs one query for all of its health."""
        Health = self.env["relationship.health"]
        Health.flush_model()
        self.env["relationship.health.day"].flush_model()
        rows = {}
        if self._origin.ids:
            self.env.cr.execute(
                """
                SELECT h.partner_id, h.id, h.score, h.band, h.trend, h.delta_30d,
                       h.scorecard_id, h.date, h.breakdown,
                       (SELECT json_agg(json_build_array(s.date, s.score)
                                        ORDER BY s.date)
                          FROM (SELECT d.date, d.score
                                  FROM relationship_health_day d
                                 WHERE d.partner_id = h.partner_id
                                   AND d.date > h.date - %s AND d.date < h.date
                                 UNION ALL
                                SELECT h.date, h.score) AS s)
                  FROM relationship_health h
                 WHERE h.partner_id = ANY(%s)
                """,
                [HISTORY_DAYS, self._origin.ids],
            )
            rows = {row[0]: row for row in self.env.cr.fetchall()}
        Scorecard = self.env["relationship.health.scorecard"]
        for partner in self:
            row = rows.get(partner._origin.id)
            if not row:
                partner.health_id = False
                partner.health_score = 0
                partner.health_band = False
                partner.health_trend = False
                partner.health_delta_30d = 0
                partner.health_scorecard_id = False
                partner.health_date = False
                partner.health_breakdown = False
                partner.health_history = []
                continue
            (_pid, health_id, score, band, trend, delta, card_id, date, breakdown) = (
                row[:9]
            )
            partner.health_id = Health.browse(health_id)
            partner.health_score = score
            partner.health_band = band
            partner.health_trend = trend
            partner.health_delta_30d = delta
            partner.health_scorecard_id = Scorecard.browse(card_id)
            partner.health_date = date
            partner.health_breakdown = Health._breakdown_from_json(breakdown)
            partner.health_history = row[9] or []

    def _search_health_score(self, operator, value):
        return self._health_search("score", operator, value)

    def _search_health_band(self, operator, value):
        return self._health_search("band", operator, value)

    def _search_health_trend(self, operator, value):
        return self._health_search("trend", operator, value)

    def _search_health_delta_30d(self, operator, value):
        return self._health_search("delta_30d", operator, value)

    def _search_health_scorecard_id(self, operator, value):
        return self._health_search("scorecard_id", operator, value)

    def _search_health_date(self, operator, value):
        return self._health_search("date", operator, value)

    @api.model
    def _health_search(self, fname, operator, value):
        """A condition on a health field as one on the client's id: clients
        without health match "is not set" and the negative operators, as
        they would on a stored field."""
        positive = operator not in expression.NEGATIVE_TERM_OPERATORS
        if not positive:
            operator = expression.TERM_OPERATORS_NEGATION[operator]
        if operator == "=" and value is False:
            positive, operator = not positive, "!="
        # sudo: the health of clients is searched like their other fields;
        # the partner search applies the partner's access rules.
        query = (
            self.env["relationship.health"].sudo()._search([(fname, operator, value)])
        )
        return [("id", "in" if positive else "not in", query.subselect("partner_id"))]

    @api.depends("health_breakdown", "health_score", "health_date")
    @api.depends_context("lang")
    def _compute_health_breakdown_html(self):
        """The breakdown as a table, each sentence in the reader's language."""
        components = self.env["relationship.health.engine"]._health_components()
        headers = (
            _("Component"),
            _("Weight"),
            _("Points"),
            _("Contribution"),
            _("Why"),
        )
        for partner in self:
            if not partner.health_date:
                partner.health_breakdown_html = Markup(
                    "<p class='text-muted'>%s</p>"
                ) % _("The health of this client has not been computed yet.")
                continue
            rows = []
            for item in partner.health_breakdown or []:
                component = components.get(item["component"])
                if not component:
                    continue
                rows.append(
                    Markup(
                        "<tr><td>%s</td><td class='text-end'>%s%%</td>"
                        "<td class='text-end'>%s/100</td>"
                        "<td class='text-end'>%s</td><td>%s</td></tr>"
                    )
                    % (
                        self.env._(component.label),
                        item["weight"],
                        item["points"],
                        round(item["points"] * item["weight"] / 100, 1),
                        component.explain(self.env, item["raw"], item["params"]),
                    )
                )
            head = Markup("").join(Markup("<th>%s</th>") % h for h in headers)
            partner.health_breakdown_html = Markup(
                "<table class='table table-sm o_health_breakdown'>"
                "<thead><tr>%s</tr></thead><tbody>%s</tbody></table>"
            ) % (head, Markup("").join(rows))

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(*FOLLOWED_FIELDS, "parent_id", "is_company")
    def _check_relationship_follows_company(self):
        for partner in self._relationship_follows():
            parent = partner.parent_id
            if any(partner[name] != parent[name] for name in FOLLOWED_FIELDS):
                raise ValidationError(
                    _(
                        "%(contact)s is a contact of %(company)s: the lifecycle "
                        "stage, relationship type and account owner come from "
                        "the company. Change them on %(company)s.",
                        contact=partner.display_name,
                        company=parent.display_name,
                    )
                )

    @api.constrains("relationship_stage_date")
    def _check_relationship_stage_date(self):
        now = fields.Datetime.now()
        for partner in self:
            if (
                partner.relationship_stage_date
                and partner.relationship_stage_date > now
            ):
                raise ValidationError(
                    _(
                        "%(client)s cannot have entered its stage in the future.",
                        client=partner.display_name,
                    )
                )

    def _track_prepare(self, fields_iter):
        """Track stage, type and owner on clients only: on their contacts
        these values are copies of the company's, and a change on a company
        with many contacts would flood every contact's chatter."""
        followers = self._relationship_follows()
        if not followers:
            return super()._track_prepare(fields_iter)
        fnames = set(fields_iter)
        super(ResPartner, self - followers)._track_prepare(fnames)
        return super(ResPartner, followers)._track_prepare(
            fnames - set(FOLLOWED_FIELDS)
        )

    # ------------------------------------------------------------------
    # CRUD: the stage history follows every change of stage
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._relationship_sync_stage_history()
        return partners

    def write(self, vals):
        if {"parent_id", "is_company"} & set(vals):
            # Settle pending values first: a contact leaving its company keeps
            # the stage, type and owner it had through the company.
            for name in FOLLOWED_FIELDS:
                self.mapped(name)
        res = super().write(vals)
        if {"relationship_stage", "parent_id", "is_company"} & set(vals):
            self._relationship_sync_stage_history()
        if "relationship_stage_date" in vals and not self.env.context.get(
            "relationship_stage_sync"
        ):
            self._relationship_move_stage_start()
        return res

    def unlink(self):
        # Their care goes with them: removed before mail.thread removes their
        # activities, which would otherwise plan the next contact and visit.
        self.env["relationship.care.reminder"].sudo().search(
            [("partner_id", "in", self.ids)]
        ).unlink()
        return super().unlink()

    def _relationship_sync_stage_history(self, from_create_date=False):
        """Close and open stage periods so that each client has exactly one
        open period, in its current stage. Batched: one search for all.

        :param from_create_date: open missing periods at the partner's
            creation date instead of now (used at install).
        """
        followers = self._relationship_follows()
        clients = (self - followers).filtered("relationship_stage")
        if not self:
            return
        # The history is maintained by the system, not typed by users: it is
        # written as superuser after the user's own write of the stage went
        # through the normal access checks.
        History = self.env["relationship.stage.history"].sudo()
        open_periods = History.search(
            [("partner_id", "in", self.ids), ("date_end", "=", False)]
        )
        open_by_partner = {period.partner_id.id: period for period in open_periods}
        now = fields.Datetime.now()
        # A client that became a contact of a company stops having its own.
        to_close = open_periods.filtered(lambda p: p.partner_id in followers)
        new_periods = []
        moved = self.browse()
        for client in clients:
            current = open_by_partner.get(client.id)
            if current and current.stage == client.relationship_stage:
                continue
            if current:
                to_close |= current
            start = (
                client.create_date if from_create_date and client.create_date else now
            )
            new_periods.append(
                {
                    "partner_id": client.id,
                    "stage": client.relationship_stage,
                    "date_start": start,
                }
            )
            moved |= client
        # A period never ends before it starts (clock skew, a corrected
        # "In stage since" in the future of now).
        for start, periods in to_close.grouped(
            lambda p: max(p.date_start, now)
        ).items():
            periods.write({"date_end": start})
        History.create(new_periods)
        for start, partners in moved.grouped(
            lambda p: p.create_date if from_create_date and p.create_date else now
        ).items():
            partners.with_context(relationship_stage_sync=True).write(
                {"relationship_stage_date": start}
            )

    def _relationship_move_stage_start(self):
        """The user corrected "In stage since": move the open period's start."""
        History = self.env["relationship.stage.history"].sudo()
        periods = History.search(
            [("partner_id", "in", self.ids), ("date_end", "=", False)]
        )
        for period in periods:
            start = period.partner_id.relationship_stage_date
            if not start:
                continue
            previous = History.search(
                [("partner_id", "=", period.partner_id.id), ("id", "!=", period.id)],
                order="date_start desc",
                limit=1,
            )
            if previous and previous.date_end and start < previous.date_start:
                raise ValidationError(
                    _(
                        "%(client)s was in stage %(stage)s until %(date)s: it "
                        "cannot have entered its current stage before that.",
                        client=period.partner_id.display_name,
                        stage=dict(RELATIONSHIP_STAGES)[previous.stage],
                        date=fields.Datetime.to_string(previous.date_start),
                    )
                )
            period.date_start = start
            if previous and previous.date_end and previous.date_end > start:
                previous.date_end = start

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _relationship_client(self):
        """The client a partner stands for: its commercial entity."""
        self.ensure_one()
        return self.commercial_partner_id

    def action_relationship_interactions(self):
        """Stat button: the interactions of this client, or of this contact."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relationship_health.relationship_interaction_action"
        )
        if self.relationship_follows_parent:
            action["domain"] = [("contact_ids", "in", self.ids)]
        else:
            action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self._relationship_client().id,
        }
        return action

    def action_relationship_log_interaction(self):
        """Open a new interaction for this client in a dialog."""
        self.ensure_one()
        client = self._relationship_client()
        context = {"default_partner_id": client.id}
        if self != client:
            context["default_contact_ids"] = [self.id]
        return {
            "type": "ir.actions.act_window",
            "name": _("Log an Interaction"),
            "res_model": "relationship.interaction",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    # ------------------------------------------------------------------
    # Health
    # ------------------------------------------------------------------
    @api.model
    def _health_client_ids(self):
        """Ids of the partners whose health is computed, in id order:
        active commercial entities that are not us (internal users, our
        companies) and have not left (Dissolution). Extension point."""
        internal = self.env["relationship.interaction"]._internal_partners(
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("share", "=", False)])
            .partner_id
            | self.env["res.company"].sudo().search([]).partner_id
        )
        return self.search(
            [
                "|",
                ("is_company", "=", True),
                ("parent_id", "=", False),
                ("id", "not in", internal.ids),
                ("relationship_stage", "!=", "dissolution"),
            ],
            order="id",
        ).ids

    @api.model
    def _relationship_log_tracking(self, field_name, changes):
        """Log field changes written in SQL by a batch job as tracking
        messages in the chatter, like ``tracking=True`` does for ORM writes,
        but in one batch: ``changes`` is ``{partner_id: (old, new)}``.

        Used by the health recompute (and by other add-ons' batch jobs) where
        a write() per client would cost several queries per client.
        """
        if not changes:
            return self.env["mail.message"]
        field = self._fields[field_name]
        labels = dict(field._description_selection(self.env))
        field_id = self.env["ir.model.fields"]._get(self._name, field_name).id
        # _message_log_batch does not check access (it writes as superuser):
        # the caller is a batch job that already computed these values.
        messages = self.browse(list(changes))._message_log_batch(
            bodies=dict.fromkeys(changes, "")
        )
        self.env["mail.tracking.value"].sudo().create(
            [
                {
                    "mail_message_id": message.id,
                    "field_id": field_id,
                    "old_value_char": labels.get(changes[message.res_id][0], "") or "",
                    "new_value_char": labels.get(changes[message.res_id][1], "") or "",
                }
                for message in messages
            ]
        )
        return messages

    def _health_alert_summary(self, kind, delta):
        self.ensure_one()
        if kind == "at_risk":
            return _("Relationship at risk: %(score)s/100", score=self.health_score)
        return _(
            "Relationship health fell %(points)s points in 30 days",
            points=abs(delta),
        )

    def _health_alert_note(self, hints=True):
        """Why, for the owner: the weakest components first, then what to do
        about it (``_health_alert_hints()``)."""
        self.ensure_one()
        components = self.env["relationship.health.engine"]._health_components()
        items = sorted(
            (i for i in self.health_breakdown or [] if i["component"] in components),
            key=lambda i: i["points"],
        )
        lines = [
            Markup("<li><b>%s</b> (%s/100): %s</li>")
            % (
                self.env._(components[i["component"]].label),
                i["points"],
                components[i["component"]].explain(self.env, i["raw"], i["params"]),
            )
            for i in items[:3]
        ]
        return Markup("<p>%s</p><ul>%s</ul>%s") % (
            _("Score %(score)s/100. What weighs most:", score=self.health_score),
            Markup("").join(lines),
            self._health_alert_hints() if hints else "",
        )

    def _health_alert_hints(self):
        """What the owner can do, after the alert's explanation: a
        revitalization plan is proposed (never forced) to a client to watch
        or at risk that has none open. Extension point."""
        self.ensure_one()
        if self.health_band not in ("watch", "at_risk"):
            return Markup()
        has_plan = (
            self.env["relationship.revitalization.plan"]
            .sudo()
            .search_count(
                [("partner_id", "=", self.id), ("state", "in", OPEN_PLAN_STATES)],
                limit=1,
            )
        )
        if has_plan:
            return Markup()
        return Markup("<p>%s</p>") % _(
            "A revitalization plan could bring this relationship back: on the "
            "client's Relationship page, click Propose a Revitalization Plan."
        )

    def action_health_recompute(self):
        """Button: recompute the health of these clients now."""
        if not self.env.user.has_group("relationship_health.group_relationship_user"):
            raise AccessError(_("Only relationship users can recompute health scores."))
        clients = self.commercial_partner_id
        if not clients:
            raise UserError(_("Select the clients to recompute."))
        # The engine writes derived values with SQL and creates the owners'
        # alert activities as superuser: the user may read these clients.
        clients.check_access("read")
        self.env["relationship.health.engine"]._recompute(clients)
        return True

    # ------------------------------------------------------------------
    # Care
    # ------------------------------------------------------------------
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
        Reminder = self.env["relationship.care.reminder"]
        for source in Reminder._care_thanks_sources():
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
