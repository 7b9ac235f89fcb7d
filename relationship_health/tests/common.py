# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from contextlib import contextmanager
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class RelationshipCommon(TransactionCase):
    """One fixture set for the relationship tests.

    Two companies; in the main one a sales manager, two salespeople
    (Sofía owns Alfa, Tomás owns Beta) and a plain employee; in the other
    company a salesperson who must never see the main company's data.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                no_reset_password=True,
            )
        )
        cls.company = cls.env.company
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        salesman = "sales_team.group_sale_salesman"
        cls.user_sofia = new_test_user(
            cls.env, login="rh_sofia", name="Sofía Salesperson", groups=salesman
        )
        cls.user_tomas = new_test_user(
            cls.env, login="rh_tomas", name="Tomás Salesperson", groups=salesman
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="rh_manager",
            name="Mara Manager",
            groups="sales_team.group_sale_manager",
        )
        cls.user_employee = new_test_user(
            cls.env, login="rh_employee", name="Eli Employee", groups="base.group_user"
        )
        cls.user_other_company = new_test_user(
            cls.env,
            login="rh_other",
            name="Otto Other",
            groups=salesman,
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )
        Partner = cls.env["res.partner"]
        cls.client_alfa = Partner.create(
            {
                "name": "Alfa Industrial",
                "is_company": True,
                "user_id": cls.user_sofia.id,
                "relationship_type": "long_term",
                "company_id": cls.company.id,
            }
        )
        cls.alfa_buyer, cls.alfa_engineer = Partner.create(
            [
                {"name": "Ana Buyer", "parent_id": cls.client_alfa.id},
                {"name": "Luis Engineer", "parent_id": cls.client_alfa.id},
            ]
        )
        cls.client_beta = Partner.create(
            {
                "name": "Beta Logistics",
                "is_company": True,
                "user_id": cls.user_tomas.id,
                "company_id": cls.company.id,
            }
        )
        cls.beta_contact = Partner.create(
            {"name": "Bea Contact", "parent_id": cls.client_beta.id}
        )
        cls.client_other = Partner.create(
            {
                "name": "Gamma of the other company",
                "is_company": True,
                "company_id": cls.other_company.id,
            }
        )

    @classmethod
    def _log(cls, client, **values):
        """Create an interaction with ``client`` as superuser."""
        vals = {"name": "Talk", "partner_id": client.id}
        vals.update(values)
        return cls.env["relationship.interaction"].create(vals)

    @classmethod
    def _set_health(cls, clients, **values):
        """Give ``clients`` a stored health, as if the engine had computed it:
        ``values`` of relationship.health, the breakdown as the client reads
        it (a list of dicts)."""
        Health = cls.env["relationship.health"]
        if "breakdown" in values:
            values["breakdown"] = json.dumps(
                [Health._breakdown_line(item) for item in values["breakdown"]]
            )
        for client in clients:
            health = Health.search([("partner_id", "=", client.id)])
            if health:
                health.write(values)
            else:
                Health.create({"partner_id": client.id, **values})

    @contextmanager
    def assertRefused(self, exception, regex):
        """The operation fails with ``exception`` matching ``regex`` and, as
        in a real request, everything it wrote is rolled back."""
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield


class CareCommon(RelationshipCommon):
    """The relationship fixtures, plus care rules owned by the tests (the
    shipped ones are archived) and a fixed "now".

    Alfa (Sofía's, long-term) and Beta (Tomás's) follow the default rule:
    contact every 30 days, visit every 90, thank-you call 2 days after a
    deal, birthdays and anniversaries 7 days ahead, referrals thanked within
    5 days. Their relationships started on 5 January 2026.
    """

    NOW = datetime(2026, 6, 30, 12, 0)
    START = datetime(2026, 1, 5, 9, 0)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Reminder = cls.env["relationship.care.reminder"]
        cls.Planner = cls.env["relationship.care.planner"]
        cls.Rule = cls.env["relationship.cadence.rule"]
        cls.Rule.search([]).active = False
        cls.rule = cls.Rule.create(
            {
                "name": "Test default",
                "contact_days": 30,
                "visit_days": 90,
                "thanks_days": 2,
                "occasion_days_ahead": 7,
                "referral_days": 5,
            }
        )
        (cls.client_alfa | cls.client_beta).relationship_stage_date = cls.START

    def _talk(self, client, when, **values):
        """An interaction with ``client`` at ``when`` (a datetime)."""
        values.setdefault("user_ids", [(6, 0, client.relationship_owner_id.ids)])
        return self._log(client, date=when, **values)

    def _plan(self, when=None):
        when = when or self.NOW
        with freeze_time(when):
            return self.Planner._plan_all(when)

    def _reminders(self, client, kind=None, state="open"):
        domain = [("partner_id", "=", client.id)]
        if kind:
            domain.append(("kind", "=", kind))
        if state:
            domain.append(("state", "=", state))
        return self.Reminder.search(domain)


class MoneyMixin:
    """Customer invoices for the tests of the money readings (Invoicing is
    installed in every test database; our add-ons do not depend on it)."""

    @classmethod
    def _money_setup(cls):
        """A chart of accounts (hence a sales journal) in both companies."""
        Chart = cls.env["account.chart.template"]
        for company in (cls.company, cls.other_company):
            if not cls.env["account.journal"].search(
                [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
            ):
                Chart.try_loading("generic_coa", company, install_demo=False)

    @classmethod
    def _invoice(
        cls,
        client,
        day,
        amount,
        move_type="out_invoice",
        post=True,
        company=None,
        due=None,
        product=None,
    ):
        """A customer invoice (or credit note) of ``amount`` untaxed to
        ``client`` dated ``day`` (a date), due on ``due`` (default: that
        day), posted unless ``post`` is False."""
        company = company or cls.company
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": client.id,
                    "invoice_date": day,
                    "invoice_date_due": due or day,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Services",
                                "product_id": product.id if product else False,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _pay(cls, invoices):
        """Register the full payment of ``invoices``."""
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoices.ids
        ).create({"group_payment": False})._create_payments()
