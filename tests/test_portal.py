# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What we think of a client is never shown to the client.

A client's employee with a portal login, and the public user, over the
real external API: none of the fields our three add-ons add is listed to
them or readable by them, on their own contact, their company or a
colleague, whatever we know of that client (a health, a shape,
stakeholder data, an open assessment, a departure); and none of our
messages reaches the portal chatter of their documents."""

from xmlrpc.client import Fault

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.relationship_health.models.relationship_rules_mixin import (
    OUR_MODULES,
)

# The fault code of an AccessError over XML-RPC (odoo.addons.base.controllers.rpc).
ACCESS_ERROR = 4
# Models a portal or public user may read something of, with fields of ours.
EXPOSED_MODELS = (
    "res.partner",
    "res.company",
    "res.users",
    "crm.lead",
    "calendar.event",
    "mail.activity",
    "mail.activity.type",
    "mail.message",
)


@tagged("post_install", "-at_install")
class TestNothingOfOursForClients(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        salesperson = new_test_user(
            env, login="rh_portal_owner", groups="sales_team.group_sale_manager"
        )
        cls.client = env["res.partner"].create(
            {
                "name": "Watched Client S.A.",
                "is_company": True,
                "user_id": salesperson.id,
                "relationship_type": "long_term",
            }
        )
        cls.colleague = env["res.partner"].create(
            {
                "name": "Colleague of the portal user",
                "parent_id": cls.client.id,
                "email": "colleague@client.example.com",
            }
        )
        cls.portal = new_test_user(
            env,
            login="rh_portal_client",
            name="Pia Portal",
            groups="base.group_portal",
            email="pia@client.example.com",
        )
        cls.portal.partner_id.parent_id = cls.client
        # What we know of this client: interactions, a health, a problem...
        env["relationship.interaction"].create(
            {
                "name": "Only operations",
                "partner_id": cls.client.id,
                "user_ids": [Command.set(salesperson.ids)],
                "contact_ids": [Command.set(cls.colleague.ids)],
                "date": fields.Datetime.now(),
            }
        )
        env["relationship.problem"].create(
            {"name": "Late again", "partner_id": cls.client.id}
        )
        env["relationship.health.engine"]._recompute(cls.client)
        cls.client.message_post(body="Internal: they only talk about price.")
        # ...a shape and stakeholder data...
        if "key.account.shape.engine" in env:
            cls.colleague.write(
                {"stakeholder_influence": "high", "stakeholder_attitude": "skeptic"}
            )
            env["key.account.shape.engine"]._refresh(cls.client)
        # ...an open assessment and a departure.
        if "farewell.assessment" in env:
            env["farewell.assessment"].with_user(salesperson).create(
                {"partner_id": cls.client.id}
            )
            env["farewell.departure"].create({"partner_id": cls.client.id})
        cls.ours = {
            model: [
                name
                for name, field in env[model]._fields.items()
                if (field._module or "") in OUR_MODULES
            ]
            for model in EXPOSED_MODELS
            if model in env
        }
        cls.assertTrue(cls, cls.ours["res.partner"])

    def _call(self, login, password, model, method, *args, **kwargs):
        if not hasattr(self, "_uids"):
            self._uids = {}
        if login not in self._uids:
            self._uids[login] = self.xmlrpc_common.authenticate(
                self.env.cr.dbname, login, password, {}
            )
        uid = self._uids[login]
        self.assertTrue(uid, f"{login} cannot log in")
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, password, model, method, list(args), kwargs
        )

    def test_portal_user_reads_nothing_of_ours(self):
        people = {
            "own contact": self.portal.partner_id,
            "company": self.client,
            "colleague": self.colleague,
        }
        for model, names in self.ours.items():
            if not names:
                continue
            with self.subTest(model=model, check="fields_get"):
                try:
                    listed = self._call(
                        "rh_portal_client", "rh_portal_client", model, "fields_get"
                    )
                except Fault as fault:
                    self.assertEqual(fault.faultCode, ACCESS_ERROR, fault.faultString)
                    continue
                self.assertFalse(set(listed) & set(names), f"{model} lists ours")
        for who, partner in people.items():
            for name in self.ours["res.partner"]:
                with self.subTest(partner=who, field=name):
                    with self.assertRaises(Fault) as caught:
                        self._call(
                            "rh_portal_client",
                            "rh_portal_client",
                            "res.partner",
                            "read",
                            partner.ids,
                            [name],
                        )
                    self.assertEqual(caught.exception.faultCode, ACCESS_ERROR)
        for name in self.ours.get("res.company", []):
            with (
                self.subTest(model="res.company", field=name),
                self.assertRaises(Fault),
            ):
                self._call(
                    "rh_portal_client",
                    "rh_portal_client",
                    "res.company",
                    "read",
                    self.env.company.ids,
                    [name],
                )

    def test_portal_user_sees_none_of_our_messages(self):
        """The messages a client's people can read (their own documents'
        and their company's) are never ours: tracked stage, band or shape
        changes and our notes are internal."""
        self.client.write({"relationship_stage": "expansion"})
        domain = [("model", "=", "res.partner"), ("res_id", "=", self.client.id)]
        ours = self.env["mail.message"].search(domain)
        self.assertTrue(ours, "the client's chatter has our messages")
        # Internal as the portal reads it: an internal message or subtype.
        self.assertTrue(
            all(m.is_internal or m.subtype_id.internal for m in ours),
            [(m.message_type, m.subtype_id.name, m.body) for m in ours],
        )
        readable = self._call(
            "rh_portal_client",
            "rh_portal_client",
            "mail.message",
            "search_read",
            domain,
            ["body"],
        )
        self.assertFalse(readable)

    def test_public_user_reads_nothing_of_ours(self):
        public = self.env.ref("base.public_user")
        Partner = self.env["res.partner"].with_user(public)
        listed = Partner.fields_get()
        self.assertFalse(set(listed) & set(self.ours["res.partner"]))
        for name in self.ours["res.partner"]:
            with self.subTest(field=name):
                self.assertFalse(
                    Partner._fields[name].is_accessible(Partner.env),
                    f"the public user may read {name}",
                )

    def test_portal_user_cannot_read_satisfaction_requests(self):
        """The client's people answer on the public page; what we record of
        their answer (the request, its chatter) is ours."""
        request = self.env["relationship.satisfaction.request"].create(
            {"partner_id": self.client.id, "contact_id": self.portal.partner_id.id}
        )
        with self.assertRaises(Fault) as caught:
            self._call(
                "rh_portal_client",
                "rh_portal_client",
                "relationship.satisfaction.request",
                "search_read",
                [],
                ["state"],
            )
        self.assertEqual(caught.exception.faultCode, ACCESS_ERROR)
        self.assertTrue(request.sudo().message_ids)
        readable = self._call(
            "rh_portal_client",
            "rh_portal_client",
            "mail.message",
            "search_read",
            [
                ("model", "=", "relationship.satisfaction.request"),
                ("res_id", "=", request.id),
            ],
            ["body"],
        )
        self.assertFalse(readable)

    def test_public_rating_page_shows_nothing_internal(self):
        request = self.env["relationship.satisfaction.request"].create(
            {"partner_id": self.client.id, "contact_id": self.colleague.id}
        )
        token = request.sudo().rating_ids.access_token
        page = self.url_open(f"/rate/{token}/5")
        self.assertEqual(page.status_code, 200)
        self.assertIn("submit_feedback", page.text)
        for internal in (
            "Late again",
            "Only operations",
            "they only talk about price",
            self.client.health_band or "at_risk",
            "Health",
        ):
            self.assertNotIn(internal, page.text)
