# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client's people, as stakeholders: function, role in decisions,
influence, attitude toward us, whom they report to, and leaving."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

STAKEHOLDER_ROLES = [
    ("decision_maker", "Decision maker"),
    ("economic_buyer", "Economic buyer"),
    ("influencer", "Influencer"),
    ("user", "User"),
    ("gatekeeper", "Gatekeeper"),
    ("sponsor", "Sponsor"),
]
INFLUENCE_LEVELS = [("low", "Low"), ("medium", "Medium"), ("high", "High")]
ATTITUDES = [
    ("champion", "Champion"),
    ("supporter", "Supporter"),
    ("neutral", "Neutral"),
    ("skeptic", "Skeptic"),
    ("opponent", "Opponent"),
]


class ResPartner(models.Model):
    # The fields below, and the map's in res_partner_map.py, hold the rules
    # relationship_health gives our fields on contacts (its res.partner
    # inherits relationship.rules.mixin): values parsed before the
    # database, derived ones (the shape and its figures) not writable.
    _inherit = "res.partner"

    # Their side: on the contacts of a client company
    stakeholder_function_id = fields.Many2one(
        "key.account.function", index="btree_not_null"
    )
    stakeholder_role = fields.Selection(
        STAKEHOLDER_ROLES,
        string="Role in Decisions",
    )
    stakeholder_influence = fields.Selection(INFLUENCE_LEVELS, string="Influence")
    stakeholder_attitude = fields.Selection(ATTITUDES, string="Attitude toward Us")
    reports_to_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        domain="[('commercial_partner_id', '=', commercial_partner_id), "
        "('id', '!=', id), ('is_company', '=', False)]",
    )
    report_ids = fields.One2many("res.partner", "reports_to_id", string="Reports")
    stakeholder_left = fields.Boolean(
        string="Left the Company",
        tracking=True,
        help="This person no longer works at the client: their threads stop "
        "counting and the account owner is alerted.",
    )
    stakeholder_left_date = fields.Date(string="Left on")

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("reports_to_id", "parent_id")
    def _check_reports_to(self):
        for partner in self.filtered("reports_to_id"):
            boss = partner.reports_to_id
            if boss.commercial_partner_id != partner.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(person)s cannot report to %(boss)s: they work for "
                        "different companies.",
                        person=partner.display_name,
                        boss=boss.display_name,
                    )
                )
        if self._has_cycle("reports_to_id"):
            raise ValidationError(
                _("The reporting line is a loop: someone would report to themselves.")
            )

    @api.constrains("stakeholder_left", "stakeholder_left_date")
    def _check_left_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.stakeholder_left_date and partner.stakeholder_left_date > today:
                raise ValidationError(
                    _(
                        "%(person)s cannot have left on a future date.",
                        person=partner.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Contacts leaving
    # ------------------------------------------------------------------
    def write(self, vals):
        leaving = self.browse()
        if vals.get("stakeholder_left") or vals.get("active") is False:
            leaving = self.filtered(
                lambda p: p.parent_id and not p.is_company and not p.stakeholder_left
            )
            if vals.get("stakeholder_left") and "stakeholder_left_date" not in vals:
                vals = dict(vals, stakeholder_left_date=fields.Date.context_today(self))
        res = super().write(vals)
        if leaving:
            self.env["key.account.shape.engine"]._contacts_left(leaving)
        return res
