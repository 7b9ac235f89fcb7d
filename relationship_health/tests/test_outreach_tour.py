# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestReviewTour(HttpCase):
    def test_draft_and_send_what_we_did_for_you(self):
        admin = self.env.ref("base.user_admin")
        client = self.env["res.partner"].create(
            {
                "name": "Tour Review S.L.",
                "is_company": True,
                "user_id": admin.id,
                "email": "hello@tour-review.example.com",
            }
        )
        now = fields.Datetime.now()
        self.env["relationship.problem"].create(
            {
                "name": "Tour: a late delivery",
                "partner_id": client.id,
                "reported_date": now - timedelta(days=20),
                "resolved_date": now - timedelta(days=18),
                "root_cause": "The carrier lost a day.",
                "assessment": "founded",
            }
        )
        self.start_tour(
            f"/odoo/res.partner/{client.id}", "relationship_review_tour", login="admin"
        )
        message = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", client.id),
                ("message_type", "=", "comment"),
            ]
        )
        self.assertEqual(len(message), 1)
        self.assertIn("Tour: a late delivery", message.body)
        self.assertEqual(message.partner_ids, client)
        interaction = client.relationship_interaction_ids
        self.assertEqual(interaction.channel, "email")
        self.assertEqual(interaction.origin_res_id, message.id)
