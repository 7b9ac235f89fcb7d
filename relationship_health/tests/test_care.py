# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.relationship_health.models.care.relationship_care_reminder import (
    next_anniversary,
)

from .common import CareCommon


@tagged("post_install", "-at_install")
class TestCadence(CareCommon):
    def test_contact_and_visit_reminders_are_planned_once(self):
        alfa = self.client_alfa
        self._talk(alfa, self.NOW - timedelta(days=10), channel="call")
        self._talk(alfa, self.NOW - timedelta(days=50), channel="visit")
        self._plan()
        contact = self._reminders(alfa, "contact")
        visit = self._reminders(alfa, "visit")
        self.assertEqual(len(contact), 1)
        self.assertEqual(contact.due_date, date(2026, 6, 20) + timedelta(days=30))
        self.assertEqual(visit.due_date, date(2026, 5, 11) + timedelta(days=90))
        activity = contact.activity_id
        self.assertEqual(activity.user_id, self.user_sofia)
        self.assertEqual(activity.res_id, alfa.id)
        self.assertEqual(activity.date_deadline, contact.due_date)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("relationship_health.mail_activity_type_care_contact"),
        )
        self.assertIn("Keep in touch with Alfa Industrial", activity.summary)
        self.assertIn("every 30 days", activity.note)
        # Again the same day, and the next day: nothing new.
        activities = self.env["mail.activity"].search_count([])
        self._plan()
        self._plan(self.NOW + timedelta(days=1))
        self.assertEqual(self._reminders(alfa, "contact"), contact)
        self.assertEqual(self._reminders(alfa, "visit"), visit)
        self.assertEqual(self.env["mail.activity"].search_count([]), activities)

    def test_never_contacted_client_is_due_from_the_start_of_the_relationship(self):
        self._plan()
        visit = self._reminders(self.client_beta, "visit")
        self.assertEqual(visit.date_from, self.START)
        self.assertEqual(visit.due_date, self.START.date() + timedelta(days=90))
        with freeze_time(self.NOW):
            visit.invalidate_recordset(["days_overdue"])
            self.assertEqual(visit.days_overdue, 86)
        self.assertEqual(visit.activity_id.user_id, self.user_tomas)

    def test_the_right_interaction_closes_the_reminder_and_plans_the_next(self):
        alfa = self.client_alfa
        self._plan()
        visit = self._reminders(alfa, "visit")
        contact = self._reminders(alfa, "contact")
        old_activity = visit.activity_id
        # A call: a contact, not a visit.
        with freeze_time(self.NOW):
            call = self._talk(alfa, self.NOW - timedelta(hours=2), channel="call")
        self.assertEqual(contact.state, "done")
        self.assertEqual(contact.interaction_id, call)
        self.assertEqual(visit.state, "open")
        next_contact = self._reminders(alfa, "contact")
        self.assertEqual(next_contact.due_date, date(2026, 7, 30))
        # A visit closes the visit reminder and removes its activity.
        with freeze_time(self.NOW):
            meeting = self._talk(alfa, self.NOW - timedelta(hours=1), channel="visit")
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.interaction_id, meeting)
        self.assertFalse(old_activity.exists())
        next_visit = self._reminders(alfa, "visit")
        self.assertEqual(next_visit.due_date, date(2026, 9, 28))
        self.assertEqual(next_visit.activity_id.date_deadline, date(2026, 9, 28))
        self.assertEqual(next_contact.state, "done", "a visit is a contact too")
        self.assertEqual(len(self._reminders(alfa)), 2)

    def test_the_client_page_shows_what_is_due(self):
        alfa = self.client_alfa
        self._talk(alfa, self.NOW - timedelta(days=25))
        self._plan()
        with freeze_time(self.NOW):
            (alfa | self.alfa_buyer).invalidate_recordset()
            self.assertEqual(alfa.relationship_next_contact_date, date(2026, 7, 5))
            self.assertFalse(alfa.relationship_contact_late)
            self.assertEqual(
                alfa.relationship_next_visit_date,
                self.START.date() + timedelta(days=90),
            )
            self.assertTrue(alfa.relationship_visit_late)
            self.assertEqual(alfa.relationship_care_count, 2, "due within a week")
            self.assertEqual(self.alfa_buyer.relationship_care_count, 2)
        action = alfa.action_relationship_care_reminders()
        self.assertEqual(self.Reminder.search(action["domain"]), self._reminders(alfa))
        to_visit = self.env.ref(
            "relationship_health.relationship_care_reminder_action_to_visit"
        )
        self.assertIn(
            self._reminders(alfa, "visit"),
            self.Reminder.search(safe_eval(to_visit.domain)),
        )

    def test_a_meeting_held_with_their_people_is_the_visit(self):
        alfa = self.client_alfa
        self._plan()
        visit = self._reminders(alfa, "visit")
        start = self.NOW - timedelta(hours=3)
        with freeze_time(self.NOW):
            self.env["calendar.event"].create(
                {
                    "name": "Plant tour",
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "user_id": self.user_sofia.id,
                    "partner_ids": [
                        (6, 0, (self.alfa_engineer | self.user_sofia.partner_id).ids)
                    ],
                }
            )
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.interaction_id.source, "meeting")
        self.assertEqual(self._reminders(alfa, "visit").date_from, start)

    def test_an_old_interaction_logged_late_closes_nothing(self):
        alfa = self.client_alfa
        self._talk(alfa, self.NOW - timedelta(days=5), channel="visit")
        self._plan()
        visit = self._reminders(alfa, "visit")
        self._talk(alfa, self.NOW - timedelta(days=20), channel="visit")
        self.assertEqual(visit.state, "open")

    def test_marking_the_activity_done_logs_the_care_and_plans_the_next(self):
        alfa = self.client_alfa
        self._plan()
        visit = self._reminders(alfa, "visit")
        with freeze_time(self.NOW):
            visit.activity_id.with_user(self.user_sofia).action_feedback("Plant tour")
        self.assertEqual(visit.state, "done")
        interaction = visit.interaction_id
        self.assertEqual(interaction.channel, "visit", "the visit type logs a visit")
        self.assertEqual(interaction.source, "activity")
        self.assertEqual(self._reminders(alfa, "visit").due_date, date(2026, 9, 28))

    def test_cancelling_the_activity_plans_the_next_from_today(self):
        alfa = self.client_alfa
        self._plan()
        contact = self._reminders(alfa, "contact")
        with freeze_time(self.NOW):
            contact.activity_id.with_user(self.user_sofia).unlink()
        self.assertEqual(contact.state, "cancelled")
        self.assertFalse(contact.interaction_id)
        self.assertEqual(self._reminders(alfa, "contact").due_date, date(2026, 7, 30))

    def test_rule_changes_move_or_cancel_open_reminders(self):
        alfa = self.client_alfa
        self._talk(alfa, self.NOW - timedelta(days=10))
        self._plan()
        contact = self._reminders(alfa, "contact")
        self.rule.contact_days = 14
        self._plan()
        self.assertEqual(contact.due_date, date(2026, 6, 20) + timedelta(days=14))
        self.assertEqual(contact.activity_id.date_deadline, contact.due_date)
        self.rule.visit_days = 0
        visit = self._reminders(alfa, "visit")
        self._plan()
        self.assertEqual(visit.state, "cancelled")
        self.assertFalse(self._reminders(alfa, "visit"))

    def test_most_specific_rule_wins(self):
        key = self.Rule.create(
            {
                "name": "Key accounts",
                "relationship_type": "dedicated_assistance",
                "contact_days": 14,
                "visit_days": 45,
            }
        )
        self.client_alfa.relationship_type = "dedicated_assistance"
        rules = self.Rule._rule_by_client(self.client_alfa | self.client_beta)
        self.assertEqual(rules[self.client_alfa.id], key)
        self.assertEqual(rules[self.client_beta.id], self.rule)
        self._plan()
        self.assertEqual(
            self._reminders(self.client_alfa, "visit").due_date,
            self.START.date() + timedelta(days=45),
        )

    def test_reminders_follow_the_owner_and_stop_at_dissolution(self):
        self._plan()
        contact = self._reminders(self.client_alfa, "contact")
        self.client_alfa.relationship_owner_id = self.user_tomas
        self._plan()
        self.assertEqual(contact.user_id, self.user_tomas)
        self.assertEqual(contact.activity_id.user_id, self.user_tomas)
        self.client_alfa.relationship_stage = "dissolution"
        self._plan()
        self.assertEqual(contact.state, "cancelled")
        self.assertFalse(self._reminders(self.client_alfa))

    def test_archived_or_deleted_clients_take_their_care_with_them(self):
        gone = self.env["res.partner"].create(
            {"name": "Gone S.L.", "is_company": True, "user_id": self.user_sofia.id}
        )
        self._plan()
        reminders = self._reminders(self.client_beta)
        activities = self._reminders(gone).activity_id
        self.assertEqual(len(activities), 2)
        gone.unlink()
        self.assertFalse(activities.exists())
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", gone.id)]
            )
        )
        self.client_beta.active = False
        self._plan()
        self.assertEqual(set(reminders.mapped("state")), {"cancelled"})

    def test_clients_without_owner_or_contacts_get_no_reminder(self):
        nobody = self.env["res.partner"].create(
            {"name": "Nobody's client", "is_company": True}
        )
        self._plan()
        self.assertFalse(self._reminders(nobody))
        self.assertFalse(self._reminders(self.alfa_buyer))

    def test_daily_run_is_batched_and_reports_progress(self):
        self.env["ir.config_parameter"].set_param("relationship_health.batch_size", 1)
        progress = []

        def notify(cron, done, remaining, deactivate=False):
            progress.append((done, remaining))

        with patch.object(
            type(self.env["ir.cron"]), "_notify_progress", notify, create=False
        ):
            done = self._plan()
        self.assertGreaterEqual(done, 2)
        self.assertEqual(len(progress), done)
        self.assertEqual(progress[-1], (done, 0))
        self.assertTrue(self._reminders(self.client_alfa, "contact"))
        self.assertTrue(self._reminders(self.client_beta, "contact"))

    def test_batch_queries_do_not_grow_with_the_batch(self):
        clients = self.env["res.partner"].create(
            [
                {
                    "name": f"Batch client {i}",
                    "user_id": self.user_sofia.id,
                    "relationship_birthday": date(1980, 7, 2),
                    "relationship_first_deal_date": date(2020, 7, 1),
                }
                for i in range(24)
            ]
        )
        self.env["relationship.interaction"].create(
            [
                {
                    "name": "Talk",
                    "partner_id": client.id,
                    "channel": "visit" if i % 2 else "call",
                    "date": self.NOW - timedelta(days=40 + i),
                }
                for i, client in enumerate(clients)
            ]
        )

        def count(batch):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            with freeze_time(self.NOW):
                self.Planner._plan_batch(batch, self.NOW)
            self.env.flush_all()
            return self.cr.sql_log_count - before

        count(clients[:1])  # warm the caches (rules, activity types)
        small = count(clients[1:4])
        large = count(clients[4:])
        self.assertLessEqual(large, small, (small, large))
        self.assertEqual(
            len(self.Reminder.search([("partner_id", "in", clients.ids)])), 24 * 4
        )


