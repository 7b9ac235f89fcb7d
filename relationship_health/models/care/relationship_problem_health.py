# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Problems as a health component, plugged in through the engine's
extension point ``_health_components()`` as any other add-on would."""

from collections import defaultdict
from datetime import timedelta

from odoo import models
from odoo.tools.translate import _lt

from ...tools.sql import pg_int_array
from ..health.relationship_health_component import HealthComponent

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
        """Two queries for the batch: the problems still open or reported in
        the longest window, counted here (five _read_group per batch cost a
        third of the SQL baseline's time at 10,000 clients, ``make bench``).
        As superuser: the score is derived data about clients the caller may
        read, the same whoever asks."""
        Problem = env["relationship.problem"].sudo()
        # {client id: start of its window}, one datetime per distinct window
        starts = {}
        windows = {}
        for client_id in clients.ids:
            days = line_by_client[client_id]["window_days"]
            if days not in starts:
                starts[days] = now - timedelta(days=days)
            windows[client_id] = starts[days]
        if not windows:
            return {}
        # SQL for the ids: the client ids go as one array literal, where a
        # domain adapted each of them (a twentieth of the batch time).
        Problem.flush_model(["partner_id", "state", "reported_date"])
        env.cr.execute(
            """
            SELECT id FROM relationship_problem
             WHERE partner_id = ANY(%s::int[])
               AND (state != 'resolved' OR reported_date >= %s)
            """,
            [pg_int_array(windows), min(starts.values())],
        )
        problems = Problem.browse(row[0] for row in env.cr.fetchall())
        if not problems:
            return {}
        problems.fetch(
            [
                "partner_id",
                "state",
                "reported_date",
                "first_response_date",
                "response_deadline",
                "resolution_deadline",
                "response_late",
                "response_hours",
            ]
        )
        late_ids = set(problems.filtered_domain(Problem._late_domain(now)).ids)
        raw = {}
        hours = defaultdict(list)
        for problem in problems:
            client_id = problem.partner_id.id
            is_open = problem.state != "resolved"
            in_window = windows[client_id] <= problem.reported_date <= now
            if not (is_open or in_window):
                continue
            values = raw.setdefault(
                client_id,
                {"open": 0, "late": 0, "count": 0, "on_time": 0, "hours": None},
            )
            values["open"] += is_open
            values["late"] += problem.id in late_ids
            if not in_window:
                continue
            values["count"] += 1
            # Answered late, or still unanswered past the deadline.
            answered_late = problem.response_late or (
                not problem.first_response_date
                and problem.response_deadline
                and problem.response_deadline < now
            )
            values["on_time"] += not answered_late
            if problem.first_response_date:
                hours[client_id].append(problem.response_hours)
        for client_id, spent in hours.items():
            raw[client_id]["hours"] = round(sum(spent) / len(spent), 1)
        return raw

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
