# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.relationship_health.tests.common import RelationshipCommon
from odoo.addons.relationship_health.tests.rules_common import RulesCaseMixin

NOW = datetime(2026, 6, 30, 12, 0)


class KeyAccountCommon(RelationshipCommon):
    """Relationship fixtures plus functions on both sides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.f_purchasing = ref("key_account_diamond.function_purchasing")
        cls.f_production = ref("key_account_diamond.function_production")
        cls.f_finance = ref("key_account_diamond.function_finance")
        cls.f_technical = ref("key_account_diamond.function_technical")
        cls.f_management = ref("key_account_diamond.function_management")
        cls.Shape = cls.env["key.account.shape.engine"]
        cls.Thread = cls.env["key.account.thread"]
        cls.alfa_buyer.stakeholder_function_id = cls.f_purchasing
        cls.alfa_engineer.stakeholder_function_id = cls.f_technical
        cls.alfa_cfo, cls.alfa_plant = cls.env["res.partner"].create(
            [
                {
                    "name": "Carla CFO",
                    "parent_id": cls.client_alfa.id,
                    "stakeholder_function_id": cls.f_finance.id,
                },
                {
                    "name": "Pedro Plant",
                    "parent_id": cls.client_alfa.id,
                    "stakeholder_function_id": cls.f_production.id,
                },
            ]
        )
        cls.env.company.write(
            {
                "kad_bowtie_max_threads": 1,
                "kad_bowtie_concentration": 80,
                "kad_diamond_min_threads": 4,
                "kad_diamond_min_their_functions": 3,
                "kad_diamond_min_our_functions": 2,
            }
        )

    @classmethod
    def _team(cls, client, user, function, lead=False):
        return cls.env["key.account.team.member"].create(
            {
                "partner_id": client.id,
                "user_id": user.id,
                "function_id": function.id,
                "is_lead": lead,
            }
        )

    @classmethod
    def _talk(cls, client, users, contacts, days_ago=10, **values):
        return cls._log(
            client,
            date=NOW - timedelta(days=days_ago),
            user_ids=[Command.set(users.ids)],
            contact_ids=[Command.set(contacts.ids)],
            **values,
        )


class KeyAccountRulesCommon(RulesCaseMixin, KeyAccountCommon):
    """The key account fixtures, with a map to break rules on.

    Alfa (Sofía's) has an account team (Sofía, lead, in management), a
    thread drawn by the interaction log (Sofía with Ana Buyer), a declared
    thread (Sofía with Carla CFO) and a shape; Nora is a salesperson with no
    tie to Alfa; Gus is a portal user; an administrator edits settings;
    Oscar is a contact of a client of the other company.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        salesman = "sales_team.group_sale_salesman"
        cls.user_nora = new_test_user(
            cls.env, login="kad_nora", name="Nora No Tie", groups=salesman
        )
        cls.user_portal = new_test_user(
            cls.env, login="kad_gus", name="Gus Portal", groups="base.group_portal"
        )
        cls.user_admin = new_test_user(
            cls.env,
            login="kad_admin",
            name="Ada Admin",
            groups="base.group_system,sales_team.group_sale_manager",
        )
        # Alfa's people are of Alfa's company, as the contact form makes them
        # (it gives a new contact its company's company).
        (cls.alfa_buyer | cls.alfa_engineer | cls.alfa_cfo | cls.alfa_plant).write(
            {"company_id": cls.company.id}
        )
        cls.other_contact = cls.env["res.partner"].create(
            {
                "name": "Oscar Other",
                "parent_id": cls.client_other.id,
                "company_id": cls.other_company.id,
            }
        )
        cls.f_archived = cls.env["key.account.function"].create(
            {"name": "Retired function", "active": False}
        )
        cls.member_sofia = cls._team(
            cls.client_alfa, cls.user_sofia, cls.f_management, lead=True
        )
        cls._log(
            cls.client_alfa,
            date=datetime.now() - timedelta(days=5),
            user_ids=[Command.set(cls.user_sofia.ids)],
            contact_ids=[Command.set(cls.alfa_buyer.ids)],
        )
        cls.thread_derived = cls.Thread.search(
            [("partner_id", "=", cls.client_alfa.id), ("source", "=", "derived")]
        )
        cls.thread_declared = cls.Thread.create(
            {
                "partner_id": cls.client_alfa.id,
                "user_id": cls.user_sofia.id,
                "contact_id": cls.alfa_cfo.id,
            }
        )
        cls.Shape._refresh(cls.client_alfa)
        cls.shape_alfa = cls.env["key.account.shape"].search(
            [("partner_id", "=", cls.client_alfa.id)]
        )

    def _harmless_write(self, record):
        """Values a rule of the model would not refuse: the record's own."""
        own = {
            "key.account.team.member": "function_id",
            "key.account.thread": "last_contact_date",
            "key.account.shape": "shape",
            "res.partner": "stakeholder_role",
            "res.company": "kad_bowtie_concentration",
        }
        fname = own.get(record._name)
        if not fname:
            return super()._harmless_write(record)
        value = record.sudo()[fname]
        if record._name == "res.partner":
            value = "influencer"
        return {fname: value.id if hasattr(value, "_name") else value}
