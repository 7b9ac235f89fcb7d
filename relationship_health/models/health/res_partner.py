# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client's health, read from ``relationship.health`` (written by the
engine), searchable as if stored; the breakdown in the reader's language;
what the nightly run scores and what an alert says."""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ...tools.compute import set_computed
from ...tools.fields import Json
from .relationship_health import HEALTH_TRENDS
from .relationship_health_scorecard import HEALTH_BANDS

# Days of daily scores drawn on the client's form.
HISTORY_DAYS = 90


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Health: read from relationship.health, which the engine writes
    # (daily, or on demand); none of it is stored on the client's row.
    health_ids = fields.One2many(
        "relationship.health",
        "partner_id",
        string="Health Records",
        readonly=True,
        help="Technical: the client's health (one record at most).",
        groups="relationship_health.group_relationship_user",
    )
    health_id = fields.Many2one(
        "relationship.health",
        string="Health Record",
        compute="_compute_health",
        compute_sudo=True,
        groups="relationship_health.group_relationship_user",
    )
    health_score = fields.Integer(
        compute="_compute_health",
        search="_search_health_score",
        compute_sudo=True,
        groups="relationship_health.group_relationship_user",
    )
    health_band = fields.Selection(
        HEALTH_BANDS,
        string="Health",
        compute="_compute_health",
        search="_search_health_band",
        compute_sudo=True,
        help="Its changes are logged in the chatter.",
        groups="relationship_health.group_relationship_user",
    )
    health_trend = fields.Selection(
        HEALTH_TRENDS,
        compute="_compute_health",
        search="_search_health_trend",
        compute_sudo=True,
        groups="relationship_health.group_relationship_user",
    )
    health_delta_30d = fields.Integer(
        string="30-day Change",
        compute="_compute_health",
        search="_search_health_delta_30d",
        compute_sudo=True,
        help="Points won or lost since the score of 30 days ago.",
        groups="relationship_health.group_relationship_user",
    )
    health_scorecard_id = fields.Many2one(
        "relationship.health.scorecard",
        string="Scorecard",
        compute="_compute_health",
        search="_search_health_scorecard_id",
        compute_sudo=True,
        groups="relationship_health.group_relationship_user",
    )
    health_date = fields.Date(
        string="Health Computed On",
        compute="_compute_health",
        search="_search_health_date",
        compute_sudo=True,
        groups="relationship_health.group_relationship_user",
    )
    health_breakdown = Json(
        string="Health Breakdown Data",
        compute="_compute_health",
        compute_sudo=True,
        help="Technical: one dict per component (component, weight, points, "
        "raw, params).",
        groups="relationship_health.group_relationship_user",
    )
    health_history = Json(
        string="Health History Data",
        compute="_compute_health",
        compute_sudo=True,
        help="Technical: [date, score] of the daily snapshots of the last 90 days.",
        groups="relationship_health.group_relationship_user",
    )
    health_breakdown_html = fields.Html(
        string="Health Breakdown",
        compute="_compute_health_breakdown_html",
        sanitize=False,
        groups="relationship_health.group_relationship_user",
    )

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
        names = (
            "health_id",
            "health_score",
            "health_band",
            "health_trend",
            "health_delta_30d",
            "health_scorecard_id",
            "health_date",
            "health_breakdown",
            "health_history",
        )
        values = {name: [] for name in names}
        for partner in self:
            row = rows.get(partner._origin.id)
            if row:
                row = list(row[1:])
                row[7] = Health._breakdown_from_json(row[7])
                row[8] = row[8] or []
            else:
                row = (False, 0, False, False, 0, False, False, False, [])
            for name, value in zip(names, row, strict=True):
                values[name].append(value)
        # The list of clients reads a dozen fields of each: set at once.
        set_computed(self, values)

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
        return self._relationship_search_derived(
            "relationship.health", fname, operator, value
        )

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
        remarks = self.filtered("health_date")._health_breakdown_remarks()
        # A line with nothing to judge the client on: its weight goes to the
        # others (see relationship.health.engine._evaluate).
        not_counted = _("not counted")
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
                        "<td class='text-end'>%s</td>"
                        "<td class='text-end'>%s</td><td>%s</td></tr>"
                    )
                    % (
                        self.env._(component.label),
                        item["weight"],
                        not_counted
                        if item["points"] is None
                        else f"{item['points']}/100",
                        not_counted
                        if item["points"] is None
                        else round(item["points"] * item["weight"] / 100, 1),
                        component.explain(self.env, item["raw"], item["params"]),
                    )
                )
            head = Markup("").join(Markup("<th>%s</th>") % h for h in headers)
            partner.health_breakdown_html = Markup(
                "<table class='table table-sm o_health_breakdown'>"
                "<thead><tr>%s</tr></thead><tbody>%s</tbody></table>%s"
            ) % (
                head,
                Markup("").join(rows),
                Markup("").join(
                    Markup("<p class='o_health_remark text-warning'>%s</p>") % remark
                    for remark in remarks.get(partner.id, [])
                ),
            )

    def _health_breakdown_remarks(self):
        """``{partner id: [sentence]}``: what the breakdown says below its
        components, in the reader's language, for these partners at once.
        The remarks explain; they give no points (a score changes through
        a component, ``relationship.health.engine._health_components()``).
        Extension point: care remarks on a client we only ask."""
        return {}

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
            (
                i
                for i in self.health_breakdown or []
                if i["component"] in components and i["points"] is not None
            ),
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
        """What the owner can do, after the alert's explanation (HTML, empty
        by default). Extension point: care proposes a revitalization plan."""
        self.ensure_one()
        return Markup()

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
