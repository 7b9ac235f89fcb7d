# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
import threading
from datetime import timedelta

from psycopg2.extras import execute_values

from odoo import api, fields, models

from .relationship_health_component import BUILTIN_COMPONENTS

_logger = logging.getLogger(__name__)

# A score this many points above or below the one of 30 days ago is a trend.
TREND_MIN_DELTA = 5
# Days of scores kept on the client for the graph on its form.
HISTORY_DAYS = 90


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
    def _batch_size(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("relationship_health.batch_size", 1000)
        )

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
    def _evaluate(self, clients, now):
        """Score ``clients`` (commercial partners) as of ``now``.

        Returns {partner_id: {"scorecard_id", "score", "band", "breakdown"}};
        clients no scorecard applies to are left out. Runs a bounded number
        of queries, whatever the number of clients.
        """
        scorecards = self.env["relationship.health.scorecard"].search([])
        components = self._health_components()
        # Each scorecard's lines as plain values, read once per batch (the
        # per-client loops below run on these, not on records).
        lines_by_card = {
            card.id: [
                (line.component, line.weight, line._params())
                for line in card.line_ids
                if line.component in components
            ]
            for card in scorecards
        }
        bands = {
            card.id: (card.threshold_healthy, card.threshold_watch)
            for card in scorecards
        }
        card_by_client = {}
        match_cache = {}
        for client in clients:
            key = (
                client.company_id.id,
                client.relationship_type,
                client.relationship_stage,
            )
            if key not in match_cache:
                match_cache[key] = scorecards._segment_match(*key)
            if match_cache[key]:
                card_by_client[client.id] = match_cache[key].id
        raw_by_component = {}
        for key, component in components.items():
            line_by_client = {}
            for client_id, card_id in card_by_client.items():
                for component_key, _weight, params in lines_by_card[card_id]:
                    if component_key == key:
                        line_by_client[client_id] = params
            if line_by_client:
                measured = clients.browse(list(line_by_client))
                raw_by_component[key] = component.measure(
                    self.env, measured, line_by_client, now
                )
        results = {}
        for client_id, card_id in card_by_client.items():
            breakdown = []
            total = 0
            for component_key, weight, params in lines_by_card[card_id]:
                raw = raw_by_component.get(component_key, {}).get(client_id)
                points = components[component_key].score(raw, params)
                total += points * weight
                breakdown.append(
                    {
                        "component": component_key,
                        "weight": weight,
                        "points": points,
                        "raw": raw,
                        "params": params,
                    }
                )
            score = round(total / 100)
            healthy, watch = bands[card_id]
            results[client_id] = {
                "scorecard_id": card_id,
                "score": score,
                "band": "healthy"
                if score >= healthy
                else ("watch" if score >= watch else "at_risk"),
                "breakdown": breakdown,
            }
        return results

    # ------------------------------------------------------------------
    # Recomputing and storing
    # ------------------------------------------------------------------
    @api.model
    def _recompute(self, clients, now=None):
        """Recompute and store the health of ``clients``; idempotent.

        A batch that fails is retried client by client, so one failing client
        is logged and skipped while the others are still computed.
        """
        now = now or fields.Datetime.now()
        try:
            with self.env.cr.savepoint():
                return self._recompute_batch(clients, now)
        except Exception:
            _logger.warning(
                "Health batch of %s clients failed; retrying one by one",
                len(clients),
                exc_info=True,
            )
        done = clients.browse()
        for client in clients:
            try:
                with self.env.cr.savepoint():
                    done |= self._recompute_batch(client, now)
            except Exception:
                _logger.exception(
                    "Health score of %s (id %s) failed: skipped",
                    client.display_name,
                    client.id,
                )
        return done

    @api.model
    def _recompute_batch(self, clients, now):
        results = self._evaluate(clients, now)
        today = fields.Date.context_today(self, now)
        past = self._score_30_days_ago(list(results), today)
        Partner = self.env["res.partner"]
        Partner.flush_model()
        changed_rows = []
        band_changes = {}
        alerts = []
        alert_drop = self._alert_drop()
        today_str = fields.Date.to_string(today)
        oldest = fields.Date.to_string(today - timedelta(days=HISTORY_DAYS))
        for client in clients.filtered(lambda c: c.id in results):
            result = results[client.id]
            old_score = past.get(client.id)
            delta = result["score"] - old_score if old_score is not None else 0
            trend = "stable"
            if delta >= TREND_MIN_DELTA:
                trend = "up"
            elif delta <= -TREND_MIN_DELTA:
                trend = "down"
            old_history = client.health_history or []
            history = [
                point for point in old_history if oldest < point[0] != today_str
            ] + [[today_str, result["score"]]]
            new = (
                result["score"],
                trend,
                delta,
                result["scorecard_id"],
                result["breakdown"],
                history,
                result["band"],
            )
            current = (
                client.health_score,
                client.health_trend,
                client.health_delta_30d,
                client.health_scorecard_id.id,
                client.health_breakdown,
                old_history,
                client.health_band,
            )
            if new != current or not client.health_date:
                changed_rows.append(
                    (
                        client.id,
                        *new[:4],
                        json.dumps(result["breakdown"]),
                        json.dumps(history),
                        result["band"],
                        today,
                    )
                )
            # The chatter tracks band changes, not the first band a client
            # gets (a first nightly run would write a message per client).
            if client.health_band and client.health_band != result["band"]:
                band_changes[client.id] = (client.health_band, result["band"])
            # Alerts: entering "at risk" from another band (not at the first
            # computation), or losing many points in 30 days.
            if result["band"] == "at_risk" and client.health_band not in (
                False,
                "at_risk",
            ):
                alerts.append((client, "at_risk", delta))
            elif delta <= -alert_drop:
                alerts.append((client, "drop", delta))
        if changed_rows:
            # Raw SQL: one statement for the whole batch. write() per client
            # costs several queries per client (res.partner.write reads each
            # partner's users and children), which the batch query-count test
            # forbids.
            execute_values(
                self.env.cr._obj,
                """
                UPDATE res_partner AS p
                   SET health_score = v.score,
                       health_trend = v.trend,
                       health_delta_30d = v.delta,
                       health_scorecard_id = v.scorecard_id,
                       health_breakdown = v.breakdown::jsonb,
                       health_history = v.history::jsonb,
                       health_band = v.band,
                       health_date = v.day
                  FROM (VALUES %s) AS v(id, score, trend, delta, scorecard_id,
                                       breakdown, history, band, day)
                 WHERE p.id = v.id
                """,
                changed_rows,
                template="(%s, %s, %s, %s, %s, %s, %s, %s, %s::date)",
                page_size=1000,
            )
        self._store_snapshots(results, today)
        Partner.invalidate_model(
            [
                "health_score",
                "health_trend",
                "health_delta_30d",
                "health_scorecard_id",
                "health_breakdown",
                "health_history",
                "health_band",
                "health_date",
            ]
        )
        # The band is tracked: log its changes in the chatter, in one batch.
        Partner._relationship_log_tracking("health_band", band_changes)
        if alerts:
            self._raise_alerts(alerts)
        return clients.filtered(lambda c: c.id in results)

    @api.model
    def _score_30_days_ago(self, partner_ids, today):
        """{partner_id: score} of the latest snapshot 30 or more days old."""
        if not partner_ids:
            return {}
        self.env["relationship.health.snapshot"].flush_model()
        self.env.cr.execute(
            """
            SELECT DISTINCT ON (partner_id) partner_id, score
              FROM relationship_health_snapshot
             WHERE partner_id = ANY(%s) AND date <= %s
             ORDER BY partner_id, date DESC
            """,
            (partner_ids, today - timedelta(days=30)),
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _store_snapshots(self, results, today):
        """Today's snapshot of each client; rewritten only when it changed."""
        if not results:
            return
        Snapshot = self.env["relationship.health.snapshot"]
        Snapshot.flush_model()
        execute_values(
            self.env.cr._obj,
            """
            INSERT INTO relationship_health_snapshot
                   (partner_id, date, score, band, company_id,
                    create_uid, write_uid, create_date, write_date)
            SELECT v.partner_id, v.day, v.score, v.band, p.company_id,
                   v.uid, v.uid, now() at time zone 'UTC', now() at time zone 'UTC'
              FROM (VALUES %s) AS v(partner_id, day, score, band, uid)
              JOIN res_partner p ON p.id = v.partner_id
            ON CONFLICT (partner_id, date) DO UPDATE
               SET score = EXCLUDED.score, band = EXCLUDED.band,
                   write_date = EXCLUDED.write_date
             WHERE (relationship_health_snapshot.score,
                    relationship_health_snapshot.band)
                   IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.band)
            """,
            [
                (partner_id, today, result["score"], result["band"], self.env.uid)
                for partner_id, result in results.items()
            ],
            template="(%s, %s::date, %s, %s, %s)",
            page_size=1000,
        )
        Snapshot.invalidate_model()

    @api.model
    def _raise_alerts(self, alerts):
        """One activity for the owner per client, never two open at once."""
        activity_type = self.env.ref(
            "relationship_health.mail_activity_type_health_alert",
            raise_if_not_found=False,
        )
        if not activity_type:
            return
        clients = self.env["res.partner"].browse(
            [client.id for client, _k, _d in alerts]
        )
        open_ids = set(
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", clients.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id("res.partner")
        vals_list = []
        for client, kind, delta in alerts:
            if client.id in open_ids:
                continue
            open_ids.add(client.id)
            owner = client.relationship_owner_id or client.user_id
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": client.id,
                    "activity_type_id": activity_type.id,
                    "user_id": (owner or self.env.user).id,
                    "summary": client._health_alert_summary(kind, delta),
                    "note": client._health_alert_note(),
                }
            )
        if vals_list:
            self.env["mail.activity"].sudo().create(vals_list)

    @api.model
    def _recompute_all(self, now=None, commit=True):
        """Recompute every client in batches, committing between batches
        (except in tests, or with ``commit=False``) and reporting progress to
        the scheduler."""
        now = now or fields.Datetime.now()
        client_ids = self.env["res.partner"]._health_client_ids()
        size = self._batch_size()
        auto_commit = commit and not getattr(
            threading.current_thread(), "testing", False
        )
        done = 0
        Partner = self.env["res.partner"].with_context(
            tracking_disable=False, prefetch_fields=False
        )
        for start in range(0, len(client_ids), size):
            batch = Partner.browse(client_ids[start : start + size])
            self._recompute(batch, now)
            done += len(batch)
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(client_ids) - done
            )
            if auto_commit:
                # One transaction per batch: a long nightly run keeps what it
                # computed and does not hold locks on every client at once.
                self.env.cr.commit()  # pylint: disable=invalid-commit
            self.env.invalidate_all()
        return done
