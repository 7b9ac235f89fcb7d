# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CareCommon


@tagged("post_install", "-at_install")
class TestCareAccess(CareCommon):
    """Users see and edit the care records of the clients they own or that
    they take part in; managers all of them; nobody another company's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_health(cls.client_alfa | cls.client_beta, band="watch")
        Problem = cls.env["relationship.problem"]
        # Tomás helps on a problem of Sofía's client; Beta's is his alone.
        cls.problem_alfa = Problem.create(
            {
                "name": "Alfa's problem",
                "partner_id": cls.client_alfa.id,
                "user_ids": [Command.set(cls.user_tomas.ids)],
            }
        )
        cls.problem_beta = Problem.create(
            {
                "name": "Beta's problem",
                "partner_id": cls.client_beta.id,
                "user_ids": [Command.set(cls.user_tomas.ids)],
            }
        )
        gesture = cls.env.ref("relationship_health.gesture_book")
        Log = cls.env["relationship.gesture.log"]
        cls.gift_alfa = Log.create(
            {
                "gesture_id": gesture.id,
                "partner_id": cls.client_alfa.id,
                "user_id": cls.user_tomas.id,
            }
        )
        cls.gift_beta = Log.create(
            {
                "gesture_id": gesture.id,
                "partner_id": cls.client_beta.id,
                "user_id": cls.user_tomas.id,
            }
        )
        Plan = cls.env["relationship.revitalization.plan"]
        cls.plan_alfa = Plan.create(
            {
                "partner_id": cls.client_alfa.id,
                "user_ids": [Command.set(cls.user_sofia.ids)],
                "goal_ids": [Command.create({"kind": "new_people", "name": "Meet"})],
            }
        )
        cls.plan_beta = Plan.create(
            {
                "partner_id": cls.client_beta.id,
                "user_ids": [Command.set(cls.user_tomas.ids)],
                "goal_ids": [Command.create({"kind": "new_places", "name": "Visit"})],
            }
        )
        cls.env["relationship.care.planner"]._plan_all(cls.NOW)
        cls.reminder_alfa = cls.Reminder.search(
            [("partner_id", "=", cls.client_alfa.id), ("kind", "=", "contact")]
        )
        cls.reminder_beta = cls.Reminder.search(
            [("partner_id", "=", cls.client_beta.id), ("kind", "=", "contact")]
        )

    def _records(self):
        return {
            "relationship.problem": (self.problem_alfa, self.problem_beta),
            "relationship.gesture.log": (self.gift_alfa, self.gift_beta),
            "relationship.revitalization.plan": (self.plan_alfa, self.plan_beta),
            "relationship.revitalization.goal": (
                self.plan_alfa.goal_ids,
                self.plan_beta.goal_ids,
            ),
            "relationship.care.reminder": (self.reminder_alfa, self.reminder_beta),
        }

    def test_owner_sees_and_edits_the_care_of_their_clients_only(self):
        for model, (alfa, beta) in self._records().items():
            with self.subTest(model=model):
                mine = self.env[model].with_user(self.user_sofia)
                found = mine.search([("id", "in", (alfa | beta).ids)])
                self.assertEqual(found, alfa)
                alfa.with_user(self.user_sofia).read(["display_name"])
                with self.assertRaises(AccessError):
                    beta.with_user(self.user_sofia).read(["display_name"])
        self.problem_alfa.with_user(self.user_sofia).name = "Owner's edit"
        self.gift_alfa.with_user(self.user_sofia).note = "Owner's edit"
        self.plan_alfa.with_user(self.user_sofia).name = "Owner's edit"
        self.plan_alfa.goal_ids.with_user(self.user_sofia).achieved = 1
        with self.assertRaises(AccessError):
            self.problem_beta.with_user(self.user_sofia).name = "Not mine"
        with self.assertRaises(AccessError):
            self.plan_beta.goal_ids.with_user(self.user_sofia).achieved = 1

    def test_those_taking_part_see_and_edit_too(self):
        # Tomás helps on Alfa's problem and gave Alfa's gesture.
        self.problem_alfa.with_user(self.user_tomas).description = "<p>On it</p>"
        self.gift_alfa.with_user(self.user_tomas).note = "Giver's edit"
        with self.assertRaises(AccessError):
            self.plan_alfa.with_user(self.user_tomas).read(["name"])
        self.plan_alfa.user_ids = [Command.link(self.user_tomas.id)]
        self.plan_alfa.with_user(self.user_tomas).name = "Joined the plan"
        self.plan_alfa.goal_ids.with_user(self.user_tomas).state = "in_progress"

    def test_reminders_are_the_systems_to_write(self):
        self.reminder_alfa.with_user(self.user_sofia).read(["name"])
        with self.assertRaises(AccessError):
            self.reminder_alfa.with_user(self.user_sofia).due_date = "2026-07-01"
        with self.assertRaises(AccessError):
            self.reminder_alfa.with_user(self.user_sofia).unlink()
        self.reminder_beta.with_user(self.user_manager).due_date = "2026-07-01"

    def test_managers_see_and_edit_everything(self):
        for model, (alfa, beta) in self._records().items():
            with self.subTest(model=model):
                found = (
                    self.env[model]
                    .with_user(self.user_manager)
                    .search([("id", "in", (alfa | beta).ids)])
                )
                self.assertEqual(found, alfa | beta)
        self.problem_beta.with_user(self.user_manager).priority = "2"
        self.plan_beta.with_user(self.user_manager).action_start()
        self.gift_beta.with_user(self.user_manager).unlink()
        self.assertFalse(self.gift_beta.exists())

    def test_other_company_and_plain_employees_see_nothing(self):
        for model, (alfa, _beta) in self._records().items():
            with self.subTest(model=model):
                other = self.env[model].with_user(self.user_other_company)
                self.assertFalse(other.search([]))
                with self.assertRaises(AccessError):
                    alfa.with_user(self.user_other_company).read(["display_name"])
                with self.assertRaises(AccessError):
                    self.env[model].with_user(self.user_employee).search([])

    def test_catalogs_and_rules_are_read_by_users_and_set_by_managers(self):
        for xmlid in (
            "relationship_health.gesture_book",
            "relationship_health.problem_target_normal",
        ):
            record = self.env.ref(xmlid)
            record.with_user(self.user_sofia).read(["display_name"])
            with self.assertRaises(AccessError):
                record.with_user(self.user_sofia).write(
                    {"sequence": 1}
                    if "sequence" in record._fields
                    else {"response_hours": 1}
                )
            record.with_user(self.user_manager).write(
                {"sequence": 1}
                if "sequence" in record._fields
                else {"response_hours": 1}
            )
        self.rule.with_user(self.user_sofia).read(["name"])
        with self.assertRaises(AccessError):
            self.rule.with_user(self.user_sofia).contact_days = 1
        self.rule.with_user(self.user_manager).contact_days = 10
