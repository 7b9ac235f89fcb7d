# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client's own voice: satisfaction requests on Odoo's rating mechanism,
their rules on every path, the triggers, the answer (an interaction; an
unhappy one, a problem), the health component and the expiry."""

import re
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import RelationshipCommon
from .rules_common import RulesCaseMixin


class SatisfactionCommon(RelationshipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Request = cls.env["relationship.satisfaction.request"]
        cls.Planner = cls.env["relationship.satisfaction.planner"]
        cls.alfa_buyer.email = "ana@alfa.example.com"
        cls.alfa_engineer.email = "luis@alfa.example.com"
        cls.beta_contact.email = "bea@beta.example.com"
        cls.alfa_silent = cls.env["res.partner"].create(
            {"name": "Silvia No Email", "parent_id": cls.client_alfa.id}
        )
        # The tests own the care rules: one default rule, asking every 60 days.
        Rule = cls.env["relationship.cadence.rule"]
        Rule.search([]).active = False
        cls.rule = Rule.create({"name": "Test rule", "satisfaction_days": 60})

    @classmethod
    def _ask(cls, contact, user=None, **values):
        Request = cls.Request.with_user(user) if user else cls.Request
        return Request.create(
            {
                "partner_id": contact.commercial_partner_id.id,
                "contact_id": contact.id,
                **values,
            }
        )

    def _answered(self, contact, rate, days_ago, feedback=""):
        """A request of ``contact`` answered ``days_ago``."""
        request = self._ask(contact)
        when = fields.Datetime.now() - timedelta(days=days_ago)
        with request._system_write():
            request.write({"sent_date": when - timedelta(hours=1)})
            request.write(
                {
                    "state": "answered",
                    "answer_date": when,
                    "answer_rating": rate,
                    "answer_feedback": feedback,
                }
            )
        return request


@tagged("post_install", "-at_install")
class TestSatisfactionRequest(SatisfactionCommon):
    def test_a_request_is_emailed_with_the_rating_faces(self):
        request = self._ask(self.alfa_buyer, user=self.user_sofia)
        self.assertEqual(request.state, "sent")
        self.assertEqual(request.trigger, "manual")
        self.assertEqual(request.owner_id, self.user_sofia)
        self.assertEqual(request.expiry_date - request.sent_date, timedelta(days=30))
        rating = request.sudo().rating_ids
        self.assertEqual(len(rating), 1)
        self.assertEqual(rating.partner_id, self.alfa_buyer)
        self.assertEqual(rating.rated_partner_id, self.user_sofia.partner_id)
        message = request.sudo().message_ids.filtered(
            lambda m: self.alfa_buyer in m.partner_ids
        )
        self.assertEqual(len(message), 1)
        self.assertIn(f"/rate/{rating.access_token}/1", message.body)
        self.assertIn(f"/rate/{rating.access_token}/5", message.body)
        # What the client reads names nothing internal.
        self.assertEqual(request.display_name, "Satisfaction survey for Ana Buyer")
        self.assertEqual(rating.res_name, request.display_name)

    def test_a_contact_chosen_as_the_client_stands_for_its_company(self):
        request = self.Request.create({"partner_id": self.alfa_buyer.id})
        self.assertEqual(request.partner_id, self.client_alfa)
        self.assertEqual(request.contact_id, self.alfa_buyer)

    def test_cancel_kills_the_link(self):
        request = self._ask(self.alfa_buyer)
        token = request.sudo().rating_ids.access_token
        request.with_user(self.user_sofia).action_cancel()
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(
            self.env["rating.rating"].search([("access_token", "=", token)])
        )
        with self.assertRaisesRegex(UserError, "closed"):
            request.sudo().rating_apply(5, rating=self.env["rating.rating"])
        with self.assertRaisesRegex(UserError, "Only a request waiting"):
            request.action_cancel()
        # Cancelled, the person may be asked again.
        self.assertTrue(self._ask(self.alfa_buyer))

    def test_one_request_waiting_per_person_also_in_the_database(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["relationship_satisfaction_request_one_open"],
        )
        self.assertIn("WHERE", self.env.cr.fetchone()[0])


@tagged("post_install", "-at_install")
class TestSatisfactionRules(SatisfactionCommon, RulesCaseMixin):
    def test_bad_input_is_refused_as_each_role(self):
        model = "relationship.satisfaction.request"
        insider = new_test_user(
            self.env, login="rh_insider", name="Ines Insider", groups="base.group_user"
        )
        insider.partner_id.write(
            {"parent_id": self.client_alfa.id, "email": "ines@us.example.com"}
        )
        waiting = self._ask(self.alfa_engineer)
        base = {"partner_id": self.client_alfa.id, "contact_id": self.alfa_buyer.id}
        cases = [
            ("no client", model, None, {"contact_id": self.alfa_buyer.id}),
            ("no contact", model, None, {"partner_id": self.client_alfa.id}),
            (
                "a contact without email",
                model,
                None,
                dict(base, contact_id=self.alfa_silent.id),
            ),
            (
                "one of our people as the contact",
                model,
                None,
                dict(base, contact_id=insider.partner_id.id),
            ),
            (
                "a second request waiting for the same person",
                model,
                None,
                dict(base, contact_id=self.alfa_engineer.id),
            ),
            (
                "a person of another client",
                model,
                None,
                dict(base, contact_id=self.beta_contact.id),
            ),
            (
                "the other company",
                model,
                None,
                dict(base, company_id=self.other_company.id),
            ),
            ("state given", model, None, dict(base, state="answered")),
            ("trigger given", model, None, dict(base, trigger="problem")),
            (
                "sent in the past",
                model,
                None,
                dict(base, sent_date="2020-01-01 00:00:00"),
            ),
            ("a date that does not parse", model, None, dict(base, sent_date="soon")),
            ("answer given", model, None, dict(base, answer_rating=5)),
            ("state written", model, waiting, {"state": "answered"}),
            ("answer written", model, waiting, {"answer_rating": 1}),
            ("answered date written", model, waiting, {"answer_date": "2026-01-01"}),
            (
                "given to someone else",
                model,
                waiting,
                {"contact_id": self.alfa_buyer.id},
            ),
        ]
        self.run_bad_input_table(
            [
                (label, user, m, record, values)
                for label, m, record, values in cases
                for user in (self.user_sofia, self.user_manager)
            ]
        )

    def test_dates_are_checked_even_for_the_application(self):
        request = self._ask(self.alfa_buyer)
        for values in (
            {"sent_date": fields.Datetime.now() + timedelta(days=3)},
            {"answer_date": request.sent_date - timedelta(days=1)},
        ):
            with (
                self.subTest(values=values),
                self.assertRefused(Exception, "cannot be"),
                request._system_write(),
            ):
                request.write(values)

    def test_access(self):
        alfa_request = self._ask(self.alfa_buyer)
        beta_request = self._ask(self.beta_contact)
        model = "relationship.satisfaction.request"
        matrix = [
            ("owner reads", self.user_sofia, model, "read", alfa_request, True),
            ("not owner", self.user_sofia, model, "read", beta_request, False),
            ("manager", self.user_manager, model, "read", beta_request, True),
            ("other co", self.user_other_company, model, "read", alfa_request, False),
            ("employee", self.user_employee, model, "read", alfa_request, False),
            ("owner unlink", self.user_sofia, model, "unlink", alfa_request, False),
            (
                "create for another's client",
                self.user_sofia,
                model,
                "create",
                {
                    "partner_id": self.client_beta.id,
                    "contact_id": self.beta_contact.id,
                },
                False,
            ),
        ]
        self.run_access_matrix(matrix)


@tagged("post_install", "-at_install")
class TestSatisfactionAnswer(SatisfactionCommon):
    def _interactions(self, request):
        return self.env["relationship.interaction"].search(
            [
                ("origin_model", "=", request._name),
                ("origin_res_id", "=", request.id),
            ]
        )

    def test_a_happy_answer_is_one_interaction(self):
        request = self._ask(self.alfa_buyer)
        token = request.sudo().rating_ids.access_token
        public = request.with_user(self.env.ref("base.public_user")).sudo()
        public.rating_apply(5, token=token, feedback="Always on time.")
        public.rating_apply(5, token=token, feedback="Always on time.")
        self.assertEqual(request.state, "answered")
        self.assertEqual(request.answer_face, "top")
        interaction = self._interactions(request)
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.source, "rating")
        self.assertEqual(interaction.depth, "satisfaction")
        self.assertEqual(interaction.contact_ids, self.alfa_buyer)
        self.assertFalse(interaction.user_ids)
        self.assertIn("Always on time.", interaction.summary)
        self.assertEqual(request.answer_interaction_id, interaction)
        self.assertFalse(request.answer_problem_id)
        self.assertFalse(
            self.env["relationship.problem"].search(
                [("partner_id", "=", self.client_alfa.id)]
            )
        )

    def test_an_unhappy_answer_opens_one_problem_quoting_the_comment(self):
        request = self._ask(self.alfa_buyer)
        token = request.sudo().rating_ids.access_token
        Problem = self.env["relationship.problem"]
        # The face first, the comment after it: one problem, updated.
        request.sudo().rating_apply(1, token=token)
        problem = request.answer_problem_id
        self.assertTrue(problem)
        self.assertEqual(problem.owner_id, self.user_sofia)
        self.assertEqual(problem.contact_id, self.alfa_buyer)
        request.sudo().rating_apply(
            1, token=token, feedback="Two late deliveries this month."
        )
        problems = Problem.search([("partner_id", "=", self.client_alfa.id)])
        self.assertEqual(problems, problem)
        self.assertIn("Two late deliveries this month.", problem.name)
        self.assertIn("Two late deliveries this month.", problem.description)
        interaction = self._interactions(request)
        self.assertEqual(len(interaction), 1)
        self.assertIn("Two late deliveries this month.", interaction.summary)
        # The owner is asked to answer the client.
        self.assertTrue(
            problem.activity_ids.filtered(lambda a: a.user_id == self.user_sofia)
        )

    def test_nobody_of_ours_answers_in_the_clients_name(self):
        request = self._ask(self.alfa_buyer)
        with self.assertRaises(AccessError):
            request.with_user(self.user_sofia).rating_apply(5)
        self.assertEqual(request.state, "sent")

    def test_a_rate_out_of_range_is_a_user_error(self):
        request = self._ask(self.alfa_buyer)
        token = request.sudo().rating_ids.access_token
        for rate in (0, 6, -1, "x"):
            with self.subTest(rate=rate), self.assertRaises(UserError):
                request.sudo().rating_apply(rate, token=token)
        self.assertEqual(request.state, "sent")


@tagged("post_install", "-at_install")
class TestSatisfactionTriggers(SatisfactionCommon):
    def test_a_resolved_problem_asks_who_raised_it_once(self):
        problems = self.env["relationship.problem"].create(
            [
                {
                    "name": f"Late {n}",
                    "partner_id": self.client_alfa.id,
                    "contact_id": self.alfa_buyer.id,
                    "root_cause": "Carrier",
                    "assessment": "founded",
                }
                for n in range(2)
            ]
        )
        problems[0].action_resolve()
        request = self.Request.search([("contact_id", "=", self.alfa_buyer.id)])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.trigger, "problem")
        self.assertEqual(request.problem_id, problems[0])
        # Still waiting for the first answer: not asked twice.
        problems[1].action_resolve()
        self.assertEqual(
            self.Request.search_count([("contact_id", "=", self.alfa_buyer.id)]), 1
        )

    def test_a_visit_asks_the_people_met_once_per_cadence(self):
        self._log(
            self.client_alfa,
            channel="visit",
            contact_ids=[Command.set((self.alfa_buyer | self.alfa_silent).ids)],
        )
        request = self.Request.search([("partner_id", "=", self.client_alfa.id)])
        # Silvia has no email: only Ana.
        self.assertEqual(request.contact_id, self.alfa_buyer)
        self.assertEqual(request.trigger, "visit")
        request.sudo().rating_apply(5, rating=request.sudo().rating_ids)
        # Answered, but asked within the 60 days of the rule: not again.
        self._log(
            self.client_alfa,
            channel="visit",
            contact_ids=[Command.set(self.alfa_buyer.ids)],
        )
        self.assertEqual(
            self.Request.search_count([("partner_id", "=", self.client_alfa.id)]), 1
        )
        # A call asks nobody.
        self._log(self.client_beta, contact_ids=[Command.set(self.beta_contact.ids)])
        self.assertFalse(
            self.Request.search([("partner_id", "=", self.client_beta.id)])
        )

    def test_periodic_run_asks_the_people_we_talk_with_and_is_idempotent(self):
        self._log(
            self.client_beta,
            date=fields.Datetime.now() - timedelta(days=20),
            contact_ids=[Command.set(self.beta_contact.ids)],
        )
        self._log(
            self.client_alfa,
            date=fields.Datetime.now() - timedelta(days=90),
            contact_ids=[Command.set(self.alfa_buyer.ids)],
        )
        self.Planner._cron_send_periodic()
        asked = self.Request.search(
            [("partner_id", "in", (self.client_alfa | self.client_beta).ids)]
        )
        # Ana's last talk is older than the 60-day cadence.
        self.assertEqual(asked.contact_id, self.beta_contact)
        self.assertEqual(asked.trigger, "periodic")
        self.assertEqual(self.Planner._cron_send_periodic(), 0)
        # A rule that asks nothing on a schedule.
        self.rule.satisfaction_days = 0
        asked._close("expired")
        self.assertEqual(self.Planner._cron_send_periodic(), 0)

    def test_expiry_is_batched_and_idempotent(self):
        request = self._ask(self.alfa_buyer)
        token = request.sudo().rating_ids.access_token
        self.assertEqual(self.Request._cron_expire(), 0)
        later = fields.Datetime.now() + timedelta(days=31)
        with freeze_time(later):
            self.assertEqual(self.Request._cron_expire(), 1)
            self.assertEqual(self.Request._cron_expire(), 0)
        self.assertEqual(request.state, "expired")
        self.assertFalse(
            self.env["rating.rating"].search([("access_token", "=", token)])
        )


@tagged("post_install", "-at_install")
class TestSatisfactionHealth(SatisfactionCommon):
    def _component(self):
        return self.env["relationship.health.engine"]._health_components()[
            "satisfaction"
        ]

    def _measure(self, clients):
        line = {"window_days": 365, "target": 5}
        return self._component().measure(
            self.env,
            clients,
            {client.id: line for client in clients},
            fields.Datetime.now(),
        )

    def test_points_from_the_answers_weighted_by_recency(self):
        component = self._component()
        params = {"window_days": 365, "target": 5}
        for rate, points in ((5, 100), (3, 50), (1, 0)):
            self.assertEqual(component.score({"average": rate}, params), points)
        self.assertIsNone(component.score(None, params))
        self._answered(self.alfa_buyer, 1, days_ago=300)
        self._answered(self.alfa_engineer, 5, days_ago=2)
        self._answered(self.beta_contact, 5, days_ago=400)  # out of the window
        raw = self._measure(self.client_alfa | self.client_beta)
        self.assertNotIn(self.client_beta.id, raw)
        alfa = raw[self.client_alfa.id]
        self.assertEqual(alfa["count"], 2)
        # The recent happy answer weighs far more than the old unhappy one.
        self.assertGreater(alfa["average"], 4.4)
        self.assertLess(alfa["average"], 5)
        self.assertEqual(alfa["last_rating"], 5)

    def test_measure_queries_do_not_grow_with_clients(self):
        clients = self.client_alfa | self.client_beta | self.client_other
        self._measure(self.client_alfa)
        with self.assertQueryCount(2):
            self._measure(self.client_alfa)
        with self.assertQueryCount(2):
            self._measure(clients)

    def test_explain_in_the_readers_language_and_not_counted_without_answers(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["relationship_health"], ["es_ES"], overwrite=True
        )
        self._answered(self.alfa_buyer, 5, days_ago=10, feedback="Bien")
        raw = self._measure(self.client_alfa)[self.client_alfa.id]
        params = {"window_days": 365, "target": 5}
        component = self._component()
        english = component.explain(self.env, raw, params)
        self.assertIn("Answers in the last 365 days: 1", english)
        self.assertIn("5.0/5", english)
        spanish_env = self.env(context=dict(self.env.context, lang="es_ES"))
        spanish = component.explain(spanish_env, raw, params)
        self.assertIn("365", spanish)
        self.assertNotEqual(spanish, english)
        self.assertIn("Satisfecho", spanish)
        self.assertIn("no cuenta", component.explain(spanish_env, None, params))

    def test_a_scorecard_line_counts_the_answers(self):
        Scorecard = self.env["relationship.health.scorecard"]
        Scorecard.search([]).active = False
        Scorecard.create(
            {
                "name": "With satisfaction",
                "line_ids": [
                    Command.create(
                        {"component": "recency", "weight": 50, "target": 30}
                    ),
                    Command.create(
                        {
                            "component": "satisfaction",
                            "weight": 50,
                            "target": 5,
                            "window_days": 365,
                        }
                    ),
                ],
            }
        )
        self._log(self.client_alfa)
        self._log(self.client_beta)
        self._answered(self.alfa_buyer, 1, days_ago=1)
        Engine = self.env["relationship.health.engine"]
        now = fields.Datetime.now()
        Engine._recompute(self.client_alfa | self.client_beta, now)
        # Alfa: recency 100, satisfaction 0; Beta: no answer, not counted.
        self.assertEqual(self.client_alfa.health_score, 50)
        self.assertEqual(self.client_beta.health_score, 100)
        self.assertIn("Client satisfaction", self.client_alfa.health_breakdown_html)


@tagged("post_install", "-at_install")
class TestSatisfactionPublicPage(HttpCase):
    """The public rating page, as the anonymous client."""

    def test_answer_unhappy_on_the_public_page(self):
        owner = new_test_user(
            self.env, login="rh_voice_owner", groups="sales_team.group_sale_salesman"
        )
        client = self.env["res.partner"].create(
            {"name": "Voice Client S.L.", "is_company": True, "user_id": owner.id}
        )
        contact = self.env["res.partner"].create(
            {
                "name": "Vera Voice",
                "parent_id": client.id,
                "email": "vera@voice.example.com",
            }
        )
        self.env["relationship.problem"].create(
            {"name": "Secret internal trouble", "partner_id": client.id}
        )
        request = self.env["relationship.satisfaction.request"].create(
            {"partner_id": client.id, "contact_id": contact.id}
        )
        token = request.sudo().rating_ids.access_token
        page = self.url_open(f"/rate/{token}/1")
        self.assertEqual(page.status_code, 200)
        for internal in ("Secret internal trouble", "health", "Health"):
            self.assertNotIn(internal, page.text)
        csrf = re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text).group(1)
        answer = self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"rate": 1, "feedback": "Nobody calls back.", "csrf_token": csrf},
        )
        self.assertEqual(answer.status_code, 200)
        request.invalidate_recordset()
        self.assertEqual(request.state, "answered")
        self.assertEqual(request.answer_feedback, "Nobody calls back.")
        problem = request.answer_problem_id
        self.assertEqual(problem.owner_id, owner)
        self.assertIn("Nobody calls back.", problem.description)
        self.assertEqual(request.answer_interaction_id.source, "rating")
        # An unknown token is not found.
        self.assertEqual(self.url_open("/rate/not-a-token/1").status_code, 404)


@tagged("post_install", "-at_install")
class TestSatisfactionDemo(SatisfactionCommon):
    def test_the_demo_tells_the_story(self):
        happy = self.env.ref("relationship_health.demo_satisfaction_aceros")
        self.assertEqual(happy.state, "answered")
        self.assertEqual(happy.answer_face, "top")
        self.assertEqual(happy.answer_interaction_id.source, "rating")
        self.assertFalse(happy.answer_problem_id)
        unhappy = self.env.ref("relationship_health.demo_satisfaction_nubia")
        self.assertEqual(unhappy.answer_face, "ko")
        problem = unhappy.answer_problem_id
        self.assertIn("nobody told us", problem.description)
        self.assertEqual(problem.owner_id, unhappy.partner_id.relationship_owner_id)
        self.assertTrue(problem.owner_id)
