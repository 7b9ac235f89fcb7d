# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.relationship_health.tools.actions import records_action

from .farewell_protocol_template import PROTOCOL_KINDS

# A client let go leaves on the transition date a manager decided: from
# today to a year ahead (a notice period). A client who leaves on its own
# is recorded when it has left.
MAX_NOTICE_DAYS = 366


class FarewellDeparture(models.Model):
    """A client that left (on its own, or let go), and the open-door
    protocol that follows (seed 003: "hasta luego", the recovery route).

    The open door is also for those who are not clients yet: a prospect
    whose opportunity was lost gets a departure of kind ``prospect``
    (opened from the lost opportunity only), with the protocol steps for
    prospects. A prospect was never a client: its lifecycle stage does not
    move, and no contagion watch starts; winning a new opportunity for it
    later is its win-back."""

    _name = "farewell.departure"
    _description = "Client Departure"
    _inherit = ["relationship.client.mixin", "mail.thread", "mail.activity.mixin"]
    _client_from_contact = False
    _order = "departure_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(tracking=True)
    kind = fields.Selection(
        PROTOCOL_KINDS,
        string="For",
        required=True,
        default="client",
        readonly=True,
        index=True,
        help="A client who left, or a prospect whose opportunity was lost "
        "(Keep the Door Open, on the lost opportunity).",
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Lost Opportunity",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        help="The opportunity whose loss opened the door to this prospect.",
    )
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

    @api.depends("partner_id", "departure_date", "kind")
    def _compute_name(self):
        for departure in self:
            if departure.kind == "prospect":
                departure.name = _(
                    "See you later, %(prospect)s",
                    prospect=departure.partner_id.display_name or "…",
                )
            else:
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

    @api.constrains("kind", "lead_id", "cause", "partner_id")
    def _check_prospect(self):
        for departure in self:
            if departure.kind != "prospect":
                if departure.lead_id:
                    raise ValidationError(
                        _(
                            "Only the open door of a prospect comes from a lost "
                            "opportunity."
                        )
                    )
                continue
            if departure.cause != "left":
                raise ValidationError(
                    _("A prospect is not let go: it was never a client.")
                )
            lead = departure.lead_id.sudo()
            if lead and lead.partner_id.commercial_partner_id != departure.partner_id:
                raise ValidationError(
                    _(
                        "The open door of %(prospect)s comes from one of its "
                        "own lost opportunities, not from %(lead)s.",
                        prospect=departure.partner_id.display_name,
                        lead=lead.name,
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
        prospects = pending.filtered(lambda d: d.kind == "prospect").partner_id
        for client, count in counts:
            if count > 1 and client in prospects:
                raise ValidationError(
                    _(
                        "The door of %(prospect)s is already open: its "
                        "protocol is in progress. Record its outcome "
                        "(Recovered or Not Recovered) before opening it again.",
                        prospect=client.display_name,
                    )
                )
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
        # A client who leaves enters Dissolution and its relatives are
        # watched; a prospect was never a client: neither applies.
        clients = departures.filtered(lambda d: d.kind == "client")
        leaving = clients.partner_id.filtered(
            lambda p: p.relationship_stage != "dissolution"
        )
        leaving.write({"relationship_stage": "dissolution"})
        departures._plan_protocol()
        self.env["farewell.watch"]._watch_related(clients)
        return departures

    def write(self, vals):
        res = super().write(vals)
        if vals.get("departure_date"):
            self.step_ids._replan()
        return res

    def _plan_protocol(self):
        """One step per configured protocol step of the departure's company
        and kind (a client's, a prospect's), dated from the departure (a
        departure recorded late gets its overdue steps for today), in the
        owner's language (they read the steps and get their activities)."""
        # The protocol is configuration: all of it is read, then each
        # departure takes the steps of its own company and the shared ones.
        templates = self.env["farewell.protocol.template"].sudo().search([])
        vals_list = []
        for departure in self:
            lang = departure.owner_id.lang or self.env.lang
            for template in templates.with_context(lang=lang):
                if template.kind != departure.kind:
                    continue
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
        """Win-back: the client returns to Exploration, its history intact
        (a prospect's stage never moved: it stays where it is)."""
        self._check_pending()
        self._recover()
        clients = self.filtered(lambda d: d.kind == "client").partner_id
        clients.filtered(lambda p: not p.active).action_unarchive()
        clients.write({"relationship_stage": "exploration"})
        return True

    def _recover(self):
        today = fields.Date.context_today(self)
        with self._system_write():
            self.write({"outcome": "recovered", "recovered_date": today})
        self.step_ids._cancel()

    @api.model
    def _win_back_prospects(self, leads):
        """``leads`` were just won: the prospects among their customers whose
        door is open in a protocol in progress are won back (counted as
        win-backs in the reports). Returns those departures."""
        customers = leads.partner_id.commercial_partner_id
        if not customers:
            return self.browse()
        # Whoever wins the opportunity records the win-back, even of a
        # prospect whose door another salesperson opened: the win itself
        # went through the access checks of the opportunity.
        today = fields.Date.context_today(self)
        departures = self.sudo().search(
            [
                ("kind", "=", "prospect"),
                ("outcome", "=", "pending"),
                ("partner_id", "in", customers.ids),
                ("departure_date", "<=", today),
            ]
        )
        departures._recover()
        for departure in departures:
            won = leads.filtered(
                lambda lead, d=departure: (
                    lead.partner_id.commercial_partner_id == d.partner_id
                )
            )
            departure.message_post(
                body=_(
                    "Won back: opportunity %(lead)s was won.",
                    lead=", ".join(won.mapped("name")),
                )
            )
        return departures.with_env(self.env)

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

    def _farewell_open_action(self):
        """Open these departures (one: its form)."""
        return records_action(self, _("Departures"))

    def action_archive_client(self):
        """Archive the departed client, only when asked: nothing is deleted."""
        # Only who may change the departure archives its client.
        self.check_access("write")
        self.partner_id.action_archive()
        return True
