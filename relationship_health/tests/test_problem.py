# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.relationship_health.models.care.relationship_problem_health import (
    ProblemsComponent,
)

from .common import RelationshipCommon

NOW = datetime(2026, 6, 30, 12, 0)


@tagged("post_install", "-at_install")
class ProblemCommon(RelationshipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Problem = cls.env["relationship.problem"]
        cls.env.ref("relationship_health.problem_target_normal").write(
            {"response_hours": 24, "resolution_days": 10}
        )
        cls.env.ref("relationship_health.problem_target_urgent").write(
            {"response_hours": 2, "resolution_days": 2}
        )
        # Sofía and Tomás answer to Mara.
        cls.team = cls.env["crm.team"].create(
            {"name": "Accounts", "user_id": cls.user_manager.id}
        )
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": cls.team.id, "user_id": user.id}
                for user in cls.user_sofia | cls.user_tomas
            ]
        )

    def _problem(self, client=None, reported=NOW, **values):
        vals = {
            "name": "Late delivery",
            "partner_id": (client or self.client_alfa).id,
            "reported_date": reported,
        }
        vals.update(values)
        return self.Problem.create(vals)

    def _activities(self, problem, xmlid):
        return problem.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(xmlid)
        )


class TestProblemTargets(ProblemCommon):
    def test_deadlines_follow_the_target_of_the_priority(self):
        normal = self._problem()
        urgent = self._problem(priority="2")
        self.assertEqual(normal.response_deadline, NOW + timedelta(hours=24))
        self.assertEqual(normal.resolution_deadline, NOW + timedelta(days=10))
        self.assertEqual(urgent.response_deadline, NOW + timedelta(hours=2))
        self.assertEqual(urgent.resolution_deadline, NOW + timedelta(days=2))
        # A company's own target wins over the shared one.
        self.env["relationship.problem.target"].create(
            {
                "priority": "0",
                "response_hours": 4,
                "resolution_days": 3,
                "company_id": self.company.id,
            }
        )
        self.assertEqual(self._problem().response_deadline, NOW + timedelta(hours=4))

    def test_late_means_open_and_past_a_target(self):
        unanswered = self._problem(reported=NOW - timedelta(hours=30))
        fresh = self._problem(reported=NOW - timedelta(hours=2))
        answered_late = self._problem(
            reported=NOW - timedelta(days=3),
            first_response_date=NOW - timedelta(days=3) + timedelta(hours=30),
        )
        unresolved = self._problem(
            reported=NOW - timedelta(days=12),
            first_response_date=NOW - timedelta(days=12) + timedelta(hours=1),
        )
        resolved_late = self._problem(
            reported=NOW - timedelta(days=20),
            first_response_date=NOW - timedelta(days=20) + timedelta(hours=1),
            resolved_date=NOW - timedelta(days=5),
            root_cause="Wrong pallet count",
            assessment="founded",
        )
        problems = unanswered | fresh | answered_late | unresolved | resolved_late
        with freeze_time(NOW):
            problems.invalidate_recordset(["is_late"])
            self.assertEqual(
                problems.filtered("is_late"), unanswered | answered_late | unresolved
            )
            self.assertEqual(
                self.Problem.search(
                    [("id", "in", problems.ids), ("is_late", "=", True)]
                ),
                unanswered | answered_late | unresolved,
            )
            self.assertEqual(
                self.Problem.search(
                    [("id", "in", problems.ids), ("is_late", "=", False)]
                ),
                fresh | resolved_late,
            )
        self.assertTrue(answered_late.response_late)
        self.assertTrue(resolved_late.resolution_late)
        self.assertFalse(resolved_late.response_late)
        self.assertAlmostEqual(answered_late.response_hours, 30)
        self.assertEqual(resolved_late.state, "resolved")
        self.assertEqual(unresolved.state, "responded")
        self.assertEqual(fresh.state, "new")

    def test_targets_refuse_bad_input(self):
        Target = self.env["relationship.problem.target"]
        with self.assertRefused(ValidationError, "greater than zero"):
            Target.create({"priority": "1", "response_hours": -1, "company_id": 1})
        with self.assertRefused(ValidationError, "cannot be due after its resolution"):
            self.env.ref(
                "relationship_health.problem_target_urgent"
            ).response_hours = 72
        with self.assertRefused(ValidationError, "already a target for Urgent"):
            Target.create({"priority": "2", "response_hours": 1, "resolution_days": 1})


