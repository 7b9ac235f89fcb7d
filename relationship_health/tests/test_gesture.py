# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CareCommon


@tagged("post_install", "-at_install")
class TestGestures(CareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Gesture = cls.env["relationship.gesture"]
        cls.Log = cls.env["relationship.gesture.log"]
        cls.Gesture.search([]).active = False
        ratings = {
            "Book with a dedication": ("3", "4", "5", "5", "4"),
            "Training for their team": ("5", "3", "4", "4", "4"),
            "Handwritten note": ("2", "3", "4", "5", "3"),
            "Branded calendar": ("1", "0", "0", "1", "0"),
        }
        cls.book, cls.training, cls.note, cls.calendar = cls.Gesture.create(
            [
                dict(
                    zip(
                        ("valuable", "unexpected", "singular", "eloquent", "memorable"),
                        values,
                        strict=True,
                    ),
                    name=name,
                    cost=20,
                )
                for name, values in ratings.items()
            ]
        )

    def _give(self, gesture, client=None, **values):
        vals = {"gesture_id": gesture.id, "partner_id": (client or self.client_alfa).id}
        vals.update(values)
        return self.Log.create(vals)

    def test_rating_is_the_sum_of_the_five_qualities(self):
        self.assertEqual(self.book.rating, 21)
        self.assertEqual(self.calendar.rating, 2)
        self.book.memorable = "5"
        self.assertEqual(self.book.rating, 22)

    def test_suggestions_are_well_rated_gestures_not_given_yet(self):
        alfa = self.client_alfa
        self.assertEqual(
            alfa.relationship_gesture_suggestion_ids,
            self.book | self.training | self.note,
            "best rated first; the calendar (2/25) is not suggested",
        )
        self.assertEqual(alfa.relationship_gesture_suggestion_ids[0], self.book)
        self._give(self.book, contact_id=self.alfa_buyer.id, occasion="information")
        alfa.invalidate_recordset(["relationship_gesture_suggestion_ids"])
        self.assertEqual(
            alfa.relationship_gesture_suggestion_ids, self.training | self.note
        )
        # A contact sees the suggestions of its company.
        self.assertEqual(
            self.alfa_buyer.relationship_gesture_suggestion_ids,
            self.training | self.note,
        )
        # Beta still gets the book; a stricter threshold leaves the best only.
        self.env["ir.config_parameter"].set_param(
            "relationship_health.gesture_min_rating", 20
        )
        self.client_beta.invalidate_recordset(["relationship_gesture_suggestion_ids"])
        self.assertEqual(
            self.client_beta.relationship_gesture_suggestion_ids,
            self.book | self.training,
        )
        # Another company's gesture is not suggested.
        self.training.company_id = self.other_company
        self.client_beta.invalidate_recordset(["relationship_gesture_suggestion_ids"])
        self.assertEqual(
            self.client_beta.relationship_gesture_suggestion_ids, self.book
        )

    def test_give_a_suggestion_from_the_client(self):
        action = self.book.with_context(
            relationship_client_id=self.client_alfa.id
        ).action_relationship_give()
        self.assertEqual(action["res_model"], "relationship.gesture.log")
        self.assertEqual(action["target"], "new")
        self.assertEqual(action["context"]["default_partner_id"], self.client_alfa.id)
        self.assertEqual(action["context"]["default_gesture_id"], self.book.id)
        self.assertFalse(self.book.action_relationship_give(), "no client, no form")

    def test_log_takes_the_gestures_cost_and_a_contact_stands_for_its_company(self):
        log = self._give(self.book, client=self.alfa_buyer, occasion="birthday")
        self.assertEqual(log.partner_id, self.client_alfa)
        self.assertEqual(log.contact_id, self.alfa_buyer)
        self.assertEqual(log.cost, 20)
        self.assertEqual(log.owner_id, self.user_sofia)
        self.assertEqual(log.display_name, "Book with a dedication for Alfa Industrial")
        self.assertEqual(self.book.given_count, 1)

    def test_bad_input_is_refused(self):
        with self.assertRefused(ValidationError, "not one of the people of Alfa"):
            self._give(self.book, contact_id=self.beta_contact.id)
        problem = self.env["relationship.problem"].create(
            {"name": "Broken part", "partner_id": self.client_beta.id}
        )
        with self.assertRefused(ValidationError, "is a problem of Beta"):
            self._give(self.book, occasion="problem_solved", problem_id=problem.id)
        lead = self.env["crm.lead"].create(
            {"name": "New lead", "relationship_referrer_id": self.client_beta.id}
        )
        with self.assertRefused(ValidationError, "was not referred by Alfa"):
            self._give(self.book, occasion="referral", lead_id=lead.id)
        tomorrow = fields.Date.context_today(self.Log) + timedelta(days=1)
        with self.assertRefused(ValidationError, "in the future"):
            self._give(self.book, date=tomorrow)
        self.assertFalse(self.Log.search([("partner_id", "=", self.client_alfa.id)]))


@tagged("post_install", "-at_install")
class TestReferrals(CareCommon):
    def _refer(self, referrer, name="Referred lead", when=None):
        with freeze_time(when or self.NOW):
            return self.env["crm.lead"].create(
                {"name": name, "relationship_referrer_id": referrer.id}
            )

    def _give(self, client, **values):
        gesture = self.env.ref("relationship_health.gesture_handwritten_note")
        vals = {"gesture_id": gesture.id, "partner_id": client.id}
        vals.update(values)
        return self.env["relationship.gesture.log"].create(vals)

    def test_an_unthanked_referral_raises_an_activity_until_thanked(self):
        first = self._refer(self.client_alfa, "Fundiciones Norte")
        second = self._refer(self.alfa_engineer, "Talleres Sur")
        referrals = self._reminders(self.client_alfa, "referral")
        self.assertEqual(len(referrals), 2, "a contact refers for its company")
        first_thanks = referrals.filtered(lambda r: r.origin_ref == first)
        self.assertEqual(first_thanks.due_date, date(2026, 6, 30) + timedelta(days=5))
        activity = first_thanks.activity_id
        self.assertEqual(activity.user_id, self.user_sofia)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("relationship_health.mail_activity_type_care_referral"),
        )
        self.assertIn(
            "Thank Alfa Industrial for referring Fundiciones Norte", activity.summary
        )
        # A gesture for another occasion thanks nothing.
        self._give(self.client_alfa, occasion="anniversary")
        self.assertEqual(first_thanks.state, "open")
        # The gesture for the first referral closes its reminder only.
        log = self._give(self.client_alfa, occasion="referral", lead_id=first.id)
        self.assertEqual(first_thanks.state, "done")
        self.assertEqual(first_thanks.gesture_log_id, log)
        self.assertFalse(activity.exists())
        second_thanks = referrals - first_thanks
        self.assertEqual(second_thanks.state, "open")
        # A referral gesture without a lead thanks the pending referral.
        self._give(self.client_alfa, occasion="referral")
        self.assertEqual(second_thanks.state, "done")
        self.assertEqual(second.relationship_referrer_id, self.alfa_engineer)

    def test_the_daily_run_catches_up_and_never_duplicates(self):
        lead = self.env["crm.lead"].create({"name": "Quiet referral"})
        lead.relationship_referrer_id = self.client_beta
        thanks = self._reminders(self.client_beta, "referral")
        self.assertEqual(len(thanks), 1)
        self.assertEqual(thanks.user_id, self.user_tomas)
        thanks.sudo().unlink()
        self._plan(fields.Datetime.now())
        self._plan(fields.Datetime.now())
        self.assertEqual(len(self._reminders(self.client_beta, "referral")), 1)

    def test_no_reminder_when_the_rule_says_so(self):
        self.rule.referral_days = 0
        self._refer(self.client_alfa)
        self.assertFalse(self._reminders(self.client_alfa, "referral"))
