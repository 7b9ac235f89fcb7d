# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class FarewellDeparture(models.Model):
    """A client that left (on its own, or let go), and the open-door
    protocol that follows (seed 003: "hasta luego", the recovery route)."""

    _name = "farewell.departure"
    _description = "Client Departure"
    _inherit = ["relationship.client.mixin", "mail.thread", "mail.activity.mixin"]
    _client_from_contact = False
    _order = "departure_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(tracking=True)
    departure_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    cause = fields.Selection(
        [("left", "The client left"), ("let_go", "We let the client go")],
        required=True,
        default="left",
        tracking=True,
    )
    assessment_id = fields.Many2one("farewell.assessment", readonly=True)
    reason_ids = fields.Many2many("farewell.reason", string="Reasons")
    lost_revenue = fields.Float(string="Revenue Lost (yearly)")
    lost_products = fields.Text(string="Products or Services Lost")
    offer_ids = fields.One2many(
        "farewell.retention.offer", "departure_id", string="Retention Offers"
    )
    offer_count = fields.Integer(compute="_compute_offer_stats", store=True)
    price_offer_count = fields.Integer(
        string="Price Offers", compute="_compute_offer_stats", store=True
    )
    price_was_lever = fields.Boolean(
        string="Price as Lever",
        compute="_compute_offer_stats",
        store=True,
        help="At least one retention offer was about price.",
    )
    would_come_back = fields.Selection(
        [("yes", "Yes"), ("maybe", "Maybe"), ("no", "No")],
        string="Would They Come Back?",
        tracking=True,
    )
    exit_notes = fields.Html(string="Exit Conversation")
    door_state = fields.Selection(
        [("open", "Open"), ("closed", "Closed at the client's request")],
        default="open",
        required=True,
        tracking=True,
    )
    door_request_note = fields.Text(
        string="Client's Request",
        help="What the client asked, and when: needed to close the door, and "
        "to reopen it.",
    )
    step_ids = fields.One2many(
        "farewell.protocol.step", "departure_id", string="Open-door Protocol"
    )
    watch_ids = fields.One2many(
        "farewell.watch", "departure_id", string="Contagion Watch"
    )
    outcome = fields.Selection(
        [
            ("pending", "In Progress"),
            ("recovered", "Recovered"),
            ("not_recovered", "Not Recovered"),
        ],
        default="pending",
        required=True,
        tracking=True,
    )
    recovered_date = fields.Date(tracking=True)
    days_to_recover = fields.Integer(compute="_compute_days_to_recover", store=True)

    @api.depends("partner_id", "departure_date")
    def _compute_name(self):
        for departure in self:
            departure.name = _(
                "Departure of %(client)s",
                client=departure.partner_id.display_name or "…",
            )

    @api.depends("offer_ids.is_price")
    def _compute_offer_stats(self):
        for departure in self:
            departure.offer_count = len(departure.offer_ids)
            departure.price_offer_count = len(departure.offer_ids.filtered("is_price"))
            departure.price_was_lever = bool(departure.price_offer_count)

    @api.depends("recovered_date", "departure_date")
    def _compute_days_to_recover(self):
        for departure in self:
            departure.days_to_recover = (
                (departure.recovered_date - departure.departure_date).days
                if departure.recovered_date and departure.departure_date
                else 0
            )

    @api.constrains("recovered_date", "departure_date")
    def _check_recovered_date(self):
        for departure in self.filtered("recovered_date"):
            if departure.recovered_date < departure.departure_date:
                raise ValidationError(_("A client cannot be recovered before it left."))

    # ------------------------------------------------------------------
    # CRUD: the protocol and the watch start with the departure
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        departures = super().create(vals_list)
        leaving = departures.partner_id.filtered(
            lambda p: p.relationship_stage != "dissolution"
        )
        leaving.write({"relationship_stage": "dissolution"})
        departures._plan_protocol()
        self.env["farewell.watch"]._watch_related(departures)
        return departures

    def write(self, vals):
        if vals.get("door_state") == "open":
            reopening = self.filtered(lambda d: d.door_state == "closed")
            note = vals.get("door_request_note")
            if reopening and (
                not note
                or any(note == departure.door_request_note for departure in reopening)
            ):
                raise ValidationError(
                    _(
                        "The door was closed at the client's request: record the "
                        "client's new request before reopening it."
                    )
                )
        return super().write(vals)

    def _plan_protocol(self):
        """One step per configured protocol step, dated from the departure
        (a departure recorded late gets its overdue steps for today)."""
        templates = self.env["farewell.protocol.template"].search([])
        today = fields.Date.context_today(self)
        self.env["farewell.protocol.step"].create(
            [
                {
                    "departure_id": departure.id,
                    "template_id": template.id,
                    "name": template.name,
                    "due_date": max(
                        departure.departure_date + timedelta(days=template.offset_days),
                        today,
                    ),
                    "script": template.script,
                }
                for departure in self
                for template in templates
            ]
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_close_door(self):
        """The client asked us not to contact them: every step stops, and the
        door stays closed everywhere (watch, protocol)."""
        for departure in self:
            if not departure.door_request_note:
                raise ValidationError(
                    _("Record the client's request (what they asked, and when) first.")
                )
        self.write({"door_state": "closed"})
        self.step_ids._cancel()
        self.watch_ids.filtered(lambda w: w.state == "active")._clear()
        return True

    def action_recovered(self):
        """Win-back: the client returns to Exploration, its history intact."""
        for departure in self:
            if departure.outcome != "pending":
                raise UserError(_("This departure already has its outcome."))
        today = fields.Date.context_today(self)
        self.write({"outcome": "recovered", "recovered_date": today})
        self.partner_id.write({"relationship_stage": "exploration"})
        self.step_ids._cancel()
        return True

    def action_not_recovered(self):
        for departure in self:
            if departure.outcome != "pending":
                raise UserError(_("This departure already has its outcome."))
        self.write({"outcome": "not_recovered"})
        self.step_ids._cancel()
        return True

    def action_archive_client(self):
        """Archive the departed client, only when asked: nothing is deleted."""
        self.partner_id.action_archive()
        return True
