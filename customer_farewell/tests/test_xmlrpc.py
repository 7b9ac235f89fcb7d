# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import xmlrpc.client
from datetime import date, timedelta

from odoo.tests import HttpCase, tagged

from .common import CHECKLIST, FarewellCommon


@tagged("post_install", "-at_install")
class TestFarewellOverXmlrpc(HttpCase, FarewellCommon):
    """The farewell workflow driven as an integrator would: over Odoo's
    external API (XML-RPC), the same path as imports and other systems."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The deciding manager has no email address.
        cls.user_manager.partner_id.email = False

    def _call(self, user, model, method, *args, **kwargs):
        password = user.login + "x" * (8 - len(user.login))
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, password, model, method, list(args), kwargs
        )

    def assertFault(self, regex, user, model, method, *args):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._call(user, model, method, *args)
        self.assertRegex(caught.exception.faultString, regex)

    def test_let_the_client_go_over_xmlrpc(self):
        sofia, manager = self.user_sofia, self.user_manager
        Assessment = "farewell.assessment"
        # The salesperson opens the assessment, gathers the evidence, fills
        # the checklist and asks for a decision.
        assessment_id = self._call(
            sofia, Assessment, "create", {"partner_id": self.client_alfa.id}
        )
        self._call(sofia, Assessment, "action_review", [assessment_id])
        self._call(
            sofia,
            Assessment,
            "write",
            [assessment_id],
            {
                **dict.fromkeys(CHECKLIST, True),
                "transition_date": str(date.today() + timedelta(days=30)),
            },
        )
        self._call(sofia, Assessment, "action_submit", [assessment_id])
        # She does not decide, nor writes the decision.
        self.assertFault(
            "Only a manager", sofia, Assessment, "action_let_go", [assessment_id]
        )
        self.assertFault(
            "Keep the Client or Let the Client Go",
            sofia,
            Assessment,
            "write",
            [assessment_id],
            {"decision": "let_go"},
        )
        # The manager, without an email address, lets the client go.
        self._call(manager, Assessment, "action_let_go", [assessment_id])
        [assessment] = self._call(
            sofia,
            Assessment,
            "read",
            [assessment_id],
            ["state", "decision", "departure_id"],
        )
        self.assertEqual(assessment["state"], "closed")
        self.assertEqual(assessment["decision"], "let_go")
        departure_id = assessment["departure_id"][0]

        # States are changed by their buttons only: the fault says which.
        for user, model, record_id, values, button in (
            (sofia, Assessment, assessment_id, {"state": "draft"}, "Back to Draft"),
            (
                manager,
                Assessment,
                assessment_id,
                {"decision": "keep"},
                "Keep the Client",
            ),
            (
                sofia,
                "farewell.departure",
                departure_id,
                {"door_state": "closed"},
                "Close the Door",
            ),
            (
                sofia,
                "farewell.departure",
                departure_id,
                {"outcome": "recovered"},
                "Client Recovered",
            ),
        ):
            with self.subTest(model=model, values=values):
                self.assertFault(button, user, model, "write", [record_id], values)
        [departure] = self._call(
            sofia,
            "farewell.departure",
            "read",
            [departure_id],
            ["door_state", "outcome"],
        )
        self.assertEqual(
            departure, {"id": departure_id, "door_state": "open", "outcome": "pending"}
        )

        # Every field of both reads over XML-RPC, for both.
        for user in (sofia, manager):
            for model, record_id in (
                (Assessment, assessment_id),
                ("farewell.departure", departure_id),
            ):
                with self.subTest(user=user.login, model=model):
                    [values] = self._call(user, model, "read", [record_id])
                    fields = self.env[model]._fields
                    readable = {
                        name
                        for name, field in fields.items()
                        if not field.groups or user.has_groups(field.groups)
                    }
                    self.assertEqual(set(values), readable)
        # And every field of its protocol steps.
        step_ids = (
            self.env["farewell.protocol.step"]
            .search([("departure_id", "=", departure_id)])
            .ids
        )
        self.assertEqual(len(step_ids), 4)
        steps = self._call(sofia, "farewell.protocol.step", "read", step_ids)
        self.assertEqual({step["state"] for step in steps}, {"planned"})
        # The letter left, written by the manager.
        letter = self.client_alfa.message_ids.filtered(
            lambda m: "see you later" in (m.body or "")
        )
        self.assertEqual(letter.author_id, manager.partner_id)

    def test_open_door_for_a_prospect_over_xmlrpc(self):
        sofia = self.user_sofia
        prospect = self.env["res.partner"].create(
            {"name": "Prospect over RPC", "is_company": True, "user_id": sofia.id}
        )
        lead_id = self._call(
            sofia,
            "crm.lead",
            "create",
            {"name": "RPC deal", "type": "opportunity", "partner_id": prospect.id},
        )
        # Not lost yet: refused.
        self.assertFault(
            "is not lost", sofia, "crm.lead", "action_farewell_open_door", [lead_id]
        )
        # Nor can a prospect's departure be written directly.
        self.assertFault(
            "For is set by the application",
            sofia,
            "farewell.departure",
            "create",
            {"partner_id": prospect.id, "kind": "prospect"},
        )
        # Marked lost with the door kept open, in one step (the lost dialog).
        wizard = self._call(
            sofia,
            "crm.lead.lost",
            "create",
            {"lead_ids": [[6, 0, [lead_id]]], "farewell_open_door": True},
        )
        action = self._call(
            sofia, "crm.lead.lost", "action_lost_reason_apply", [wizard]
        )
        [departure] = self._call(
            sofia,
            "farewell.departure",
            "read",
            [action["res_id"]],
            ["kind", "partner_id", "lead_id", "outcome"],
        )
        self.assertEqual(departure["kind"], "prospect")
        self.assertEqual(departure["partner_id"][0], prospect.id)
        self.assertEqual(departure["lead_id"][0], lead_id)
        # A new opportunity won later: a win-back.
        again = self._call(
            sofia,
            "crm.lead",
            "create",
            {
                "name": "RPC deal, again",
                "type": "opportunity",
                "partner_id": prospect.id,
            },
        )
        self._call(sofia, "crm.lead", "action_set_won", [again])
        [departure] = self._call(
            sofia, "farewell.departure", "read", [action["res_id"]], ["outcome"]
        )
        self.assertEqual(departure["outcome"], "recovered")
