# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.relationship_health.models.health import (
    HealthComponent,
)
from odoo.addons.relationship_health.models.health.relationship_health_engine import (
    RelationshipHealthEngine,
)

from .common import RelationshipCommon

NOW = datetime(2026, 6, 30, 12, 0)


class GiftsComponent(HealthComponent):
    """A component as another add-on would plug it in: here, the number of
    interactions whose subject mentions a gift."""

    key = "test_gifts"
    label = "Gifts"
    default_target = 2

    def measure(self, env, clients, line_by_client, now):
        groups = env["relationship.interaction"]._read_group(
            [("partner_id", "in", clients.ids), ("name", "ilike", "gift")],
            ["partner_id"],
            ["__count"],
        )
        return {partner.id: count for partner, count in groups}

    def score(self, raw, params):
        return self._ratio_points(raw or 0, params["target"])

    def explain(self, env, raw, params):
        return f"{raw or 0} gifts given (target {params['target']:g})."


class ExplodingComponent(GiftsComponent):
    """Fails for one client: the recompute must log it and go on."""

    key = "test_exploding"
    label = "Exploding"
    victim_id = None

    def score(self, raw, params):
        return 100

    def measure(self, env, clients, line_by_client, now):
        if self.victim_id in clients.ids:
            raise RuntimeError("component failure for one client")
        return {}


class NotCountedComponent(GiftsComponent):
    """Nothing to judge a client on without gifts: the line is not counted."""

    key = "test_not_counted"
    label = "Gifts, when any"

    def score(self, raw, params):
        return None if not raw else super().score(raw, params)


def _with_components(*extra):
    original = RelationshipHealthEngine._health_components

    def _health_components(self):
        components = original(self)
        components.update({component.key: component for component in extra})
        return components

    return patch.object(
        RelationshipHealthEngine, "_health_components", _health_components
    )


