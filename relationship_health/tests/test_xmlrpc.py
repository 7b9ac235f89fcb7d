# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A salesperson handles a client's problem over the external API, as an
integrator would: the rules of the buttons hold there too, every error is
a user error, and every field reads."""

from xmlrpc.client import Fault

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestProblemOverXmlRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="rh_rpc_sales",
            name="Rita RPC",
            groups="sales_team.group_sale_salesman",
            email=False,
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "RPC Client S.A.", "is_company": True, "user_id": cls.user.id}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Carmen Contact", "parent_id": cls.client.id}
        )

    def _call(self, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.user.id,
            "rh_rpc_sales",
            model,
            method,
            list(args),
            kwargs,
        )

    def assertUserFault(self, regex, model, method, *args, **kwargs):
        """The call fails with a user error whose message matches ``regex``:
        never a traceback of a programming or database error."""
        with self.assertRaises(Fault) as caught:
            self._call(model, method, *args, **kwargs)
        fault = caught.exception
        # Odoo answers a user error (UserError, ValidationError) with code 2
        # and an AccessError with 4; anything else is code 1, a traceback.
        self.assertIn(fault.faultCode, (2, 4), fault.faultString)
        self.assertRegex(fault.faultString, regex)

    def test_a_problem_through_its_workflow(self):
        problem_id = self._call(
            "relationship.problem",
            "create",
            {"name": "Wrong invoice", "partner_id": self.contact.id},
        )
        problem = self.env["relationship.problem"].browse(problem_id)
        # The contact stands for its company and raised the problem.
        self.assertEqual(problem.partner_id, self.client)
        self.assertEqual(problem.contact_id, self.contact)
        # A state is not written: the fault names the buttons.
        self.assertUserFault(
            "We Answered, Resolve or Reopen",
            "relationship.problem",
            "write",
            [problem_id],
            {"state": "resolved"},
        )
        self._call("relationship.problem", "action_respond", [problem_id])
        self.assertUserFault(
            "say what went wrong",
            "relationship.problem",
            "action_resolve",
            [problem_id],
        )
        self._call(
            "relationship.problem",
            "write",
            [problem_id],
            {"root_cause": "A wrong price list", "assessment": "founded"},
        )
        self._call("relationship.problem", "action_resolve", [problem_id])
        [values] = self._call(
            "relationship.problem",
            "read",
            [problem_id],
            ["state", "first_response_date"],
        )
        self.assertEqual(values["state"], "resolved")
        self.assertTrue(values["first_response_date"])
        # Derived values and wrong input: user errors, nothing else.
        self.assertUserFault(
            "set by the application",
            "relationship.problem",
            "write",
            [problem_id],
            {"response_hours": 1},
        )
        self.assertUserFault(
            "given by its id",
            "relationship.problem",
            "create",
            {"name": "Text id", "partner_id": str(self.client.id)},
        )
        self.assertUserFault(
            "not a valid value",
            "relationship.problem",
            "write",
            [problem_id],
            {"reported_date": "2026-13-45 10:00:00"},
        )

    def test_every_field_reads(self):
        """Every field of ours reads over XML-RPC, the client's health
        breakdown included (a None inside it could not be sent)."""
        self.env["relationship.interaction"].create(
            {
                "name": "Call",
                "partner_id": self.client.id,
                "user_ids": [(6, 0, self.user.ids)],
            }
        )
        self.env["relationship.health.engine"]._recompute(self.client)
        breakdown = self.client.health_breakdown
        self.assertTrue(any(item["raw"] is None for item in breakdown))
        for model, ids in (
            ("res.partner", [self.client.id, self.contact.id]),
            ("relationship.health", self.client.health_ids.ids),
            ("relationship.interaction", self.client.relationship_interaction_ids.ids),
        ):
            with self.subTest(model=model):
                names = list(self._call(model, "fields_get", attributes=["type"]))
                records = self._call(model, "read", ids, names)
                self.assertEqual(len(records), len(ids))
        [partner] = self._call(
            "res.partner", "read", [self.client.id], ["health_breakdown"]
        )
        self.assertEqual(len(partner["health_breakdown"]), len(breakdown))

    def test_opportunity_from_an_interaction_over_xmlrpc(self):
        interaction = self._call(
            "relationship.interaction",
            "create",
            {"name": "Talk about next year", "partner_id": self.contact.id},
        )
        action = self._call(
            "relationship.interaction", "action_create_opportunity", [interaction]
        )
        [lead] = self._call(
            "crm.lead",
            "read",
            [action["res_id"]],
            ["partner_id", "user_id", "relationship_interaction_id", "type"],
        )
        self.assertEqual(lead["partner_id"][0], self.client.id)
        self.assertEqual(lead["user_id"][0], self.user.id)
        self.assertEqual(lead["relationship_interaction_id"][0], interaction)
        self.assertEqual(lead["type"], "opportunity")
        # The link is the button's: not written by hand.
        with self.assertRaisesRegex(Fault, "From Interaction"):
            self._call(
                "crm.lead",
                "write",
                [lead["id"]],
                {"relationship_interaction_id": False},
            )
