# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Money, when Invoicing is installed: the one reading of what a client was
invoiced and owes, the revenue and payment health components, the goals of
new business measured from invoices, the revenue of the clients at risk."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.misc import format_amount

from .common import MoneyMixin, RelationshipCommon

NOW = datetime(2026, 6, 30, 12, 0)
TODAY = NOW.date()


def days_ago(days):
    return TODAY - timedelta(days=days)


@tagged("post_install", "-at_install")
class TestMoneyCommon(MoneyMixin, RelationshipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._money_setup()
        cls.Partner = cls.env["res.partner"]
        cls.Engine = cls.env["relationship.health.engine"]
        cls.currency = cls.company.currency_id
        cls.env["relationship.health.scorecard"].search([]).active = False
        cls.scorecard = cls.env["relationship.health.scorecard"].create(
            {
                "name": "Money",
                "line_ids": [
                    Command.create(
                        {"component": "recency", "weight": 50, "target": 30}
                    ),
                    Command.create(
                        {
                            "component": "revenue",
                            "weight": 25,
                            "target": 100,
                            "window_days": 365,
                        }
                    ),
                    Command.create(
                        {
                            "component": "payment",
                            "weight": 25,
                            "target": 15,
                            "window_days": 365,
                        }
                    ),
                ],
            }
        )
        Category = cls.env["product.category"]
        cls.maintenance = Category.create({"name": "Maintenance"})
        cls.forklifts = Category.create(
            {"name": "Forklifts", "parent_id": cls.maintenance.id}
        )
        cls.steel = Category.create({"name": "Steel"})
        Product = cls.env["product.product"]
        cls.forklift_service = Product.create(
            {"name": "Forklift service", "categ_id": cls.forklifts.id}
        )
        cls.coil = Product.create({"name": "Steel coil", "categ_id": cls.steel.id})

    def _money(self, amount, lang=None):
        env = self.env(context=dict(self.env.context, lang=lang)) if lang else self.env
        return format_amount(env, amount, self.currency)

    def _recompute(self, clients):
        with freeze_time(NOW):
            self.Engine._recompute(clients, NOW)

    def _item(self, client, key):
        return next(i for i in client.health_breakdown if i["component"] == key)


class TestMoneyReading(TestMoneyCommon):
    def test_what_counts_as_invoiced(self):
        shared = self.Partner.create({"name": "Shared client", "is_company": True})
        self._invoice(self.client_alfa, days_ago(10), 1000)
        self._invoice(self.client_alfa, days_ago(20), 200, move_type="out_refund")
        self._invoice(self.client_alfa, days_ago(30), 500, post=False)  # draft
        self._invoice(self.client_alfa, days_ago(40), 300).button_cancel()
        self._invoice(self.alfa_buyer, days_ago(50), 400)  # a contact of Alfa
        self._invoice(self.client_alfa, days_ago(400), 9000)  # before the period
        self._invoice(self.client_alfa, TODAY + timedelta(days=5), 50)  # after it
        self._invoice(shared, days_ago(10), 700)
        self._invoice(shared, days_ago(10), 800, company=self.other_company)
        amounts = self.Partner._relationship_invoiced(
            [self.client_alfa.id, self.client_beta.id, shared.id],
            days_ago(364),
            TODAY,
        )
        self.assertEqual(
            amounts,
            {self.client_alfa.id: 1200.0, self.client_beta.id: 0.0, shared.id: 700.0},
        )
        # A shared client, read in the other company: that company's invoices.
        other = self.Partner.with_company(self.other_company)
        self.assertEqual(
            other._relationship_invoiced([shared.id], days_ago(364), TODAY),
            {shared.id: 800.0},
        )

    def test_invoiced_in_product_categories_children_included(self):
        self._invoice(
            self.client_alfa, days_ago(10), 1000, product=self.forklift_service
        )
        self._invoice(self.client_alfa, days_ago(12), 5000, product=self.coil)
        self._invoice(
            self.client_alfa,
            days_ago(14),
            100,
            move_type="out_refund",
            product=self.forklift_service,
        )
        self._invoice(self.client_alfa, days_ago(16), 700)  # no product
        reading = self.Partner._relationship_invoiced
        period = (days_ago(364), TODAY)
        alfa = self.client_alfa.id
        self.assertEqual(reading([alfa], *period, self.maintenance.ids)[alfa], 900.0)
        self.assertEqual(reading([alfa], *period, self.forklifts.ids)[alfa], 900.0)
        self.assertEqual(reading([alfa], *period, self.steel.ids)[alfa], 5000.0)
        both = (self.maintenance | self.steel).ids
        self.assertEqual(reading([alfa], *period, both)[alfa], 5900.0)
        self.assertEqual(reading([alfa], *period)[alfa], 6600.0)

    def test_what_is_owed_and_late(self):
        late = self._invoice(
            self.client_alfa, days_ago(70), 1000, due=days_ago(40)
        )  # 40 days late
        self._invoice(self.client_alfa, days_ago(20), 500, due=days_ago(10))
        self._invoice(self.client_alfa, days_ago(5), 1500, due=TODAY + timedelta(25))
        paid = self._invoice(self.client_alfa, days_ago(90), 800, due=days_ago(60))
        self._pay(paid)
        owed = self.Partner._relationship_overdue(
            [self.client_alfa.id, self.client_beta.id],
            TODAY,
            tolerance_days=15,
            since=days_ago(364),
        )
        self.assertNotIn(self.client_beta.id, owed, "no invoice: nothing to judge")
        self.assertEqual(
            owed[self.client_alfa.id],
            {
                "invoices": 4,
                "due": 3000.0,
                "late": 1000.0,
                "late_count": 1,
                "days": 40,
                "currency": self.currency.id,
            },
        )
        self._pay(late)
        owed = self.Partner._relationship_overdue(
            [self.client_alfa.id], TODAY, tolerance_days=15, since=days_ago(364)
        )
        self.assertEqual(owed[self.client_alfa.id]["late"], 0.0)
        self.assertEqual(owed[self.client_alfa.id]["days"], 10)

    def test_one_query_whatever_the_number_of_clients(self):
        clients = self.Partner.create(
            [{"name": f"Money client {i}", "is_company": True} for i in range(20)]
        )
        for index, client in enumerate(clients[:6]):
            self._invoice(client, days_ago(index * 60), 100 * (index + 1))
        components = self.Engine._health_components()
        params = {"target": 100, "window_days": 365}
        self.env.flush_all()

        def count(batch):
            lines = dict.fromkeys(batch.ids, params)
            before = self.cr.sql_log_count
            with freeze_time(NOW):
                self.Partner._relationship_invoiced(batch.ids, days_ago(364), TODAY)
                self.Partner._relationship_overdue(batch.ids, TODAY, 15)
                components["revenue"].measure(self.env, batch, lines, NOW)
                components["payment"].measure(self.env, batch, lines, NOW)
            return self.cr.sql_log_count - before

        count(clients[:1])  # warm up
        self.assertEqual(count(clients[:2]), count(clients))
        self.assertEqual(count(clients), 4)


class TestMoneyDemo(TestMoneyCommon):
    def test_demo_invoices_tell_the_story(self):
        """Transportes Albero writes a lot but its invoices fall, one is
        overdue; Aceros Brisa and Nubia buy as much or more."""
        today = date.today()
        year, before = (
            (today - timedelta(days=364), today),
            (
                today - timedelta(days=729),
                today - timedelta(days=365),
            ),
        )
        clients = {
            name: self.env.ref(f"relationship_health.demo_partner_{name}").id
            for name in ("albero", "aceros", "nubia")
        }
        current = self.Partner._relationship_invoiced(clients.values(), *year)
        previous = self.Partner._relationship_invoiced(clients.values(), *before)
        self.assertLess(current[clients["albero"]], previous[clients["albero"]] / 4)
        self.assertGreater(current[clients["albero"]], 0)
        for name in ("aceros", "nubia"):
            self.assertGreaterEqual(current[clients[name]], previous[clients[name]])
        owed = self.Partner._relationship_overdue(
            clients.values(), today, 15, since=year[0]
        )
        self.assertEqual(owed[clients["albero"]]["late_count"], 1)
        self.assertEqual(owed[clients["aceros"]]["late"], 0)


class TestMoneyHealth(TestMoneyCommon):
    def test_revenue_falls_and_the_line_says_why(self):
        for day in (400, 450, 500, 600):
            self._invoice(self.client_alfa, days_ago(day), 2500)  # 10,000 before
        self._invoice(self.client_alfa, days_ago(30), 5000)  # 5,000 this year
        self._recompute(self.client_alfa)
        item = self._item(self.client_alfa, "revenue")
        self.assertEqual(item["points"], 50)
        self.assertEqual(item["raw"]["current"], 5000.0)
        self.assertEqual(item["raw"]["previous"], 10000.0)
        html = self.client_alfa.health_breakdown_html
        self.assertIn("Revenue trend", html)
        self.assertIn(self._money(5000), html)
        self.assertIn(self._money(10000), html)
        self.assertIn("50% kept", html)
        # The stored revenue: the last 12 months, for the dashboard.
        self.assertEqual(self.client_alfa.health_id.revenue, 5000.0)

    def test_revenue_new_client_and_none(self):
        self._invoice(self.client_alfa, days_ago(30), 5000)
        self._recompute(self.client_alfa | self.client_beta)
        self.assertEqual(self._item(self.client_alfa, "revenue")["points"], 100)
        self.assertIn("a new client", self.client_alfa.health_breakdown_html)
        # Beta was never invoiced: not counted, the others share its weight.
        beta = self._item(self.client_beta, "revenue")
        self.assertIsNone(beta["points"])
        self.assertIsNone(self._item(self.client_beta, "payment")["points"])
        self.assertIn("not counted", self.client_beta.health_breakdown_html)
        recency = self._item(self.client_beta, "recency")["points"]
        self.assertEqual(self.client_beta.health_score, recency)
        self.assertEqual(self.client_beta.health_id.revenue, 0.0)

    def test_revenue_scores(self):
        revenue = self.Engine._health_components()["revenue"]
        params = {"target": 80, "window_days": 365}
        for raw, points in (
            (None, None),
            ({"current": 0, "previous": 0, "currency": None}, None),
            ({"current": -50, "previous": 0, "currency": None}, None),
            ({"current": 10, "previous": 0, "currency": None}, 100),
            ({"current": 40, "previous": 100, "currency": None}, 50),
            ({"current": 80, "previous": 100, "currency": None}, 100),
            ({"current": -10, "previous": 100, "currency": None}, 0),
        ):
            with self.subTest(raw=raw):
                self.assertEqual(revenue.score(raw, params), points)

    def test_payment_late_share_and_days(self):
        self._invoice(self.client_alfa, days_ago(70), 1000, due=days_ago(40))
        self._invoice(self.client_alfa, days_ago(20), 2000, due=days_ago(10))
        # Beta pays within the days tolerated.
        self._invoice(self.client_beta, days_ago(20), 2000, due=days_ago(10))
        self._recompute(self.client_alfa | self.client_beta)
        alfa = self._item(self.client_alfa, "payment")
        # A third of what is due is late beyond 15 days (67 points), the
        # oldest 40 days late: 100 up to 15 days, 0 at 45 (17 points).
        self.assertEqual(alfa["points"], 42)
        html = self.client_alfa.health_breakdown_html
        self.assertIn("Payment behaviour", html)
        self.assertIn(self._money(1000), html)
        self.assertIn("40 days past due", html)
        self.assertEqual(self._item(self.client_beta, "payment")["points"], 100)
        self.assertIn("15 days tolerated", self.client_beta.health_breakdown_html)

    def test_payment_scores(self):
        payment = self.Engine._health_components()["payment"]
        params = {"target": 15, "window_days": 365}
        base = {"invoices": 1, "currency": None, "late_count": 1}
        for raw, points in (
            (None, None),
            (dict(base, due=0, late=0, days=None), 100),
            (dict(base, due=100, late=0, days=10), 100),
            (dict(base, due=100, late=100, days=45), 0),
            (dict(base, due=100, late=50, days=30), 50),
        ):
            with self.subTest(raw=raw):
                self.assertEqual(payment.score(raw, params), points)
        # No days tolerated: any day late costs the delay's half.
        self.assertEqual(
            payment.score(dict(base, due=100, late=50, days=1), {"target": 0}), 25
        )

    def test_breakdown_in_spanish(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["relationship_health"], ["es_ES"], overwrite=True
        )
        self._invoice(self.client_alfa, days_ago(400), 10000)
        self._invoice(self.client_alfa, days_ago(70), 5000, due=days_ago(40))
        self._recompute(self.client_alfa)
        spanish = self.client_alfa.with_context(lang="es_ES").health_breakdown_html
        self.assertIn("Tendencia de la facturación", spanish)
        self.assertIn("Comportamiento de pago", spanish)
        self.assertIn(self._money(5000, "es_ES"), spanish)
        self.assertNotIn("invoiced in the last", spanish)
        self.assertNotIn("days past due", spanish)

    def test_revenue_of_the_clients_at_risk(self):
        """What the dashboard adds up: the revenue stored with the health
        of the clients at risk, idempotent."""
        self._invoice(self.client_alfa, days_ago(500), 10000)
        self._invoice(self.client_alfa, days_ago(100), 1000, due=days_ago(90))
        self._invoice(self.client_beta, days_ago(30), 3000)
        self._log(self.client_beta, date=NOW - timedelta(days=2))
        self._recompute(self.client_alfa | self.client_beta)
        self.assertEqual(self.client_alfa.health_band, "at_risk")
        self.assertEqual(self.client_beta.health_band, "healthy")
        [(revenue,)] = self.env["relationship.health"]._read_group(
            [("band", "=", "at_risk"), ("partner_id", "in", self.client_alfa.ids)],
            [],
            ["revenue:sum"],
        )
        self.assertEqual(revenue, 1000.0)
        # A second run the same day writes nothing.
        self.env.flush_all()
        with freeze_time(NOW):
            self.Engine._store_revenue(self.client_alfa, NOW)
        self.cr.execute(
            "UPDATE relationship_health SET revenue = revenue "
            "WHERE partner_id = %s AND revenue IS DISTINCT FROM 1000",
            [self.client_alfa.id],
        )
        self.assertEqual(self.cr.rowcount, 0)


class TestMoneyGoals(TestMoneyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_health(cls.client_alfa, band="watch", score=55)
        cls.plan = cls.env["relationship.revitalization.plan"].create(
            {
                "partner_id": cls.client_alfa.id,
                "date_start": date(2026, 3, 1),
                "deadline": date(2026, 9, 1),
                "goal_ids": [
                    Command.create(
                        {
                            "kind": "wallet_share",
                            "name": "Grow with them",
                            "target": 10000,
                        }
                    ),
                    Command.create(
                        {
                            "kind": "cross_selling",
                            "name": "Maintenance",
                            "target": 2000,
                            "deadline": date(2026, 6, 1),
                            "product_category_ids": [Command.set(cls.maintenance.ids)],
                        }
                    ),
                    Command.create(
                        {"kind": "new_people", "name": "Meet the CFO", "target": 2}
                    ),
                ],
            }
        )
        cls.wallet, cls.cross, cls.people = cls.plan.goal_ids

    def test_goals_measured_from_invoices(self):
        self.assertEqual(self.wallet.achieved, 0)
        self._invoice(self.client_alfa, date(2026, 2, 20), 9000)  # before the plan
        self._invoice(self.client_alfa, date(2026, 3, 10), 4000, product=self.coil)
        self._invoice(
            self.client_alfa, date(2026, 4, 10), 1000, product=self.forklift_service
        )
        self._invoice(
            self.alfa_buyer, date(2026, 6, 20), 600, product=self.forklift_service
        )  # after the cross-selling goal's deadline
        # The client's owner refreshes the plan (no access to invoices).
        self.plan.with_user(self.user_sofia).action_measure_goals()
        self.assertEqual(self.wallet.achieved, 5600)
        self.assertEqual(self.wallet.progress, 56)
        self.assertEqual(
            self.cross.achieved, 1000, "its categories, until its deadline"
        )
        self.assertEqual(self.cross.progress, 50)
        self.assertEqual(self.people.achieved, 0, "other kinds are typed")
        self.assertAlmostEqual(self.plan.progress, (56 + 50 + 0) / 3)
        # Its deadline moves: measured again at once.
        self.cross.deadline = date(2026, 8, 1)
        self.assertEqual(self.cross.achieved, 1600)
        # Nightly: batched, and a second run changes nothing.
        self._invoice(self.client_alfa, date(2026, 5, 1), 400)
        self.env["relationship.revitalization.goal"]._cron_measure_goals()
        self.assertEqual(self.wallet.achieved, 6000)
        self.env.flush_all()
        before = self.wallet.write_date
        self.env["relationship.revitalization.goal"]._cron_measure_goals()
        self.assertEqual(self.wallet.write_date, before)

    def test_measured_goal_is_not_typed(self):
        for user in (self.user_sofia, self.user_manager):
            goal = self.wallet.with_user(user)
            with self.subTest(user=user.login):
                with self.assertRefused(
                    UserError, "measured from the client's invoices"
                ):
                    goal.achieved = 5000
                self.assertEqual(self.wallet.achieved, 0)
                with self.assertRefused(UserError, "measured"):
                    self.env["relationship.revitalization.goal"].with_user(user).create(
                        {
                            "plan_id": self.plan.id,
                            "kind": "cross_selling",
                            "name": "Typed",
                            "achieved": 300,
                        }
                    )
                with self.assertRefused(UserError, "measured"):
                    self.people.with_user(user).write(
                        {"kind": "wallet_share", "achieved": 3}
                    )
        # Other kinds stay typed.
        self.people.with_user(self.user_sofia).achieved = 1
        self.assertEqual(self.people.progress, 50)
        self.assertTrue(self.wallet.achieved_measured)
        self.assertFalse(self.people.achieved_measured)

    def test_closed_plan_keeps_what_was_reached(self):
        self._invoice(self.client_alfa, date(2026, 3, 10), 4000)
        self.plan.action_start()
        self.plan.action_done()
        self.assertEqual(self.wallet.achieved, 4000)
        self._invoice(self.client_alfa, date(2026, 3, 11), 1000)
        self.env["relationship.revitalization.goal"]._cron_measure_goals()
        self.assertEqual(self.wallet.achieved, 4000)
        with self.assertRaisesRegex(UserError, "closed"):
            self.plan.action_measure_goals()

    def test_copied_plan_is_measured_again(self):
        self._invoice(self.client_alfa, date(2026, 3, 10), 4000)
        self.plan.action_measure_goals()
        self.plan.action_cancel()
        copy = self.plan.copy({"date_start": date(2026, 3, 20)})
        wallet = copy.goal_ids.filtered(lambda g: g.kind == "wallet_share")
        self.assertEqual(wallet.achieved, 0)