@tagged("post_install", "-at_install")
class TestHealthCommon(RelationshipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Engine = cls.env["relationship.health.engine"]
        cls.Scorecard = cls.env["relationship.health.scorecard"]
        # The tests own the scorecards: archive the shipped ones.
        cls.Scorecard.search([]).active = False
        cls.scorecard = cls.Scorecard.create(
            {
                "name": "Test default",
                "threshold_healthy": 70,
                "threshold_watch": 40,
                "line_ids": [
                    Command.create(
                        {"component": "recency", "weight": 30, "target": 30}
                    ),
                    Command.create({"component": "visit", "weight": 10, "target": 90}),
                    Command.create(
                        {
                            "component": "depth",
                            "weight": 30,
                            "target": 50,
                            "window_days": 180,
                        }
                    ),
                    Command.create(
                        {
                            "component": "breadth",
                            "weight": 10,
                            "target": 2,
                            "window_days": 180,
                        }
                    ),
                    Command.create(
                        {
                            "component": "trend",
                            "weight": 20,
                            "target": 100,
                            "window_days": 90,
                        }
                    ),
                ],
            }
        )

    def _talk(self, client, days_ago, **values):
        values.setdefault("user_ids", [Command.set(self.user_sofia.ids)])
        return self._log(client, date=NOW - timedelta(days=days_ago), **values)

    def _item(self, client, key):
        return next(i for i in client.health_breakdown if i["component"] == key)


class TestHealthScore(TestHealthCommon):
    def test_components_score_what_happened(self):
        self._talk(self.client_alfa, 10, channel="visit", depth="strategic")
        self._talk(self.client_alfa, 20, depth="operational")
        self._talk(
            self.client_alfa,
            100,
            depth="satisfaction",
            user_ids=[Command.set(self.user_tomas.ids)],
        )
        self._talk(self.client_alfa, 120, depth="operational")
        with freeze_time(NOW):
            self.Engine._recompute(self.client_alfa, NOW)
        alfa = self.client_alfa
        # recency: 10 days, target 30 -> full points
        self.assertEqual(self._item(alfa, "recency")["raw"], 10)
        self.assertEqual(self._item(alfa, "recency")["points"], 100)
        # visit: 10 days ago
        self.assertEqual(self._item(alfa, "visit")["points"], 100)
        # depth: 2 of 4 went beyond operations = 50% against a 50% target
        self.assertEqual(self._item(alfa, "depth")["raw"], {"total": 4, "deep": 2})
        self.assertEqual(self._item(alfa, "depth")["points"], 100)
        # breadth: Sofía and Tomás
        self.assertEqual(self._item(alfa, "breadth")["raw"], 2)
        # trend: 2 in the last 90 days against 2 in the 90 before
        self.assertEqual(
            self._item(alfa, "trend")["raw"], {"current": 2, "previous": 2}
        )
        self.assertEqual(self._item(alfa, "trend")["points"], 100)
        self.assertEqual(alfa.health_score, 100)
        self.assertEqual(alfa.health_band, "healthy")
        self.assertEqual(alfa.health_scorecard_id, self.scorecard)

    def test_drifting_client_scores_low_and_says_why(self):
        # Only operational talk, one person, long ago, no visit.
        self._talk(self.client_beta, 70)
        self._talk(self.client_beta, 160)
        with freeze_time(NOW):
            self.Engine._recompute(self.client_beta, NOW)
        beta = self.client_beta
        # recency: 70 days against 30 -> 100 * (90 - 70) / 60 = 33
        self.assertEqual(self._item(beta, "recency")["points"], 33)
        self.assertEqual(self._item(beta, "depth")["points"], 0)
        self.assertEqual(self._item(beta, "visit")["points"], 0)
        self.assertEqual(self._item(beta, "breadth")["points"], 50)
        # 33*30 + 0 + 0 + 50*10 + 100*20 (1 vs 1) = 3490 -> 35
        self.assertEqual(beta.health_score, 35)
        self.assertEqual(beta.health_band, "at_risk")
        html = beta.health_breakdown_html
        self.assertIn("Conversation depth", html)
        self.assertIn("0% of the 2 interactions of the last 180 days", html)
        self.assertIn("Last contact 70 days ago", html)
        self.assertIn(
            "Nobody from our side has visited this client in person yet", html
        )

    def test_client_without_interactions_gets_a_defined_score(self):
        with freeze_time(NOW):
            self.Engine._recompute(self.client_alfa, NOW)
        self.assertEqual(self.client_alfa.health_score, 0)
        self.assertEqual(self.client_alfa.health_band, "at_risk")
        self.assertIn(
            "No interaction has been logged with this client yet",
            self.client_alfa.health_breakdown_html,
        )

    def test_breakdown_follows_the_readers_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["relationship_health"], ["es_ES"], overwrite=True
        )
        self._talk(self.client_alfa, 70)
        with freeze_time(NOW):
            self.Engine._recompute(self.client_alfa, NOW)
        english = self.client_alfa.health_breakdown_html
        spanish = self.client_alfa.with_context(lang="es_ES").health_breakdown_html
        self.assertIn("Contact recency", english)
        self.assertNotIn("Contact recency", spanish)
        self.assertIn("70", spanish)
        self.assertNotEqual(english, spanish)

    def test_segment_scorecards_win_over_the_default(self):
        key = self.Scorecard.create(
            {
                "name": "Dedicated",
                "relationship_type": "dedicated_assistance",
                "line_ids": [Command.create({"component": "recency", "weight": 100})],
            }
        )
        key_commitment = self.Scorecard.create(
            {
                "name": "Dedicated in commitment",
                "relationship_type": "dedicated_assistance",
                "relationship_stage": "commitment",
                "line_ids": [Command.create({"component": "recency", "weight": 100})],
            }
        )
        self.client_alfa.relationship_type = "dedicated_assistance"
        self.client_beta.write(
            {
                "relationship_type": "dedicated_assistance",
                "relationship_stage": "commitment",
            }
        )
        clients = self.client_alfa | self.client_beta | self.client_other
        with freeze_time(NOW):
            self.Engine._recompute(clients, NOW)
        self.assertEqual(self.client_alfa.health_scorecard_id, key)
        self.assertEqual(self.client_beta.health_scorecard_id, key_commitment)
        self.assertEqual(self.client_other.health_scorecard_id, self.scorecard)

    def test_band_change_is_tracked(self):
        client = (
            self.env["res.partner"]
            .with_context(tracking_disable=False, mail_notrack=False)
            .create({"name": "Tracked health", "is_company": True})
        )
        talk = self._talk(client, 2, channel="visit", depth="strategic")
        self.env.flush_all()
        self.env.cr.precommit.run()
        Tracking = self.env["mail.tracking.value"]
        domain = [
            ("mail_message_id.res_id", "=", client.id),
            ("mail_message_id.model", "=", "res.partner"),
            ("field_id.name", "=", "health_band"),
        ]
        first = NOW - timedelta(days=1)
        with freeze_time(first):
            self.Engine._recompute(client, first)
        self.assertEqual(client.health_band, "healthy")
        self.assertFalse(Tracking.search(domain), "the first band is no change")
        talk.date = NOW - timedelta(days=200)
        with freeze_time(NOW):
            self.Engine._recompute(client, NOW)
        self.assertEqual(client.health_band, "at_risk")
        tracking = Tracking.search(domain)
        self.assertEqual(tracking.old_value_char, "Healthy")
        self.assertEqual(tracking.new_value_char, "At risk")


