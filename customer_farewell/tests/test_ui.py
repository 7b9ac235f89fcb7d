# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestFarewellTour(HttpCase):
    def test_assessment_from_draft_to_decision(self):
        client = self.env["res.partner"].create(
            {"name": "Complaining Client S.L.", "is_company": True}
        )
        assessment = self.env["farewell.assessment"].create(
            {
                "partner_id": client.id,
                "transition_date": date.today() + timedelta(days=30),
            }
        )
        self.start_tour(
            f"/odoo/action-customer_farewell.farewell_assessment_action/{assessment.id}",
            "customer_farewell_tour",
            login="admin",
        )
        self.assertEqual(assessment.state, "closed")
        self.assertEqual(assessment.decision, "let_go")
        self.assertEqual(client.relationship_stage, "dissolution")
        self.assertEqual(assessment.departure_id.partner_id, client)

    def test_lost_opportunity_keeps_the_door_open(self):
        prospect = self.env["res.partner"].create(
            {"name": "Tour Prospect", "is_company": True}
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Tour opportunity",
                "type": "opportunity",
                "partner_id": prospect.id,
                "user_id": self.env.ref("base.user_admin").id,
            }
        )
        self.start_tour(
            f"/odoo/action-crm.crm_lead_opportunities/{lead.id}",
            "customer_farewell_prospect_tour",
            login="admin",
        )
        self.assertFalse(lead.active)
        departure = self.env["farewell.departure"].search(
            [("partner_id", "=", prospect.id)]
        )
        self.assertEqual(departure.kind, "prospect")
        self.assertEqual(departure.lead_id, lead)
        self.assertEqual(prospect.relationship_stage, "exploration")
        self.assertTrue(departure.step_ids)
