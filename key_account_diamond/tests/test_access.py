# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every model x role x operation, against readme/CONFIGURE.md (Access):
users read every map of their companies and change the maps of the clients
they own or whose account team they are on; only owners add and remove
team members (a member may leave); managers change every map; nobody
crosses companies; shapes are changed by nobody."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import KeyAccountRulesCommon


@tagged("post_install", "-at_install")
class TestAccessMatrix(KeyAccountRulesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_tomas = cls._team(cls.client_alfa, cls.user_tomas, cls.f_technical)
        # Colleagues to add to, and remove from, Alfa's team: one per row.
        cls.colleagues = [
            new_test_user(
                cls.env,
                login=f"kad_colleague_{i}",
                name=f"Colleague {i}",
                groups="sales_team.group_sale_salesman",
            )
            for i in range(20)
        ]
        # A thread on Alfa's map that Nora is on, drawn by Sofía.
        cls.thread_with_nora = cls.Thread.create(
            {
                "partner_id": cls.client_alfa.id,
                "user_id": cls.user_nora.id,
                "contact_id": cls.alfa_plant.id,
            }
        )
        cls.roles = {
            "owner": cls.user_sofia,
            "team": cls.user_tomas,
            "no tie": cls.user_nora,
            "manager": cls.user_manager,
            "other company": cls.user_other_company,
        }

    def _rows(self, model, operation, allowed, target):
        """One row per role; ``allowed``: the roles allowed; ``target``: the
        record, the values, or a function of the role giving either."""
        return [
            (
                f"{model} {operation} as {role}",
                user,
                model,
                operation,
                target(role) if callable(target) else target,
                role in allowed,
            )
            for role, user in self.roles.items()
        ]

    def setUp(self):
        super().setUp()
        self._free_colleagues = list(self.colleagues)

    def _colleague(self):
        return self._free_colleagues.pop()

    def _member_line(self, _role):
        return self._team(self.client_alfa, self._colleague(), self.f_finance)

    def _declared_thread(self, _role):
        return self.Thread.create(
            {
                "partner_id": self.client_alfa.id,
                "user_id": self._colleague().id,
                "contact_id": self.alfa_engineer.id,
            }
        )

    def _function(self, role):
        return self.env["key.account.function"].create({"name": f"Function {role}"})

    @mute_logger("odoo.sql_db", "odoo.models")
    def test_access_matrix(self):
        everyone = set(self.roles) - {"other company"}
        mappers = {"owner", "team", "manager"}
        owners = {"owner", "manager"}
        member, thread = "key.account.team.member", "key.account.thread"
        shape, function, partner = (
            "key.account.shape",
            "key.account.function",
            "res.partner",
        )
        contacts = {
            "owner": self.alfa_plant,
            "team": self.alfa_engineer,
            "no tie": self.alfa_cfo,
            "manager": self.alfa_buyer,
            "other company": self.alfa_plant,
        }
        matrix = (
            # Account team: everyone reads; owners add and remove members;
            # the team changes functions and lead.
            self._rows(member, "read", everyone, self.member_sofia)
            + self._rows(
                member,
                "create",
                owners,
                lambda role: {
                    "partner_id": self.client_alfa.id,
                    "user_id": self._colleague().id,
                },
            )
            + self._rows(member, "write", mappers, self.member_sofia)
            + self._rows(member, "unlink", owners, self._member_line)
            # Threads: everyone reads; the owner, the team and managers draw.
            + self._rows(thread, "read", everyone, self.thread_declared)
            + self._rows(
                thread,
                "create",
                mappers,
                lambda role: {
                    "partner_id": self.client_alfa.id,
                    "user_id": self.roles[role].id,
                    "contact_id": contacts[role].id,
                },
            )
            + self._rows(thread, "write", mappers, self.thread_declared)
            + self._rows(thread, "unlink", mappers, self._declared_thread)
            # Nora is on a thread of Alfa's map: that does not let her change it.
            + self._rows(thread, "write", mappers, self.thread_with_nora)
            # Shapes: read by everyone of the company, changed by nobody.
            + self._rows(shape, "read", everyone, self.shape_alfa)
            + self._rows(shape, "create", set(), {"partner_id": self.client_beta.id})
            + self._rows(shape, "write", set(), self.shape_alfa)
            + self._rows(shape, "unlink", set(), self.shape_alfa)
            # Functions: one list for every company, kept by managers.
            + self._rows(function, "read", set(self.roles), self.f_technical)
            + self._rows(
                function, "create", {"manager"}, lambda role: {"name": f"New {role}"}
            )
            + self._rows(function, "write", {"manager"}, self.f_technical)
            + self._rows(function, "unlink", {"manager"}, self._function)
            # The stakeholder fields of the client's people.
            + self._rows(partner, "read", everyone, self.alfa_engineer)
            + self._rows(partner, "write", mappers, self.alfa_engineer)
            + self._rows(
                partner,
                "create",
                mappers,
                lambda role: {
                    "name": f"New person ({role})",
                    "parent_id": self.client_alfa.id,
                    "stakeholder_function_id": self.f_finance.id,
                },
            )
            # The thresholds: administrators only, on the company or in the
            # settings.
            + self._rows("res.company", "write", set(), self.env.company)
            + self._rows(
                "res.config.settings", "create", set(), {"kad_diamond_min_threads": 5}
            )
            + [
                (
                    "settings saved by an administrator",
                    self.user_admin,
                    "res.config.settings",
                    "create",
                    {"kad_diamond_min_threads": 5},
                    True,
                ),
                (
                    "thresholds written by an administrator",
                    self.user_admin,
                    "res.company",
                    "write",
                    self.env.company,
                    True,
                ),
                # A member leaves the team last: they are no longer on it.
                (
                    "a member leaves the team",
                    self.user_tomas,
                    member,
                    "unlink",
                    self.member_tomas,
                    True,
                ),
            ]
        )
        self.assertGreater(len(matrix), 100)
        self.run_access_matrix(matrix)

    def test_only_owners_put_someone_else_on_a_team_line(self):
        """Changing a line's member adds someone to the team: the team may
        change the line's function, not whom it names."""
        line = self.member_tomas.with_user(self.user_tomas)
        with self.assertRaisesRegex(AccessError, "Only the owner of Alfa Industrial"):
            line.write({"user_id": self.user_nora.id})
        line.write({"user_id": self.user_tomas.id, "is_lead": False})
        self.member_tomas.with_user(self.user_sofia).user_id = self.user_nora
        self.assertEqual(self.member_tomas.user_id, self.user_nora)

    def test_leaving_is_recorded_by_anyone(self):
        """That a person left is a fact: recorded as archiving is, by anyone
        who may edit the contact; their function is the map's."""
        plant = self.alfa_plant.with_user(self.user_nora)
        with self.assertRaisesRegex(AccessError, "stakeholder map of Alfa"):
            plant.stakeholder_role = "sponsor"
        plant.stakeholder_left = True
        self.assertTrue(self.alfa_plant.stakeholder_left)

    def test_nobody_edits_the_logs_threads(self):
        derived = self.thread_derived
        for user in (self.user_sofia, self.user_manager):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(
                    UserError, "comes from the interaction log"
                ):
                    derived.with_user(user).unlink()
                with self.assertRaisesRegex(
                    UserError, "comes from the interaction log"
                ):
                    derived.with_user(user).write({"contact_id": self.alfa_cfo.id})
        with self.assertRaisesRegex(UserError, "comes from the interaction log"):
            derived.sudo().unlink()
        self.assertTrue(derived.exists())
