# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The key accounts list shows each client's open opportunities."""

from odoo.tests import tagged

from .common import KeyAccountCommon


@tagged("post_install", "-at_install")
class TestKeyAccountOpportunities(KeyAccountCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Shape._refresh(cls.client_alfa | cls.client_beta)
        cls.shapes = cls.env["key.account.shape"].search(
            [("partner_id", "in", (cls.client_alfa | cls.client_beta).ids)]
        )
        Lead = cls.env["crm.lead"]
        cls.lead_alfa, cls.lead_ana, cls.lead_won, cls.lead_lost, cls.lead_beta = (
            Lead.create(
                [
                    {
                        "name": name,
                        "type": "opportunity",
                        "partner_id": partner.id,
                        "user_id": user.id,
                        "expected_revenue": amount,
                    }
                    for name, partner, user, amount in (
                        ("Alfa line", cls.client_alfa, cls.user_sofia, 1000),
                        ("Ana's project", cls.alfa_buyer, cls.user_sofia, 250),
                        ("Alfa won", cls.client_alfa, cls.user_sofia, 9000),
                        ("Alfa lost", cls.client_alfa, cls.user_sofia, 7000),
                        ("Beta fleet", cls.client_beta, cls.user_tomas, 400),
                    )
                ]
            )
        )
        cls.lead_won.action_set_won()
        cls.lead_lost.action_set_lost()

    def _figures(self, user):
        shapes = self.shapes.with_user(user)
        shapes.invalidate_recordset()
        return {
            shape.partner_id: (
                shape.open_opportunity_count,
                shape.open_opportunity_amount,
            )
            for shape in shapes
        }

    def test_open_opportunities_per_client(self):
        # The client's own and its people's; neither won nor lost ones.
        figures = self._figures(self.user_manager)
        self.assertEqual(figures[self.client_alfa], (2, 1250.0))
        self.assertEqual(figures[self.client_beta], (1, 400.0))

    def _queries(self, shapes):
        shapes = shapes.with_user(self.user_manager)
        self.env.invalidate_all()
        shapes.mapped("partner_id")
        before = self.env.cr.sql_log_count
        shapes.mapped("open_opportunity_count")
        return self.env.cr.sql_log_count - before

    def test_a_list_is_counted_at_once(self):
        # As many queries for one client as for the whole list.
        one = self.shapes.filtered(lambda s: s.partner_id == self.client_alfa)
        self._queries(self.shapes)  # caches of the registry warmed up
        self.assertEqual(self._queries(one), self._queries(self.shapes))

    def test_salesperson_counts_what_they_may_read(self):
        # CRM shows a salesperson their own pipeline only.
        figures = self._figures(self.user_sofia)
        self.assertEqual(figures[self.client_alfa], (2, 1250.0))
        self.assertEqual(figures[self.client_beta], (0, 0.0))

    def test_button_opens_the_clients_open_pipeline(self):
        shape = self.shapes.filtered(lambda s: s.partner_id == self.client_alfa)
        action = shape.action_open_opportunities()
        leads = self.env["crm.lead"].search(action["domain"])
        self.assertEqual(leads, self.lead_alfa | self.lead_ana)
