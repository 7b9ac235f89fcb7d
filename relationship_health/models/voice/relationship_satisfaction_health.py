# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Client satisfaction as a health component, plugged in through the
engine's extension point ``_health_components()``: what the client's people
answered to our satisfaction requests, the recent answers weighing more."""

from datetime import timedelta

from odoo import fields, models
from odoo.tools import format_date
from odoo.tools.translate import _lt

from ...tools.sql import pg_int_array
from ..health.relationship_health_component import HealthComponent
from .relationship_satisfaction_request import answer_face

# The weight of an answer halves every quarter of the line's window.
HALF_LIFE_SHARE = 0.25


class SatisfactionComponent(HealthComponent):
    """The answers of the window, weighted by recency (an answer's weight
    halves every quarter of the window): the weighted average against the
    line's target (5 by default: 5 gives 100 points, 3 gives 50, 1 gives
    0). Without an answer in the window, nothing to judge: not counted."""

    key = "satisfaction"
    label = _lt("Client satisfaction")
    target_label = _lt("average answer out of 5")
    default_target = 5
    default_window_days = 365

    def measure(self, env, clients, line_by_client, now):
        """One query for the batch: the answers of the longest window."""
        windows = {
            client_id: line_by_client[client_id]["window_days"] or 365
            for client_id in clients.ids
        }
        if not windows:
            return {}
        Request = env["relationship.satisfaction.request"]
        Request.flush_model(["partner_id", "state", "answer_date", "answer_rating"])
        env.cr.execute(
            """
            SELECT partner_id, answer_date, answer_rating
              FROM relationship_satisfaction_request
             WHERE partner_id = ANY(%s::int[])
               AND state = 'answered'
               AND answer_date >= %s
               AND answer_date <= %s
             ORDER BY answer_date, id
            """,
            [
                pg_int_array(windows),
                now - timedelta(days=max(windows.values())),
                now,
            ],
        )
        raw = {}
        for client_id, answered, rating in env.cr.fetchall():
            days = windows[client_id]
            age = (now - answered).total_seconds() / 86400
            if age > days:
                continue
            weight = 0.5 ** (age / (days * HALF_LIFE_SHARE))
            values = raw.setdefault(client_id, {"count": 0, "weights": 0.0, "sum": 0.0})
            values["count"] += 1
            values["weights"] += weight
            values["sum"] += weight * rating
            # Ordered by date: the last one wins.
            values["last_date"] = fields.Date.to_string(answered.date())
            values["last_rating"] = rating
        for values in raw.values():
            values["average"] = round(values.pop("sum") / values.pop("weights"), 1)
        return raw

    def score(self, raw, params):
        if not raw:
            return None
        target = params["target"] or self.default_target
        if target <= 1:
            return 100
        return max(0, min(100, round(100 * (raw["average"] - 1) / (target - 1))))

    def explain(self, env, raw, params):
        if not raw:
            return env._(
                "No answer to a satisfaction request in the last %(window)s "
                "days: nothing to judge, not counted.",
                window=params["window_days"],
            )
        faces = dict(
            env["relationship.satisfaction.request"]
            ._fields["answer_face"]
            ._description_selection(env)
        )
        return env._(
            "Answers in the last %(window)s days: %(count)s, weighted average "
            "%(average)s/5, the recent ones weighing more (last: %(face)s on "
            "%(date)s).",
            count=raw["count"],
            window=params["window_days"],
            average=raw["average"],
            face=faces[answer_face(raw["last_rating"])],
            date=format_date(env, raw["last_date"]),
        )


class RelationshipHealthEngine(models.AbstractModel):
    _inherit = "relationship.health.engine"

    def _health_components(self):
        components = super()._health_components()
        component = SatisfactionComponent()
        components[component.key] = component
        return components
