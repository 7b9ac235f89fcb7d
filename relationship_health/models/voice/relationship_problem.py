# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RelationshipProblem(models.Model):
    _inherit = "relationship.problem"

    def write(self, vals):
        resolving = (
            self.filtered(lambda p: not p.resolved_date)
            if vals.get("resolved_date")
            else self.browse()
        )
        res = super().write(vals)
        if resolving:
            # Once solved, the person who raised it tells us how we did.
            self.env["relationship.satisfaction.planner"]._request_after_problems(
                resolving
            )
        return res
