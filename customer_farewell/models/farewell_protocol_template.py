# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The open-door protocol follows a client for a few years at most (seed 003:
# rescue contacts at one month, six months, a year).
MAX_OFFSET_DAYS = 1830
# Whom a protocol is for (seed 003: the open door is for those who left
# and for those who are not clients yet).
PROTOCOL_KINDS = [
    ("client", "A client who left"),
    ("prospect", "A prospect whose opportunity was lost"),
]


class FarewellProtocolTemplate(models.Model):
    """A step of the open-door protocol, as configured: what to do, how long
    after the departure, with a suggested script."""

    _name = "farewell.protocol.template"
    _inherit = ["relationship.rules.mixin"]
    _description = "Open-door Protocol Step (configuration)"
    _order = "offset_days, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        PROTOCOL_KINDS,
        string="For",
        required=True,
        default="client",
        index=True,
        help="A client's departure follows the steps for clients; a prospect "
        "whose opportunity was lost, the steps for prospects.",
    )
    offset_days = fields.Integer(
        string="Days after Departure",
        required=True,
        help="0: on the day the client leaves; at most five years (1830 days).",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Activity",
        required=True,
        domain="[('res_model', 'in', (False, 'res.partner'))]",
        default=lambda self: self.env.ref(
            "mail.mail_activity_data_call", raise_if_not_found=False
        ),
    )
    script = fields.Html(
        string="Suggested Script",
        translate=True,
        help="What to say: a 'see you later', not a price offer.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Empty: the step is part of the protocol of every company.",
    )

    _sql_constraints = [
        (
            "offset_days_range",
            f"CHECK (offset_days >= 0 AND offset_days <= {MAX_OFFSET_DAYS})",
            (
                "A protocol step comes on the day of the departure or after it, "
                "and at most five years (1830 days) later."
            ),
        ),
    ]

    @api.constrains("name")
    def _check_name(self):
        for template in self:
            if not (template.name or "").strip():
                raise ValidationError(_("Give the protocol step a name."))

    @api.constrains("activity_type_id")
    def _check_activity_type(self):
        for template in self:
            if template.activity_type_id.res_model not in (False, "res.partner"):
                raise ValidationError(
                    _(
                        "The activity of a protocol step is given on the client: "
                        "choose an activity type for contacts, not for "
                        "%(model)s.",
                        model=template.activity_type_id.res_model,
                    )
                )

    def _due_date(self, departure):
        """When this step of ``departure``'s protocol is due: its offset after
        the departure, and never before today (a departure recorded late
        gets its overdue steps for today)."""
        self.ensure_one()
        return max(
            departure.departure_date + timedelta(days=self.offset_days),
            fields.Date.context_today(self),
        )

    def _texts(self, fname):
        """The texts of ``fname`` of this step in every installed language."""
        self.ensure_one()
        return {
            self.with_context(lang=code)[fname]
            for code, _name in self.env["res.lang"].get_installed()
        }
