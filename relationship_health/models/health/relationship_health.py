# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import fields, models

from ...tools.fields import Json
from .relationship_health_scorecard import HEALTH_BANDS

HEALTH_TRENDS = [("up", "Rising"), ("stable", "Stable"), ("down", "Falling")]


class RelationshipHealth(models.Model):
    """A client's health as of its last computation: one record per client,
    written by ``relationship.health.engine`` (nightly, or on demand) and
    read through the client's health fields.

    The breakdown is JSON in a text column: PostgreSQL stores it as it
    comes, where a jsonb column parsed every client's breakdown every night
    (a quarter of the writing time in ``make bench``); nothing queries into
    it.

    It lives in its own narrow table rather than in ``res_partner`` because
    the nightly run rewrites every client: an UPDATE of res_partner rewrites
    wide rows and their twenty indexes, which cost as much as measuring the
    clients (``make bench``, see README); this table costs a fraction of it,
    and the clients' rows are not locked or bloated by the nightly run. The
    client, its owner, type and stage are read through ``partner_id``, so
    they are never stale, and the dashboard groups by them in SQL.

    No create/write user or date: the engine is the only writer and
    ``date`` says when; the columns would only cost two foreign-key checks
    per client per night.
    """

    _name = "relationship.health"
    _description = "Client Health"
    _order = "score, id"
    _rec_name = "partner_id"
    _log_access = False

    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="partner_id.company_id")
    owner_id = fields.Many2one(
        related="partner_id.relationship_owner_id", string="Account Owner"
    )
    user_id = fields.Many2one(related="partner_id.user_id", string="Salesperson")
    relationship_type = fields.Selection(related="partner_id.relationship_type")
    relationship_stage = fields.Selection(related="partner_id.relationship_stage")
    score = fields.Integer(readonly=True, aggregator="avg")
    band = fields.Selection(
        HEALTH_BANDS,
        string="Health",
        readonly=True,
        group_expand="_read_group_band",
    )
    trend = fields.Selection(HEALTH_TRENDS, readonly=True)
    delta_30d = fields.Integer(
        string="30-day Change",
        readonly=True,
        aggregator="avg",
        help="Points won or lost since the score of 30 days ago.",
    )
    scorecard_id = fields.Many2one(
        "relationship.health.scorecard",
        readonly=True,
        ondelete="set null",
    )
    date = fields.Date(string="Computed On", readonly=True)
    breakdown_html = fields.Html(
        related="partner_id.health_breakdown_html", string="Breakdown"
    )
    history = Json(related="partner_id.health_history", string="Last 90 Days")
    breakdown = fields.Text(
        string="Breakdown Data",
        readonly=True,
        help="Technical: JSON, one line per component of the scorecard, "
        "[component, weight, points, raw value, target, window in days]; "
        "read it with _breakdown_items().",
    )

    _sql_constraints = [
        (
            "partner_unique",
            "UNIQUE (partner_id)",
            "A client has one health record.",
        ),
    ]

    def _read_group_band(self, values, domain):
        """Every band, the worst first, as columns of the kanban."""
        return ["at_risk", "watch", "healthy"]

    def init(self):
        # The nightly run rewrites every row: room on each page lets
        # PostgreSQL update a row in place, without touching the indexes
        # (a "HOT" update), instead of moving it to another page.
        self.env.cr.execute("ALTER TABLE relationship_health SET (fillfactor = 50)")

    def _breakdown_items(self):
        """The breakdown as dicts: ``component``, ``weight``, ``points``,
        ``raw`` and ``params`` (``target``, ``window_days``)."""
        self.ensure_one()
        return self._breakdown_from_json(self.breakdown)

    @classmethod
    def _breakdown_from_json(cls, text):
        return [cls._breakdown_item(line) for line in json.loads(text or "[]")]

    @staticmethod
    def _breakdown_item(line):
        component, weight, points, raw, target, window_days = line
        return {
            "component": component,
            "weight": weight,
            "points": points,
            "raw": raw,
            "params": {"target": target, "window_days": window_days},
        }

    @staticmethod
    def _breakdown_line(item):
        """The stored form of one breakdown item (the inverse of
        ``_breakdown_item``)."""
        params = item.get("params") or {}
        return [
            item["component"],
            item["weight"],
            item["points"],
            item.get("raw"),
            params.get("target"),
            params.get("window_days"),
        ]

    def action_recompute(self):
        """Button and action: recompute these clients' health now."""
        return self.partner_id.action_health_recompute()

    def action_open_client(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            "target": "current",
        }
