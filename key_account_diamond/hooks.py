# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

# The key accounts' scorecard as relationship_health ships it, and its
# weights once stakeholder coverage takes 20 of them: since 18.0.2.4.0 (the
# client's satisfaction and the money), and before.
SHIPPED_WEIGHTS = (
    (
        {
            "recency": 20,
            "visit": 20,
            "depth": 20,
            "breadth": 10,
            "trend": 5,
            "satisfaction": 15,
            "revenue": 5,
            "payment": 5,
        },
        {
            "recency": 15,
            "visit": 15,
            "depth": 15,
            "breadth": 10,
            "trend": 5,
            "satisfaction": 10,
            "revenue": 5,
            "payment": 5,
        },
    ),
    (
        {"recency": 25, "visit": 25, "depth": 25, "breadth": 15, "trend": 10},
        {"recency": 20, "visit": 20, "depth": 20, "breadth": 10, "trend": 10},
    ),
)


def post_init_hook(env):
    """Weigh stakeholder coverage in the key accounts' scorecard shipped by
    relationship_health, if it is still there and does not use it yet."""
    scorecard = env.ref(
        "relationship_health.scorecard_dedicated", raise_if_not_found=False
    )
    if not scorecard or "stakeholders" in scorecard.line_ids.mapped("component"):
        return
    lines = scorecard.line_ids
    shipped = {line.component: line.weight for line in lines}
    weights = next(
        (after for before, after in SHIPPED_WEIGHTS if before == shipped), None
    )
    if weights is None:
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
                        "sequence": len(lines) + 1,
                    }
                )
            ]
        }
    )
