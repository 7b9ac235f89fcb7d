# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools

from .relationship_health_scorecard import HEALTH_BANDS


class RelationshipHealthSnapshot(models.Model):
    """Every client's health on every day it was computed: the past days
    (``relationship.health.day``) and today's (``relationship.health``), as
    one read-only history for reports and graphs. A database view: each day
    is stored once."""

    _name = "relationship.health.snapshot"
    _description = "Health Snapshot"
    _order = "date desc, id desc"
    _rec_name = "date"
    _auto = False

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one(related="partner_id.company_id")
    owner_id = fields.Many2one(
        related="partner_id.relationship_owner_id", string="Account Owner"
    )
    relationship_type = fields.Selection(related="partner_id.relationship_type")
    relationship_stage = fields.Selection(related="partner_id.relationship_stage")
    date = fields.Date(readonly=True)
    score = fields.Integer(readonly=True, aggregator="avg")
    band = fields.Selection(HEALTH_BANDS, readonly=True)
    weekly = fields.Boolean(
        string="Weekly Point",
        readonly=True,
        help="One day a week of the client's history: the day of its latest "
        "health, and the days 7, 14, 21... days before it. A weekly trend "
        "counts these, so that each client counts once a week.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # Even ids for past days, odd ones for today's: unique in the view.
        # The join that tells weekly points costs nothing when a query does
        # not read them: PostgreSQL drops a LEFT JOIN on a unique key whose
        # columns are not used.
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS
            SELECT d.id * 2 AS id, d.partner_id, d.date, d.score, d.band,
                   COALESCE(mod(h.date - d.date, 7) = 0, FALSE) AS weekly
              FROM relationship_health_day d
              LEFT JOIN relationship_health h ON h.partner_id = d.partner_id
             UNION ALL
            SELECT h.id * 2 + 1, h.partner_id, h.date, h.score, h.band, TRUE
              FROM relationship_health h
             WHERE h.date IS NOT NULL
            """
        )
