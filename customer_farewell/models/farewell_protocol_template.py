# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class FarewellProtocolTemplate(models.Model):
    """A step of the open-door protocol, as configured: what to do, how long
    after the departure, with a suggested script."""

    _name = "farewell.protocol.template"
    _description = "Open-door Protocol Step (configuration)"
    _order = "offset_days, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    offset_days = fields.Integer(
        string="Days after Departure",
        required=True,
        help="0: on the day the client leaves.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Activity",
        required=True,
        default=lambda self: self.env.ref(
            "mail.mail_activity_data_call", raise_if_not_found=False
        ),
    )
    script = fields.Html(
        string="Suggested Script",
        translate=True,
        help="What to say: a 'see you later', not a price offer.",
    )

    @api.constrains("offset_days")
    def _check_offset(self):
        for template in self:
            if template.offset_days < 0:
                raise ValidationError(
                    _("A protocol step cannot come before the departure.")
                )
