# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models

from ...tools.compute import set_computed


class RelationshipInteraction(models.Model):
    _inherit = "relationship.interaction"

    opportunity_ids = fields.One2many(
        "crm.lead",
        "relationship_interaction_id",
        string="Opportunities",
        context={"active_test": False},
        readonly=True,
        help="The opportunities that came up in this interaction.",
    )
    opportunity_count = fields.Integer(compute="_compute_opportunity_count")

    def _compute_opportunity_count(self):
        counts = self.env["crm.lead"]._relationship_count_by_origin(
            "relationship_interaction_id", self._origin.ids
        )
        set_computed(
            self,
            {"opportunity_count": [counts.get(rec._origin.id, 0) for rec in self]},
        )

    def action_create_opportunity(self):
        """Button: something said in this interaction may become business
        (seed 001: alert the sales team to opportunities inside the
        client): an opportunity for the client, linked to the interaction."""
        self.ensure_one()
        lead = self.env["crm.lead"]._relationship_create_opportunity(
            self,
            _(
                "%(client)s: %(subject)s",
                client=self.partner_id.name,
                subject=self.name,
            ),
        )
        return lead.action_relationship_open()

    def action_view_opportunities(self):
        self.ensure_one()
        return self.opportunity_ids.action_relationship_open()
