# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The open door for prospects (seed 003: the open door is for "those who
left and those who are not clients yet"): a lost opportunity can start the
"see you later" protocol for its customer, and winning a new opportunity
for that prospect later is a win-back."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .res_partner import FAREWELL_USERS

FAREWELL_MANAGERS = "customer_farewell.group_customer_farewell_manager"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    farewell_departure_ids = fields.One2many(
        "farewell.departure",
        "lead_id",
        string="Open Door",
        readonly=True,
        groups=FAREWELL_USERS,
    )
    farewell_can_open_door = fields.Boolean(
        compute="_compute_farewell_can_open_door",
        help="Technical: the opportunity is lost, has a customer, and no "
        "open door was started from it.",
        groups=FAREWELL_USERS,
    )

    @api.depends("active", "probability", "partner_id", "farewell_departure_ids")
    def _compute_farewell_can_open_door(self):
        for lead in self:
            lead.farewell_can_open_door = bool(
                lead._farewell_is_lost()
                and lead.partner_id
                and not lead.farewell_departure_ids
            )

    # ------------------------------------------------------------------
    # CRUD: a won opportunity wins the prospect back
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._farewell_won()
        return leads

    def write(self, vals):
        res = super().write(vals)
        if "stage_id" in vals or vals.get("active"):
            self._farewell_won()
        return res

    def _farewell_won(self):
        won = self.filtered(lambda lead: lead.active and lead.stage_id.is_won)
        if won:
            self.env["farewell.departure"]._win_back_prospects(won)

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------
    def _farewell_is_lost(self):
        """Whether this opportunity (one) is lost, as CRM marks it."""
        self.ensure_one()
        return not self.active and not self.probability

    @api.model
    def _farewell_is_prospect(self, partner):
        """Whether ``partner`` (a commercial entity) is not a client yet: in
        Exploration, and no opportunity of theirs ever won. Extension
        point."""
        if partner.relationship_stage not in (False, "exploration"):
            return False
        # Every opportunity of theirs counts, whoever sells it.
        return not self.sudo().search_count(
            [
                ("partner_id", "child_of", partner.id),
                ("stage_id.is_won", "=", True),
            ],
            limit=1,
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_farewell_open_door(self):
        """Button on a lost opportunity: keep the door open to its customer
        with the "see you later" protocol for prospects."""
        departures = self._farewell_open_door()
        return departures._farewell_open_action()

    def action_farewell_view_open_door(self):
        self.ensure_one()
        return self.farewell_departure_ids._farewell_open_action()

    def _farewell_open_door(self):
        """Start the open-door protocol of the customers of these lost
        opportunities (one per prospect); refused, saving nothing, unless
        each is lost, has a customer who is a prospect, and the user may
        look after that prospect."""
        Departure = self.env["farewell.departure"]
        if not self:
            return Departure
        self.check_access("write")
        Departure.check_access("create")
        manager = self.env.is_superuser() or self.env.user.has_group(FAREWELL_MANAGERS)
        vals_by_prospect = {}
        for lead in self:
            if not lead._farewell_is_lost():
                raise UserError(
                    _(
                        "Opportunity %(lead)s is not lost: the open door is for "
                        "prospects whose opportunity was lost. Mark it as lost "
                        "first.",
                        lead=lead.name,
                    )
                )
            if not lead.partner_id:
                raise UserError(
                    _(
                        "Opportunity %(lead)s has no customer: set the customer "
                        "to keep the door open to them.",
                        lead=lead.name,
                    )
                )
            prospect = lead.partner_id.commercial_partner_id
            if prospect in vals_by_prospect:
                continue
            if not self._farewell_is_prospect(prospect):
                raise UserError(
                    _(
                        "%(partner)s is already a client: the open door for "
                        "prospects is for those who are not clients yet. When a "
                        "client leaves, record its departure instead.",
                        partner=prospect.display_name,
                    )
                )
            owner = prospect.relationship_owner_id
            if owner and owner != self.env.user and not manager:
                raise AccessError(
                    _(
                        "%(partner)s is looked after by %(owner)s: only they or "
                        "a manager can keep the door open to them.",
                        partner=prospect.display_name,
                        owner=owner.name,
                    )
                )
            vals_by_prospect[prospect] = {
                "partner_id": prospect.id,
                "kind": "prospect",
                "lead_id": lead.id,
                "cause": "left",
                "departure_date": fields.Date.context_today(self),
                "company_id": (lead.company_id or self.env.company).id,
            }
        # A prospect nobody looks after yet is looked after by who keeps
        # its door open (the user, checked above): its owner gets the
        # protocol's activities. Written as superuser: a salesperson may
        # not be allowed to edit contacts.
        unowned = (
            self.env["res.partner"]
            .concat(*vals_by_prospect)
            .filtered(lambda p: not p.relationship_owner_id)
        )
        if unowned:
            unowned.sudo().write({"relationship_owner_id": self.env.user.id})
        with Departure._system_write():
            return Departure.create(list(vals_by_prospect.values()))
