# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    farewell_departure_ids = fields.One2many(
        "farewell.departure", "partner_id", string="Departures"
    )
    farewell_door_closed = fields.Boolean(
        string="Door Closed",
        compute="_compute_farewell_state",
        search="_search_farewell_door_closed",
        help="The client asked not to be contacted after leaving.",
    )
    farewell_watched = fields.Boolean(
        string="Contagion Watch",
        compute="_compute_farewell_state",
        search="_search_farewell_watched",
        help="Related to a client that left: watched for a quiet period.",
    )
    farewell_departure_count = fields.Integer(compute="_compute_farewell_state")
    farewell_assessment_count = fields.Integer(compute="_compute_farewell_state")

    def _compute_farewell_state(self):
        Departure = self.env["farewell.departure"].sudo()
        closed = set(
            Departure.search(
                [("partner_id", "in", self.ids), ("door_state", "=", "closed")]
            ).partner_id.ids
        )
        watched = set(
            self.env["farewell.watch"]
            .sudo()
            .search([("partner_id", "in", self.ids), ("state", "=", "active")])
            .partner_id.ids
        )
        departures = dict(
            Departure._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        assessments = dict(
            self.env["farewell.assessment"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.farewell_door_closed = partner.id in closed
            partner.farewell_watched = partner.id in watched
            partner.farewell_departure_count = departures.get(partner, 0)
            partner.farewell_assessment_count = assessments.get(partner, 0)

    def _search_farewell_door_closed(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        ids = (
            self.env["farewell.departure"]
            .sudo()
            ._search([("door_state", "=", "closed")])
        )
        positive = (operator == "=") == bool(value)
        return [
            (
                "farewell_departure_ids",
                "any" if positive else "not any",
                [("id", "in", ids)],
            )
        ]

    def _search_farewell_watched(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        ids = (
            self.env["farewell.watch"]
            .sudo()
            .search([("state", "=", "active")])
            .partner_id.ids
        )
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]

    def action_farewell_assess(self):
        """Open a new "let the client go?" assessment for this client."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Let the client go?"),
            "res_model": "farewell.assessment",
            "view_mode": "form",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }

    def action_farewell_departures(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_farewell.farewell_departure_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_farewell_assessments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_farewell.farewell_assessment_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    @api.model
    def _farewell_door_closed_ids(self, partner_ids):
        """Clients that asked not to be contacted (respected by every care
        routine that reads it)."""
        return set(
            self.env["farewell.departure"]
            .sudo()
            .search([("partner_id", "in", partner_ids), ("door_state", "=", "closed")])
            .partner_id.ids
        )