class TestProblemFlow(ProblemCommon):
    def test_the_owner_is_asked_to_answer_and_the_answer_closes_it(self):
        # Tomás logs a problem of Sofía's client: Sofía owns its resolution.
        problem = self.Problem.with_user(self.user_tomas).create(
            {
                "name": "Wrong invoice",
                "partner_id": self.client_alfa.id,
                "reported_date": NOW - timedelta(hours=1),
            }
        )
        self.assertEqual(problem.owner_id, self.user_sofia)
        answer = self._activities(
            problem, "relationship_health.mail_activity_type_problem_response"
        )
        self.assertEqual(answer.user_id, self.user_sofia)
        self.assertEqual(answer.date_deadline, (NOW + timedelta(hours=23)).date())
        self.assertIn("Alfa Industrial", answer.summary)
        problem.with_user(self.user_sofia).action_respond()
        self.assertEqual(problem.state, "responded")
        self.assertFalse(answer.exists())
        self.assertTrue(problem.first_response_date)

    def test_resolving_takes_the_investigation_and_answers(self):
        problem = self._problem(reported=NOW - timedelta(days=1))
        with self.assertRefused(ValidationError, "say what went wrong"):
            problem.action_resolve()
        problem.write({"root_cause": "A new carrier", "assessment": "founded"})
        problem.action_resolve()
        self.assertEqual(problem.state, "resolved")
        self.assertEqual(problem.first_response_date, problem.resolved_date)
        self.assertFalse(problem.activity_ids)
        problem.action_reopen()
        self.assertEqual(problem.state, "responded")

    def test_late_problems_escalate_once_to_the_owners_manager(self):
        late = self._problem(reported=NOW - timedelta(hours=30), name="Broken part")
        on_time = self._problem(reported=NOW - timedelta(hours=1))
        with freeze_time(NOW):
            escalated = self.Problem._cron_escalate_late_problems()
            self.assertEqual(escalated, late)
            self.Problem._cron_escalate_late_problems()
        self.assertEqual(late.escalation_user_id, self.user_manager)
        self.assertEqual(late.escalated_date, NOW)
        self.assertIn(self.user_manager, late.user_ids)
        alert = self._activities(
            late, "relationship_health.mail_activity_type_problem_escalation"
        )
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.user_id, self.user_manager)
        self.assertIn("owned by Sofía Salesperson", alert.summary)
        self.assertIn("escalated to Mara Manager", late.message_ids[0].body)
        self.assertFalse(on_time.escalated_date)
        # Solved: the manager's activity is done.
        late.write({"root_cause": "Supplier", "assessment": "founded"})
        late.action_resolve()
        self.assertFalse(alert.exists())

    def test_without_a_team_leader_a_relationship_manager_is_told(self):
        self.team.user_id = False
        late = self._problem(reported=NOW - timedelta(hours=30))
        with freeze_time(NOW):
            self.Problem._cron_escalate_late_problems()
        manager = late.escalation_user_id
        self.assertTrue(manager)
        self.assertNotEqual(manager, self.user_sofia)
        self.assertTrue(
            manager.has_group("relationship_health.group_relationship_manager")
        )