@tagged("post_install", "-at_install")
class TestThanks(CareCommon):
    def _won(self, partner, when, **values):
        lead = self.env["crm.lead"].create(
            {"name": "Second line", "type": "opportunity", "partner_id": partner.id}
            | values
        )
        with freeze_time(when):
            lead.action_set_won()
        return lead

    def test_won_opportunity_asks_for_a_thank_you_call(self):
        lead = self._won(self.alfa_buyer, self.NOW - timedelta(days=1))
        self.assertEqual(lead.date_closed, self.NOW - timedelta(days=1))
        self._plan()
        thanks = self._reminders(self.client_alfa, "thanks")
        self.assertEqual(len(thanks), 1)
        self.assertEqual(thanks.due_date, date(2026, 6, 29) + timedelta(days=2))
        self.assertEqual(thanks.origin_ref, lead)
        self.assertEqual(thanks.activity_id.user_id, self.user_sofia)
        self.assertEqual(
            thanks.activity_id.activity_type_id,
            self.env.ref("relationship_health.mail_activity_type_care_thanks"),
        )
        self.assertIn("Second line", thanks.name)
        # Done: never asked again for the same deal.
        with freeze_time(self.NOW):
            call = self._talk(self.client_alfa, self.NOW, channel="call")
        self.assertEqual(thanks.state, "done")
        self.assertEqual(thanks.interaction_id, call)
        self._plan(self.NOW + timedelta(days=1))
        self.assertFalse(self._reminders(self.client_alfa, "thanks"))

    def test_an_email_is_no_thank_you_call(self):
        self._won(self.client_alfa, self.NOW - timedelta(days=1))
        self._plan()
        with freeze_time(self.NOW):
            self._talk(self.client_alfa, self.NOW, channel="email")
        self.assertTrue(self._reminders(self.client_alfa, "thanks"))

    def test_old_deals_and_rules_without_thanks_ask_nothing(self):
        self._won(self.client_alfa, self.NOW - timedelta(days=45))
        self._plan()
        self.assertFalse(self._reminders(self.client_alfa, "thanks"))
        self.rule.thanks_active = False
        self._won(self.client_beta, self.NOW - timedelta(days=1))
        self._plan()
        self.assertFalse(self._reminders(self.client_beta, "thanks"))

    def test_sale_orders_count_only_when_sale_is_installed(self):
        models = [source["model"] for source in self.Planner._care_thanks_sources()]
        self.assertEqual(models[0], "crm.lead")
        self.assertEqual("sale.order" in models, "sale.order" in self.env)
        module = self.env["ir.module.module"].search(
            [("name", "=", "relationship_health")]
        )
        self.assertNotIn("sale", module.dependencies_id.mapped("name"))

    def test_confirmed_sale_order_asks_for_a_thank_you_call(self):
        """Runs where ``sale`` is installed (this add-on does not depend on
        it): an order is thanked, and an order of a won opportunity is
        thanked once, as that opportunity."""
        if "sale.order" not in self.env:
            self.skipTest("the sale add-on is not installed")
        product = self.env["product.product"].create(
            {"name": "Steel coil", "sale_ok": True}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.client_beta.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        with freeze_time(self.NOW - timedelta(days=1)):
            order.action_confirm()
        self._plan()
        self._plan()
        thanks = self._reminders(self.client_beta, "thanks")
        self.assertEqual(thanks.origin_ref, order)
        self.assertEqual(thanks.due_date, date(2026, 7, 1))
        if "opportunity_id" in order._fields:
            lead = self._won(self.client_alfa, self.NOW - timedelta(days=1))
            other = order.copy({"partner_id": self.client_alfa.id})
            other.opportunity_id = lead
            with freeze_time(self.NOW - timedelta(days=1)):
                other.action_confirm()
            self._plan()
            thanks = self._reminders(self.client_alfa, "thanks")
            self.assertEqual(thanks.origin_ref, lead, "thanked once, as the deal")

    def test_another_source_of_won_business_plugs_in(self):
        """As sale orders do when ``sale`` is installed: here, a strategic
        interaction named "Contract signed" stands for won business."""
        original = type(self.Planner)._care_thanks_sources

        def sources(planner):
            return original(planner) + [
                {
                    "model": "relationship.interaction",
                    "domain": [("name", "ilike", "contract signed")],
                    "date": "date",
                    "partner": "partner_id",
                }
            ]

        signed = self._talk(
            self.client_beta, self.NOW - timedelta(days=3), name="Contract signed"
        )
        with patch.object(type(self.Planner), "_care_thanks_sources", sources):
            self._plan()
            self._plan()
        thanks = self._reminders(self.client_beta, "thanks")
        self.assertEqual(len(thanks), 1)
        self.assertEqual(thanks.origin_ref, signed)
        self.assertEqual(thanks.due_date, date(2026, 6, 29))
        self.assertEqual(thanks.activity_id.user_id, self.user_tomas)

    def test_first_deal_date_is_filled_from_the_first_won_opportunity(self):
        self._won(self.alfa_buyer, datetime(2024, 3, 10, 10, 0))
        self._won(self.client_alfa, datetime(2025, 1, 2, 10, 0))
        self._plan()
        self.assertEqual(
            self.client_alfa.relationship_first_deal_date, date(2024, 3, 10)
        )
        self.client_alfa.relationship_first_deal_date = date(2023, 1, 1)
        self._plan()
        self.assertEqual(
            self.client_alfa.relationship_first_deal_date,
            date(2023, 1, 1),
            "a date typed by the user stays",
        )


@tagged("post_install", "-at_install")
class TestOccasions(CareCommon):
    def test_birthdays_are_reminded_k_days_ahead_once(self):
        self.alfa_buyer.relationship_birthday = date(1980, 7, 5)
        self.alfa_engineer.relationship_birthday = date(1985, 7, 20)
        self._plan(self.NOW - timedelta(days=3))
        self.assertFalse(self._reminders(self.client_alfa, "birthday"), "8 days ahead")
        self._plan()
        birthday = self._reminders(self.client_alfa, "birthday")
        self.assertEqual(len(birthday), 1, "Luis's birthday is 20 days away")
        self.assertEqual(birthday.contact_id, self.alfa_buyer)
        self.assertEqual(birthday.due_date, date(2026, 7, 5))
        self.assertEqual(birthday.activity_id.date_deadline, date(2026, 7, 5))
        self.assertIn("Ana Buyer", birthday.name)
        self.assertIn("July 5", birthday.name)
        # Cancelled (the activity deleted): not reminded again this year.
        birthday.activity_id.unlink()
        self._plan(self.NOW + timedelta(days=1))
        self.assertFalse(self._reminders(self.client_alfa, "birthday"))
        self.assertEqual(birthday.state, "cancelled")
        # Next year, again.
        self._plan(datetime(2027, 7, 1, 9, 0))
        self.assertEqual(
            self._reminders(self.client_alfa, "birthday").due_date, date(2027, 7, 5)
        )

    def test_reminders_speak_the_language_of_their_owner(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["relationship_health"], ["es_ES"], overwrite=True
        )
        self.user_sofia.lang = "es_ES"
        self.alfa_buyer.relationship_birthday = date(1980, 7, 5)
        self._plan()
        birthday = self._reminders(self.client_alfa, "birthday")
        self.assertEqual(
            birthday.name, "Cumpleaños de Ana Buyer (Alfa Industrial) el 5 de julio"
        )
        self.assertIn(
            "Mantener el contacto con Alfa Industrial",
            self._reminders(self.client_alfa, "contact").activity_id.summary,
        )

    def test_a_talk_with_that_person_closes_the_birthday(self):
        self.alfa_buyer.relationship_birthday = date(1980, 7, 5)
        self._plan()
        birthday = self._reminders(self.client_alfa, "birthday")
        with freeze_time(self.NOW):
            self._talk(
                self.client_alfa,
                self.NOW,
                contact_ids=[(6, 0, self.alfa_engineer.ids)],
            )
        self.assertEqual(birthday.state, "open", "a talk with Luis is not for Ana")
        with freeze_time(self.NOW):
            greeting = self._talk(
                self.client_alfa, self.NOW, contact_ids=[(6, 0, self.alfa_buyer.ids)]
            )
        self.assertEqual(birthday.state, "done")
        self.assertEqual(birthday.interaction_id, greeting)

    def test_anniversary_of_the_first_deal(self):
        self.client_alfa.relationship_first_deal_date = date(2023, 7, 3)
        self.client_beta.relationship_first_deal_date = date(2026, 7, 3)
        self._plan()
        anniversary = self._reminders(self.client_alfa, "anniversary")
        self.assertEqual(anniversary.due_date, date(2026, 7, 3))
        self.assertIn("3 years with Alfa Industrial", anniversary.name)
        self.assertEqual(
            anniversary.activity_id.activity_type_id,
            self.env.ref("relationship_health.mail_activity_type_care_anniversary"),
        )
        self.assertFalse(
            self._reminders(self.client_beta, "anniversary"), "not a year yet"
        )

    def test_rules_switch_occasions_off(self):
        self.rule.write({"birthday_active": False, "anniversary_active": False})
        self.alfa_buyer.relationship_birthday = date(1980, 7, 5)
        self.client_alfa.relationship_first_deal_date = date(2023, 7, 3)
        self._plan()
        self.assertFalse(
            self._reminders(self.client_alfa).filtered(
                lambda r: r.kind in ("birthday", "anniversary")
            )
        )

    def test_next_anniversary(self):
        self.assertEqual(
            next_anniversary(date(1980, 2, 29), date(2026, 2, 1)), date(2026, 2, 28)
        )
        self.assertEqual(
            next_anniversary(date(1980, 2, 29), date(2028, 2, 1)), date(2028, 2, 29)
        )
        self.assertEqual(
            next_anniversary(date(1980, 1, 10), date(2026, 6, 30)), date(2027, 1, 10)
        )
        self.assertEqual(
            next_anniversary(date(1980, 6, 30), date(2026, 6, 30)), date(2026, 6, 30)
        )


@tagged("post_install", "-at_install")
class TestCadenceRules(CareCommon):
    def test_negative_days_are_refused(self):
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.rule.contact_days = -1
        with self.assertRefused(ValidationError, "Visit Every"):
            self.rule.visit_days = -30
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.Rule.create(
                {
                    "name": "Bad",
                    "relationship_stage": "awareness",
                    "occasion_days_ahead": -7,
                }
            )
        self.assertEqual(self.rule.contact_days, 30)

    def test_overlapping_rules_are_refused(self):
        with self.assertRefused(ValidationError, "cover the same clients"):
            self.Rule.create({"name": "Second default"})
