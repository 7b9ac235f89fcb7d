# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Opportunities born of the relationship (seed 001: "alert the sales team
to future opportunities inside key clients"): the lead keeps the
interaction or the revitalization goal it came from."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ...tools.actions import records_action

# Where an opportunity can come from: {field on crm.lead: its model}.
OPPORTUNITY_ORIGINS = {
    "relationship_interaction_id": "relationship.interaction",
    "relationship_goal_id": "relationship.revitalization.goal",
}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # Set by Create Opportunity only (readonly: the rules keep it so on
    # every path), never changed afterwards.
    relationship_interaction_id = fields.Many2one(
        "relationship.interaction",
        string="From Interaction",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        help="The interaction with the client in which this opportunity came up.",
        groups="relationship_health.group_relationship_user",
    )
    relationship_goal_id = fields.Many2one(
        "relationship.revitalization.goal",
        string="From Revitalization Goal",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        help="The goal of a revitalization plan this opportunity works towards.",
        groups="relationship_health.group_relationship_user",
    )

    @api.constrains("partner_id", "relationship_interaction_id", "relationship_goal_id")
    def _check_relationship_origin_client(self):
        for lead in self:
            for fname in OPPORTUNITY_ORIGINS:
                origin = lead.sudo()[fname]
                if not origin:
                    continue
                if lead.partner_id.commercial_partner_id != origin.partner_id:
                    raise ValidationError(
                        _(
                            "Opportunity %(lead)s came from the relationship with "
                            "%(client)s: its customer is %(client)s or one of its "
                            "people.",
                            lead=lead.name,
                            client=origin.partner_id.display_name,
                        )
                    )

    @api.model
    def _relationship_count_by_origin(self, fname, origin_ids):
        """{origin id: how many opportunities came from it}, lost ones
        included, of those the user may read, in one query. ``fname``: a
        field of ``OPPORTUNITY_ORIGINS``."""
        Lead = self.with_context(active_test=False)
        if not origin_ids or not Lead.has_access("read"):
            return {}
        return {
            origin.id: count
            for origin, count in Lead._read_group(
                [(fname, "in", origin_ids)], [fname], ["__count"]
            )
        }

    @api.model
    def _relationship_create_opportunity(self, origin, name):
        """Create, as the current user, the opportunity of ``origin`` (an
        interaction or a revitalization goal, one record) for its client:
        the user sells it (their sales team follows), and the lead keeps
        where it came from. Extension point: override
        ``_relationship_opportunity_values`` to add values."""
        origin.ensure_one()
        fname = next(
            (f for f, model in OPPORTUNITY_ORIGINS.items() if model == origin._name),
            None,
        )
        if not fname:
            raise UserError(
                _("Opportunities come from an interaction or a revitalization goal.")
            )
        # Only who may change the record (its client's owner, a participant,
        # a manager) turns it into business.
        try:
            origin.check_access("write")
        except AccessError as error:
            raise AccessError(
                _(
                    "Only the account owner of %(client)s, the people who worked "
                    "on %(record)s or a manager can create an opportunity from it.",
                    client=origin.partner_id.display_name,
                    record=origin.display_name,
                )
            ) from error
        vals = self._relationship_opportunity_values(origin, name)
        with self._system_write():
            lead = self.create(vals | {fname: origin.id})
        return lead

    @api.model
    def _relationship_opportunity_values(self, origin, name):
        """The values of a new opportunity from ``origin``. Extension point."""
        return {
            "name": name,
            "type": "opportunity",
            "partner_id": origin.partner_id.id,
            "user_id": self.env.user.id,
            "company_id": origin.company_id.id,
        }

    def action_relationship_open(self):
        """Open these opportunities (one: its form; several: a list), lost
        ones included."""
        return records_action(
            self,
            _("Opportunities"),
            ("list", "kanban", "form"),
            {"active_test": False, "default_type": "opportunity"},
        )
