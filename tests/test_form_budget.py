# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client's form, the screen salespeople open most, has a query budget
with the three add-ons installed: read as the web client reads it (the
form's full field specification, sub-lists included), on a client with a
history (contacts, interactions, a health, care planned, threads and a
shape, a problem, a gesture, a departure of a contact's company).

``make bench-night`` compares the same read with a database without our
add-ons (the "working day"); this keeps its count from growing unseen.
"""

import importlib.util
from datetime import timedelta
from pathlib import Path

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user, tagged

_spec = importlib.util.spec_from_file_location(
    "working_day", Path(__file__).parent / "benchmarks" / "working_day.py"
)
working_day = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(working_day)

# Queries of the client's form, warm, with the three add-ons: Odoo's own
# (the partner's row, its tags, contacts, users, opportunities and
# meetings counts...) and ours (the summary of every add-on in one query,
# the health, the stage timeline, the shape and the stakeholder map, the
# suggested gestures). Measured; lower it when it goes down. Every test
# database has Sales and Invoicing: their fields and smart buttons on the
# form (sales, invoiced, credit...) add 5 of Odoo's own (39 without them).
FORM_QUERIES = 44


@tagged("post_install", "-at_install")
class TestClientFormBudget(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.salesperson = new_test_user(
            env,
            login="rh_budget_sales",
            groups="sales_team.group_sale_salesman",
            tz="Europe/Madrid",
        )
        colleague = new_test_user(
            env, login="rh_budget_colleague", groups="sales_team.group_sale_salesman"
        )
        Partner = env["res.partner"]
        cls.client = Partner.create(
            {
                "name": "Budget Client S.A.",
                "is_company": True,
                "user_id": cls.salesperson.id,
                "relationship_type": "long_term",
            }
        )
        contacts = Partner.create(
            [
                {"name": f"Budget Contact {i}", "parent_id": cls.client.id}
                for i in range(3)
            ]
        )
        now = fields.Datetime.now()
        env["relationship.interaction"].create(
            [
                {
                    "name": f"Talk {i}",
                    "partner_id": cls.client.id,
                    "date": now - timedelta(days=7 * i),
                    "depth": "strategic" if i % 2 else "operational",
                    "contact_ids": [Command.set(contacts[i % 3].ids)],
                    "user_ids": [Command.set((cls.salesperson | colleague)[i % 2].ids)],
                }
                for i in range(8)
            ]
        )
        env["relationship.problem"].create(
            {"name": "Late delivery", "partner_id": cls.client.id}
        )
        gesture = env["relationship.gesture"].search([], limit=1)
        if gesture:
            env["relationship.gesture.log"].create(
                {"partner_id": cls.client.id, "gesture_id": gesture.id}
            )
        env["key.account.shape.engine"]._refresh_all()
        env["relationship.health.engine"]._recompute_all()
        env["relationship.care.planner"]._plan_all()

    def test_the_client_form_stays_within_its_query_budget(self):
        env = self.env(
            user=self.salesperson, context={"lang": "en_US", "tz": "Europe/Madrid"}
        )
        Partner = env["res.partner"]
        spec = working_day.view_spec(Partner, "form")
        client = Partner.browse(self.client.id)
        self.assertIn("health_score", spec)
        self.assertIn("kad_map_data", spec)
        self.assertIn("farewell_door_closed", spec)
        for _warm in range(2):  # a server that has shown one form
            env.invalidate_all()
            client.web_read(spec)
        env.invalidate_all()
        with self.assertQueryCount(FORM_QUERIES):
            values = client.web_read(spec)[0]
        self.assertEqual(values["relationship_interaction_count"], 8)
        self.assertEqual(values["relationship_problem_count"], 1)
        self.assertTrue(values["health_score"])
