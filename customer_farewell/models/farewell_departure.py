# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# A client let go leaves on the transition date a manager decided: from
# today to a year ahead (a notice period). A client who leaves on its own
# is recorded when it has left.
MAX_NOTICE_DAYS = 366


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
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="When the client left: today or before. A client let go leaves "
        "on the transition date the manager decided.",
    )
    cause = fields.Selection(
        [("left", "The client left"), ("let_go", "We let the client go")],
        required=True,
        default="left",
        tracking=True,
    )
    assessment_id = fields.Many2one(
        "farewell.assessment", readonly=True, check_company=True
    )
    reason_ids = fields.Many2many(
        "farewell.reason", string="Reasons", check_company=True
    )
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
        string="Door",
        default="open",
        required=True,
        tracking=True,
    )
    door_request_note = fields.Text(
        string="Client's Request",
        tracking=True,
        help="What the client asked, and when: needed to close the door, and "
        "to reopen it.",
    )
    door_closed_request = fields.Text(
        string="Request that Closed the Door",
        readonly=True,
        copy=False,
        help="The client's request recorded when the door was closed: "
        "reopening it needs a new one.",
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
    recovered_date = fields.Date(
        tracking=True,
        help="When the client came back: set by Client Recovered, and "
        "correctable then (not before the departure, not in the future).",
    )
    days_to_recover = fields.Integer(compute="_compute_days_to_recover", store=True)

    _sql_constraints = [
        (
            "lost_revenue_positive",
            "CHECK (lost_revenue IS NULL OR lost_revenue >= 0)",
            "The revenue lost cannot be negative.",
        ),
    ]

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

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("departure_date", "cause")
    def _check_departure_date(self):
        today = fields.Date.context_today(self)
        # A missing date is the database's to refuse (a mandatory field).
        for departure in self.filtered("departure_date"):
            if departure.cause == "let_go":
                if (departure.departure_date - today).days > MAX_NOTICE_DAYS:
                    raise ValidationError(
                        _(
                            "A client let go leaves at most a year ahead "
                            "(%(days)s days).",
                            days=MAX_NOTICE_DAYS,
                        )
                    )
            elif departure.departure_date > today:
                raise ValidationError(
                    _(
                        "A departure records a client that left: its date "
                        "(%(date)s) cannot be in the future.",
                        date=departure.departure_date,
                    )
                )
            early = departure.offer_ids.filtered(
                lambda o, d=departure: o.date < d.departure_date
            )
            if early:
                raise ValidationError(
                    _(
                        "The retention offer of %(date)s comes before the "
                        "departure: a departure cannot come after its offers.",
                        date=early[0].date,
                    )
                )

    @api.constrains("cause", "assessment_id")
    def _check_let_go_by_decision(self):
        for departure in self:
            if (departure.cause == "let_go") != bool(departure.assessment_id):
                raise ValidationError(
                    _(
                        "A client is let go only by a manager's decision on an "
                        "assessment (Let the Client Go); a client who leaves "
                        "on its own left."
                    )
                )

    @api.constrains("recovered_date", "departure_date", "outcome")
    def _check_recovered_date(self):
        today = fields.Date.context_today(self)
        for departure in self:
            if departure.outcome != "recovered":
                if departure.recovered_date:
                    raise ValidationError(
                        _("Only a recovered client has a date of recovery.")
                    )
                continue
            if not departure.recovered_date:
                raise ValidationError(_("Say when the client was recovered."))
            if departure.recovered_date < (departure.departure_date or today):
                raise ValidationError(_("A client cannot be recovered before it left."))
            if departure.recovered_date > today:
                raise ValidationError(_("A client cannot be recovered in the future."))

    @api.constrains("partner_id", "outcome")
    def _check_one_open_door(self):
        pending = self.filtered(lambda d: d.outcome == "pending")
        if not pending:
            return
        # Every departure of the clients counts, whoever may read them.
        counts = self.sudo()._read_group(
            [
                ("partner_id", "in", pending.partner_id.ids),
                ("outcome", "=", "pending"),
            ],
            ["partner_id"],
            ["__count"],
        )
        for client, count in counts:
            if count > 1:
                raise ValidationError(
                    _(
                        "%(client)s already left, and its open-door protocol "
                        "is in progress: record its outcome (Client Recovered "
                        "or Not Recovered) before a new departure.",
                        client=client.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Rules: the workflow, and what it freezes
    # ------------------------------------------------------------------
    @api.model
    def _workflow_buttons(self):
        return {
            "door_state": _(
                "Close the Door (with the client's request) or Reopen the "
                "Door (with their new request)."
            ),
            "outcome": _("Client Recovered or Not Recovered."),
        }

    def _frozen_fields(self):
        self.ensure_one()
        frozen = {
            "partner_id": _(
                "The client of a departure cannot change: record the departure "
                "of the other client instead."
            ),
        }
        if self.cause == "let_go":
            frozen["departure_date"] = _(
                "A client let go leaves on the transition date the manager decided."
            )
        return frozen

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
        res = super().write(vals)
        if vals.get("departure_date"):
            self.step_ids._replan()
        return res

    def _plan_protocol(self):
        """One step per configured protocol step of the departure's company,
        dated from the departure (a departure recorded late gets its overdue
        steps for today), in the owner's language (they read the steps and
        get their activities)."""
        # The protocol is configuration: all of it is read, then each
        # departure takes the steps of its own company and the shared ones.
        templates = self.env["farewell.protocol.template"].sudo().search([])
        vals_list = []
        for departure in self:
            lang = departure.owner_id.lang or self.env.lang
            for template in templates.with_context(lang=lang):
                if template.company_id not in (
                    departure.company_id,
                    self.env["res.company"],
                ):
                    continue
                vals_list.append(
                    {
                        "departure_id": departure.id,
                        "template_id": template.id,
                        "name": template.name,
                        "due_date": template._due_date(departure),
                        "script": template.script,
                    }
                )
        with self._system_write():
            return self.env["farewell.protocol.step"].create(vals_list)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_close_door(self):
        """The client asked us not to contact them: every step stops, and the
        door stays closed everywhere (watch, protocol)."""
        for departure in self:
            if departure.door_state == "closed":
                raise UserError(_("The door is already closed."))
            if not (departure.door_request_note or "").strip():
                raise ValidationError(
                    _("Record the client's request (what they asked, and when) first.")
                )
        for departure in self:
            with self._system_write():
                departure.write(
                    {
                        "door_state": "closed",
                        "door_closed_request": departure.door_request_note,
                    }
                )
        self.step_ids._cancel()
        # The watches this departure started stop with it, whoever owns the
        # watched partners: the door was closed by who may change the
        # departure (its write above is checked).
        self.watch_ids.sudo().filtered(lambda w: w.state == "active")._clear()
        return True

    def action_reopen_door(self):
        """The client asked to hear from us again: recorded as a new request
        before the door reopens."""
        for departure in self:
            if departure.door_state != "closed":
                raise UserError(_("The door is open."))
            note = (departure.door_request_note or "").strip()
            if not note or note == (departure.door_closed_request or "").strip():
                raise ValidationError(
                    _(
                        "The door was closed at the client's request: record the "
                        "client's new request before reopening it."
                    )
                )
        with self._system_write():
            self.write({"door_state": "open", "door_closed_request": False})
        return True

    def action_recovered(self):
        """Win-back: the client returns to Exploration, its history intact."""
        self._check_pending()
        today = fields.Date.context_today(self)
        with self._system_write():
            self.write({"outcome": "recovered", "recovered_date": today})
        clients = self.partner_id
        clients.filtered(lambda p: not p.active).action_unarchive()
        clients.write({"relationship_stage": "exploration"})
        self.step_ids._cancel()
        return True

    def action_not_recovered(self):
        self._check_pending()
        with self._system_write():
            self.write({"outcome": "not_recovered"})
        self.step_ids._cancel()
        return True

    def _check_pending(self):
        for departure in self:
            if departure.outcome != "pending":
                raise UserError(_("This departure already has its outcome."))

    def action_archive_client(self):
        """Archive the departed client, only when asked: nothing is deleted."""
        # Only who may change the departure archives its client.
        self.check_access("write")
        self.partner_id.action_archive()
        return True
