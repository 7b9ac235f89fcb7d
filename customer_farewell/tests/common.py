# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo.addons.relationship_health.tests.common import RelationshipCommon

# Some time after the fixtures are created (at real time): the events of
# the tests follow the creation of the clients.
NOW = (datetime.now() + timedelta(days=100)).replace(
    hour=10, minute=0, second=0, microsecond=0
)


class FarewellCommon(RelationshipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Assessment = cls.env["farewell.assessment"]
        cls.Departure = cls.env["farewell.departure"]
        cls.alfa_buyer.email = "ana@alfa.example.com"

    @classmethod
    def _problem(cls, client, days_ago, assessment, now=NOW):
        # Answered and resolved within the hour it was reported, before ``now``.
        reported = now - timedelta(days=days_ago, hours=1)
        return cls.env["relationship.problem"].create(
            {
                "name": f"Complaint {days_ago}",
                "partner_id": client.id,
                "reported_date": reported,
                "first_response_date": reported + timedelta(minutes=10),
                "resolved_date": reported + timedelta(minutes=30),
                "root_cause": "Checked against the delivery notes",
                "assessment": assessment,
            }
        )

    def _assessment_to_decision(self, client=None, user=None):
        client = client or self.client_alfa
        assessment = self.Assessment.with_user(user or self.user_sofia).create(
            {"partner_id": client.id}
        )
        assessment.action_review()
        assessment.write(
            {
                "check_facts_verified": True,
                "check_not_our_fault": True,
                "check_client_heard": True,
                "check_alternatives": True,
            }
        )
        assessment.action_submit()
        return assessment
