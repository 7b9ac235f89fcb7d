# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, FarewellCommon

LEFT = NOW.date()


@tagged("post_install", "-at_install")
class TestMessages(FarewellCommon):
    """Every message works when its author has no email address, and what
    the application writes for a person is in that person's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Neither the deciding manager nor the salesperson has an address.
        (cls.user_manager | cls.user_sofia).partner_id.email = False

    def _letter(self, client):
        comment = self.env.ref("mail.mt_comment")
        return client.message_ids.filtered(lambda m: m.subtype_id == comment)

    def _let_go(self, client=None):
        assessment = self._assessment_to_decision(client=client)
        assessment.transition_date = date.today() + timedelta(days=30)
        assessment.with_user(self.user_manager).action_let_go()
        return assessment

    def test_notes_of_a_salesperson_without_email(self):
        assessment = self._assessment_to_decision()
        notes = assessment.message_ids.filtered(
            lambda m: m.author_id == self.user_sofia.partner_id
        )
        bodies = " ".join(notes.mapped("body"))
        self.assertIn("Evidence gathered and frozen", bodies)
        self.assertIn("awaiting a manager's decision", bodies)

    def test_let_go_by_a_manager_without_email(self):
        self.company.email = "care@company.example.com"
        assessment = self._let_go()
        self.assertEqual(assessment.decision, "let_go")
        letter = self._letter(self.client_alfa)
        self.assertEqual(len(letter), 1)
        self.assertIn("see you later", letter.body)
        self.assertEqual(letter.author_id, self.user_manager.partner_id)
        # It leaves from the company's address.
        self.assertIn("care@company.example.com", letter.email_from)

    def test_let_go_without_any_address(self):
        # No address for the manager, the company, or the company's domain.
        self.company.email = False
        self.company.alias_domain_id = False
        self.assertFalse(self.company.email_formatted)
        assessment = self._let_go()
        self.assertEqual(assessment.state, "closed")
        letter = self._letter(self.client_alfa)
        self.assertEqual(letter.author_id, self.user_manager.partner_id)
        self.assertIn("see you later", letter.body)

    def _spanish(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["customer_farewell"], ["es_ES"], overwrite=True
        )

    def test_letter_in_the_client_language(self):
        self._spanish()
        self.client_alfa.lang = "es_ES"
        self._let_go()
        letter = self._letter(self.client_alfa)
        self.assertIn("hasta luego", letter.body)
        self.assertNotIn("see you later", letter.body)

    def test_protocol_activities_in_the_owner_language(self):
        self._spanish()
        self.user_sofia.lang = "es_ES"
        self.user_tomas.lang = "en_US"
        Departure = self.env["farewell.departure"]
        with freeze_time(LEFT):
            # Recorded by an English-speaking manager, for Sofía's client.
            departure = Departure.with_user(self.user_manager).create(
                {"partner_id": self.client_alfa.id, "departure_date": LEFT}
            )
            self.env["farewell.protocol.step"]._cron_schedule_steps(LEFT)
        first = departure.step_ids.sorted("due_date")[0]
        self.assertEqual(first.name, "Mensaje de despedida «Hasta luego»")
        self.assertEqual(first.activity_id.summary, first.name)
        # Alfa passes to Tomás: its next steps reach him in English.
        later = departure.step_ids.sorted("due_date")[1]
        self.client_alfa.relationship_owner_id = self.user_tomas
        day = LEFT + timedelta(days=25)
        with freeze_time(day):
            self.env["farewell.protocol.step"]._cron_schedule_steps(day)
        self.assertEqual(later.activity_id.user_id, self.user_tomas)
        self.assertEqual(later.activity_id.summary, "Rescue contact at 1 month")
        self.assertIn("Do not lead with price", later.activity_id.note)

    def test_a_step_rewritten_by_hand_keeps_its_words(self):
        self._spanish()
        with freeze_time(LEFT):
            departure = self.Departure.with_user(self.user_sofia).create(
                {"partner_id": self.client_alfa.id, "departure_date": LEFT}
            )
            first = departure.step_ids.sorted("due_date")[0]
            first.with_user(self.user_sofia).name = "Call Ana to say thank you"
            self.user_sofia.lang = "es_ES"
            self.env["farewell.protocol.step"]._cron_schedule_steps(LEFT)
        self.assertEqual(first.activity_id.summary, "Call Ana to say thank you")
