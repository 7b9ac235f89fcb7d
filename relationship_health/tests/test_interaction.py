# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import RelationshipCommon


@tagged("post_install", "-at_install")
class TestInteraction(RelationshipCommon):
    def _count(self):
        return self.env["relationship.interaction"].search_count([])

    def test_log_by_hand(self):
        form = Form(self.env["relationship.interaction"].with_user(self.user_sofia))
        form.name = "Strategy lunch"
        form.partner_id = self.client_alfa
        form.channel = "visit"
        form.depth = "strategic"
        form.contact_ids.add(self.alfa_buyer)
        interaction = form.save()
        self.assertEqual(interaction.user_ids, self.user_sofia)
        self.assertEqual(interaction.owner_id, self.user_sofia)
        self.assertEqual(interaction.source, "manual")
        self.assertEqual(self.client_alfa.relationship_interaction_count, 1)
        self.assertEqual(self.alfa_buyer.relationship_interaction_count, 1)
        self.assertEqual(self.alfa_engineer.relationship_interaction_count, 0)
        self.assertEqual(
            self.client_alfa.relationship_last_interaction_date,
            # The day in the reader's time zone (Sofia saved it in hers).
            fields.Datetime.context_timestamp(
                self.client_alfa, interaction.date
            ).date(),
        )

    def test_contact_as_client_is_recorded_under_its_company(self):
        interaction = self._log(self.alfa_engineer)
        self.assertEqual(interaction.partner_id, self.client_alfa)
        self.assertEqual(interaction.contact_ids, self.alfa_engineer)

    def test_their_participants_must_belong_to_the_client(self):
        before = self._count()
        with self.assertRefused(ValidationError, "belong elsewhere"):
            self._log(self.client_alfa, contact_ids=[(6, 0, self.beta_contact.ids)])
        self.assertEqual(self._count(), before, "nothing half-saved")
        interaction = self._log(self.client_alfa)
        with self.assertRefused(ValidationError, "Bea Contact"):
            interaction.contact_ids = self.alfa_buyer | self.beta_contact
        self.assertFalse(interaction.contact_ids)

    def test_changing_client_keeps_participants_consistent(self):
        interaction = self._log(
            self.client_alfa, contact_ids=[(6, 0, self.alfa_buyer.ids)]
        )
        with self.assertRefused(ValidationError, "belong elsewhere"):
            interaction.partner_id = self.client_beta
        self.assertEqual(interaction.partner_id, self.client_alfa)

    def test_date_in_the_future_is_refused(self):
        with freeze_time("2026-06-15 12:00:00"):
            before = self._count()
            with self.assertRefused(ValidationError, "cannot be in the future"):
                self._log(self.client_alfa, date=datetime(2026, 6, 16, 12, 0))
            self.assertEqual(self._count(), before)
            # A few minutes of clock skew are tolerated, the past is fine.
            self._log(self.client_alfa, date=datetime(2026, 6, 15, 12, 3))
            past = self._log(self.client_alfa, date=datetime(2025, 1, 1))
            with self.assertRefused(ValidationError, "cannot be in the future"):
                past.date = fields.Datetime.now() + timedelta(days=2)

    def test_interaction_needs_a_client(self):
        before = self._count()
        with self.assertRefused(ValidationError, "always with a client"):
            self.env["relationship.interaction"].create({"name": "Nobody"})
        interaction = self._log(self.client_alfa)
        with self.assertRefused(ValidationError, "always with a client"):
            interaction.partner_id = False
        self.assertEqual(self._count(), before + 1)

    def test_batch_create_is_all_or_nothing(self):
        before = self._count()
        with self.assertRaises(ValidationError):
            self.env["relationship.interaction"].create(
                [
                    {"name": "Good", "partner_id": self.client_alfa.id},
                    {
                        "name": "Bad",
                        "partner_id": self.client_alfa.id,
                        "contact_ids": [(6, 0, self.beta_contact.ids)],
                    },
                ]
            )
        self.assertEqual(self._count(), before)

    def test_client_of_another_company_is_refused(self):
        before = self._count()
        with self.assertRefused(UserError, "(?s)Incompatible companies.*Gamma"):
            self._log(self.client_other, company_id=self.company.id)
        self.assertEqual(self._count(), before)

    def test_partner_buttons(self):
        self._log(self.client_alfa, contact_ids=[(6, 0, self.alfa_buyer.ids)])
        action = self.client_alfa.action_relationship_interactions()
        self.assertEqual(
            self.env["relationship.interaction"].search_count(action["domain"]), 1
        )
        action = self.alfa_engineer.action_relationship_interactions()
        self.assertEqual(
            self.env["relationship.interaction"].search_count(action["domain"]), 0
        )
        log = self.alfa_buyer.action_relationship_log_interaction()
        self.assertEqual(log["context"]["default_partner_id"], self.client_alfa.id)
        self.assertEqual(log["context"]["default_contact_ids"], self.alfa_buyer.ids)