class TestHealthHistory(TestHealthCommon):
    def test_trend_history_snapshots_and_idempotence(self):
        Snapshot = self.env["relationship.health.snapshot"]
        alfa = self.client_alfa
        for days in (5, 10, 15, 20):
            self._talk(alfa, days + 35, channel="visit", depth="strategic")
        first = NOW - timedelta(days=35)
        with freeze_time(first):
            self.Engine._recompute(alfa, first)
        score_before = alfa.health_score
        self.assertEqual(alfa.health_trend, "stable")
        with freeze_time(NOW):
            self.Engine._recompute(alfa, NOW)
        # 35 days later nothing new happened: the score fell.
        self.assertLess(alfa.health_score, score_before)
        self.assertEqual(alfa.health_delta_30d, alfa.health_score - score_before)
        self.assertEqual(alfa.health_trend, "down")
        self.assertEqual(
            Snapshot.search([("partner_id", "=", alfa.id)]).mapped("date"),
            [NOW.date(), first.date()],
        )
        self.assertEqual(
            [point[0] for point in alfa.health_history],
            [str(first.date()), str(NOW.date())],
        )
        # A second run the same day rewrites nothing: no row of the client,
        # of its health or of its past days gets a new version (ctid).
        versions = self._row_versions(alfa)
        activities = self.env["mail.activity"].search_count([])
        with freeze_time(NOW + timedelta(hours=3)):
            self.Engine._recompute(alfa, NOW + timedelta(hours=3))
        self.assertEqual(self._row_versions(alfa), versions)
        self.assertEqual(self.env["mail.activity"].search_count([]), activities)
        self.assertEqual(len(alfa.health_history), 2)
        # The check can fail: the next day rewrites the health row and moves
        # today to the past days, and still never touches the client's row.
        with freeze_time(NOW + timedelta(days=1)):
            self.Engine._recompute(alfa, NOW + timedelta(days=1))
        next_day = self._row_versions(alfa)
        self.assertNotEqual(next_day["health"], versions["health"])
        self.assertEqual(len(versions["days"]), 1)
        self.assertEqual(len(next_day["days"]), 2)
        self.assertEqual(next_day["partner"], versions["partner"])
        self.assertEqual(
            Snapshot.search([("partner_id", "=", alfa.id)]).mapped("date"),
            [(NOW + timedelta(days=1)).date(), NOW.date(), first.date()],
        )

    def _row_versions(self, client):
        """The physical row versions (ctid) of the client's row, its health
        and its past days: an UPDATE, even of equal values, changes them."""
        self.env.flush_all()
        versions = {}
        for key, table, column in (
            ("partner", "res_partner", "id"),
            ("health", "relationship_health", "partner_id"),
            ("days", "relationship_health_day", "partner_id"),
        ):
            self.env.cr.execute(
                f"SELECT ctid::text FROM {table} WHERE {column} = %s ORDER BY ctid",
                [client.id],
            )
            versions[key] = [row[0] for row in self.env.cr.fetchall()]
        return versions

    def test_recompute_all_covers_clients_not_us(self):
        with freeze_time(NOW):
            done = self.Engine._recompute_all(NOW)
        self.assertGreaterEqual(done, 3)
        self.assertTrue(self.client_alfa.health_date)
        self.assertTrue(self.client_beta.health_date)
        self.assertFalse(self.user_sofia.partner_id.health_date)
        self.assertFalse(self.company.partner_id.health_date)
        self.assertFalse(self.alfa_buyer.health_date, "contacts follow their company")


