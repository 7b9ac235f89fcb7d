# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RelationshipCommon


@tagged("post_install", "-at_install")
class TestAccess(RelationshipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Sofía took part in this one, on her own client.
        cls.talk_alfa = cls._log(cls.client_alfa, user_ids=[(6, 0, cls.user_sofia.ids)])
        # Tomás took part in this one, on his own client.
        cls.talk_beta = cls._log(cls.client_beta, user_ids=[(6, 0, cls.user_tomas.ids)])
        # Tomás took part in this one, on Sofía's client.
        cls.talk_alfa_by_tomas = cls._log(
            cls.client_alfa, user_ids=[(6, 0, cls.user_tomas.ids)]
        )

    def test_salesperson_reads_all_of_own_company(self):
        Interaction = self.env["relationship.interaction"].with_user(self.user_sofia)
        found = Interaction.search([])
        self.assertIn(self.talk_beta, found)
        self.assertEqual(found.filtered(lambda i: i == self.talk_beta).name, "Talk")

    def test_salesperson_edits_what_they_took_part_in_or_own(self):
        self.talk_alfa.with_user(self.user_sofia).name = "Edited by Sofía"
        # Sofía owns Alfa: she may edit Tomás's interaction with her client.
        self.talk_alfa_by_tomas.with_user(self.user_sofia).name = "Owner edit"
        # Tomás took part in it: he may edit it too.
        self.talk_alfa_by_tomas.with_user(self.user_tomas).depth = "strategic"
        with self.assertRaises(AccessError):
            self.talk_beta.with_user(self.user_sofia).name = "Not mine"
        with self.assertRaises(AccessError):
            self.talk_beta.with_user(self.user_sofia).unlink()
        with self.assertRaises(AccessError):
            self.talk_alfa.with_user(self.user_tomas).unlink()
        self.assertEqual(self.talk_beta.name, "Talk")

    def test_salesperson_cannot_log_for_others(self):
        Interaction = self.env["relationship.interaction"].with_user(self.user_sofia)
        Interaction.create({"name": "Mine", "partner_id": self.client_beta.id})
        with self.assertRaises(AccessError):
            Interaction.create(
                {
                    "name": "For Tomás only",
                    "partner_id": self.client_beta.id,
                    "user_ids": [(6, 0, self.user_tomas.ids)],
                }
            )

    def test_manager_edits_everything(self):
        for interaction in self.talk_alfa | self.talk_beta | self.talk_alfa_by_tomas:
            interaction.with_user(self.user_manager).write({"depth": "satisfaction"})
        self.talk_beta.with_user(self.user_manager).unlink()
        self.assertFalse(self.talk_beta.exists())

    def test_other_company_sees_nothing(self):
        other = self.env["relationship.interaction"].with_user(self.user_other_company)
        self.assertFalse(other.search([]))
        with self.assertRaises(AccessError):
            self.talk_alfa.with_user(self.user_other_company).read(["name"])
        with self.assertRaises(AccessError):
            self.talk_alfa.with_user(self.user_other_company).name = "Hijack"

    def test_employee_without_relationship_group(self):
        with self.assertRaises(AccessError):
            self.env["relationship.interaction"].with_user(self.user_employee).search(
                []
            )
        # Stage history is readable by employees (it is on the partner form)
        # but written only by the system.
        history = self.client_alfa.relationship_stage_history_ids
        history.with_user(self.user_employee).read(["stage"])
        with self.assertRaises(AccessError):
            history.with_user(self.user_sofia).write({"stage": "commitment"})
        with self.assertRaises(AccessError):
            self.env["relationship.stage.history"].with_user(self.user_manager).create(
                {
                    "partner_id": self.client_alfa.id,
                    "stage": "commitment",
                    "date_start": "2026-01-01",
                }
            )

    def test_salesperson_moves_stage_and_history_follows(self):
        self.client_beta.with_user(self.user_sofia).relationship_stage = "awareness"
        self.assertEqual(
            self.client_beta.relationship_stage_history_ids.mapped("stage"),
            ["awareness", "exploration"],
        )
        self.assertEqual(
            self.client_beta.relationship_stage_history_ids[0].changed_by_id,
            self.user_sofia,
        )

    def test_sales_groups_imply_relationship_groups(self):
        self.assertTrue(
            self.user_sofia.has_group("relationship_health.group_relationship_user")
        )
        self.assertFalse(
            self.user_sofia.has_group("relationship_health.group_relationship_manager")
        )
        self.assertTrue(
            self.user_manager.has_group(
                "relationship_health.group_relationship_manager"
            )
        )
