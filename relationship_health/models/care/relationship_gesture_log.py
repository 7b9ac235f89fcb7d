# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..relationship_interaction import EXCHANGE_INFORMATION, EXCHANGE_KINDS, OLDEST_YEAR

# Seed 002: why we thank a client.
GESTURE_OCCASIONS = [
    ("referral", "A referral"),
    ("information", "Information shared"),
    ("network", "Joining our network"),
    ("anniversary", "An anniversary"),
    ("problem_solved", "A problem solved"),
    ("birthday", "A birthday"),
    ("other", "Other"),
]


class RelationshipGestureLog(models.Model):
    """A gesture of gratitude given to a client, and why."""

    _name = "relationship.gesture.log"
    _inherit = ["relationship.client.mixin"]
    _description = "Gesture Given"
    _order = "date desc, id desc"
    _client_contact_field = "contact_id"
    _internal_user_fields = ("user_id",)

    gesture_id = fields.Many2one(
        "relationship.gesture", required=True, ondelete="restrict", check_company=True
    )
    partner_id = fields.Many2one(ondelete="cascade")
    contact_id = fields.Many2one(
        "res.partner",
        string="For",
        domain="[('commercial_partner_id', '=', partner_id), ('id', '!=', partner_id)]",
        help="The person of the client who received it.",
    )
    occasion = fields.Selection(
        GESTURE_OCCASIONS, required=True, default="other", index=True
    )
    exchange = fields.Selection(
        EXCHANGE_KINDS,
        string="Offered or Asked",
        compute="_compute_exchange",
        store=True,
        readonly=False,
        index=True,
        help="A gesture is something we offered: information for a gesture "
        "given for information shared, something else otherwise. Counted in "
        "the client's balance of what we offered and asked.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Given by",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        check_company=True,
    )
    cost = fields.Monetary(
        compute="_compute_cost",
        store=True,
        readonly=False,
        currency_field="currency_id",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    note = fields.Text(string="Personal Note", help="What we said or wrote with it.")
    problem_id = fields.Many2one(
        "relationship.problem",
        ondelete="set null",
        check_company=True,
        domain="[('partner_id', '=', partner_id)]",
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Referral",
        ondelete="set null",
        check_company=True,
        domain="[('relationship_referrer_id', '=', partner_id)]",
        help="The opportunity the client referred to us.",
    )
    rating = fields.Integer(related="gesture_id.rating")

    @api.depends("gesture_id")
    def _compute_cost(self):
        for log in self:
            log.cost = log.gesture_id.cost

    @api.depends("occasion")
    def _compute_exchange(self):
        for log in self:
            if log.occasion == "information":
                log.exchange = EXCHANGE_INFORMATION
            elif log.exchange in (False, EXCHANGE_INFORMATION):
                log.exchange = "other"

    @api.depends("gesture_id", "partner_id")
    def _compute_display_name(self):
        for log in self:
            log.display_name = _(
                "%(gesture)s for %(client)s",
                gesture=log.gesture_id.name,
                client=log.partner_id.name,
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        logs = super().create(vals_list)
        # The reminders belong to the account owner: the user's own access
        # to create this gesture was checked; closing them is the system's.
        self.env["relationship.care.planner"].sudo()._fulfil_by_gestures(logs)
        return logs

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("partner_id", "problem_id", "lead_id")
    def _check_same_client(self):
        for log in self:
            client = log.partner_id.commercial_partner_id
            if log.problem_id and log.problem_id.partner_id != client:
                raise ValidationError(
                    _(
                        "Problem %(problem)s is a problem of %(other)s, not of "
                        "%(client)s.",
                        problem=log.problem_id.name,
                        other=log.problem_id.partner_id.display_name,
                        client=client.display_name,
                    )
                )
            referrer = log.lead_id.relationship_referrer_id.commercial_partner_id
            if log.lead_id and referrer != client:
                raise ValidationError(
                    _(
                        "%(lead)s was not referred by %(client)s: thank the "
                        "client who referred it.",
                        lead=log.lead_id.display_name,
                        client=client.display_name,
                    )
                )

    @api.constrains("cost")
    def _check_cost(self):
        for log in self:
            if log.cost < 0:
                raise ValidationError(
                    _(
                        "The cost of %(gesture)s cannot be negative.",
                        gesture=log.display_name,
                    )
                )

    @api.constrains("date")
    def _check_date_not_in_future(self):
        today = fields.Date.context_today(self)
        for log in self:
            if log.date.year < OLDEST_YEAR:
                raise ValidationError(
                    _(
                        "A gesture given on %(date)s? Dates before %(year)s are "
                        "typing mistakes.",
                        date=fields.Date.to_string(log.date),
                        year=OLDEST_YEAR,
                    )
                )
            if log.date > today:
                raise ValidationError(
                    _(
                        "The log records gestures already given: %(date)s is in "
                        "the future.",
                        date=fields.Date.to_string(log.date),
                    )
                )
