# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Several grouped counts in one query answer what each would alone."""

from odoo.tests import tagged

from ..tools.read_group import read_groups
from .common import RelationshipCommon


@tagged("post_install", "-at_install")
class TestReadGroups(RelationshipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._log(cls.client_alfa, contact_ids=[(6, 0, cls.alfa_buyer.ids)])
        cls._log(cls.client_alfa, date="2026-03-04 10:00:00")
        cls._log(cls.client_beta, contact_ids=[(6, 0, cls.beta_contact.ids)])
        cls._log(cls.client_other, company_id=cls.other_company.id)

    def _requests(self, env):
        Interaction = env["relationship.interaction"]
        clients = [self.client_alfa.id, self.client_beta.id, self.client_other.id]
        return [
            (
                Interaction,
                [("partner_id", "in", clients)],
                ["partner_id"],
                ["__count", "date:max"],
            ),
            (
                Interaction,
                [("contact_ids", "in", [self.alfa_buyer.id, self.beta_contact.id])],
                ["contact_ids"],
                ["__count", "date:min"],
            ),
            (
                Interaction.sudo(),
                [("partner_id", "in", clients)],
                ["partner_id", "channel"],
                ["__count"],
            ),
            (Interaction, [("partner_id", "in", [])], ["partner_id"], ["__count"]),
            (
                Interaction,
                [("name", "=", "nobody wrote this")],
                ["partner_id"],
                ["__count"],
            ),
            (env["res.partner"], [("id", "in", clients)], ["company_id"], ["id:max"]),
        ]

    def test_the_same_answers_as_read_group_in_one_query(self):
        for user in (
            self.env.user,
            self.user_sofia,
            self.user_manager,
            self.user_other_company,
        ):
            env = self.env(user=user)
            requests = self._requests(env)
            expected = [
                model._read_group(domain, groupby, aggregates)
                for model, domain, groupby, aggregates in requests
            ]
            self.assertTrue(any(expected), "something to compare")
            # (the cache warmed by the calls above: the rules' companies)
            before = env.cr.sql_log_count
            answers = read_groups(requests)
            self.assertEqual(env.cr.sql_log_count - before, 1)
            for answer, wanted in zip(answers, expected, strict=True):
                with self.subTest(user=user.login):
                    self.assertEqual(sorted(answer, key=repr), sorted(wanted, key=repr))

    def test_the_rules_of_the_models_environment_hold(self):
        env = self.env(user=self.user_other_company)
        Interaction = env["relationship.interaction"]
        domain = [("partner_id", "in", self.client_alfa.ids)]
        mine, everything = read_groups(
            [
                (Interaction, domain, ["partner_id"], ["__count"]),
                (Interaction.sudo(), domain, ["partner_id"], ["__count"]),
            ]
        )
        self.assertEqual(mine, [], "another company's interactions are not counted")
        self.assertEqual(everything[0][1], 2)
