# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import NOW, KeyAccountCommon


@tagged("post_install", "-at_install")
class TestShape(KeyAccountCommon):
    def _alerts(self, client):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", client.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref(
                        "key_account_diamond.mail_activity_type_stakeholder_alert"
                    ).id,
                ),
            ]
        )

    def _make_diamond(self):
        self._team(self.client_alfa, self.user_sofia, self.f_management, lead=True)
        self._team(self.client_alfa, self.user_tomas, self.f_technical)
        self._talk(self.client_alfa, self.user_sofia, self.alfa_buyer, 5)
        self._talk(self.client_alfa, self.user_sofia, self.alfa_cfo, 15)
        self._talk(self.client_alfa, self.user_tomas, self.alfa_engineer, 25)
        self._talk(self.client_alfa, self.user_tomas, self.alfa_plant, 35)
        self._talk(self.client_alfa, self.user_sofia, self.alfa_plant, 45)

    def test_threads_are_derived_from_interactions(self):
        self._talk(
            self.client_alfa, self.user_sofia | self.user_tomas, self.alfa_buyer, 10
        )
        self._talk(self.client_alfa, self.user_sofia, self.alfa_buyer, 20)
        self._talk(self.client_alfa, self.user_sofia, self.alfa_buyer, 400)
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
        threads = self.client_alfa.kad_thread_ids
        sofia = threads.filtered(lambda t: t.user_id == self.user_sofia)
        tomas = threads.filtered(lambda t: t.user_id == self.user_tomas)
        self.assertEqual(sofia.interaction_count, 2, "the 400-day-old one is out")
        self.assertEqual(tomas.interaction_count, 1)
        self.assertEqual(sofia.source, "derived")
        self.assertEqual(sofia.strength, "weak")
        self.assertEqual(sofia.their_function_id, self.f_purchasing)
        # A year later the threads go dormant, and are not duplicated.
        later = NOW + timedelta(days=400)
        with freeze_time(later):
            self.Shape._refresh(self.client_alfa, later)
        self.assertEqual(len(self.client_alfa.kad_thread_ids), 2)
        self.assertEqual(set(threads.mapped("strength")), {"none"})
        self.assertFalse(any(threads.mapped("is_live")))

    def test_logging_an_interaction_updates_threads_at_once(self):
        self._log(
            self.client_alfa,
            user_ids=[Command.set(self.user_sofia.ids)],
            contact_ids=[Command.set(self.alfa_cfo.ids)],
        )
        thread = self.client_alfa.kad_thread_ids
        self.assertEqual(
            (thread.user_id, thread.contact_id), (self.user_sofia, self.alfa_cfo)
        )
        self.assertEqual(thread.interaction_count, 1)

    def test_bow_tie_with_its_reason(self):
        for days in (5, 40, 80):
            self._talk(self.client_alfa, self.user_sofia, self.alfa_buyer, days)
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
        alfa = self.client_alfa
        self.assertEqual(alfa.kad_shape, "bow_tie")
        self.assertEqual(alfa.kad_live_threads, 1)
        self.assertEqual(alfa.kad_concentration, 100)
        self.assertEqual(
            alfa.kad_shape_reason,
            "All 3 interactions in 12 months went through Sofía Salesperson "
            "and Ana Buyer.",
        )

    def test_developing_then_diamond(self):
        self._talk(self.client_alfa, self.user_sofia, self.alfa_buyer, 5)
        self._talk(self.client_alfa, self.user_sofia, self.alfa_cfo, 15)
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
        self.assertEqual(self.client_alfa.kad_shape, "developing")
        self.assertEqual(self.client_alfa.kad_concentration, 50)
        self._make_diamond()
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
        alfa = self.client_alfa
        self.assertEqual(alfa.kad_shape, "diamond")
        self.assertEqual(alfa.kad_their_functions, 4)
        self.assertEqual(alfa.kad_our_functions, 2)
        self.assertIn("4 of their functions and 2 of ours", alfa.kad_shape_reason)
        data = alfa.kad_map_data
        self.assertEqual(
            {person["name"] for person in data["ours"]},
            {"Sofía Salesperson", "Tomás Salesperson"},
        )
        self.assertEqual(len(data["theirs"]), 4)
        self.assertGreaterEqual(len(data["threads"]), 5)

    def test_concentration_makes_a_bow_tie(self):
        self._team(self.client_alfa, self.user_sofia, self.f_management)
        self._team(self.client_alfa, self.user_tomas, self.f_technical)
        for days in range(1, 10):
            self._talk(self.client_alfa, self.user_sofia, self.alfa_buyer, days)
        self._talk(self.client_alfa, self.user_tomas, self.alfa_engineer, 20)
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
        self.assertEqual(self.client_alfa.kad_live_threads, 2)
        self.assertEqual(self.client_alfa.kad_concentration, 90)
        self.assertEqual(self.client_alfa.kad_shape, "bow_tie")
        self.assertIn("90% of the 10 interactions", self.client_alfa.kad_shape_reason)

    def test_key_contact_leaving_alerts_the_owner_once(self):
        self._make_diamond()
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
        self.assertEqual(self.client_alfa.kad_shape, "diamond")
        self.alfa_cfo.stakeholder_left = True
        alfa = self.client_alfa
        self.assertTrue(alfa.kad_key_contact_left)
        alert = self._alerts(alfa)
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.user_id, self.user_sofia)
        self.assertIn("Carla CFO", alert.summary)
        self.assertIn("Finance and administration", alert.note)
        thread = alfa.kad_thread_ids.filtered(lambda t: t.contact_id == self.alfa_cfo)
        self.assertFalse(thread.is_live)
        # Another one is archived while the alert is open: no second alert.
        self.alfa_plant.active = False
        self.assertEqual(len(self._alerts(alfa)), 1)
        self.assertIn(
            alfa, self.env["res.partner"].search([("kad_key_contact_left", "=", True)])
        )

    def test_slipping_into_bow_tie_alerts(self):
        self._make_diamond()
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
        self.assertFalse(self._alerts(self.client_alfa))
        # Nine months of talking only with the buyer, then the others fade.
        later = NOW + timedelta(days=340)
        with freeze_time(later):
            for days in range(1, 12):
                self._talk(
                    self.client_alfa, self.user_sofia, self.alfa_buyer, -330 + days
                )
            self.Shape._refresh(self.client_alfa, later)
        self.assertEqual(self.client_alfa.kad_shape, "bow_tie")
        alert = self._alerts(self.client_alfa)
        self.assertEqual(len(alert), 1)
        self.assertIn("became a bow-tie", alert.summary)
        self.assertIn("Whom to connect next", alert.note)

    def test_shape_change_is_tracked(self):
        """A change of shape is tracked in the chatter; the first shape a
        client gets is not (a first night would write a message each)."""
        client = (
            self.env["res.partner"]
            .with_context(tracking_disable=False, mail_notrack=False)
            .create({"name": "Tracked shape", "is_company": True})
        )
        contacts = self.env["res.partner"].create(
            [{"name": f"Person {i}", "parent_id": client.id} for i in range(4)]
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        Shape = self.Shape.with_context(tracking_disable=False, mail_notrack=False)

        def tracking():
            self.env.flush_all()
            self.env.cr.precommit.run()
            return self.env["mail.tracking.value"].search(
                [
                    ("mail_message_id.res_id", "=", client.id),
                    ("field_id.name", "=", "kad_shape"),
                ]
            )

        with freeze_time(NOW):
            Shape._refresh(client, NOW)
        self.assertEqual(client.kad_shape, "bow_tie")
        self.assertFalse(tracking(), "the first shape is not tracked")
        for user, contact in zip(
            (self.user_sofia, self.user_tomas, self.user_manager, self.user_sofia),
            contacts,
            strict=True,
        ):
            self._talk(client, user, contact, 5)
        with freeze_time(NOW):
            Shape._refresh(client, NOW)
        self.assertEqual(client.kad_shape, "developing")
        change = tracking()
        self.assertEqual(change.old_value_char, "Bow-tie")
        self.assertEqual(change.new_value_char, "Developing")

    def test_health_reflects_the_shape(self):
        components = self.env["relationship.health.engine"]._health_components()
        self.assertIn("stakeholders", components)
        card = self.env["relationship.health.scorecard"].create(
            {
                "name": "Shape only",
                "relationship_stage": "exploration",
                "line_ids": [
                    Command.create(
                        {"component": "stakeholders", "weight": 100, "target": 4}
                    )
                ],
            }
        )
        self._make_diamond()
        engine = self.env["relationship.health.engine"]
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
            engine._recompute(self.client_alfa, NOW)
        self.assertEqual(self.client_alfa.health_scorecard_id, card)
        self.assertEqual(self.client_alfa.health_score, 100)
        self.assertIn("Diamond: 5 live threads", self.client_alfa.health_breakdown_html)
        # The CFO and the plant manager leave: fewer threads, lower health.
        (self.alfa_cfo | self.alfa_plant).write({"stakeholder_left": True})
        self.assertLess(self.client_alfa.health_score, 100)
        self.assertEqual(self.client_alfa.kad_shape, "developing")

    def test_post_init_hook_weighs_stakeholders_in_key_accounts(self):
        card = self.env.ref("relationship_health.scorecard_dedicated")
        self.assertIn("stakeholders", card.line_ids.mapped("component"))
        self.assertEqual(card.total_weight, 100)

    def test_refresh_queries_do_not_grow_with_batch_size(self):
        clients = self.env["res.partner"].create(
            [{"name": f"Shape client {i}", "is_company": True} for i in range(30)]
        )
        contacts = self.env["res.partner"].create(
            [
                {
                    "name": f"Contact {i}",
                    "parent_id": client.id,
                    "stakeholder_function_id": self.f_purchasing.id,
                }
                for i, client in enumerate(clients)
            ]
        )
        for client, contact in zip(clients, contacts, strict=True):
            self._talk(client, self.user_sofia, contact, 3)

        def count(batch):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            with freeze_time(NOW):
                self.Shape._refresh(batch, NOW)
            self.env.flush_all()
            return self.cr.sql_log_count - before

        count(clients[:1])
        small = count(clients[1:4])
        with self.assertQueryCount(small):
            with freeze_time(NOW):
                self.Shape._refresh(clients[4:], NOW)
            self.env.flush_all()
        self.assertEqual(set(clients[4:].mapped("kad_shape")), {"bow_tie"})

    def test_quiet_night_rewrites_no_row(self):
        """A nightly refresh that finds nothing changed writes nothing:
        neither the client's row nor its shape gets a new row version
        (ctid); an interaction logged does rewrite the shape the next night,
        and an interaction leaving the 12-month window too (the check can
        fail)."""
        with freeze_time(NOW):
            self._talk(self.client_alfa, self.user_sofia, self.alfa_buyer, 5)
            self.Shape._refresh_all(NOW)
        before = self._row_versions(self.client_alfa)
        next_day = NOW + timedelta(days=1)
        with freeze_time(next_day):
            self.Shape._refresh_all(next_day)
        self.assertEqual(self._row_versions(self.client_alfa), before)
        with freeze_time(next_day):
            self._talk(self.client_alfa, self.user_tomas, self.alfa_cfo, 1)
            self.Shape._refresh_all(next_day)
        after = self._row_versions(self.client_alfa)
        self.assertEqual(after[0], before[0], "the client's row is never rewritten")
        self.assertNotEqual(after[1], before[1])
        self.assertEqual(self.client_alfa.kad_interactions_12m, 2)
        # A year later, the first interaction leaves the window by itself.
        later = NOW + timedelta(days=362)
        with freeze_time(later):
            self.Shape._refresh_all(later)
        self.client_alfa.invalidate_recordset()
        self.assertEqual(self.client_alfa.kad_interactions_12m, 1)

    def _row_versions(self, client):
        self.env.flush_all()
        versions = []
        for table, column in (
            ("res_partner", "id"),
            ("key_account_shape", "partner_id"),
        ):
            self.cr.execute(
                f"SELECT ctid::text FROM {table} WHERE {column} = %s",
                [client.id],
            )
            versions.append(self.cr.fetchall())
        return versions

    def test_the_shape_is_the_refreshs(self):
        """The shape and its figures are written by the refresh only: a
        client written a diamond with one live thread (it fed the health
        score), a shape row changed by anyone, superuser included, are
        refused and change nothing."""
        self._talk(self.client_alfa, self.user_sofia, self.alfa_buyer, 5)
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
        with self.assertRefused(UserError, "Relationship Shape changes only.*Refresh"):
            self.client_alfa.with_user(self.user_manager).kad_shape = "diamond"
        shape = self.client_alfa.kad_shape_id
        for call in (
            lambda: shape.sudo().write({"shape": "diamond"}),
            lambda: shape.sudo().unlink(),
            lambda: shape.sudo().create({"partner_id": self.client_beta.id}),
        ):
            with self.assertRefused(UserError, "computed from the threads"):
                call()
        self.env.invalidate_all()
        self.assertEqual(self.client_alfa.kad_shape, "bow_tie")
        self.assertFalse(self.client_beta.kad_shape_id)

    def test_reason_with_declared_threads_only(self):
        self.Thread.create(
            {
                "partner_id": self.client_alfa.id,
                "user_id": self.user_sofia.id,
                "contact_id": self.alfa_cfo.id,
            }
        )
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
        self.assertEqual(
            self.client_alfa.kad_shape_reason,
            "No interaction with Alfa Industrial logged in 12 months; live "
            "threads declared by hand: 1.",
        )

    def test_threads_written_in_sql_are_what_the_orm_computes(self):
        """The refresh writes what a thread derives (strength, live, the
        functions, the contact who left) in SQL: the ORM's own computation
        gives the same."""
        self._team(self.client_alfa, self.user_tomas, self.f_technical)
        for days, user, contact in (
            (5, self.user_sofia, self.alfa_buyer),
            (6, self.user_sofia, self.alfa_buyer),
            (7, self.user_sofia, self.alfa_buyer),
            (8, self.user_tomas, self.alfa_cfo),
            (9, self.user_tomas, self.alfa_plant),
        ):
            self._talk(self.client_alfa, user, contact, days)
        self.alfa_plant.stakeholder_left = True
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
        threads = self.client_alfa.kad_thread_ids
        self.assertEqual(len(threads), 3)
        names = [
            "strength",
            "is_live",
            "our_function_id",
            "their_function_id",
            "contact_left",
        ]
        written = threads.read(names)
        self.assertEqual(
            {row["strength"] for row in written}, {"medium", "weak"}, "a real mix"
        )
        for name in names:
            self.env.add_to_compute(threads._fields[name], threads)
        threads.flush_recordset()
        threads.invalidate_recordset()
        self.assertEqual(threads.read(names), written)
