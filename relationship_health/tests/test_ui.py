# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged


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
        client.health_history = [
            [fields.Date.to_string(now.date() - timedelta(days=1)), 80]
        ]
        engine._recompute(client, now)
        self.assertEqual(client.health_band, "at_risk")
        self.start_tour(
            f"/odoo/res.partner/{client.id}",
            "relationship_health_risk_tour",
            login="admin",
        )
