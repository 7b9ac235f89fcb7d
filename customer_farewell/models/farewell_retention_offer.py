# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class FarewellRetentionOffer(models.Model):
    """What we offered to keep a client who was leaving, and how it went.
    Seed 003: price should not be the main lever; the report counts it."""

    _name = "farewell.retention.offer"
    _inherit = ["relationship.rules.mixin"]
    _description = "Retention Offer"
    _order = "date, id"
    _check_company_auto = True

    departure_id = fields.Many2one(
        "farewell.departure",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    date = fields.Date(
        default=fields.Date.context_today,
        required=True,
        help="When it was offered: from the departure to today.",
    )
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

    @api.constrains("date", "departure_id")
    def _check_date(self):
        today = fields.Date.context_today(self)
        # A missing date is the database's to refuse (a mandatory field).
        for offer in self.filtered("date"):
            if offer.date > today:
                raise ValidationError(
                    _(
                        "A retention offer records what was offered: its date "
                        "(%(date)s) cannot be in the future.",
                        date=offer.date,
                    )
                )
            if offer.date < (offer.departure_id.departure_date or offer.date):
                raise ValidationError(
                    _(
                        "A retention offer cannot come before the departure "
                        "(%(date)s).",
                        date=offer.departure_id.departure_date,
                    )
                )

    @api.constrains("description")
    def _check_description(self):
        for offer in self:
            if not (offer.description or "").strip():
                raise ValidationError(_("Say what was offered to the client."))

    def _frozen_fields(self):
        return {"departure_id": _("A retention offer stays with its departure.")}
