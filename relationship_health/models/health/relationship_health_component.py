# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Health score components.

A component turns one aspect of a relationship into points from 0 to 100:

- ``measure(env, clients, line_by_client, now)`` returns the *raw value* of
  every client, batched: ``{partner_id: raw}``. It must run a number of
  queries that does not depend on how many clients it gets.
- ``score(raw, params)`` turns a raw value into points (0..100), or None
  when there is nothing to judge the client on (no answer to a satisfaction
  request yet, Invoicing not installed): the line is then shown but not
  counted, and the client's other lines share its weight.
- ``explain(env, raw, params)`` says why, in one sentence, in the language of
  ``env``. It is called when the breakdown is displayed, so it follows the
  reader's language.

``params`` are the scorecard line's ``target`` and ``window_days``.

The five built-in components read the interaction log. They derive from
``InteractionStatsComponent``: the engine reads the statistics they need for
a whole batch in one query (``relationship.health.engine._interaction_stats``)
and each of them picks its raw value from it, instead of one query or more
per component.

Other add-ons add components by overriding
``relationship.health.engine._health_components()`` (see readme/CONFIGURE.md).
"""

from odoo.tools.translate import _lt

# Interactions beyond operations: the sign of a healthy relationship (seed 000).
DEEP_DEPTHS = ("strategic", "satisfaction")


class HealthComponent:
    """Base class of a health score component."""

    key = None
    label = None
    #: unit of the target, shown on the scorecard line
    target_label = None
    default_target = 0.0
    default_window_days = 0

    def measure(self, env, clients, line_by_client, now):
        raise NotImplementedError

    def score(self, raw, params):
        raise NotImplementedError

    def explain(self, env, raw, params):
        raise NotImplementedError

    # helpers ---------------------------------------------------------------
    @staticmethod
    def _days_since_points(days, target):
        """100 points up to ``target`` days, then down to 0 at 3x target."""
        if days is None:
            return 0
        if days <= target:
            return 100
        return max(0, round(100 * (3 * target - days) / (2 * target)))

    @staticmethod
    def _ratio_points(value, target):
        if not target:
            return 100
        return max(0, min(100, round(100 * value / target)))


class InteractionStatsComponent(HealthComponent):
    """A component whose raw value comes from the client's interaction
    statistics (``relationship.health.engine._interaction_stats``).

    ``stats_window`` names the window of the statistics this component sets
    with its line's ``window_days`` ("depth", "breadth" or "trend"; None when
    it looks at the whole log). The engine reads the statistics of every
    such component of a batch in a single query; ``measure()`` reads them
    for this component alone, with the same result.
    """

    stats_window = None

    def measure(self, env, clients, line_by_client, now):
        windows = {}
        if self.stats_window:
            windows[self.stats_window] = {
                client_id: line_by_client[client_id]["window_days"]
                for client_id in clients.ids
            }
        stats = env["relationship.health.engine"]._interaction_stats(
            clients.ids, windows, now
        )
        return self.raw_from_stats(stats)

    def raw_from_stats(self, stats):
        """``{partner_id: raw}`` from ``{partner_id: InteractionStats}``;
        clients with nothing to measure are left out (their raw is None)."""
        raw = {}
        for partner_id, row in stats.items():
            value = self._raw(row)
            if value is not None:
                raw[partner_id] = value
        return raw

    def _raw(self, stats):
        raise NotImplementedError


class RecencyComponent(InteractionStatsComponent):
    """Days since the last contact, against the cadence the relationship
    expects (the scorecard of its relationship type sets the target)."""

    key = "recency"
    label = _lt("Contact recency")
    target_label = _lt("days between contacts")
    default_target = 30

    def _raw(self, stats):
        return stats.days_since_last

    def score(self, raw, params):
        return self._days_since_points(raw, params["target"])

    def explain(self, env, raw, params):
        if raw is None:
            return env._("No interaction has been logged with this client yet.")
        return env._(
            "Last contact %(days)s days ago; this relationship expects one "
            "every %(target)s days.",
            days=raw,
            target=round(params["target"]),
        )


class VisitComponent(RecencyComponent):
    """Go see them: days since the last in-person visit."""

    key = "visit"
    label = _lt("In-person contact")
    target_label = _lt("days between visits")
    default_target = 90

    def _raw(self, stats):
        return stats.days_since_visit

    def explain(self, env, raw, params):
        if raw is None:
            return env._("Nobody from our side has visited this client in person yet.")
        return env._(
            "Last in-person visit %(days)s days ago; the target is one every "
            "%(target)s days.",
            days=raw,
            target=round(params["target"]),
        )


class DepthComponent(InteractionStatsComponent):
    """Share of strategic and satisfaction talk over a window: a relationship
    that only talks operations has weakened (seed 000)."""

    key = "depth"
    label = _lt("Conversation depth")
    target_label = _lt("% of strategic or satisfaction talk")
    default_target = 30
    default_window_days = 180
    stats_window = "depth"

    def _raw(self, stats):
        if not stats.depth_total:
            return None
        return {"total": stats.depth_total, "deep": stats.depth_deep}

    @staticmethod
    def _share(raw):
        return round(100 * raw["deep"] / raw["total"]) if raw and raw["total"] else 0

    def score(self, raw, params):
        if not raw:
            return 0
        return self._ratio_points(self._share(raw), params["target"])

    def explain(self, env, raw, params):
        if not raw:
            return env._(
                "No interaction in the last %(window)s days: nothing shows the "
                "relationship goes beyond operations.",
                window=params["window_days"],
            )
        return env._(
            "%(share)s%% of the %(count)s interactions of the last %(window)s "
            "days were strategic or about satisfaction (target %(target)s%%).",
            share=self._share(raw),
            count=raw["total"],
            window=params["window_days"],
            target=round(params["target"]),
        )


class BreadthComponent(InteractionStatsComponent):
    """How many of our people are in contact with the client."""

    key = "breadth"
    label = _lt("Breadth of our team")
    target_label = _lt("people of ours in contact")
    default_target = 3
    default_window_days = 180
    stats_window = "breadth"

    def _raw(self, stats):
        return stats.breadth_users or None

    def score(self, raw, params):
        return self._ratio_points(raw or 0, params["target"])

    def explain(self, env, raw, params):
        return env._(
            "%(count)s of our people talked with this client in the last "
            "%(window)s days (target %(target)s).",
            count=raw or 0,
            window=params["window_days"],
            target=round(params["target"]),
        )


class TrendComponent(InteractionStatsComponent):
    """Interaction frequency of the last window against the one before."""

    key = "trend"
    label = _lt("Interaction trend")
    target_label = _lt("% of the previous period's interactions")
    default_target = 100
    default_window_days = 90
    stats_window = "trend"

    def _raw(self, stats):
        if not (stats.trend_current or stats.trend_previous):
            return None
        return {"current": stats.trend_current, "previous": stats.trend_previous}

    def score(self, raw, params):
        if not raw or not raw["current"]:
            return 0
        if not raw["previous"]:
            return 100
        return self._ratio_points(
            100 * raw["current"] / raw["previous"], params["target"]
        )

    def explain(self, env, raw, params):
        raw = raw or {"current": 0, "previous": 0}
        return env._(
            "%(current)s interactions in the last %(window)s days against "
            "%(previous)s in the %(window)s days before.",
            current=raw["current"],
            previous=raw["previous"],
            window=params["window_days"],
        )


BUILTIN_COMPONENTS = (
    RecencyComponent(),
    VisitComponent(),
    DepthComponent(),
    BreadthComponent(),
    TrendComponent(),
)
