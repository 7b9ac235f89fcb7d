# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
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
