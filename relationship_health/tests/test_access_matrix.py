# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may do what, model by model, as readme/CONFIGURE.md says: users
read every client's relationship of their company and change what they
took part in or own; care records are their owner's and participants';
settings are managers'; derived data is the application's; nothing crosses
companies."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .rules_common import RulesCaseMixin
from .test_rules import RulesCommon

R, C, W, U = "read", "create", "write", "unlink"


@tagged("post_install", "-at_install")
class TestAccessMatrix(RulesCommon, RulesCaseMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["relationship.health.engine"]._recompute(cls.client_alfa)
        cls.health = cls.client_alfa.health_id
        cls.assertTrue(cls, cls.health)
        cls.target = cls.env.ref("relationship_health.problem_target_normal")
        cls.roles = {
            "owner": cls.user_sofia,
            "colleague": cls.user_tomas,
            "manager": cls.user_manager,
            "other company": cls.user_other_company,
            "employee": cls.user_employee,
        }

    def _matrix(self, model, record, values, allowed):
        """``allowed``: {role: set of operations}."""
        rows = []
        for role, user in self.roles.items():
            for operation in (R, C, W, U):
                target = values(user) if operation == C else record
                if target is None:
                    continue
                rows.append(
                    (
                        f"{model} {role}",
                        user,
                        model,
                        operation,
                        target,
                        operation in allowed.get(role, set()),
                    )
                )
        return rows

    def _harmless_write(self, record):
        record = record.sudo()
        specific = {
            "relationship.care.reminder": lambda: {"due_date": record.due_date},
            "relationship.stage.history": lambda: {"date_start": record.date_start},
            "relationship.health": lambda: {"score": record.score},
            "relationship.health.scorecard": lambda: {"sequence": record.sequence},
            "relationship.problem.target": lambda: {
                "response_hours": record.response_hours
            },
        }
        if record._name in specific:
            return specific[record._name]()
        return super()._harmless_write(record)

    def test_interactions(self):
        def values(user):
            # Logged with Sofía's client, with Sofía as our participant.
            return {
                "name": "Talk",
                "partner_id": self.client_alfa.id,
                "user_ids": [Command.set(self.user_sofia.ids)],
            }

        everything = {R, C, W, U}
        self.run_access_matrix(
            self._matrix(
                "relationship.interaction",
                self.interaction,
                values,
                {"owner": everything, "colleague": {R}, "manager": everything},
            )
        )

    def test_care_records(self):
        everything = {R, C, W, U}
        allowed = {"owner": everything, "manager": everything}
        client = self.client_alfa

        def problem(user):
            return {
                "name": "Broken",
                "partner_id": client.id,
                "user_ids": [Command.set(self.user_sofia.ids)],
            }

        def gift(user):
            return {
                "gesture_id": self.gesture.id,
                "partner_id": client.id,
                "user_id": self.user_sofia.id,
            }

        def goal(user):
            return {"plan_id": self.plan.id, "kind": "new_places", "name": "Visit"}

        rows = (
            self._matrix("relationship.problem", self.problem, problem, allowed)
            + self._matrix("relationship.gesture.log", self.gift, gift, allowed)
            + self._matrix("relationship.revitalization.goal", self.goal, goal, allowed)
            + self._matrix(
                "relationship.revitalization.plan",
                self.plan,
                lambda user: None,
                allowed,
            )
        )
        self.run_access_matrix(rows)

    def test_reminders_are_the_systems(self):
        self.run_access_matrix(
            self._matrix(
                "relationship.care.reminder",
                self.reminder,
                lambda user: {
                    "name": "Mine",
                    "kind": "contact",
                    "partner_id": self.client_alfa.id,
                    "date_from": fields.Datetime.now(),
                    "due_date": fields.Date.today() + timedelta(days=3),
                    "key": f"matrix-{user.id}",
                },
                {"owner": {R}, "manager": {R, W, U}},
            )
        )

    def test_settings_are_managers(self):
        everything = {R, C, W, U}
        # Shared by every company (no company set): read by all.
        readers = {
            "owner": {R},
            "colleague": {R},
            "manager": everything,
            "other company": {R},
        }
        rows = (
            self._matrix(
                "relationship.cadence.rule",
                self.rule,
                lambda user: {
                    "name": f"Rule {user.id}",
                    "relationship_stage": "expansion",
                },
                readers,
            )
            + self._matrix(
                "relationship.gesture",
                self.env["relationship.gesture"].create({"name": "Never given"}),
                lambda user: {"name": f"Gift {user.id}"},
                readers,
            )
            + self._matrix(
                "relationship.problem.target",
                self.target,
                lambda user: {
                    "priority": "1",
                    "response_hours": 4,
                    "resolution_days": 4,
                    "company_id": self.company.id,
                },
                readers,
            )
            + self._matrix(
                "relationship.health.scorecard",
                self.env.ref("relationship_health.scorecard_transactional"),
                lambda user: None,
                readers,
            )
        )
        self.run_access_matrix(rows)

    def test_derived_data_is_the_applications(self):
        """The health is read by relationship users and written by the
        engine only; the stage history is read by every employee and
        corrected by managers."""
        rows = self._matrix(
            "relationship.health",
            self.health,
            lambda user: {"partner_id": self.client_beta.id, "score": 99},
            {"owner": {R}, "colleague": {R}, "manager": {R}},
        ) + self._matrix(
            "relationship.stage.history",
            self.period,
            lambda user: {
                "partner_id": self.client_alfa.id,
                "stage": "commitment",
                "date_start": fields.Datetime.now() - timedelta(days=1),
            },
            {
                "owner": {R},
                "colleague": {R},
                "manager": {R, W, U},
                "employee": {R},
            },
        )
        self.run_access_matrix(rows)
