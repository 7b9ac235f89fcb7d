# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .relationship_health_scorecard import HEALTH_BANDS


class RelationshipHealthSnapshot(models.Model):
    """One client's health on one day, written by the daily recompute."""

    _name = "relationship.health.snapshot"
    _description = "Health Snapshot"
    _order = "date desc, id desc"
    _rec_name = "date"

    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    owner_id = fields.Many2one(
        related="partner_id.relationship_owner_id", string="Account Owner"
    )
    date = fields.Date(required=True, index=True)
    score = fields.Integer(aggregator="avg")
    band = fields.Selection(HEALTH_BANDS)

    _sql_constraints = [
        (
            "partner_date_unique",
            "UNIQUE (partner_id, date)",
            "A client has one health snapshot a day.",
        ),
    ]
