# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The open door for prospects: a lost opportunity starts the "see you
later" protocol for prospects; a new opportunity won is a win-back."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import FarewellCommon


@tagged("post_install", "-at_install")
class TestProspectOpenDoor(FarewellCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lead = cls.env["crm.lead"]
        cls.prospect = cls.env["res.partner"].create(
            {
                "name": "Omega Hotels",
                "is_company": True,
                "user_id": cls.user_sofia.id,
                "company_id": cls.company.id,
            }
        )
        cls.prospect_contact = cls.env["res.partner"].create(
            {"name": "Olivia Omega", "parent_id": cls.prospect.id}
        )
        cls.lead = cls._lead(cls.prospect_contact, cls.user_sofia)
        cls.prospect_steps = cls.env["farewell.protocol.template"].search(
            [("kind", "=", "prospect")]
        )

    @classmethod
    def _lead(cls, partner, user, name="Linen for the season"):
        return cls.Lead.create(
            {
                "name": name,
                "type": "opportunity",
                "partner_id": partner.id if partner else False,
                "user_id": user.id,
                "expected_revenue": 5000,
            }
        )

    def _departures(self, partner=None):
        return self.Departure.search(
            [("partner_id", "=", (partner or self.prospect).id)]
        )

    def _open_door(self, lead=None, user=None):
        lead = (lead or self.lead).with_user(user or self.user_sofia)
        lead.action_set_lost()
        return lead.action_farewell_open_door()

    # ------------------------------------------------------------------
    # The door opens on a lost opportunity
    # ------------------------------------------------------------------
    def test_lost_opportunity_opens_the_door_to_the_prospect(self):
        self.assertTrue(self.prospect_steps, "the protocol for prospects ships")
        lead = self.lead.with_user(self.user_sofia)
        lead.action_set_lost()
        self.assertTrue(lead.farewell_can_open_door)
        action = lead.action_farewell_open_door()
        departure = self._departures()
        self.assertEqual(action["res_model"], "farewell.departure")
        self.assertEqual(action["res_id"], departure.id)
        self.assertEqual(departure.kind, "prospect")
        self.assertEqual(departure.lead_id, self.lead)
        self.assertEqual(departure.cause, "left")
        self.assertEqual(departure.door_state, "open")
        self.assertEqual(departure.outcome, "pending")
        self.assertEqual(departure.owner_id, self.user_sofia)
        self.assertEqual(departure.name, "See you later, Omega Hotels")
        # The steps for prospects, none of a client's.
        self.assertEqual(departure.step_ids.template_id, self.prospect_steps)
        self.assertEqual(
            sorted((s.due_date - date.today()).days for s in departure.step_ids),
            sorted(self.prospect_steps.mapped("offset_days")),
        )
        # A prospect is not a client in Dissolution, and nothing is watched.
        self.assertEqual(self.prospect.relationship_stage, "exploration")
        self.assertFalse(departure.watch_ids)
        lead.invalidate_recordset()
        self.assertEqual(lead.farewell_departure_ids, departure)
        self.assertFalse(lead.farewell_can_open_door)

    def test_lost_wizard_keeps_the_door_open(self):
        wizard = (
            self.env["crm.lead.lost"]
            .with_user(self.user_sofia)
            .create({"lead_ids": self.lead.ids, "farewell_open_door": True})
        )
        action = wizard.action_lost_reason_apply()
        departure = self._departures()
        self.assertFalse(self.lead.active)
        self.assertEqual(self.lead.probability, 0)
        self.assertEqual(action["res_id"], departure.id)
        self.assertEqual(departure.kind, "prospect")

    def test_lost_wizard_without_the_door(self):
        self.env["crm.lead.lost"].with_user(self.user_sofia).create(
            {"lead_ids": self.lead.ids}
        ).action_lost_reason_apply()
        self.assertFalse(self.lead.active)
        self.assertFalse(self._departures())

    def test_prospect_nobody_looks_after_gets_an_owner(self):
        stranger = self.env["res.partner"].create(
            {"name": "Nobody's Prospect", "is_company": True}
        )
        lead = self._lead(stranger, self.user_sofia)
        self._open_door(lead)
        self.assertEqual(stranger.relationship_owner_id, self.user_sofia)
        self.assertEqual(self._departures(stranger).owner_id, self.user_sofia)

    # ------------------------------------------------------------------
    # What is refused, saving nothing
    # ------------------------------------------------------------------
    def test_only_a_lost_opportunity(self):
        with self.assertRefused(UserError, "is not lost"):
            self.lead.with_user(self.user_sofia).action_farewell_open_door()
        self.assertFalse(self._departures())

    def test_only_an_opportunity_with_a_customer(self):
        lead = self._lead(False, self.user_sofia)
        with self.assertRefused(UserError, "has no customer"):
            self._open_door(lead)

    def test_not_for_a_client(self):
        self.client_alfa.relationship_stage = "commitment"
        lead = self._lead(self.client_alfa, self.user_sofia)
        with self.assertRefused(UserError, "already a client"):
            self._open_door(lead)
        self.assertFalse(self._departures(self.client_alfa))
        self.assertEqual(self.client_alfa.relationship_stage, "commitment")

    def test_not_for_a_customer_who_won_before(self):
        earlier = self._lead(self.prospect, self.user_sofia, name="Earlier deal")
        earlier.action_set_won()
        with self.assertRefused(UserError, "already a client"):
            self._open_door()
        self.assertFalse(self._departures())

    def test_one_open_protocol_per_prospect(self):
        self._open_door()
        second = self._lead(self.prospect, self.user_sofia, name="Second try")
        with self.assertRefused(ValidationError, "already open"):
            self._open_door(second)
        self.assertEqual(len(self._departures()), 1)
        # The same prospect twice in one go: one door.
        third = self._lead(self.prospect_contact, self.user_sofia, name="Third")
        self._departures().action_not_recovered()
        (second | third).action_set_lost()
        departures = (second | third).with_user(self.user_sofia)._farewell_open_door()
        self.assertEqual(len(departures), 1)

    def test_prospect_departure_only_from_a_lost_opportunity(self):
        # Over the API too: "kind" and the lost opportunity are the button's.
        with self.assertRefused(UserError, "For is set by the application"):
            self.Departure.with_user(self.user_sofia).create(
                {"partner_id": self.prospect.id, "kind": "prospect"}
            )
        with self.assertRefused(UserError, "Lost Opportunity is set by the"):
            self.Departure.with_user(self.user_sofia).create(
                {"partner_id": self.prospect.id, "lead_id": self.lead.id}
            )
        self.assertFalse(self._departures())

    # ------------------------------------------------------------------
    # Access and companies
    # ------------------------------------------------------------------
    def test_other_salesperson_cannot_open_the_door_of_my_prospect(self):
        self.lead.action_set_lost()
        # Tomás does not even see Sofía's opportunity.
        with self.assertRefused(AccessError, ""):
            self.lead.with_user(self.user_tomas).action_farewell_open_door()
        # His own opportunity for her prospect: the prospect is hers.
        lead = self._lead(self.prospect, self.user_tomas, name="Tomás's try")
        with self.assertRefused(AccessError, "looked after by"):
            self._open_door(lead, self.user_tomas)
        self.assertFalse(self._departures())

    def test_manager_opens_the_door_of_any_prospect(self):
        self._open_door(user=self.user_manager)
        self.assertEqual(self._departures().owner_id, self.user_sofia)

    def test_other_company_cannot_open_the_door(self):
        self.lead.action_set_lost()
        with self.assertRefused(AccessError, ""):
            self.lead.with_user(self.user_other_company).action_farewell_open_door()
        self.assertFalse(self._departures())

    def test_other_companys_prospect_stays_there(self):
        prospect = self.env["res.partner"].create(
            {
                "name": "Other Co Prospect",
                "is_company": True,
                "company_id": self.other_company.id,
                "user_id": self.user_other_company.id,
            }
        )
        lead = self.Lead.with_user(self.user_other_company).create(
            {"name": "Their deal", "type": "opportunity", "partner_id": prospect.id}
        )
        self._open_door(lead, self.user_other_company)
        departure = self._departures(prospect)
        self.assertEqual(departure.company_id, self.other_company)
        with self.assertRaises(AccessError):
            departure.with_user(self.user_sofia).read(["name"])

    # ------------------------------------------------------------------
    # The prospect closes the door; a new opportunity won is a win-back
    # ------------------------------------------------------------------
    def test_prospect_closes_the_door(self):
        self._open_door()
        departure = self._departures().with_user(self.user_sofia)
        departure.door_request_note = "Asked by phone not to be called again"
        departure.action_close_door()
        self.assertEqual(departure.door_state, "closed")
        self.assertEqual(set(departure.step_ids.mapped("state")), {"cancelled"})
        self.assertTrue(self.prospect.with_user(self.user_sofia).farewell_door_closed)

    def test_new_opportunity_won_is_a_win_back(self):
        self._open_door()
        departure = self._departures()
        again = self._lead(self.prospect_contact, self.user_sofia, name="Second")
        again.with_user(self.user_sofia).action_set_won()
        self.assertEqual(departure.outcome, "recovered")
        self.assertEqual(departure.recovered_date, date.today())
        self.assertEqual(set(departure.step_ids.mapped("state")), {"cancelled"})
        self.assertEqual(self.prospect.relationship_stage, "exploration")
        # Counted with the win-backs of the reports.
        winbacks = self.Departure.search_count(
            [("outcome", "=", "recovered"), ("kind", "=", "prospect")]
        )
        self.assertEqual(winbacks, 1)
        self.assertIn("Won back", departure.message_ids[:1].body)

    def test_won_opportunity_of_a_client_changes_no_departure(self):
        departure = self.Departure.create({"partner_id": self.client_alfa.id})
        self._lead(self.client_alfa, self.user_sofia).action_set_won()
        self.assertEqual(departure.outcome, "pending")
