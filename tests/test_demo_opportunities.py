# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo's opportunities from the relationship and its open door for a
prospect, as README's "The demo" and the add-ons' USAGE tell them."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoOpportunities(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref(
            "relationship_health.demo_user_marta", raise_if_not_found=False
        ):
            cls.skipTest(cls, "the database has no demo data")

    def test_aceros_strategy_review_became_an_opportunity(self):
        interaction = self.env.ref("relationship_health.demo_interaction_aceros_1")
        marta = self.env.ref("relationship_health.demo_user_marta")
        lead = interaction.with_user(marta).opportunity_ids
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.user_id, marta)
        self.assertEqual(lead.partner_id, interaction.partner_id)
        self.assertEqual(lead.expected_revenue, 60000)

    def test_albero_cross_selling_goal_was_won(self):
        goal = self.env.ref("relationship_health.demo_goal_albero_maintenance")
        self.assertEqual(goal.opportunity_count, 1)
        self.assertEqual(goal.opportunity_won_amount, 12000)

    def test_faro_sur_door_is_open(self):
        lead = self.env.ref("customer_farewell.demo_lead_faro_sur")
        departure = lead.farewell_departure_ids
        self.assertFalse(lead.active)
        self.assertEqual(departure.kind, "prospect")
        self.assertEqual(departure.outcome, "pending")
        self.assertEqual(
            departure.owner_id, self.env.ref("relationship_health.demo_user_elena")
        )
        self.assertEqual(len(departure.step_ids), 2)
        self.assertNotEqual(departure.partner_id.relationship_stage, "dissolution")
