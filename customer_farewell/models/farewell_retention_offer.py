# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class FarewellRetentionOffer(models.Model):
    """What we offered to keep a client who was leaving, and how it went.
    Seed 003: price should not be the main lever; the report counts it."""

    _name = "farewell.retention.offer"
    _description = "Retention Offer"
    _order = "date, id"

    departure_id = fields.Many2one(
        "farewell.departure", required=True, ondelete="cascade", index=True
    )
    date = fields.Date(default=fields.Date.context_today, required=True)
    description = fields.Char(required=True)
    is_price = fields.Boolean(
        string="Price Offer",
        help="A discount or better conditions: price as the lever.",
    )
    result = fields.Selection(
        [("pending", "Pending"), ("accepted", "Accepted"), ("refused", "Refused")],
        default="pending",
        required=True,
    )
    company_id = fields.Many2one(related="departure_id.company_id", store=True)
