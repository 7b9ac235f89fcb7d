# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo anyone can walk through: each demo user logs in with the
password README gives (the login; admin/admin), over the web login form and
over XML-RPC, and finds their own Monday in their activities, as README's
"The demo" tells it (care routines, key accounts and farewell together)."""

import re

from odoo.tests import HttpCase, get_db_name, tagged

# login: what the user finds among their activities on the morning after
# the install (README, "The demo").
MONDAYS = {
    "marta.ruiz": [
        "Thank-you call to Nubia Software S.A.",
        "Answer Nubia Software S.A.",
        "Thank Aceros Brisa S.L. for referring Fundiciones Norte",
        "Birthday of Iñaki Etxeberria",
        "3 years with Aceros Brisa S.L.",
        "Key contact left Nubia Software S.A.: Pablo Climent",
        "Personal note to Nubia Software S.A. after Valencia Digital Summit",
        "Tell Aceros Brisa S.L. what we did for them",
    ],
    "jorge.lago": [
        "Visit Transportes Albero S.L.",
        "Answer Transportes Albero S.L.",
        "Relationship health fell",
        "Tell Transportes Albero S.L. what we did for them",
    ],
    "elena.soto": [
        '"See you later"',
        "Hostal Miramar left: look after Hotel Miramar Playa",
    ],
    "admin": ["Late problem of Transportes Albero S.L., owned by Jorge Lago"],
}
PASSWORDS = {"admin": "admin"}


@tagged("post_install", "-at_install")
class TestDemoUsers(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref(
            "relationship_health.demo_user_marta", raise_if_not_found=False
        ):
            cls.skipTest(cls, "the database has no demo data")

    def _password(self, login):
        return PASSWORDS.get(login, login)

    def test_demo_users_log_in_over_xmlrpc(self):
        db = get_db_name()
        for login in MONDAYS:
            with self.subTest(login=login):
                user = self.env["res.users"].search([("login", "=", login)])
                uid = self.xmlrpc_common.authenticate(
                    db, login, self._password(login), {}
                )
                self.assertEqual(uid, user.id)
                self.assertFalse(
                    self.xmlrpc_common.authenticate(db, login, "not-the-password", {})
                )

    def test_demo_users_log_in_through_the_login_form(self):
        for login in MONDAYS:
            with self.subTest(login=login):
                self.authenticate(None, None)  # a fresh anonymous session
                page = self.url_open("/web/login")
                csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
                response = self.url_open(
                    "/web/login",
                    data={
                        "login": login,
                        "password": self._password(login),
                        "csrf_token": csrf,
                    },
                )
                self.assertNotIn("Wrong login/password", response.text)
                # A successful login redirects to the web client with a new
                # session: continue with it.
                sid = next(
                    step.cookies["session_id"]
                    for step in (*response.history, response)
                    if "session_id" in step.cookies
                )
                self.opener.cookies.clear()
                self.opener.cookies["session_id"] = sid
                info = self.make_jsonrpc_request("/web/session/get_session_info")
                self.assertEqual(info["username"], login)

    def test_each_demo_user_finds_their_monday(self):
        db = get_db_name()
        for login, expected in MONDAYS.items():
            with self.subTest(login=login):
                password = self._password(login)
                uid = self.xmlrpc_common.authenticate(db, login, password, {})
                activities = self.xmlrpc_object.execute_kw(
                    db,
                    uid,
                    password,
                    "mail.activity",
                    "search_read",
                    [[("user_id", "=", uid)]],
                    {"fields": ["summary"]},
                )
                summaries = "\n".join(a["summary"] or "" for a in activities)
                for text in expected:
                    self.assertIn(text, summaries)

    def test_given_and_asked_in_the_demo(self):
        """Aceros: we offer more than we ask; Albero: we only ask, and its
        health breakdown says so; Jorge reads it over XML-RPC."""
        db = get_db_name()
        password = self._password("jorge.lago")
        uid = self.xmlrpc_common.authenticate(db, "jorge.lago", password, {})
        clients = {
            "relationship_health.demo_partner_aceros": "giving",
            "relationship_health.demo_partner_albero": "only_asking",
        }
        for xmlid, balance in clients.items():
            with self.subTest(client=xmlid):
                (client,) = self.xmlrpc_object.execute_kw(
                    db,
                    uid,
                    password,
                    "res.partner",
                    "read",
                    [[self.env.ref(xmlid).id]],
                    {"fields": ["relationship_balance", "health_breakdown_html"]},
                )
                self.assertEqual(client["relationship_balance"], balance)
                self.assertEqual(
                    "offered nothing" in client["health_breakdown_html"],
                    balance == "only_asking",
                )
