# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RelationshipCommon


@tagged("post_install", "-at_install")
class TestCaptureFromActivities(RelationshipCommon):
    def _activity(self, record, xmlid="mail.mail_activity_data_call", user=None):
        return self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id(record._name),
                "res_id": record.id,
                "activity_type_id": self.env.ref(xmlid).id,
                "summary": "Check the new plan",
                "user_id": (user or self.user_sofia).id,
            }
        )

    def _interactions(self, client):
        return self.env["relationship.interaction"].search(
            [("partner_id", "=", client.id)]
        )

    def test_call_done_on_client_logs_one_interaction(self):
        activity = self._activity(self.client_alfa)
        activity.with_user(self.user_sofia).action_feedback(feedback="They liked it")
        interaction = self._interactions(self.client_alfa)
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.channel, "call")
        self.assertEqual(interaction.depth, "operational")
        self.assertEqual(interaction.source, "activity")
        self.assertEqual(interaction.name, "Check the new plan")
        self.assertEqual(interaction.user_ids, self.user_sofia)
        self.assertIn("They liked it", interaction.summary)

    def test_activity_on_contact_logs_under_company_with_contact(self):
        self._activity(self.alfa_buyer, "mail.mail_activity_data_email").action_done()
        interaction = self._interactions(self.client_alfa)
        self.assertEqual(interaction.channel, "email")
        self.assertEqual(interaction.contact_ids, self.alfa_buyer)

    def test_activity_on_opportunity_logs_for_its_client(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Second line",
                "type": "opportunity",
                "partner_id": self.client_beta.id,
            }
        )
        self._activity(lead, "mail.mail_activity_data_meeting").action_done()
        interaction = self._interactions(self.client_beta)
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.channel, "visit")

    def test_todo_is_not_an_interaction(self):
        self._activity(self.client_alfa, "mail.mail_activity_data_todo").action_done()
        self.assertFalse(self._interactions(self.client_alfa))

    def test_activity_type_decides_channel_and_depth(self):
        review = self.env["mail.activity.type"].create(
            {
                "name": "Quarterly business review",
                "relationship_channel": "visit",
                "relationship_depth": "strategic",
            }
        )
        activity = self._activity(self.client_alfa)
        activity.activity_type_id = review
        activity.action_done()
        interaction = self._interactions(self.client_alfa)
        self.assertEqual(
            (interaction.channel, interaction.depth), ("visit", "strategic")
        )

    def test_same_activity_is_never_logged_twice(self):
        keep = self.env["mail.activity.type"].create(
            {"name": "Kept call", "relationship_channel": "call", "keep_done": True}
        )
        activity = self._activity(self.client_alfa)
        activity.activity_type_id = keep
        activity.action_done()
        self.assertTrue(activity.exists(), "kept done activities are archived")
        activity._relationship_capture_interactions()
        activity._relationship_capture_interactions()
        self.assertEqual(len(self._interactions(self.client_alfa)), 1)

    def test_salesperson_without_edit_right_still_gets_the_log(self):
        # Tomás marks done an activity on Sofía's client: he may not create
        # interactions for that client by hand, but the capture happens.
        activity = self._activity(self.client_alfa, user=self.user_tomas)
        activity.with_user(self.user_tomas).action_done()
        interaction = self._interactions(self.client_alfa)
        self.assertEqual(interaction.user_ids, self.user_tomas)


@tagged("post_install", "-at_install")
class TestCaptureFromMeetings(RelationshipCommon):
    def _meeting(self, start, partners, **values):
        vals = {
            "name": "Review meeting",
            "start": start,
            "stop": start + timedelta(hours=1),
            "user_id": self.user_sofia.id,
            "partner_ids": [(6, 0, (partners | self.user_sofia.partner_id).ids)],
        }
        vals.update(values)
        return self.env["calendar.event"].create(vals)

    def _interactions(self, client=None):
        domain = [("source", "=", "meeting")]
        if client:
            domain.append(("partner_id", "=", client.id))
        return self.env["relationship.interaction"].search(domain)

    def test_past_meeting_with_client_contacts_logs_one_interaction(self):
        event = self._meeting(
            datetime.now() - timedelta(days=1), self.alfa_buyer | self.alfa_engineer
        )
        interaction = self._interactions(self.client_alfa)
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.calendar_event_id, event)
        self.assertEqual(interaction.contact_ids, self.alfa_buyer | self.alfa_engineer)
        self.assertEqual(interaction.user_ids, self.user_sofia)
        self.assertEqual(interaction.channel, "visit")
        self.assertEqual(interaction.date, event.start)

    def test_repeated_events_give_no_duplicates(self):
        event = self._meeting(datetime.now() - timedelta(hours=3), self.alfa_buyer)
        event.write({"name": "Review meeting (moved)"})
        event.write({"partner_ids": [(4, self.alfa_engineer.id)]})
        event.write({"start": event.start - timedelta(hours=1)})
        self.env["calendar.event"]._cron_relationship_capture_meetings()
        self.env["calendar.event"]._cron_relationship_capture_meetings()
        event.action_relationship_log_interaction()
        self.assertEqual(len(self._interactions(self.client_alfa)), 1)

    def test_meeting_with_two_clients_logs_one_each(self):
        self._meeting(
            datetime.now() - timedelta(days=2), self.alfa_buyer | self.beta_contact
        )
        self.assertEqual(len(self._interactions(self.client_alfa)), 1)
        self.assertEqual(len(self._interactions(self.client_beta)), 1)

    def test_future_meeting_is_logged_once_it_has_happened(self):
        with freeze_time("2026-04-01 09:00:00"):
            event = self._meeting(datetime(2026, 4, 3, 10, 0), self.alfa_buyer)
            self.assertFalse(self._interactions(self.client_alfa))
            with self.assertRaisesRegex(UserError, "not taken place yet"):
                event.action_relationship_log_interaction()
        with freeze_time("2026-04-03 12:00:00"):
            self.env["calendar.event"]._cron_relationship_capture_meetings()
            interaction = self._interactions(self.client_alfa)
            self.assertEqual(len(interaction), 1)
            self.assertEqual(interaction.date, datetime(2026, 4, 3, 10, 0))

    def test_meeting_without_client_logs_nothing_and_button_explains(self):
        event = self._meeting(
            datetime.now() - timedelta(days=1), self.user_tomas.partner_id
        )
        self.assertFalse(self._interactions())
        with self.assertRaisesRegex(UserError, "no client among its attendees"):
            event.action_relationship_log_interaction()
        self.assertFalse(self._interactions())

    def test_declined_attendee_is_not_a_participant(self):
        event = self._meeting(
            datetime.now() + timedelta(days=1), self.alfa_buyer | self.alfa_engineer
        )
        event.attendee_ids.filtered(
            lambda a: a.partner_id == self.alfa_engineer
        ).state = "declined"
        with freeze_time(datetime.now() + timedelta(days=1, hours=2)):
            self.env["calendar.event"]._cron_relationship_capture_meetings()
        self.assertEqual(
            self._interactions(self.client_alfa).contact_ids, self.alfa_buyer
        )

    def test_video_meeting_is_a_call(self):
        self._meeting(
            datetime.now() - timedelta(days=1),
            self.alfa_buyer,
            videocall_location="https://meet.example.com/abc",
        )
        self.assertEqual(self._interactions(self.client_alfa).channel, "call")
