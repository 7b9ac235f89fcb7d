# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import RelationshipCommon

NOW = datetime(2026, 6, 30, 12, 0)


def _item(component, points):
    return {
        "component": component,
        "weight": 20,
        "points": points,
        "raw": None,
        "params": {"target": 30, "window_days": 180},
    }


@tagged("post_install", "-at_install")
class TestRevitalization(RelationshipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["relationship.revitalization.plan"]
        cls._set_health(
            cls.client_alfa,
            band="at_risk",
            score=31,
            date=NOW.date(),
            breakdown=[
                _item("recency", 100),
                _item("breadth", 33),
                _item("visit", 0),
                _item("depth", 50),
            ],
        )
        cls._set_health(cls.client_beta, band="watch")

    def _plan(self, client, state="draft", **values):
        """A plan of ``client``, moved to ``state`` through its buttons."""
        vals = {"partner_id": client.id}
        vals.update(values)
        plan = self.Plan.create(vals)
        if state in ("active", "done"):
            if not plan.goal_ids:
                plan.goal_ids = [(0, 0, {"kind": "new_people", "name": "Meet"})]
            plan.action_start()
        if state == "done":
            plan.action_done()
        elif state == "cancelled":
            plan.action_cancel()
        return plan

    def test_a_plan_is_proposed_with_goals_from_the_weakest_components(self):
        action = self.client_alfa.with_user(
            self.user_sofia
        ).action_relationship_propose_plan()
        plan = self.Plan.browse(action["res_id"])
        self.assertEqual(plan.state, "draft", "proposed, not forced")
        self.assertEqual(plan.name, "Revitalize Alfa Industrial")
        self.assertEqual(plan.owner_id, self.user_sofia)
        self.assertEqual(plan.health_band_start, "at_risk")
        self.assertEqual(plan.health_score_start, 31)
        # Visit (0), breadth (33), depth (50): the three weakest.
        self.assertEqual(
            plan.goal_ids.mapped("kind"), ["new_places", "new_people", "new_methods"]
        )
        self.assertIn("Bring new people", plan.goal_ids[1].name)
        self.assertIn("Conversation depth", plan.diagnosis)
        # The button opens the open plan instead of proposing another one.
        again = self.client_alfa.action_relationship_propose_plan()
        self.assertEqual(again["res_id"], plan.id)
        self.assertEqual(self.client_alfa.relationship_plan_id, plan)
        self.assertEqual(self.alfa_buyer.relationship_plan_id, plan)

    def test_without_a_breakdown_the_proposal_aims_at_new_business(self):
        action = self.client_beta.action_relationship_propose_plan()
        plan = self.Plan.browse(action["res_id"])
        self.assertEqual(plan.goal_ids.mapped("kind"), ["wallet_share", "new_people"])
        self.assertFalse(plan.diagnosis)

    def test_the_alert_of_a_client_turning_at_risk_proposes_a_plan(self):
        Scorecard = self.env["relationship.health.scorecard"]
        Scorecard.search([]).active = False
        Scorecard.create(
            {
                "name": "Recency only",
                "line_ids": [
                    Command.create(
                        {"component": "recency", "weight": 100, "target": 30}
                    )
                ],
            }
        )
        beta = self.client_beta
        self._set_health(beta, band="healthy")
        self._log(beta, date=NOW - timedelta(days=200))
        with freeze_time(NOW):
            self.env["relationship.health.engine"]._recompute(beta, NOW)
        self.assertEqual(beta.health_band, "at_risk")
        alert = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", beta.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref(
                        "relationship_health.mail_activity_type_health_alert"
                    ).id,
                ),
            ]
        )
        self.assertIn("Propose a Revitalization Plan", alert.note)
        self.assertFalse(
            self.Plan.search([("partner_id", "=", beta.id)]), "nothing is forced"
        )
        # With a plan open, the hint is no longer given.
        self._plan(beta)
        self.assertNotIn(
            "Propose a Revitalization Plan", str(beta._health_alert_note())
        )

    def test_progress_and_workflow(self):
        plan = self._plan(self.client_alfa)
        with self.assertRaisesRegex(UserError, "at least one goal"):
            plan.action_start()
        plan.goal_ids = [
            Command.create(
                {
                    "kind": "new_people",
                    "name": "Meet the plant",
                    "target": 4,
                    "achieved": 1,
                }
            ),
            Command.create(
                {"kind": "cross_selling", "name": "Maintenance", "target": 0}
            ),
        ]
        self.assertEqual(plan.goal_ids[0].progress, 25)
        self.assertEqual(plan.progress, 12.5)
        plan.goal_ids[1].state = "reached"
        self.assertEqual(plan.progress, 62.5)
        plan.action_start()
        self.assertEqual(plan.state, "active")
        plan.action_done()
        self.assertEqual(plan.state, "done")
        # Achieved: another plan may start.
        self._plan(self.client_alfa)

    def test_bad_input_is_refused(self):
        self._set_health(self.client_beta, band="healthy")
        with self.assertRefused(ValidationError, "Beta Logistics is healthy"):
            self._plan(self.client_beta)
        plan = self._plan(self.client_alfa)
        # Tomás cannot see Sofía's plan, and still cannot open a second one.
        with self.assertRefused(ValidationError, "already has an open revitalization"):
            self.Plan.with_user(self.user_tomas).create(
                {"partner_id": self.client_alfa.id}
            )
        with self.assertRefused(ValidationError, "before it starts"):
            plan.deadline = plan.date_start - timedelta(days=1)
        with self.assertRefused(ValidationError, "outside its plan"):
            plan.goal_ids = [
                Command.create(
                    {
                        "kind": "new_places",
                        "name": "Visit the depot",
                        "deadline": plan.deadline + timedelta(days=1),
                    }
                )
            ]
        with self.assertRefused(ValidationError, "cannot be negative"):
            plan.goal_ids = [
                Command.create({"kind": "new_methods", "name": "Review", "target": -2})
            ]
        self.assertFalse(plan.goal_ids)

    def test_the_owners_manager_sees_every_open_plan(self):
        alfa_plan = self._plan(self.client_alfa)
        beta_plan = self._plan(self.client_beta, user_ids=[(6, 0, self.user_tomas.ids)])
        closed = self._plan(self.client_alfa.copy({"name": "Alfa 2"}), state="done")
        team = self.env["crm.team"].create(
            {"name": "Accounts", "user_id": self.user_manager.id}
        )
        self.env["crm.team.member"].create(
            [
                {"crm_team_id": team.id, "user_id": u.id}
                for u in self.user_sofia | self.user_tomas
            ]
        )
        open_domain = [("state", "in", ("draft", "active"))]
        manager_view = self.Plan.with_user(self.user_manager).search(
            open_domain + [("owner_id.sale_team_id.user_id", "=", self.user_manager.id)]
        )
        self.assertEqual(manager_view, alfa_plan | beta_plan)
        self.assertNotIn(closed, manager_view)
        self.assertEqual(
            self.Plan.with_user(self.user_sofia).search(open_domain), alfa_plan
        )
        # A team leader who is no relationship manager sees their team's.
        team.user_id = self.user_tomas
        self.env["crm.team.member"].search(
            [("user_id", "=", self.user_tomas.id)]
        ).unlink()
        leader_view = self.Plan.with_user(self.user_tomas).search(open_domain)
        self.assertEqual(leader_view, alfa_plan | beta_plan)
        alfa_plan.goal_ids = [Command.create({"kind": "new_people", "name": "Meet"})]
        alfa_plan.goal_ids.with_user(self.user_tomas).read(["name"])