class TestHealthAlerts(TestHealthCommon):
    def _alerts(self, client):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", client.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref(
                        "relationship_health.mail_activity_type_health_alert"
                    ).id,
                ),
            ]
        )

    def test_entering_at_risk_alerts_the_owner_once(self):
        beta = self.client_beta
        self._talk(beta, 3, channel="visit", depth="strategic")
        self._talk(beta, 100, channel="visit", depth="strategic")
        first = NOW - timedelta(days=5)
        with freeze_time(first):
            self.Engine._recompute(beta, first)
        self.assertEqual(beta.health_band, "healthy")
        self.assertFalse(self._alerts(beta))
        # Everything after that is undone: no contact for 10 months.
        self.env["relationship.interaction"].search(
            [("partner_id", "=", beta.id)]
        ).date = NOW - timedelta(days=300)
        with freeze_time(NOW):
            self.Engine._recompute(beta, NOW)
        self.assertEqual(beta.health_band, "at_risk")
        alert = self._alerts(beta)
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.user_id, self.user_tomas)
        self.assertIn("at risk", alert.summary)
        self.assertIn("Last contact 300 days ago", alert.note)
        # Still at risk the next days, the alert still open: no duplicate.
        for day in (1, 2):
            later = NOW + timedelta(days=day)
            with freeze_time(later):
                self.Engine._recompute(beta, later)
        self.assertEqual(len(self._alerts(beta)), 1)

    def test_first_computation_raises_no_alert(self):
        with freeze_time(NOW):
            self.Engine._recompute(self.client_alfa, NOW)
        self.assertEqual(self.client_alfa.health_band, "at_risk")
        self.assertFalse(self._alerts(self.client_alfa))

    def test_drop_of_points_alerts_with_configurable_threshold(self):
        alfa = self.client_alfa
        for days in (40, 45, 50):
            self._talk(alfa, days, channel="visit", depth="strategic")
        month_ago = NOW - timedelta(days=30)
        with freeze_time(month_ago):
            self.Engine._recompute(alfa, month_ago)
        # 30 days later: recency 40 > 30 days, trend unchanged.
        self.env["ir.config_parameter"].set_param(
            "relationship_health.alert_drop_points", 50
        )
        with freeze_time(NOW):
            self.Engine._recompute(alfa, NOW)
        drop = -alfa.health_delta_30d
        self.assertGreater(drop, 0)
        self.assertLess(drop, 50)
        self.assertFalse(self._alerts(alfa), "below the configured threshold")
        self.env["ir.config_parameter"].set_param(
            "relationship_health.alert_drop_points", drop
        )
        # The same day, run again with the new threshold.
        with freeze_time(NOW):
            self.Engine._recompute(alfa, NOW)
        alert = self._alerts(alfa)
        self.assertEqual(len(alert), 1)
        self.assertIn(f"fell {drop} points", alert.summary)


