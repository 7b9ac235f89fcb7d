# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Problems as a health component, plugged in through the engine's
extension point ``_health_components()`` as any other add-on would."""

from collections import defaultdict
from datetime import timedelta

from odoo import models
from odoo.tools.translate import _lt

from .relationship_health_component import HealthComponent

# Points an open problem costs, and what it costs more once past its target.
OPEN_PROBLEM_POINTS = 10
LATE_PROBLEM_POINTS = 20


class ProblemsComponent(HealthComponent):
    """Open problems and how fast we answer them (seed 004).

    Full points when every problem of the window got its first response
    within its target (the share of on-time answers is held against the
    line's target); each problem still open costs 10 points, 20 more when it
    is past a target.
    """

    key = "problems"
    label = _lt("Problems")
    target_label = _lt("% of problems answered in time")
    default_target = 90
    default_window_days = 180

    def measure(self, env, clients, line_by_client, now):
        Problem = env["relationship.problem"]
        raw = defaultdict(
            lambda: {"open": 0, "late": 0, "count": 0, "on_time": 0, "hours": None}
        )
        ids = clients.ids
        for partner, count in Problem._read_group(
            [("partner_id", "in", ids), ("state", "!=", "resolved")],
            ["partner_id"],
            ["__count"],
        ):
            raw[partner.id]["open"] = count
        for partner, count in Problem._read_group(
            [("partner_id", "in", ids), *Problem._late_domain(now)],
            ["partner_id"],
            ["__count"],
        ):
            raw[partner.id]["late"] = count
        for window, window_ids in self._by_window(clients, line_by_client).items():
            recent = [
                ("partner_id", "in", window_ids),
                ("reported_date", ">=", now - timedelta(days=window)),
                ("reported_date", "<=", now),
            ]
            for partner, count in Problem._read_group(
                recent, ["partner_id"], ["__count"]
            ):
                raw[partner.id]["count"] = raw[partner.id]["on_time"] = count
            # Answered late, or still unanswered past the deadline.
            for partner, count in Problem._read_group(
                recent
                + [
                    "|",
                    ("response_late", "=", True),
                    "&",
                    ("first_response_date", "=", False),
                    ("response_deadline", "<", now),
                ],
                ["partner_id"],
                ["__count"],
            ):
                raw[partner.id]["on_time"] -= count
            for partner, hours in Problem._read_group(
                recent + [("first_response_date", "!=", False)],
                ["partner_id"],
                ["response_hours:avg"],
            ):
                raw[partner.id]["hours"] = round(hours, 1)
        return dict(raw)

    @staticmethod
    def _share(raw):
        if not raw or not raw["count"]:
            return 100
        return round(100 * raw["on_time"] / raw["count"])

    def score(self, raw, params):
        if not raw:
            return 100
        points = self._ratio_points(self._share(raw), params["target"])
        points -= OPEN_PROBLEM_POINTS * raw["open"] + LATE_PROBLEM_POINTS * raw["late"]
        return max(0, points)

    def explain(self, env, raw, params):
        if not raw or not (raw["open"] or raw["count"]):
            return env._(
                "No problem reported in the last %(window)s days, and none open.",
                window=params["window_days"],
            )
        sentence = env._(
            "Open problems: %(open)s, %(late)s past their target. Answered in "
            "time: %(on_time)s of %(count)s in the last %(window)s days "
            "(%(share)s%%, target %(target)s%%).",
            open=raw["open"],
            late=raw["late"],
            on_time=raw["on_time"],
            count=raw["count"],
            window=params["window_days"],
            share=self._share(raw),
            target=round(params["target"]),
        )
        if raw["hours"] is not None:
            sentence += " " + env._(
                "First answer in %(hours)s hours on average.",
                hours=raw["hours"],
            )
        return sentence


class RelationshipHealthEngine(models.AbstractModel):
    _inherit = "relationship.health.engine"

    def _health_components(self):
        components = super()._health_components()
        component = ProblemsComponent()
        components[component.key] = component
        return components
