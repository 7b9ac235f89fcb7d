# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .relationship_health_scorecard import HEALTH_BANDS


class RelationshipHealthDay(models.Model):
    """A client's health on a day that is over: the engine moves a client's
    health (``relationship.health``) here when it computes a later day, so
    every day is stored once and past days are never rewritten. Read the
    whole daily history, today included, in ``relationship.health.snapshot``.

    Narrow and append-only on purpose (a row per client per day): the
    company and the owner are read through the client; no create/write user
    and date columns (they would cost two foreign-key checks per row), and
    the date is indexed with a BRIN index, which rows appended in date order
    keep almost for free.
    """

    _name = "relationship.health.day"
    _description = "Client Health on a Past Day"
    _order = "date desc, id desc"
    _rec_name = "date"
    _log_access = False

    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="partner_id.company_id")
    date = fields.Date(required=True)
    score = fields.Integer(aggregator="avg")
    band = fields.Selection(HEALTH_BANDS)

    _sql_constraints = [
        (
            "partner_date_unique",
            "UNIQUE (partner_id, date)",
            "A client has one health a day.",
        ),
    ]

    def init(self):
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS relationship_health_day_date_brin
                ON relationship_health_day USING brin (date)
            """
        )
