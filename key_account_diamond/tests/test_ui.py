# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKeyAccountTour(HttpCase):
    def test_open_bow_tie_read_why_add_team_member(self):
        client = self.env["res.partner"].create(
            {"name": "Bow Tie Client S.L.", "is_company": True}
        )
        buyer = self.env["res.partner"].create(
            {"name": "Ruth Buyer", "parent_id": client.id}
        )
        new_test_user(
            self.env,
            login="kad_tour_colleague",
            name="Colleague Technician",
            groups="sales_team.group_sale_salesman",
        )
        admin = self.env.ref("base.user_admin")
        self.env["relationship.interaction"].create(
            [
                {
                    "name": f"Order {i}",
                    "partner_id": client.id,
                    "user_ids": [Command.set(admin.ids)],
                    "contact_ids": [Command.set(buyer.ids)],
                }
                for i in range(3)
            ]
        )
        self.env["key.account.shape.engine"]._refresh(client)
        self.assertEqual(client.kad_shape, "bow_tie")
        self.start_tour(
            f"/odoo/res.partner/{client.id}", "key_account_diamond_tour", login="admin"
        )
        member = client.kad_team_member_ids
        self.assertEqual(member.user_id.login, "kad_tour_colleague")
        self.assertEqual(
            member.function_id, self.env.ref("key_account_diamond.function_technical")
        )
