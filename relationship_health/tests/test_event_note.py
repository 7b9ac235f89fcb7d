# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A personal note after meeting a client at an event: planned for the
account owner, closed by the next interaction, one open at a time."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CareCommon


@tagged("post_install", "-at_install")
class TestEventNote(CareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.relationship_event_note_days = 3
        cls.note_type = cls.env.ref(
            "relationship_health.mail_activity_type_care_event_note"
        )

    def _event(self, client, when=None, user=None, **values):
        """``user`` (default: the owner) logs an event with ``client`` at
        ``when`` (default: an hour before NOW), as themselves."""
        user = user or client.relationship_owner_id
        when = when or self.NOW - timedelta(hours=1)
        vals = {
            "name": "Trade fair",
            "partner_id": client.id,
            "date": when,
            "channel": "event",
            "user_ids": [(6, 0, user.ids)],
        }
        vals.update(values)
        with freeze_time(self.NOW):
            return (
                self.env["relationship.interaction"].with_user(user).create(vals).sudo()
            )

    def _notes(self, client, state="open"):
        return self._reminders(client, "event_note", state)

    def test_an_event_plans_a_note_for_the_owner(self):
        alfa = self.client_alfa
        event = self._event(alfa, name="Hannover Messe")
        note = self._notes(alfa)
        self.assertEqual(len(note), 1)
        self.assertEqual(note.user_id, self.user_sofia)
        self.assertEqual(note.date_from, event.date)
        self.assertEqual(note.event_date, date(2026, 6, 30))
        self.assertEqual(note.due_date, date(2026, 7, 3), "three days after")
        self.assertEqual(
            note.name, "Personal note to Alfa Industrial after Hannover Messe"
        )
        activity = note.activity_id
        self.assertEqual(activity.activity_type_id, self.note_type)
        self.assertEqual(activity.user_id, self.user_sofia)
        self.assertEqual(activity.res_model, "res.partner")
        self.assertEqual(activity.res_id, alfa.id)
        self.assertEqual(activity.date_deadline, date(2026, 7, 3))
        self.assertIn("personal note", activity.note)

    def test_other_channels_plan_no_note(self):
        for channel in ("visit", "call", "email", "other"):
            self._talk(self.client_alfa, self.NOW - timedelta(hours=2), channel=channel)
        self.assertFalse(self._notes(self.client_alfa, state=None))

    def test_the_next_interaction_closes_it_another_event_does_not(self):
        alfa = self.client_alfa
        self._event(alfa, when=self.NOW - timedelta(hours=5))
        note = self._notes(alfa)
        activity = note.activity_id
        # Another event is no follow-up, and adds no second note.
        self._event(alfa, when=self.NOW - timedelta(hours=3), name="Dinner")
        self.assertEqual(note.state, "open")
        self.assertEqual(self._notes(alfa), note, "one open, never two")
        # An interaction before the event is no follow-up either.
        self._talk(alfa, self.NOW - timedelta(days=2), channel="email")
        self.assertEqual(note.state, "open")
        # The note, by email: done.
        with freeze_time(self.NOW):
            email = self._talk(alfa, self.NOW - timedelta(hours=1), channel="email")
        self.assertEqual(note.state, "done")
        self.assertEqual(note.interaction_id, email)
        self.assertFalse(activity.exists())
        # The next event plans the next note.
        self._event(alfa, when=self.NOW - timedelta(minutes=30), name="Congress")
        self.assertEqual(len(self._notes(alfa)), 1)
        self.assertNotEqual(self._notes(alfa), note)

    def test_one_note_for_events_logged_together(self):
        alfa = self.client_alfa
        with freeze_time(self.NOW):
            self.env["relationship.interaction"].create(
                [
                    {
                        "name": f"Fair day {day}",
                        "partner_id": alfa.id,
                        "channel": "event",
                        "date": self.NOW - timedelta(days=day),
                    }
                    for day in (1, 2, 3)
                ]
            )
        note = self._notes(alfa)
        self.assertEqual(len(note), 1)
        self.assertIn("Fair day 1", note.name, "after the last event")
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_id", "=", alfa.id), ("activity_type_id", "=", self.note_type.id)]
            ),
            1,
        )
        # The daily run adds nothing.
        self._plan(self.NOW + timedelta(days=1))
        self.assertEqual(self._notes(alfa), note)

    def test_an_event_and_its_follow_up_logged_together(self):
        alfa = self.client_alfa
        with freeze_time(self.NOW):
            self.env["relationship.interaction"].create(
                [
                    {
                        "name": "Fair",
                        "partner_id": alfa.id,
                        "channel": "event",
                        "date": self.NOW - timedelta(days=4),
                    },
                    {
                        "name": "Nice to meet you",
                        "partner_id": alfa.id,
                        "channel": "email",
                        "date": self.NOW - timedelta(days=3),
                    },
                ]
            )
        self.assertFalse(self._notes(alfa))
        self.assertEqual(len(self._notes(alfa, state="done")), 1)

    def test_marking_the_activity_done_is_the_note(self):
        alfa = self.client_alfa
        self._event(alfa)
        note = self._notes(alfa)
        with freeze_time(self.NOW + timedelta(hours=2)):
            note.activity_id.with_user(self.user_sofia).action_feedback(
                "Sent a card to thank them for the visit to our stand"
            )
        self.assertEqual(note.state, "done")
        self.assertEqual(note.interaction_id.channel, "email")
        self.assertEqual(note.interaction_id.source, "activity")

    def test_the_days_come_from_the_company_setting(self):
        alfa = self.client_alfa
        settings = self.env["res.config.settings"].create(
            {"relationship_event_note_days": 7}
        )
        settings.execute()
        self.assertEqual(self.company.relationship_event_note_days, 7)
        self._event(alfa)
        self.assertEqual(self._notes(alfa).due_date, date(2026, 7, 7))
        # 0: no notes.
        self.company.relationship_event_note_days = 0
        self._event(self.client_beta)
        self.assertFalse(self._notes(self.client_beta, state=None))

    def test_the_setting_is_range_checked(self):
        for days in (-1, 31, 10**6):
            with self.subTest(days=days):
                with self.assertRefused(ValidationError, "between 0"):
                    self.company.write({"relationship_event_note_days": days})
                with self.assertRefused(ValidationError, "between 0"):
                    self.env["res.config.settings"].create(
                        {"relationship_event_note_days": days}
                    ).execute()
                self.company.invalidate_recordset()
                self.assertEqual(self.company.relationship_event_note_days, 3)
        self.company.relationship_event_note_days = 30
        self.assertEqual(self.company.relationship_event_note_days, 30)
        # Only managers change the settings.
        with self.assertRaises(AccessError):
            self.company.with_user(self.user_sofia).relationship_event_note_days = 5

    def test_old_events_and_clients_out_of_care_plan_nothing(self):
        self._event(self.client_alfa, when=self.NOW - timedelta(days=40))
        self.assertFalse(self._notes(self.client_alfa, state=None))
        self.client_beta.user_id = False
        self.client_beta.relationship_owner_id = False
        self._log(self.client_beta, channel="event", date=self.NOW - timedelta(hours=1))
        self.assertFalse(self._notes(self.client_beta, state=None))

    def test_the_note_is_the_owners_whoever_met_them(self):
        alfa = self.client_alfa
        # Tomás met Alfa's people at the fair: the note is Sofía's to write.
        self._event(alfa, user=self.user_tomas)
        note = self._notes(alfa)
        self.assertEqual(note.user_id, self.user_sofia)
        Reminder = self.Reminder.with_user(self.user_sofia)
        self.assertEqual(Reminder.search([("kind", "=", "event_note")]), note)
        self.assertFalse(
            self.Reminder.with_user(self.user_tomas).search(
                [("kind", "=", "event_note")]
            ),
            "not his client, not his reminder",
        )
        self.assertFalse(
            self.Reminder.with_user(self.user_other_company).search(
                [("kind", "=", "event_note")]
            )
        )
        with self.assertRaises(AccessError):
            note.with_user(self.user_tomas).read(["name"])
        # The owner closes it by writing the note, not by hand.
        with self.assertRefused(UserError, "changes only through its buttons"):
            note.with_user(self.user_sofia).write({"state": "done"})
        with freeze_time(self.NOW):
            self.env["relationship.interaction"].with_user(self.user_sofia).create(
                {
                    "name": "Thanks for coming to our stand",
                    "partner_id": alfa.id,
                    "channel": "email",
                    "date": self.NOW,
                }
            )
        self.assertEqual(note.state, "done")
