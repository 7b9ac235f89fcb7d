# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import Command

from odoo.addons.relationship_health.tests.common import RelationshipCommon

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
