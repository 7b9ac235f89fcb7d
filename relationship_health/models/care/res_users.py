# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _relationship_manager(self):
        """The user this account owner answers to, who is told of their late
        problems: the leader of their sales team or, failing one, a
        relationship manager of their company. Extension point."""
        self.ensure_one()
        leader = self.sale_team_id.user_id
        if leader and leader != self and leader.active:
            return leader
        managers = (
            self.env.ref("relationship_health.group_relationship_manager")
            .sudo()
            .users.filtered(
                lambda u: (
                    u.active
                    and not u.share
                    and u != self
                    and self.company_id in u.company_ids
                )
            )
        )
        return managers.sorted("id")[:1]
