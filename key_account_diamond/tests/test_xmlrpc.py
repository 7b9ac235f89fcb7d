# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A salesperson maps a client over Odoo's external API (XML-RPC), the path
of integrations and imports: every field of the map is readable there, and
the rules hold there too."""

import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.base.controllers.rpc import (
    RPC_FAULT_CODE_ACCESS_ERROR,
    RPC_FAULT_CODE_WARNING,
)


@tagged("post_install", "-at_install")
class TestMapOverXmlRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        salesman = "sales_team.group_sale_salesman"
        cls.sara = new_test_user(
            cls.env, login="kad_rpc_sara", name="Sara Seller", groups=salesman
        )
        cls.carl = new_test_user(
            cls.env, login="kad_rpc_carl", name="Carl Colleague", groups=salesman
        )
        cls.olga = new_test_user(
            cls.env, login="kad_rpc_olga", name="Olga Outsider", groups=salesman
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "RPC Client S.A.", "is_company": True, "user_id": cls.sara.id}
        )
        cls.buyer = cls.env["res.partner"].create(
            {
                "name": "Bruno Buyer",
                "parent_id": cls.client.id,
                "stakeholder_function_id": cls.env.ref(
                    "key_account_diamond.function_purchasing"
                ).id,
            }
        )

    def _call(self, user, model, method, *args, **kwargs):
        """``method`` of ``model`` called by ``user`` (password = login)."""
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def _fields(self, user, model):
        return list(self._call(user, model, "fields_get", attributes=["type"]))

    def _no_none(self, value, path="value"):
        """XML-RPC cannot send None: reading a value that holds one fails
        before the client gets it. Check what came is None-free."""
        self.assertIsNotNone(value, path)
        if isinstance(value, dict):
            for key, item in value.items():
                self._no_none(item, f"{path}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._no_none(item, f"{path}[{index}]")

    @mute_logger("odoo.http", "odoo.addons.base.controllers.rpc")
    def test_salesperson_maps_a_client_over_xmlrpc(self):
        sara, client = self.sara, self.client
        technical = self.env.ref("key_account_diamond.function_technical").id
        member_id = self._call(
            sara,
            "key.account.team.member",
            "create",
            {
                "partner_id": client.id,
                "user_id": self.carl.id,
                "function_id": technical,
            },
        )
        thread_id = self._call(
            sara,
            "key.account.thread",
            "create",
            {"partner_id": client.id, "user_id": sara.id, "contact_id": self.buyer.id},
        )
        self.assertIs(
            self._call(sara, "res.partner", "action_kad_refresh", [client.id]), True
        )

        # Every field of the client's map reads over XML-RPC.
        kad_fields = [
            name
            for name in self._fields(sara, "res.partner")
            if name.startswith(("kad_", "stakeholder_")) or name == "reports_to_id"
        ]
        [values] = self._call(sara, "res.partner", "read", [client.id], kad_fields)
        self._no_none(values, "res.partner")
        self.assertEqual(values["kad_shape"], "bow_tie")
        self.assertEqual(values["kad_live_threads"], 1)
        self.assertEqual(values["kad_team_member_ids"], [member_id])
        self.assertEqual(values["kad_thread_ids"], [thread_id])
        self.assertIn("declared by hand: 1", values["kad_shape_reason"])
        map_data = values["kad_map_data"]
        self.assertEqual(
            {person["name"] for person in map_data["ours"]},
            {"Sara Seller", "Carl Colleague"},
        )
        self.assertEqual(
            map_data["theirs"],
            [
                {
                    "id": self.buyer.id,
                    "name": "Bruno Buyer",
                    "function": "Purchasing",
                    "role": "",
                    "left": False,
                }
            ],
        )
        self.assertEqual(
            map_data["threads"],
            [
                {
                    "user": sara.id,
                    "contact": self.buyer.id,
                    "strength": "weak",
                    "count": 0,
                }
            ],
        )
        [shape] = self._call(
            sara,
            "key.account.shape",
            "search_read",
            [("partner_id", "=", client.id)],
            fields=self._fields(sara, "key.account.shape"),
        )
        self._no_none(shape, "key.account.shape")
        self.assertEqual(shape["shape"], "bow_tie")
        self.assertEqual(shape["map_data"], map_data)
        for model, record_id in (
            ("key.account.thread", thread_id),
            ("key.account.team.member", member_id),
        ):
            [record] = self._call(
                sara, model, "read", [record_id], self._fields(sara, model)
            )
            self._no_none(record, model)
        [contact] = self._call(sara, "res.partner", "read", [self.buyer.id], kad_fields)
        self._no_none(contact, "contact")

        # The shape is the refresh's, over XML-RPC too.
        with self.assertRaises(xmlrpc.client.Fault) as refused:
            self._call(
                sara, "res.partner", "write", [client.id], {"kad_shape": "diamond"}
            )
        self.assertEqual(refused.exception.faultCode, RPC_FAULT_CODE_WARNING)
        self.assertIn("Refresh", refused.exception.faultString)
        # Olga neither owns the client nor is on its team: she draws nothing.
        with self.assertRaises(xmlrpc.client.Fault) as refused:
            self._call(
                self.olga,
                "key.account.thread",
                "create",
                {
                    "partner_id": client.id,
                    "user_id": self.olga.id,
                    "contact_id": self.buyer.id,
                },
            )
        self.assertEqual(refused.exception.faultCode, RPC_FAULT_CODE_ACCESS_ERROR)
        self.env.invalidate_all()
        self.assertEqual(client.kad_shape, "bow_tie")
        self.assertEqual(client.kad_thread_ids.ids, [thread_id])
