# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRelationshipTour(HttpCase):
    def test_change_stage_and_log_interaction(self):
        client = self.env["res.partner"].create(
            {"name": "Tour Client S.A.", "is_company": True}
        )
        self.start_tour(
            f"/odoo/res.partner/{client.id}", "relationship_health_tour", login="admin"
        )
        self.assertEqual(client.relationship_stage, "expansion")
        self.assertEqual(
            client.relationship_stage_history_ids.mapped("stage"),
            ["expansion", "exploration"],
        )
        interaction = client.relationship_interaction_ids
        self.assertEqual(interaction.name, "Tour strategy talk")
        self.assertEqual(interaction.depth, "strategic")
        self.assertEqual(interaction.user_ids, self.env.ref("base.user_admin"))

    def test_read_why_a_client_is_at_risk(self):
        now = fields.Datetime.now()
        client = self.env["res.partner"].create(
            {"name": "Risky Client S.L.", "is_company": True}
        )
        self.env["relationship.interaction"].create(
            [
                {
                    "name": f"Order follow-up {days}",
                    "partner_id": client.id,
                    "date": now - timedelta(days=days),
                    "depth": "operational",
                }
                for days in (75, 110, 150)
            ]
        )
        engine = self.env["relationship.health.engine"]
        # Yesterday it was still healthy (a history point), today at risk.
        self.env["relationship.health.day"].create(
            {
                "partner_id": client.id,
                "date": now.date() - timedelta(days=1),
                "score": 80,
                "band": "healthy",
            }
        )
        engine._recompute(client, now)
        self.assertEqual(client.health_band, "at_risk")
        self.start_tour(
            "/odoo/action-relationship_health.relationship_health_action",
            "relationship_health_risk_tour",
            login="admin",
        )


@tagged("post_install", "-at_install")
class TestCareTour(HttpCase):
    def test_log_a_problem_resolve_it_and_thank_with_a_gesture(self):
        admin = self.env.ref("base.user_admin")
        client = self.env["res.partner"].create(
            {"name": "Tour Care S.L.", "is_company": True, "user_id": admin.id}
        )
        self.start_tour(
            f"/odoo/res.partner/{client.id}",
            "relationship_care_problem_tour",
            login="admin",
        )
        problem = self.env["relationship.problem"].search(
            [("partner_id", "=", client.id)]
        )
        self.assertEqual(problem.name, "Tour: pallets delivered wet")
        self.assertEqual(problem.owner_id, admin)
        self.assertEqual(problem.state, "resolved")
        self.assertTrue(problem.first_response_date <= problem.resolved_date)
        self.assertEqual(problem.root_cause, "The truck was left open in the rain")
        self.assertEqual((problem.assessment, problem.outcome), ("founded", "stronger"))
        gesture = problem.gesture_log_ids
        self.assertEqual(len(gesture), 1)
        self.assertEqual(gesture.partner_id, client)
        self.assertEqual(gesture.occasion, "problem_solved")
        self.assertEqual(
            gesture.gesture_id, self.env.ref("relationship_health.gesture_book")
        )
        self.assertEqual(gesture.user_id, admin)
        self.assertEqual(client.relationship_gesture_count, 1)


@tagged("post_install", "-at_install")
class TestRelationshipDashboardTour(HttpCase):
    def test_a_manager_opens_the_client_health_dashboard(self):
        self.start_tour(
            "/odoo/dashboards", "relationship_dashboard_tour", login="admin"
        )

    def test_a_salesperson_opens_it_on_their_own_clients(self):
        new_test_user(
            self.env,
            login="tour_seller",
            name="Tour Seller",
            groups="sales_team.group_sale_salesman",
        )
        self.start_tour(
            "/odoo/dashboards",
            "relationship_dashboard_salesperson_tour",
            login="tour_seller",
        )