class TestProblemBadInput(ProblemCommon):
    def test_dates_in_the_wrong_order_are_refused(self):
        problem = self._problem(reported=NOW)
        with self.assertRefused(ValidationError, "resolved .* before it was reported"):
            problem.write(
                {
                    "resolved_date": NOW - timedelta(days=1),
                    "root_cause": "x",
                    "assessment": "unfounded",
                }
            )
        with self.assertRefused(ValidationError, "answered .* before it was reported"):
            problem.first_response_date = NOW - timedelta(hours=1)
        with self.assertRefused(ValidationError, "before its first response"):
            problem.write(
                {
                    "first_response_date": NOW + timedelta(hours=5),
                    "resolved_date": NOW + timedelta(hours=1),
                    "root_cause": "x",
                    "assessment": "founded",
                }
            )
        with self.assertRefused(ValidationError, "cannot be reported in the future"):
            self._problem(reported=datetime.now() + timedelta(days=2))
        self.assertEqual(problem.state, "new")

    def test_the_contact_must_be_of_the_client(self):
        with self.assertRefused(ValidationError, "not one of the people of Alfa"):
            self._problem(contact_id=self.beta_contact.id)
        # A contact chosen as the client stands for its company.
        problem = self._problem(client=self.alfa_buyer)
        self.assertEqual(problem.partner_id, self.client_alfa)
        self.assertEqual(problem.contact_id, self.alfa_buyer)


class TestProblemHealth(ProblemCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Engine = cls.env["relationship.health.engine"]
        Scorecard = cls.env["relationship.health.scorecard"]
        Scorecard.search([]).active = False
        cls.scorecard = Scorecard.create(
            {
                "name": "Problems only",
                "line_ids": [
                    Command.create(
                        {
                            "component": "problems",
                            "weight": 100,
                            "target": 90,
                            "window_days": 180,
                        }
                    )
                ],
            }
        )

    def _item(self, client):
        return next(i for i in client.health_breakdown if i["component"] == "problems")

    def test_component_is_plugged_through_the_extension_point(self):
        components = self.Engine._health_components()
        self.assertIsInstance(components["problems"], ProblemsComponent)
        self.assertIn("recency", components, "the built-in ones are still there")
        selection = dict(
            self.env["relationship.health.scorecard.line"]._selection_component()
        )
        self.assertEqual(selection["problems"], "Problems")
        standard = self.env.ref("relationship_health.scorecard_standard")
        self.assertIn("problems", standard.line_ids.mapped("component"))

    def test_open_problems_and_slow_answers_cost_points_and_say_why(self):
        # Answered in 3 hours and solved; then one unanswered for 30 hours.
        self._problem(
            reported=NOW - timedelta(days=20),
            first_response_date=NOW - timedelta(days=20) + timedelta(hours=3),
            resolved_date=NOW - timedelta(days=18),
            root_cause="Typo in the order",
            assessment="founded",
        )
        self._problem(reported=NOW - timedelta(hours=30))
        # Older than the window: not counted in the answers.
        self._problem(
            reported=NOW - timedelta(days=300),
            first_response_date=NOW - timedelta(days=290),
            resolved_date=NOW - timedelta(days=280),
            root_cause="Old",
            assessment="unfounded",
        )
        with freeze_time(NOW):
            self.Engine._recompute(self.client_alfa | self.client_beta, NOW)
        item = self._item(self.client_alfa)
        self.assertEqual(
            item["raw"],
            {"open": 1, "late": 1, "count": 2, "on_time": 1, "hours": 3.0},
        )
        # 50% answered in time against 90% -> 56 points, -10 open, -20 late.
        self.assertEqual(item["points"], 26)
        self.assertEqual(self.client_alfa.health_score, 26)
        html = self.client_alfa.health_breakdown_html
        self.assertIn(
            "Open problems: 1, 1 past their target. Answered in time: 1 of 2 in "
            "the last 180 days (50%, target 90%).",
            html,
        )
        self.assertIn("First answer in 3.0 hours on average.", html)
        # Beta never had a problem: full points.
        self.assertEqual(self._item(self.client_beta)["points"], 100)
        self.assertIn(
            "No problem reported in the last 180 days, and none open.",
            self.client_beta.health_breakdown_html,
        )

    def test_component_queries_do_not_grow_with_the_clients(self):
        clients = self.env["res.partner"].create(
            [{"name": f"Client {i}", "is_company": True} for i in range(12)]
        )
        for client in clients:
            self._problem(client=client, reported=NOW - timedelta(days=2))
        component = self.Engine._health_components()["problems"]
        lines = {c.id: {"target": 90, "window_days": 180} for c in clients}

        def count(batch):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            component.measure(self.env, batch, lines, NOW)
            return self.cr.sql_log_count - before

        self.assertEqual(count(clients[:2]), count(clients))
