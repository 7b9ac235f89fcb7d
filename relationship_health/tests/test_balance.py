# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Given and asked: interactions and gestures marked offered or asked, the
client's balance of the last 12 months, and the health breakdown's remark
when we only ask."""

from datetime import timedelta

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.relationship_health.models.relationship_interaction import (
    EXCHANGE_INFORMATION,
)

from .common import CareCommon

ONLY_ASKING = "offered nothing"


@tagged("post_install", "-at_install")
class TestGivenAndAsked(CareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["relationship.gesture.log"]
        cls.gesture = cls.env["relationship.gesture"].create(
            {"name": "Book with a dedication", "cost": 20}
        )

    def _give(self, client, **values):
        vals = {"gesture_id": self.gesture.id, "partner_id": client.id}
        vals.update(values)
        return self.Log.create(vals)

    def _balance(self, partners):
        partners.invalidate_recordset()
        with freeze_time(self.NOW):
            return {
                p: (
                    p.relationship_offered_count,
                    p.relationship_asked_count,
                    p.relationship_balance,
                )
                for p in partners
            }

    def test_gestures_are_offered_by_default(self):
        self.assertEqual(
            self._give(self.client_alfa, occasion="referral").exchange, "other"
        )
        shared = self._give(self.client_alfa, occasion="information")
        self.assertEqual(shared.exchange, EXCHANGE_INFORMATION)
        self.assertEqual(
            self._give(self.client_alfa, exchange="introduction").exchange,
            "introduction",
        )
        # Changing the occasion keeps what was chosen, unless it was the
        # information the occasion had set.
        shared.occasion = "birthday"
        self.assertEqual(shared.exchange, "other")
        asked = self._give(self.client_alfa, exchange="asked")
        asked.occasion = "anniversary"
        self.assertEqual(asked.exchange, "asked")
        # Interactions are neither until marked.
        self.assertFalse(self._log(self.client_alfa).exchange)

    def test_marked_from_the_forms(self):
        Interaction = self.env["relationship.interaction"].with_user(self.user_sofia)
        with freeze_time(self.NOW):
            with Form(Interaction) as form:
                form.name = "Introduced them to our logistics partner"
                form.partner_id = self.client_alfa
                form.exchange = "introduction"
            self.assertEqual(form.record.exchange, "introduction")
            log = self.Log.with_user(self.user_sofia)
            with Form(log) as form:
                form.gesture_id = self.gesture
                form.partner_id = self.client_alfa
                self.assertEqual(form.exchange, "other", "a gesture is offered")
                form.occasion = "information"
                self.assertEqual(form.exchange, EXCHANGE_INFORMATION)
            self.client_alfa.invalidate_recordset()
            self.assertEqual(self.client_alfa.relationship_offered_count, 2)

    def test_the_balance_of_the_last_12_months(self):
        alfa, beta = self.client_alfa, self.client_beta
        day = timedelta(days=1)
        self._talk(alfa, self.NOW - 10 * day, exchange="information")
        self._talk(alfa, self.NOW - 100 * day, exchange="opportunity")
        self._talk(alfa, self.NOW - 20 * day, exchange="asked")
        self._talk(alfa, self.NOW - 400 * day, exchange="asked")  # too old
        self._talk(alfa, self.NOW - 5 * day)  # neither
        self._give(alfa, date=(self.NOW - 30 * day).date())
        self._talk(beta, self.NOW - 3 * day, exchange="asked")
        self._talk(beta, self.NOW - 300 * day, exchange="asked")
        self._give(beta, date=(self.NOW - 500 * day).date())  # too old
        balance = self._balance(alfa | beta | self.alfa_buyer | self.client_other)
        self.assertEqual(balance[alfa], (3, 1, "giving"))
        self.assertEqual(balance[beta], (0, 2, "only_asking"))
        self.assertEqual(balance[self.alfa_buyer], (3, 1, "giving"), "its company's")
        self.assertEqual(balance[self.client_other], (0, 0, False))
        self._talk(alfa, self.NOW - 2 * day, exchange="asked")
        self._talk(alfa, self.NOW - 2 * day, exchange="asked")
        self.assertEqual(self._balance(alfa)[alfa], (3, 3, "even"))
        self._talk(alfa, self.NOW - 2 * day, exchange="asked")
        self.assertEqual(self._balance(alfa)[alfa], (3, 4, "asking"))
        with freeze_time(self.NOW):
            self.assertEqual(
                (alfa | beta)._relationship_balance(),
                {alfa.id: (3, 4), beta.id: (0, 2)},
            )

    def test_the_balance_of_a_list_is_one_query(self):
        clients = self.env["res.partner"].create(
            [
                {
                    "name": f"Client {i}",
                    "is_company": True,
                    "user_id": self.user_sofia.id,
                }
                for i in range(8)
            ]
        )
        for client in clients:
            self._talk(client, self.NOW - timedelta(days=3), exchange="asked")
            self._give(client, date=(self.NOW - timedelta(days=3)).date())

        def queries(partners):
            partners.invalidate_recordset()
            start = self.env.cr.sql_log_count
            partners.mapped("relationship_balance")
            return self.env.cr.sql_log_count - start

        queries(clients)  # warm up the caches of access rights
        self.assertEqual(queries(clients[:2]), queries(clients))
        self.assertEqual(
            set(clients.mapped("relationship_balance")), {"even"}, "1 offered, 1 asked"
        )

    def test_what_we_offered_and_asked_from_the_client(self):
        alfa = self.client_alfa
        offered = self._talk(
            alfa, self.NOW - timedelta(days=1), exchange="introduction"
        )
        asked = self._talk(alfa, self.NOW - timedelta(days=2), exchange="asked")
        self._talk(alfa, self.NOW - timedelta(days=3))
        Interaction = self.env["relationship.interaction"]
        search_view = etree.fromstring(
            self.env.ref(
                "relationship_health.relationship_interaction_view_search"
            ).arch
        )
        for action, expected in (
            (alfa.action_relationship_offered(), offered),
            (alfa.action_relationship_asked(), asked),
        ):
            # The button opens the client's interactions with the Offered or
            # Asked filter of the list on; the filter finds what it says.
            filters = [
                key[len("search_default_") :]
                for key in action["context"]
                if key.startswith("search_default_")
            ]
            self.assertEqual(len(filters), 1)
            (node,) = search_view.xpath(f"//filter[@name='{filters[0]}']")
            domain = safe_eval(node.get("domain"))
            self.assertEqual(Interaction.search(action["domain"] + domain), expected)

    def test_the_health_remarks_on_a_client_we_only_ask(self):
        alfa, beta = self.client_alfa, self.client_beta
        Engine = self.env["relationship.health.engine"]
        self._talk(alfa, self.NOW - timedelta(days=4), exchange="information")
        self._talk(alfa, self.NOW - timedelta(days=5), exchange="asked")
        self._talk(beta, self.NOW - timedelta(days=4), channel="visit")
        with freeze_time(self.NOW):
            Engine._recompute(alfa | beta, self.NOW)
        (alfa | beta).invalidate_recordset()
        self.assertNotIn(ONLY_ASKING, beta.health_breakdown_html)
        # Beta: we asked twice, offered nothing.
        beta.relationship_interaction_ids.exchange = "asked"
        self._talk(beta, self.NOW - timedelta(days=6), exchange="asked")
        with freeze_time(self.NOW):
            Engine._recompute(alfa | beta, self.NOW)
            (alfa | beta).invalidate_recordset()
            self.assertIn(
                "we asked this client for something 2 times and offered nothing",
                beta.health_breakdown_html,
            )
            self.assertNotIn(ONLY_ASKING, alfa.health_breakdown_html)
        # A remark, not points: the score is what the components give
        # (the third interaction moved the trend and depth, not the asking).
        beta_again = self.env["res.partner"].create(
            {"name": "Beta's twin", "is_company": True, "user_id": self.user_tomas.id}
        )
        for interaction in beta.relationship_interaction_ids:
            self._talk(beta_again, interaction.date, channel=interaction.channel)
        with freeze_time(self.NOW):
            Engine._recompute(beta | beta_again, self.NOW)
        (beta | beta_again).invalidate_recordset()
        self.assertEqual(beta.health_score, beta_again.health_score)
        self.assertNotIn(ONLY_ASKING, beta_again.health_breakdown_html)
        # Offering once lifts the remark.
        self._give(beta, date=(self.NOW - timedelta(days=1)).date())
        beta.invalidate_recordset()
        with freeze_time(self.NOW):
            self.assertNotIn(ONLY_ASKING, beta.health_breakdown_html)

    def test_rules_on_every_path(self):
        alfa = self.client_alfa
        interaction = self._talk(alfa, self.NOW - timedelta(days=1))
        for model, record, vals in (
            ("relationship.interaction", interaction, {"exchange": "begged"}),
            ("relationship.gesture.log", self._give(alfa), {"exchange": 3}),
        ):
            with self.subTest(model=model):
                before = record.exchange
                with self.assertRefused(ValidationError, "not a valid value"):
                    record.write(vals)
                record.invalidate_recordset()
                self.assertEqual(record.exchange, before)
        count = self.env["relationship.interaction"].search_count([])
        with self.assertRefused(ValidationError, "not a valid value"):
            self._log(alfa, exchange="begged")
        self.assertEqual(self.env["relationship.interaction"].search_count([]), count)
        # The balance is the application's.
        for name in ("relationship_offered_count", "relationship_balance"):
            with self.assertRefused(UserError, "set by the application"):
                alfa.write({name: 5 if name.endswith("count") else "giving"})

    def test_access(self):
        alfa, beta = self.client_alfa, self.client_beta
        mine = self._talk(alfa, self.NOW - timedelta(days=1))
        theirs = self._talk(beta, self.NOW - timedelta(days=1))
        self._give(
            beta, user_id=self.user_tomas.id, date=(self.NOW - timedelta(days=1)).date()
        )
        # Sofía marks her own client's interaction, not Tomás's.
        mine.with_user(self.user_sofia).exchange = "asked"
        self.assertEqual(mine.exchange, "asked")
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_sofia).exchange = "asked"
        theirs.with_user(self.user_tomas).exchange = "asked"
        # She reads every client's interactions, but not Tomás's gestures.
        with freeze_time(self.NOW):
            as_sofia = beta.with_user(self.user_sofia)
            self.assertEqual(as_sofia._relationship_balance(), {beta.id: (0, 1)})
            as_tomas = beta.with_user(self.user_tomas)
            self.assertEqual(as_tomas._relationship_balance(), {beta.id: (1, 1)})
            self.assertEqual(as_tomas.relationship_balance, "even")
        # A plain employee reads no balance.
        with self.assertRaises(AccessError):
            beta.with_user(self.user_employee).read(["relationship_balance"])
