# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command


def post_init_hook(env):
    """Weigh stakeholder coverage in the key accounts' scorecard shipped by
    relationship_health, if it is still there and does not use it yet."""
    scorecard = env.ref(
        "relationship_health.scorecard_dedicated", raise_if_not_found=False
    )
    if not scorecard or "stakeholders" in scorecard.line_ids.mapped("component"):
        return
    shipped = {"recency": 25, "visit": 25, "depth": 25, "breadth": 15, "trend": 10}
    weights = {"recency": 20, "visit": 20, "depth": 20, "breadth": 10, "trend": 10}
    lines = scorecard.line_ids
    if {line.component: line.weight for line in lines} != shipped:
        return  # edited by the user: leave it alone
    scorecard.write(
        {
            "line_ids": [
                Command.update(line.id, {"weight": weights[line.component]})
                for line in lines
            ]
            + [
                Command.create(
                    {
                        "component": "stakeholders",
                        "weight": 20,
                        "target": 4,
                        "sequence": 6,
                    }
                )
            ]
        }
    )
