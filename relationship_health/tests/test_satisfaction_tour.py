# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSatisfactionTour(HttpCase):
    def test_unhappy_answer_on_the_public_page_becomes_the_owners_problem(self):
        admin = self.env.ref("base.user_admin")
        client = self.env["res.partner"].create(
            {"name": "Tour Voice S.L.", "is_company": True, "user_id": admin.id}
        )
        contact = self.env["res.partner"].create(
            {
                "name": "Tere Tour",
                "parent_id": client.id,
                "email": "tere@tour-voice.example.com",
            }
        )
        request = self.env["relationship.satisfaction.request"].create(
            {"partner_id": client.id, "contact_id": contact.id}
        )
        token = request.sudo().rating_ids.access_token
        # The client: anonymous, from the link of the email.
        self.start_tour(f"/rate/{token}/1", "relationship_satisfaction_answer_tour")
        self.assertEqual(request.state, "answered")
        problem = request.answer_problem_id
        self.assertEqual(problem.owner_id, admin)
        self.assertIn("nobody answers the phone after five", problem.name)
        self.assertIn("nobody answers the phone after five", problem.description)
        # The owner finds it on the client.
        self.start_tour(
            f"/odoo/res.partner/{client.id}",
            "relationship_satisfaction_owner_tour",
            login="admin",
        )
