# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class FarewellReason(models.Model):
    """Why a client left (configurable; a departure has one or several)."""

    _name = "farewell.reason"
    _inherit = ["relationship.rules.mixin"]
    _description = "Departure Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_price = fields.Boolean(
        string="About Price",
        help="The reason is the price: the report shows how often price "
        "weighed in departures.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Empty: the reason is offered to every company.",
    )

    @api.constrains("name")
    def _check_name(self):
        for reason in self:
            if not (reason.name or "").strip():
                raise ValidationError(_("Give the departure reason a name."))
