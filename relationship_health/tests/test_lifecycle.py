# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import RelationshipCommon


@tagged("post_install", "-at_install")
class TestLifecycle(RelationshipCommon):
    def test_new_client_starts_in_exploration_with_an_open_period(self):
        self.assertEqual(self.client_alfa.relationship_stage, "exploration")
        history = self.client_alfa.relationship_stage_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(history.stage, "exploration")
        self.assertFalse(history.date_end)
        self.assertTrue(history.is_current)
        self.assertEqual(self.client_alfa.relationship_stage_date, history.date_start)

    def test_owner_defaults_to_salesperson_and_stays(self):
        self.assertEqual(self.client_alfa.relationship_owner_id, self.user_sofia)
        self.client_alfa.relationship_owner_id = self.user_manager
        self.client_alfa.user_id = self.user_tomas
        self.assertEqual(self.client_alfa.relationship_owner_id, self.user_manager)

    def test_contacts_follow_their_company(self):
        self.assertTrue(self.alfa_buyer.relationship_follows_parent)
        self.assertFalse(self.client_alfa.relationship_follows_parent)
        self.client_alfa.write(
            {
                "relationship_stage": "expansion",
                "relationship_type": "dedicated_assistance",
                "relationship_owner_id": self.user_tomas.id,
            }
        )
        for contact in self.alfa_buyer | self.alfa_engineer:
            self.assertEqual(contact.relationship_stage, "expansion")
            self.assertEqual(contact.relationship_type, "dedicated_assistance")
            self.assertEqual(contact.relationship_owner_id, self.user_tomas)
        # Contacts carry no history of their own.
        self.assertFalse(self.alfa_buyer.relationship_stage_history_ids)
        # A new contact takes the company's values at once.
        newcomer = self.env["res.partner"].create(
            {"name": "Newcomer", "parent_id": self.client_alfa.id}
        )
        self.assertEqual(newcomer.relationship_stage, "expansion")
        self.assertEqual(newcomer.relationship_owner_id, self.user_tomas)

    def test_contact_stage_cannot_diverge_from_company(self):
        with self.assertRefused(ValidationError, "come from the company"):
            self.alfa_buyer.relationship_stage = "commitment"
        self.assertEqual(self.alfa_buyer.relationship_stage, "exploration")
        self.assertEqual(self.client_alfa.relationship_stage, "exploration")

    def test_contact_leaving_company_becomes_its_own_client(self):
        self.client_alfa.relationship_stage = "commitment"
        self.alfa_engineer.parent_id = False
        self.assertFalse(self.alfa_engineer.relationship_follows_parent)
        self.assertEqual(self.alfa_engineer.relationship_stage, "commitment")
        history = self.alfa_engineer.relationship_stage_history_ids
        self.assertEqual(history.mapped("stage"), ["commitment"])
        # It can now move on its own.
        self.alfa_engineer.relationship_stage = "awareness"
        self.assertEqual(self.client_alfa.relationship_stage, "commitment")

    def test_stage_history_records_time_in_each_stage(self):
        with freeze_time("2026-01-01 09:00:00"):
            client = self.env["res.partner"].create(
                {"name": "Delta", "is_company": True}
            )
        with freeze_time("2026-01-11 09:00:00"):
            client.relationship_stage = "awareness"
        with freeze_time("2026-03-12 09:00:00"):
            client.relationship_stage = "expansion"
        with freeze_time("2026-03-22 09:00:00"):
            history = client.relationship_stage_history_ids.sorted("date_start")
            self.assertEqual(
                history.mapped("stage"), ["exploration", "awareness", "expansion"]
            )
            self.assertEqual(history[0].date_end, datetime(2026, 1, 11, 9, 0))
            self.assertAlmostEqual(history[0].duration_days, 10.0)
            self.assertAlmostEqual(history[1].duration_days, 60.0)
            history.invalidate_recordset(["duration_days"])
            self.assertAlmostEqual(history[2].duration_days, 10.0)
            self.assertFalse(history[2].date_end)
            self.assertEqual(client.relationship_stage_date, datetime(2026, 3, 12, 9))
            client.invalidate_recordset(["relationship_stage_timeline"])
            timeline = client.relationship_stage_timeline
            self.assertIn("Exploration · 10 days", timeline)
            self.assertIn("Awareness · 60 days", timeline)
            self.assertIn("Expansion · 10 days", timeline)
            self.assertLess(timeline.index("Exploration"), timeline.index("Expansion"))
            action = client.action_relationship_stage_history()
            self.assertEqual(
                self.env["relationship.stage.history"].search(action["domain"]),
                client.relationship_stage_history_ids,
            )

    def test_company_with_parent_company_keeps_its_own_stage(self):
        branch = self.env["res.partner"].create(
            {
                "name": "Alfa Branch",
                "is_company": True,
                "parent_id": self.client_alfa.id,
                "relationship_stage": "awareness",
            }
        )
        self.client_alfa.relationship_stage = "dissolution"
        self.assertEqual(branch.relationship_stage, "awareness")
        self.assertEqual(branch.relationship_stage_history_ids.stage, "awareness")

    def test_writing_the_same_stage_opens_no_new_period(self):
        self.client_alfa.relationship_stage = "exploration"
        self.client_alfa.write({"name": "Alfa Industrial S.A."})
        self.assertEqual(len(self.client_alfa.relationship_stage_history_ids), 1)

    def test_stage_change_is_tracked_in_chatter(self):
        # Tracking is prepared at write and written at commit: use a client
        # created with tracking on, and run the pre-commit hooks by hand.
        Partner = self.env["res.partner"].with_context(
            tracking_disable=False, mail_notrack=False
        )
        client = Partner.create({"name": "Tracked Client", "is_company": True})
        contact = Partner.create({"name": "Tracked Contact", "parent_id": client.id})
        self.env.flush_all()
        self.env.cr.precommit.run()
        client.relationship_stage = "commitment"
        self.env.flush_all()
        self.env.cr.precommit.run()
        Tracking = self.env["mail.tracking.value"]
        domain = [
            ("mail_message_id.model", "=", "res.partner"),
            ("field_id.name", "=", "relationship_stage"),
        ]
        tracking = Tracking.search(
            domain + [("mail_message_id.res_id", "=", client.id)]
        )
        self.assertEqual(len(tracking), 1)
        self.assertEqual(tracking.old_value_char, "Exploration")
        self.assertEqual(tracking.new_value_char, "Commitment")
        # The contact follows silently: no copy of the change in its chatter.
        self.assertEqual(contact.relationship_stage, "commitment")
        self.assertFalse(
            Tracking.search(domain + [("mail_message_id.res_id", "=", contact.id)])
        )

    def test_in_stage_since_moves_the_open_period(self):
        with freeze_time("2026-05-01 10:00:00"):
            client = self.env["res.partner"].create(
                {"name": "Epsilon", "is_company": True}
            )
            client.relationship_stage_date = datetime(2025, 5, 1, 10, 0)
            self.assertEqual(
                client.relationship_stage_history_ids.date_start,
                datetime(2025, 5, 1, 10, 0),
            )
            self.assertAlmostEqual(
                client.relationship_stage_history_ids.duration_days, 365.0
            )
            with self.assertRefused(ValidationError, "in the future"):
                client.relationship_stage_date = datetime(2026, 6, 1)

    def test_in_stage_since_cannot_precede_previous_stage(self):
        with freeze_time("2026-02-01"):
            client = self.env["res.partner"].create(
                {"name": "Zeta", "is_company": True}
            )
        with freeze_time("2026-03-01"):
            client.relationship_stage = "awareness"
            with self.assertRefused(ValidationError, "cannot have entered"):
                client.relationship_stage_date = datetime(2026, 1, 1)
            self.assertEqual(client.relationship_stage_date, datetime(2026, 3, 1))

    def test_form_shows_contact_fields_read_only(self):
        form = Form(self.env["res.partner"])
        form.name = "Form Contact"
        form.parent_id = self.client_alfa
        self.assertTrue(form._get_modifier("relationship_stage", "readonly"))
        self.assertEqual(form.relationship_stage, "exploration")
        form_company = Form(self.env["res.partner"])
        form_company.name = "Form Company"
        form_company.company_type = "company"
        self.assertFalse(form_company._get_modifier("relationship_stage", "readonly"))
        form_company.relationship_stage = "awareness"
        company = form_company.save()
        self.assertEqual(company.relationship_stage, "awareness")
        self.assertEqual(company.relationship_stage_history_ids.stage, "awareness")

    def test_clients_kanban_shows_every_stage_as_a_column(self):
        groups = self.env["res.partner"].web_read_group(
            [("is_company", "=", True)],
            ["relationship_stage"],
            ["relationship_stage"],
        )["groups"]
        self.assertEqual(
            [g["relationship_stage"] for g in groups],
            ["exploration", "awareness", "expansion", "commitment", "dissolution"],
        )

    def test_install_opens_a_period_for_existing_clients(self):
        # Clients that exist before the add-on is installed get one open
        # period, starting when they were created.
        from odoo.addons.relationship_health.hooks import post_init_hook

        old = self.env["res.partner"].create({"name": "Old", "is_company": True})
        old.relationship_stage_history_ids.unlink()
        # create_date comes from the database clock, not from freezegun.
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = %s",
            (datetime(2025, 7, 1, 8, 0), old.id),
        )
        old.invalidate_recordset(["create_date"])
        post_init_hook(self.env)
        self.assertEqual(old.relationship_stage_history_ids.stage, "exploration")
        self.assertEqual(
            old.relationship_stage_history_ids.date_start, datetime(2025, 7, 1, 8, 0)
        )
        self.assertEqual(old.relationship_stage_date, datetime(2025, 7, 1, 8, 0))
        # Running it again changes nothing.
        post_init_hook(self.env)
        self.assertEqual(len(old.relationship_stage_history_ids), 1)