class TestHealthExtensionAndFailures(TestHealthCommon):
    def test_component_from_another_addon(self):
        with _with_components(GiftsComponent()):
            selection = dict(
                self.env["relationship.health.scorecard.line"]._selection_component()
            )
            self.assertEqual(selection["test_gifts"], "Gifts")
            card = self.Scorecard.create(
                {
                    "name": "With gifts",
                    "relationship_stage": "exploration",
                    "line_ids": [
                        Command.create(
                            {"component": "recency", "weight": 50, "target": 30}
                        ),
                        Command.create(
                            {"component": "test_gifts", "weight": 50, "target": 2}
                        ),
                    ],
                }
            )
            self._talk(self.client_alfa, 1, name="Christmas gift delivered")
            with freeze_time(NOW):
                self.Engine._recompute(self.client_alfa, NOW)
            self.assertEqual(self.client_alfa.health_scorecard_id, card)
            self.assertEqual(self._item(self.client_alfa, "test_gifts")["raw"], 1)
            # 100 * 50 + 50 * 50 -> 75
            self.assertEqual(self.client_alfa.health_score, 75)
            self.assertIn(
                "1 gifts given (target 2).", self.client_alfa.health_breakdown_html
            )

    def test_line_with_nothing_to_judge_is_shown_not_counted(self):
        """A component's score() of None: the line is in the breakdown, "not
        counted", and the other lines share its weight."""
        with _with_components(NotCountedComponent()):
            self.Scorecard.create(
                {
                    "name": "Gifts when any",
                    "relationship_stage": "exploration",
                    "line_ids": [
                        Command.create(
                            {"component": "recency", "weight": 40, "target": 30}
                        ),
                        Command.create(
                            {"component": "test_not_counted", "weight": 60, "target": 2}
                        ),
                    ],
                }
            )
            self._talk(self.client_alfa, 45, name="Operations review")
            with freeze_time(NOW):
                self.Engine._recompute(self.client_alfa, NOW)
            item = self._item(self.client_alfa, "test_not_counted")
            self.assertIsNone(item["points"])
            # Recency alone: 45 days against 30 -> 75 points, the whole score
            # (weighted over 40, not 100: 30 would be a false alarm).
            self.assertEqual(self._item(self.client_alfa, "recency")["points"], 75)
            self.assertEqual(self.client_alfa.health_score, 75)
            html = self.client_alfa.health_breakdown_html
            self.assertIn("not counted", html)
            self.assertNotIn("None", html)
            note = self.client_alfa._health_alert_note()
            self.assertIn("Contact recency", note)
            self.assertNotIn("Gifts, when any", note)
            self.env["res.lang"]._activate_lang("es_ES")
            self.env["ir.module.module"]._load_module_terms(
                ["relationship_health"], ["es_ES"], overwrite=True
            )
            es = self.client_alfa.with_context(lang="es_ES")
            self.assertIn("no cuenta", es.health_breakdown_html)
            # A gift given: now counted, at its weight.
            self._talk(self.client_alfa, 1, name="Christmas gift delivered")
            with freeze_time(NOW):
                self.Engine._recompute(self.client_alfa, NOW)
            self.assertEqual(
                self._item(self.client_alfa, "test_not_counted")["points"], 50
            )
            # 100 * 40 (contact yesterday) + 50 * 60 -> 70
            self.assertEqual(self.client_alfa.health_score, 70)

    def test_failing_client_is_logged_and_skipped(self):
        exploding = ExplodingComponent()
        exploding.victim_id = self.client_beta.id
        with _with_components(exploding):
            self.scorecard.line_ids.filtered(
                lambda line: line.component == "visit"
            ).component = "test_exploding"
            clients = self.client_alfa | self.client_beta | self.client_other
            with (
                freeze_time(NOW),
                self.assertLogs(
                    "odoo.addons.relationship_health.tools.batch",
                    level="ERROR",
                ) as logs,
            ):
                done = self.Engine._recompute(clients, NOW)
        self.assertEqual(done, self.client_alfa | self.client_other)
        self.assertTrue(self.client_alfa.health_date)
        self.assertFalse(self.client_beta.health_date)
        self.assertIn("Beta Logistics", "\n".join(logs.output))

    def test_batch_queries_do_not_grow_with_batch_size(self):
        Partner = self.env["res.partner"]
        clients = Partner.create(
            [{"name": f"Batch client {i}", "is_company": True} for i in range(40)]
        )
        self.env["relationship.interaction"].create(
            [
                {
                    "name": "Talk",
                    "partner_id": client.id,
                    "date": NOW - timedelta(days=i % 50),
                    "depth": "strategic" if i % 2 else "operational",
                    "user_ids": [Command.set(self.user_sofia.ids)],
                }
                for i, client in enumerate(clients)
            ]
        )
        small, large = clients[:4], clients[4:]
        warm = clients[:1]

        def count(batch):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            with freeze_time(NOW):
                self.Engine._recompute(batch, NOW)
            self.env.flush_all()
            return self.cr.sql_log_count - before

        count(warm)  # caches (scorecards, activity type) warmed up
        small_count = count(small)
        with self.assertQueryCount(small_count):
            with freeze_time(NOW):
                self.Engine._recompute(large.with_env(self.env), NOW)
            self.env.flush_all()
        self.assertTrue(all(large.mapped("health_date")))

    def test_partner_form_costs_at_most_three_queries_more(self):
        partner = self.client_alfa
        with freeze_time(NOW):
            self.Engine._recompute(partner, NOW)
        base_spec = {
            name: {}
            for name in (
                "name",
                "is_company",
                "parent_id",
                "email",
                "phone",
                "street",
                "city",
                "vat",
                "category_id",
                "comment",
            )
        }
        base_spec["user_id"] = {"fields": {"display_name": {}}}
        ours = {
            "relationship_stage": {},
            "relationship_type": {},
            "relationship_owner_id": {"fields": {"display_name": {}}},
            "relationship_stage_date": {},
            "relationship_follows_parent": {},
            "relationship_interaction_count": {},
            "relationship_last_interaction_date": {},
            "relationship_stage_timeline": {},
            "health_score": {},
            "health_band": {},
            "health_trend": {},
            "health_delta_30d": {},
            "health_date": {},
            "health_history": {},
            "health_breakdown_html": {},
        }

        # In the web client's context (its time zone: no read of the user's).
        partner = partner.with_context(tz="Europe/Madrid", lang="en_US")

        def count(spec):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            partner.web_read(spec)
            return self.cr.sql_log_count - before

        # Warm the per-worker caches (e.g. translated selection labels), as a
        # server that has shown one partner form has.
        count(base_spec)
        count(dict(base_spec, **ours))
        without = count(base_spec)
        with_ours = count(dict(base_spec, **ours))
        self.assertLessEqual(with_ours - without, 3, (without, with_ours))


