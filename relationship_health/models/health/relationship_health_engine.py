# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The health engine: scores clients in batches and stores the result.

How a batch goes (``_recompute_batch``), in a bounded number of queries:

1. the clients' segments (company, type, stage), one query, and the
   scorecard of each one (the most specific);
2. the raw value of every component of their scorecards: the five built-in
   components from ONE query over the interaction log
   (``_interaction_stats``), every other component by its ``measure()``;
3. points, score and band in Python (the components' ``score()``);
4. the previous band and the score of 30 days ago, two queries; trend,
   tracking of band changes and alerts;
5. ONE statement writes the batch (``_store_health``).

The numbers behind these choices are in README.md (``make bench``).
"""

import json
from collections import defaultdict, namedtuple
from datetime import timedelta

from odoo import api, fields, models

from ...tools.batch import exclusive, run_in_batches, run_safely
from ...tools.sql import pg_int_array, pg_text_array
from .relationship_health_component import (
    BUILTIN_COMPONENTS,
    DEEP_DEPTHS,
    InteractionStatsComponent,
)

ALERT_TYPE = "relationship_health.mail_activity_type_health_alert"
# A score this many points above or below the one of 30 days ago is a trend.
TREND_MIN_DELTA = 5
# The windows of the interaction statistics that scorecard lines set.
STATS_WINDOWS = ("depth", "breadth", "trend")
# What the built-in components read of a client's interactions: whole days
# since the last interaction and since the last visit (None without any),
# the interactions of the depth window and how many were deep, our people in
# the breadth window, the interactions of the trend window and of the window
# before it.
InteractionStats = namedtuple(
    "InteractionStats",
    "days_since_last days_since_visit depth_total depth_deep breadth_users "
    "trend_current trend_previous",
)
# The columns of relationship_health the engine writes (partner_id as "ids").
HEALTH_COLUMNS = (
    "ids",
    "score",
    "band",
    "trend",
    "delta_30d",
    "scorecard_id",
    "breakdown",
)
# The client's fields read from relationship.health (forgotten by the ORM
# cache after the engine wrote in SQL).
PARTNER_HEALTH_FIELDS = [
    "health_id",
    "health_score",
    "health_band",
    "health_trend",
    "health_delta_30d",
    "health_scorecard_id",
    "health_date",
    "health_breakdown",
    "health_breakdown_html",
    "health_history",
]


class RelationshipHealthEngine(models.AbstractModel):
    """Computes clients' health scores, in batches.

    Extension point: ``_health_components()``. An add-on adds a component
    by overriding it::

        def _health_components(self):
            components = super()._health_components()
            components["problems"] = OpenProblemsComponent()
            return components

    where ``OpenProblemsComponent`` subclasses
    ``odoo.addons.relationship_health.models.relationship_health_component.HealthComponent``.
    """

    _name = "relationship.health.engine"
    _description = "Relationship Health Engine"

    @api.model
    def _health_components(self):
        """All components a scorecard can use: {key: component}."""
        return {component.key: component for component in BUILTIN_COMPONENTS}

    @api.model
    def _alert_drop(self):
        """Points lost in 30 days that raise an alert."""
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("relationship_health.alert_drop_points", 15)
        )

    # ------------------------------------------------------------------
    # Measuring
    # ------------------------------------------------------------------
    @api.model
    def _interaction_stats(self, client_ids, windows, now):
        """What the built-in components measure, for every client of
        ``client_ids`` in ONE query: {partner_id: InteractionStats}.

        ``windows`` maps "depth", "breadth" and "trend" to {partner_id:
        window in days} (missing: not measured, counted as 0). Dates are
        compared with ``now``: depth and breadth count interactions since
        ``now`` - window, the trend those since ``now`` - window against
        those of the window before; days since are whole days before
        ``now``.

        Raw SQL, measured: one index lookup of each client's interactions
        gives all of them at once, where a _read_group per component and
        window read the same rows five times and built a record per group
        (``make bench``: the measuring went from 1.5 s to 0.2 s for 10,000
        clients). The values are derived data about clients the caller may
        read (the button checks it), independent of who asks.
        """
        if not client_ids:
            return {}
        days = {slot: windows.get(slot) or {} for slot in STATS_WINDOWS}
        self.env["relationship.interaction"].flush_model(
            ["partner_id", "date", "channel", "depth", "user_ids"]
        )
        self.env.cr.execute(
            """
            SELECT c.id,
                   floor(extract(epoch FROM %(now)s - a.last_date) / 86400)::int,
                   floor(extract(epoch FROM %(now)s - a.last_visit) / 86400)::int,
                   a.depth_total, a.depth_deep,
                   (SELECT count(DISTINCT r.user_id)
                      FROM relationship_interaction_res_users_rel r
                     WHERE r.interaction_id = ANY(a.breadth_ids)),
                   a.trend_current, a.trend_previous
              FROM (SELECT w.id,
                           %(now)s - make_interval(days => w.depth) AS depth_since,
                           %(now)s - make_interval(days => w.breadth)
                               AS breadth_since,
                           %(now)s - make_interval(days => w.trend) AS trend_since,
                           %(now)s - make_interval(days => 2 * w.trend)
                               AS trend_before
                      FROM unnest(%(ids)s::int[], %(depth)s::int[],
                                  %(breadth)s::int[], %(trend)s::int[])
                           AS w(id, depth, breadth, trend)) AS c
             CROSS JOIN LATERAL (
                    SELECT max(i.date) AS last_date,
                           max(i.date) FILTER (WHERE i.channel = 'visit')
                               AS last_visit,
                           count(*) FILTER (WHERE i.date >= c.depth_since)
                               AS depth_total,
                           count(*) FILTER (WHERE i.date >= c.depth_since
                                              AND i.depth = ANY(%(deep)s))
                               AS depth_deep,
                           array_agg(i.id) FILTER (WHERE i.date >= c.breadth_since)
                               AS breadth_ids,
                           count(*) FILTER (WHERE i.date >= c.trend_since)
                               AS trend_current,
                           count(*) FILTER (WHERE i.date >= c.trend_before
                                              AND i.date < c.trend_since)
                               AS trend_previous
                      FROM relationship_interaction i
                     WHERE i.partner_id = c.id) AS a
            """,
            {
                "now": now,
                "ids": pg_int_array(client_ids),
                **{
                    slot: pg_int_array(days[slot].get(cid) for cid in client_ids)
                    for slot in STATS_WINDOWS
                },
                "deep": list(DEEP_DEPTHS),
            },
        )
        return {row[0]: InteractionStats(*row[1:]) for row in self.env.cr.fetchall()}

    @api.model
    def _client_context(self, client_ids, today):
        """What a batch needs to know of its clients before scoring them, in
        ONE query: {partner_id: (company_id, relationship_type,
        relationship_stage, band stored now, score of the latest day 30 or
        more days before ``today``, day of the stored health)}.

        Raw SQL: through the ORM these were three queries and a record per
        value (a tenth of the batch time at 10,000 clients, ``make bench``).
        """
        self.env["res.partner"].flush_model(
            ["company_id", "relationship_type", "relationship_stage"]
        )
        self.env["relationship.health"].flush_model()
        self.env["relationship.health.day"].flush_model()
        month_ago = today - timedelta(days=30)
        self.env.cr.execute(
            """
            SELECT p.id, p.company_id, p.relationship_type, p.relationship_stage,
                   h.band, h.date, h.score, past.date, past.score
              FROM res_partner p
              LEFT JOIN relationship_health h ON h.partner_id = p.id
              LEFT JOIN LATERAL (
                    SELECT d.date, d.score
                      FROM relationship_health_day d
                     WHERE d.partner_id = p.id AND d.date <= %(day)s
                     ORDER BY d.date DESC
                     LIMIT 1) AS past ON TRUE
             WHERE p.id = ANY(%(ids)s::int[])
            """,
            {"ids": pg_int_array(client_ids), "day": month_ago},
        )
        context = {}
        for (
            client_id,
            company,
            rtype,
            stage,
            band,
            date,
            score,
            past_date,
            past_score,
        ) in self.env.cr.fetchall():
            # The latest of the stored health and the past days, if old enough.
            if date and date <= month_ago and (not past_date or date > past_date):
                past_score = score
            context[client_id] = (company, rtype, stage, band, past_score, date)
        return context

    @api.model
    def _evaluate(self, clients, now, segments):
        """Score ``clients`` (commercial partners) as of ``now``, given their
        ``segments`` {partner_id: (company_id, type, stage)} (see
        ``_client_context``).

        Returns {partner_id: (scorecard_id, score, band, breakdown)} with the
        breakdown as ``relationship.health`` stores it: a list per component
        [component, weight, points, raw, target, window_days], points None
        for a line that is not counted for this client (its component's
        ``score()`` returned None; the other lines share its weight). Clients no
        scorecard applies to are left out. Runs a bounded number of queries,
        whatever the number of clients.
        """
        scorecards = self.env["relationship.health.scorecard"].search([])
        components = self._health_components()
        # Each scorecard's lines as plain values, read once per batch (the
        # per-client loop below runs on these, not on records).
        lines_by_card = {
            card.id: [
                (
                    line.component,
                    line.weight,
                    components[line.component].score,
                    line._params(),
                )
                for line in card.line_ids
                if line.component in components
            ]
            for card in scorecards
        }
        bands = {
            card.id: (card.threshold_healthy, card.threshold_watch)
            for card in scorecards
        }
        clients_by_card = defaultdict(list)
        match_cache = {}
        for client_id, key in segments.items():
            if key not in match_cache:
                match_cache[key] = scorecards._segment_match(*key).id
            if match_cache[key]:
                clients_by_card[match_cache[key]].append(client_id)
        # {component key: {client id: params}} for the clients whose
        # scorecard has that component.
        line_by_component = defaultdict(dict)
        for card_id, client_ids in clients_by_card.items():
            for key, _weight, _score, params in lines_by_card[card_id]:
                line_by_component[key].update(dict.fromkeys(client_ids, params))
        raw_by_component = self._measure_interaction_stats(
            components, line_by_component, now
        )
        for key, line_by_client in line_by_component.items():
            if key not in raw_by_component:
                raw_by_component[key] = components[key].measure(
                    self.env, clients.browse(list(line_by_client)), line_by_client, now
                )
        results = {}
        for card_id, client_ids in clients_by_card.items():
            lines = [
                (
                    key,
                    weight,
                    score,
                    params,
                    raw_by_component[key],
                    params["target"],
                    params["window_days"],
                )
                for key, weight, score, params in lines_by_card[card_id]
            ]
            healthy, watch = bands[card_id]
            for client_id in client_ids:
                breakdown = []
                total = 0
                counted = 0
                for key, weight, score, params, raws, target, window in lines:
                    raw = raws.get(client_id)
                    points = score(raw, params)
                    # None: nothing to judge this client on (no answer to a
                    # satisfaction request yet, no invoicing): the line is
                    # shown but not counted, the others share its weight.
                    if points is not None:
                        total += points * weight
                        counted += weight
                    breakdown.append((key, weight, points, raw, target, window))
                points = round(total / counted) if counted else 0
                if points >= healthy:
                    band = "healthy"
                elif points >= watch:
                    band = "watch"
                else:
                    band = "at_risk"
                results[client_id] = (card_id, points, band, breakdown)
        return results

    @api.model
    def _measure_interaction_stats(self, components, line_by_component, now):
        """Raw values of the interaction-statistics components in use, from
        one ``_interaction_stats`` query: {component key: {client id: raw}}.
        A component wanting a window another one already sets is left to
        its own ``measure()``."""
        windows = {}
        measured = {}
        for key, line_by_client in line_by_component.items():
            component = components[key]
            if not isinstance(component, InteractionStatsComponent):
                continue
            slot = component.stats_window
            if slot in windows:
                continue
            if slot:
                windows[slot] = {
                    client_id: params["window_days"]
                    for client_id, params in line_by_client.items()
                }
            measured[key] = component
        if not measured:
            return {}
        client_ids = sorted(set().union(*(line_by_component[key] for key in measured)))
        stats = self._interaction_stats(client_ids, windows, now)
        return {
            key: component.raw_from_stats(stats) for key, component in measured.items()
        }

    # ------------------------------------------------------------------
    # Recomputing and storing
    # ------------------------------------------------------------------
    @api.model
    def _recompute(self, clients, now=None, today=None):
        """Recompute and store the health of ``clients`` as of ``now`` (the
        day ``today``, by default the user's day at ``now``); idempotent.

        A batch that fails is retried client by client, so one failing client
        is logged and skipped while the others are still computed.
        """
        now = now or fields.Datetime.now()
        today = today or fields.Date.context_today(self, now)
        done = run_safely(
            clients,
            lambda batch: self._recompute_batch(batch, now, today),
            label="Health score",
        )
        return done if done is not None else clients.browse()

    @api.model
    def _recompute_batch(self, clients, now, today):
        """Score ``clients`` and store the result: a bounded number of
        queries per batch, one statement writes it."""
        context = self._client_context(clients.ids, today)
        results = self._evaluate(
            clients, now, {client_id: row[:3] for client_id, row in context.items()}
        )
        if not results:
            return clients.browse()
        alert_drop = self._alert_drop()
        columns = {name: [] for name in HEALTH_COLUMNS}
        archive_ids = []
        past_days = {name: [] for name in ("ids", "score", "band")}
        band_changes = {}
        alerts = []
        dumps = json.JSONEncoder(separators=(",", ":")).encode
        for partner_id, (card_id, score, band, breakdown) in results.items():
            old_band, old_score, stored_on = context[partner_id][3:]
            if stored_on and stored_on > today:
                # An earlier day computed again (a back-fill): it only goes
                # to the history; the client's health stays the later one.
                past_days["ids"].append(partner_id)
                past_days["score"].append(score)
                past_days["band"].append(band)
                continue
            if stored_on and stored_on < today:
                archive_ids.append(partner_id)
            delta = score - old_score if old_score is not None else 0
            if delta >= TREND_MIN_DELTA:
                trend = "up"
            elif delta <= -TREND_MIN_DELTA:
                trend = "down"
            else:
                trend = "stable"
            columns["ids"].append(partner_id)
            columns["score"].append(score)
            columns["band"].append(band)
            columns["trend"].append(trend)
            columns["delta_30d"].append(delta)
            columns["scorecard_id"].append(card_id)
            columns["breakdown"].append(dumps(breakdown))
            # The chatter tracks band changes, not the first band a client
            # gets (a first nightly run would write a message per client).
            if old_band and old_band != band:
                band_changes[partner_id] = (old_band, band)
            # Alerts: entering "at risk" from another band (not at the first
            # computation), or losing many points in 30 days.
            if band == "at_risk" and old_band not in (None, "at_risk"):
                alerts.append((partner_id, "at_risk", delta))
            elif delta <= -alert_drop:
                alerts.append((partner_id, "drop", delta))
        self._store_health(today, columns, archive_ids, past_days)
        self.env["res.partner"].invalidate_model(PARTNER_HEALTH_FIELDS)
        # The band is tracked: log its changes in the chatter, in one batch.
        self.env["res.partner"]._relationship_log_tracking("health_band", band_changes)
        if alerts:
            self._raise_alerts(alerts)
        return clients.browse(list(results))

    @api.model
    def _store_health(self, today, columns, archive_ids, past_days):
        """Write a batch's health of ``today`` in ONE statement: the health
        of the clients of ``archive_ids``, stored for an earlier day, moves
        to their past days, then today's is written from ``columns`` (lists,
        partner_id as "ids"). Only what changed is rewritten: a second run
        the same day writes nothing. ``past_days`` (ids, score, band): the
        clients whose health is of a later day get ``today`` in their past
        days instead (a back-fill, a second statement).

        Raw SQL, measured (``make bench``): an INSERT ... ON CONFLICT writes a
        row per client where the ORM would run a search, then a create or a
        write per client; the columns go as array literals (see
        ``pg_int_array``)."""
        self.env["relationship.health"].flush_model()
        self.env["relationship.health.day"].flush_model()
        cr = self.env.cr
        archive = ""
        if archive_ids:
            archive = """
            WITH archived AS (
                INSERT INTO relationship_health_day AS d
                       (partner_id, date, score, band)
                SELECT h.partner_id, h.date, h.score, h.band
                  FROM relationship_health h
                 WHERE h.partner_id = ANY(%(archive)s::int[]) AND h.date < %(today)s
                ON CONFLICT (partner_id, date) DO UPDATE
                   SET score = EXCLUDED.score, band = EXCLUDED.band
                 WHERE (d.score, d.band)
                       IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.band)
            )"""
        if columns["ids"]:
            cr.execute(
                archive
                + """
                INSERT INTO relationship_health AS h
                       (partner_id, score, band, trend, delta_30d, scorecard_id,
                        breakdown, date)
                SELECT v.*, %(today)s
                  FROM unnest(%(ids)s::int[], %(score)s::int[], %(band)s::varchar[],
                              %(trend)s::varchar[], %(delta_30d)s::int[],
                              %(scorecard_id)s::int[], %(breakdown)s::text[])
                       AS v(partner_id, score, band, trend, delta_30d,
                            scorecard_id, breakdown)
                ON CONFLICT (partner_id) DO UPDATE
                   SET score = EXCLUDED.score,
                       band = EXCLUDED.band,
                       trend = EXCLUDED.trend,
                       delta_30d = EXCLUDED.delta_30d,
                       scorecard_id = EXCLUDED.scorecard_id,
                       breakdown = EXCLUDED.breakdown,
                       date = EXCLUDED.date
                 WHERE (h.score, h.band, h.trend, h.delta_30d, h.scorecard_id,
                        h.breakdown, h.date)
                       IS DISTINCT FROM
                       (EXCLUDED.score, EXCLUDED.band, EXCLUDED.trend,
                        EXCLUDED.delta_30d, EXCLUDED.scorecard_id,
                        EXCLUDED.breakdown, EXCLUDED.date)
                """,
                {
                    "today": today,
                    "archive": pg_int_array(archive_ids),
                    "ids": pg_int_array(columns["ids"]),
                    "score": pg_int_array(columns["score"]),
                    "band": pg_text_array(columns["band"]),
                    "trend": pg_text_array(columns["trend"]),
                    "delta_30d": pg_int_array(columns["delta_30d"]),
                    "scorecard_id": pg_int_array(columns["scorecard_id"]),
                    "breakdown": pg_text_array(columns["breakdown"]),
                },
            )
        if past_days["ids"]:
            cr.execute(
                """
                INSERT INTO relationship_health_day AS d
                       (partner_id, date, score, band)
                SELECT v.partner_id, %(today)s, v.score, v.band
                  FROM unnest(%(ids)s::int[], %(score)s::int[], %(band)s::varchar[])
                       AS v(partner_id, score, band)
                ON CONFLICT (partner_id, date) DO UPDATE
                   SET score = EXCLUDED.score, band = EXCLUDED.band
                 WHERE (d.score, d.band)
                       IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.band)
                """,
                {
                    "today": today,
                    "ids": pg_int_array(past_days["ids"]),
                    "score": pg_int_array(past_days["score"]),
                    "band": pg_text_array(past_days["band"]),
                },
            )
        for model in ("relationship.health", "relationship.health.day"):
            self.env[model].invalidate_model()
        # The view over both: today's row of a client keeps its id when it
        # becomes a new day.
        self.env["relationship.health.snapshot"].invalidate_model()

    @api.model
    def _raise_alerts(self, alerts):
        """One activity for the owner per client, never two open at once,
        in the owner's language. ``alerts``: [(partner_id, kind, delta)],
        kind "at_risk" or "drop"."""
        clients = self.env["res.partner"].browse([alert[0] for alert in alerts])
        self.env["mail.activity"]._relationship_schedule(
            [
                {
                    "record": client,
                    "activity_type": ALERT_TYPE,
                    "user": client.relationship_owner_id
                    or client.user_id
                    or self.env.user,
                    "summary": lambda env, c=client, k=kind, d=delta: c.with_env(
                        env
                    )._health_alert_summary(k, d),
                    "note": lambda env, c=client: c.with_env(env)._health_alert_note(),
                }
                for client, (_partner_id, kind, delta) in zip(
                    clients, alerts, strict=True
                )
            ],
            once=True,
        )

    @api.model
    def _recompute_all(self, now=None, commit=True):
        """Recompute every client in batches (see ``tools.batch``): a commit
        per batch (except in tests, or with ``commit=False``), progress
        reported to the scheduler, a failing client logged and skipped;
        once at a time (``tools.batch.exclusive``)."""
        now = now or fields.Datetime.now()
        # The same day for every batch: the user's time zone is read once.
        today = fields.Date.context_today(self, now)
        with exclusive(self.env, "health recompute") as mine:
            if not mine:
                return 0
            clients = (
                self.env["res.partner"]
                .with_context(tracking_disable=False, prefetch_fields=False)
                .browse(self.env["res.partner"]._health_client_ids())
            )
            return run_in_batches(
                clients,
                lambda batch: self._recompute_batch(batch, now, today),
                commit=commit,
                label="Health score",
                analyze=[
                    self.env[model]._table
                    for model in ("relationship.health", "relationship.health.day")
                ],
            )
