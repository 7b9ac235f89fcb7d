# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Where the health lives: relationship.health (today's), its past days, the
snapshot view over both; searching clients by health; who may read it."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_health import NOW, TestHealthCommon


@tagged("post_install", "-at_install")
class TestHealthStorage(TestHealthCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Health = cls.env["relationship.health"]
        cls.Snapshot = cls.env["relationship.health.snapshot"]
        cls.Day = cls.env["relationship.health.day"]

    def _healthy(self, client):
        """Recent strategic visits by two of our people: a healthy client."""
        for days in (5, 20, 50, 100):
            self._talk(
                client,
                days,
                channel="visit",
                depth="strategic",
                user_ids=[Command.set((self.user_sofia | self.user_tomas).ids)],
            )

    def test_an_earlier_day_computed_later_goes_to_history(self):
        alfa = self.client_alfa
        self._healthy(alfa)
        with freeze_time(NOW):
            self.Engine._recompute(alfa, NOW)
        earlier = NOW - timedelta(days=10)
        with freeze_time(earlier):
            self.Engine._recompute(alfa, earlier)
        # Today's health is still today's; the earlier day is history.
        self.assertEqual(alfa.health_date, NOW.date())
        self.assertEqual(
            self.Day.search([("partner_id", "=", alfa.id)]).mapped("date"),
            [earlier.date()],
        )
        self.assertEqual(
            self.Snapshot.search([("partner_id", "=", alfa.id)]).mapped("date"),
            [NOW.date(), earlier.date()],
        )
        # The next day moves today's health to history too: every day once.
        later = NOW + timedelta(days=1)
        with freeze_time(later):
            self.Engine._recompute(alfa, later)
        self.assertEqual(
            self.Snapshot.search([("partner_id", "=", alfa.id)]).mapped("date"),
            [later.date(), NOW.date(), earlier.date()],
        )
        self.assertEqual(len(self.Health.search([("partner_id", "=", alfa.id)])), 1)
        # The form's graph: every day, oldest first, today's last.
        self.assertEqual(
            [point[0] for point in alfa.health_history],
            [str(earlier.date()), str(NOW.date()), str(later.date())],
        )

    def test_builtin_components_measure_alone_as_in_a_batch(self):
        alfa, beta = self.client_alfa, self.client_beta
        self._healthy(alfa)
        self._talk(beta, 70)
        self._talk(beta, 160, depth="satisfaction")
        clients = alfa | beta
        with freeze_time(NOW):
            self.Engine._recompute(clients, NOW)
        components = self.Engine._health_components()
        for line in self.scorecard.line_ids:
            lines = dict.fromkeys(clients.ids, line._params())
            alone = components[line.component].measure(self.env, clients, lines, NOW)
            for client in clients:
                stored = next(
                    item
                    for item in client.health_breakdown
                    if item["component"] == line.component
                )
                self.assertEqual(
                    alone.get(client.id), stored["raw"], (line.component, client.name)
                )

    def test_clients_are_searched_by_their_health(self):
        alfa, beta, other = self.client_alfa, self.client_beta, self.client_other
        self._healthy(beta)
        with freeze_time(NOW):
            self.Engine._recompute(alfa | beta, NOW)
        self.assertEqual(alfa.health_band, "at_risk")
        self.assertEqual(beta.health_band, "healthy")
        self.assertFalse(other.health_band)
        Partner = self.env["res.partner"]
        scope = [("id", "in", (alfa | beta | other).ids)]

        def found(*domain):
            return Partner.search(scope + list(domain))

        self.assertEqual(found(("health_band", "=", "at_risk")), alfa)
        self.assertEqual(found(("health_band", "in", ["healthy", "watch"])), beta)
        # Negative conditions match the clients without health, as on a
        # stored field.
        self.assertEqual(found(("health_band", "!=", "at_risk")), beta | other)
        self.assertEqual(found(("health_band", "=", False)), other)
        self.assertEqual(found(("health_band", "!=", False)), alfa | beta)
        self.assertEqual(found(("health_score", ">=", 70)), beta)
        self.assertEqual(found(("health_date", "=", NOW.date())), alfa | beta)
        self.assertEqual(
            found(("health_scorecard_id", "=", self.scorecard.id)), alfa | beta
        )
        # "Falling": 30 days later Beta has not been contacted again.
        later = NOW + timedelta(days=40)
        with freeze_time(later):
            self.Engine._recompute(beta, later)
        self.assertEqual(beta.health_trend, "down")
        self.assertEqual(found(("health_trend", "=", "down")), beta)
        self.assertEqual(found(("health_delta_30d", "<", 0)), beta)

    def test_dashboard_groups_by_owner_type_and_stage(self):
        alfa, beta = self.client_alfa, self.client_beta
        self._healthy(beta)
        with freeze_time(NOW):
            self.Engine._recompute(alfa | beta, NOW)
        Health = self.Health.with_user(self.user_sofia)
        domain = [("partner_id", "in", (alfa | beta).ids)]
        by_owner = {
            group["owner_id"][0]: group["score"]
            for group in Health.read_group(domain, ["score:avg"], ["owner_id"])
        }
        self.assertEqual(
            by_owner,
            {
                self.user_sofia.id: alfa.health_score,
                self.user_tomas.id: beta.health_score,
            },
        )
        by_type = {
            group["relationship_type"]: group["relationship_type_count"]
            for group in Health.read_group(domain, ["score:avg"], ["relationship_type"])
        }
        self.assertEqual(by_type, {"long_term": 1, False: 1})
        by_stage = Health.read_group(domain, ["score:avg"], ["relationship_stage"])
        self.assertEqual(
            [
                (g["relationship_stage"], g["relationship_stage_count"])
                for g in by_stage
            ],
            [("exploration", 2)],
        )
        # The history too, by owner.
        self.assertEqual(
            {
                group["owner_id"][0]
                for group in self.Snapshot.with_user(self.user_sofia).read_group(
                    domain, ["score:avg"], ["owner_id"]
                )
            },
            {self.user_sofia.id, self.user_tomas.id},
        )

    def test_weekly_points_count_each_client_once_a_week(self):
        alfa, beta = self.client_alfa, self.client_beta
        self._healthy(alfa)
        today = NOW.date()
        # Alfa was computed every day of the last three weeks, Beta only on
        # some days (and never 7 or 14 days ago).
        self.Day.create(
            [
                {"partner_id": alfa.id, "date": today - timedelta(days=days)}
                for days in range(1, 22)
            ]
            + [
                {"partner_id": beta.id, "date": today - timedelta(days=days)}
                for days in (3, 10, 13)
            ]
        )
        with freeze_time(NOW):
            self.Engine._recompute(alfa | beta, NOW)
        weekly = self.Snapshot.search(
            [("partner_id", "in", (alfa | beta).ids), ("weekly", "=", True)]
        )
        self.assertEqual(
            sorted((point.partner_id.name, point.date) for point in weekly),
            sorted(
                [(alfa.name, today - timedelta(days=days)) for days in (0, 7, 14, 21)]
                + [(beta.name, today)]
            ),
        )
        # Grouped by week, a client is counted once a week.
        per_week = self.Snapshot.read_group(
            [("partner_id", "=", alfa.id), ("weekly", "=", True)],
            [],
            ["date:week"],
        )
        self.assertEqual([group["date_count"] for group in per_week], [1, 1, 1, 1])

    def test_access_to_health_records(self):
        with freeze_time(NOW):
            self.Engine._recompute(self.client_alfa | self.client_other, NOW)
            later = NOW + timedelta(days=1)
            self.Engine._recompute(self.client_alfa, later)
        health = self.client_alfa.health_id
        day = self.Day.search([("partner_id", "=", self.client_alfa.id)])
        self.assertTrue(health and day)
        # Relationship users read the health of their company's clients...
        health.with_user(self.user_sofia).read(["score", "band"])
        day.with_user(self.user_sofia).read(["score"])
        # ...but only the engine writes it.
        for user in (self.user_sofia, self.user_manager):
            with self.assertRaises(AccessError):
                health.with_user(user).write({"score": 100})
            with self.assertRaises(AccessError):
                health.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.Health.with_user(user).create(
                    {"partner_id": self.client_beta.id, "score": 100}
                )
            with self.assertRaises(AccessError):
                day.with_user(user).write({"score": 100})
        # From the dashboard, a user recomputes the clients they may read.
        self.assertTrue(health.with_user(self.user_sofia).action_recompute())
        self.assertEqual(self.client_alfa.health_date, fields.Date.today())
        with self.assertRaises(AccessError):
            self.Health.browse(health.id).with_user(
                self.user_employee
            ).action_recompute()
        # A manager may clear old history.
        day.with_user(self.user_manager).unlink()
        # Another company's user sees neither.
        with self.assertRaises(AccessError):
            health.with_user(self.user_other_company).read(["score"])
        self.assertFalse(
            self.Snapshot.with_user(self.user_other_company).search(
                [("partner_id", "=", self.client_alfa.id)]
            )
        )
        # An employee without the relationship group does not open the
        # dashboard, though the client's form shows the band as before.
        with self.assertRaises(AccessError):
            health.with_user(self.user_employee).read(["score"])
        self.assertEqual(
            self.client_alfa.with_user(self.user_employee).health_band, "at_risk"
        )