class TestHealthConfiguration(TestHealthCommon):
    def test_weights_must_add_up_to_100(self):
        with self.assertRefused(ValidationError, "add up to 90"):
            self.Scorecard.create(
                {
                    "name": "Bad",
                    "relationship_stage": "awareness",
                    "line_ids": [
                        Command.create({"component": "recency", "weight": 60}),
                        Command.create({"component": "depth", "weight": 30}),
                    ],
                }
            )
        with self.assertRefused(ValidationError, "add up to 110"):
            self.scorecard.line_ids[0].weight = 40
        with self.assertRefused(ValidationError, "add up to 70"):
            self.scorecard.line_ids[0].unlink()
        # Moving weight between components in one save is fine, whatever
        # the order the lines are written in.
        recency, visit = self.scorecard.line_ids[:2]
        self.scorecard.write(
            {
                "line_ids": [
                    Command.update(recency.id, {"weight": 20}),
                    Command.update(visit.id, {"weight": 20}),
                ]
            }
        )
        self.assertEqual(self.scorecard.total_weight, 100)

    def test_thresholds_in_order(self):
        with self.assertRefused(ValidationError, "thresholds must be in order"):
            self.scorecard.write({"threshold_watch": 80, "threshold_healthy": 70})
        with self.assertRefused(ValidationError, "thresholds must be in order"):
            self.scorecard.threshold_healthy = 120
        self.assertEqual(self.scorecard.threshold_healthy, 70)

    def test_overlapping_segments_are_refused(self):
        with self.assertRefused(ValidationError, "cover the same clients"):
            self.Scorecard.create(
                {
                    "name": "Second default",
                    "line_ids": [
                        Command.create({"component": "recency", "weight": 100})
                    ],
                }
            )

    def test_negative_targets_are_refused(self):
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.scorecard.line_ids[0].target = -5

    def test_access(self):
        with self.assertRaises(AccessError):
            self.scorecard.with_user(self.user_sofia).name = "Mine now"
        self.scorecard.with_user(self.user_sofia).read(["name"])
        self.scorecard.with_user(self.user_manager).name = "Managed"
        with self.assertRaises(AccessError):
            self.client_alfa.with_user(self.user_employee).action_health_recompute()
        self.client_alfa.with_user(self.user_sofia).action_health_recompute()
        self.assertTrue(self.client_alfa.health_date)
        snapshot = self.env["relationship.health.snapshot"].search(
            [("partner_id", "=", self.client_alfa.id)]
        )
        snapshot.with_user(self.user_sofia).read(["score"])
        with self.assertRaises(AccessError):
            snapshot.with_user(self.user_sofia).unlink()
        with self.assertRaises(AccessError):
            snapshot.with_user(self.user_other_company).read(["score"])
