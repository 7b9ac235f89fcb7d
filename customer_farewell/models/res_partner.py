# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# What this add-on computes on a client: never written by hand.
FAREWELL_DERIVED = (
    "farewell_door_closed",
    "farewell_watched",
    "farewell_departure_count",
    "farewell_assessment_count",
)
FAREWELL_USERS = "customer_farewell.group_customer_farewell_user"


class ResPartner(models.Model):
    _inherit = "res.partner"

    farewell_departure_ids = fields.One2many(
        "farewell.departure",
        "partner_id",
        string="Departures",
        groups=FAREWELL_USERS,
    )
    farewell_door_closed = fields.Boolean(
        string="Door Closed",
        compute="_compute_relationship_summary",
        search="_search_farewell_door_closed",
        help="The client asked not to be contacted after leaving.",
        groups=FAREWELL_USERS,
    )
    farewell_watched = fields.Boolean(
        string="Contagion Watch",
        compute="_compute_relationship_summary",
        search="_search_farewell_watched",
        help="Related to a client that left: watched for a quiet period.",
        groups=FAREWELL_USERS,
    )
    farewell_departure_count = fields.Integer(
        compute="_compute_relationship_summary", groups=FAREWELL_USERS
    )
    farewell_assessment_count = fields.Integer(
        compute="_compute_relationship_summary", groups=FAREWELL_USERS
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._farewell_refuse_derived(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._farewell_refuse_derived(vals)
        return super().write(vals)

    @api.model
    def _farewell_refuse_derived(self, vals):
        for name in FAREWELL_DERIVED:
            if name in vals:
                raise UserError(
                    _(
                        "%(field)s is computed from the departures and the "
                        "watches: it cannot be written.",
                        field=self._fields[name].get_description(self.env)["string"],
                    )
                )

    def _relationship_summary_requests(self):
        # The alerts of the client form are for everyone who sees the client;
        # the counts are of the records the user may read.
        requests = super()._relationship_summary_requests()
        ids = self.ids
        requests["farewell_door_closed"] = (
            self.env["farewell.departure"].sudo(),
            [("partner_id", "in", ids), ("door_state", "=", "closed")],
            ["partner_id"],
            ["__count"],
        )
        requests["farewell_watched"] = (
            self.env["farewell.watch"].sudo(),
            [("partner_id", "in", ids), ("state", "=", "active")],
            ["partner_id"],
            ["__count"],
        )
        if self.env.user.has_group(FAREWELL_USERS):
            for key, model in (
                ("farewell_departures", "farewell.departure"),
                ("farewell_assessments", "farewell.assessment"),
            ):
                requests[key] = (
                    self.env[model],
                    [("partner_id", "in", ids)],
                    ["partner_id"],
                    ["__count"],
                )
        return requests

    def _relationship_summary_set(self, answers):
        closed = {partner.id for partner, _count in answers["farewell_door_closed"]}
        watched = {partner.id for partner, _count in answers["farewell_watched"]}
        departures = dict(answers.get("farewell_departures", []))
        assessments = dict(answers.get("farewell_assessments", []))
        for partner in self:
            partner.farewell_door_closed = partner.id in closed
            partner.farewell_watched = partner.id in watched
            partner.farewell_departure_count = departures.get(partner, 0)
            partner.farewell_assessment_count = assessments.get(partner, 0)
        return super()._relationship_summary_set(answers)

    def _search_farewell_door_closed(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        ids = self._farewell_door_closed_ids(None)
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", list(ids))]

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
        """Clients (among ``partner_ids``, or all when None) that asked not to
        be contacted (respected by every care routine that reads it)."""
        domain = [("door_state", "=", "closed")]
        if partner_ids is not None:
            domain.append(("partner_id", "in", partner_ids))
        return set(self.env["farewell.departure"].sudo().search(domain).partner_id.ids)
