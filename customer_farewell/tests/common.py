# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from odoo import Command

from odoo.addons.customer_farewell.models.farewell_assessment import CHECKLIST
from odoo.addons.relationship_health.tests.common import RelationshipCommon
from odoo.addons.relationship_health.tests.rules_common import RulesCaseMixin

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


class FarewellRulesCommon(RulesCaseMixin, FarewellCommon):
    """Records in every state, for the rules and access tests.

    Sofía owns Alfa (left ten days ago: a pending departure with a retention
    offer, its first protocol step scheduled, a watch on Delta), Zeta (left,
    the door closed at its request), Eta (left and recovered), and Delta,
    Epsilon and Theta (still clients). Tomás owns Beta, which left too (a
    cleared watch on it from Alfa's departure), and Iota. An
    assessment of Alfa waits in each state. The other company has its own
    departure, reason and protocol step."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = date.today()
        Partner = cls.env["res.partner"]
        clients = Partner.create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "user_id": cls.user_sofia.id,
                    "company_id": cls.company.id,
                }
                for name in ("Delta", "Epsilon", "Zeta", "Eta", "Theta")
            ]
        )
        (
            cls.client_delta,
            cls.client_epsilon,
            cls.client_zeta,
            cls.client_eta,
            cls.client_theta,
        ) = clients
        cls.client_iota = Partner.create(
            {
                "name": "Iota",
                "is_company": True,
                "user_id": cls.user_tomas.id,
                "company_id": cls.company.id,
            }
        )
        Assessment = cls.Assessment.with_user(cls.user_sofia)
        cls.assessment_draft = Assessment.create({"partner_id": cls.client_alfa.id})
        cls.assessment_review = Assessment.create({"partner_id": cls.client_alfa.id})
        cls.assessment_review.action_review()
        cls.assessment_decision = cls._to_decision(cls.client_alfa)
        cls.assessment_closed = cls._to_decision(cls.client_alfa)
        cls.assessment_closed.with_user(cls.user_manager).action_keep()

        Departure = cls.Departure.with_user(cls.user_sofia)
        cls.departure = Departure.create(
            {
                "partner_id": cls.client_alfa.id,
                "departure_date": cls.today - timedelta(days=10),
                "lost_revenue": 12000,
                "offer_ids": [
                    Command.create(
                        {
                            "description": "A dedicated technician",
                            "date": cls.today - timedelta(days=5),
                        }
                    )
                ],
            }
        )
        cls.offer = cls.departure.offer_ids
        cls.env["farewell.protocol.step"]._cron_schedule_steps(cls.today)
        steps = cls.departure.step_ids.sorted("due_date")
        cls.step_scheduled, cls.step_planned = steps[0], steps[1]
        Watch = cls.env["farewell.watch"]
        cls.watch = Watch.with_user(cls.user_sofia).create(
            {
                "departure_id": cls.departure.id,
                "partner_id": cls.client_delta.id,
                "relation": "shared_contact",
                "date_end": cls.today + timedelta(days=60),
            }
        )
        cls.watch_cleared = Watch.create(
            {
                "departure_id": cls.departure.id,
                "partner_id": cls.client_beta.id,
                "relation": "same_parent",
                "date_end": cls.today + timedelta(days=60),
            }
        )
        cls.watch_cleared.with_user(cls.user_manager).action_clear()

        cls.departure_closed = Departure.create(
            {
                "partner_id": cls.client_zeta.id,
                "departure_date": cls.today - timedelta(days=3),
                "door_request_note": "Asked by letter not to be contacted",
            }
        )
        cls.departure_closed.action_close_door()
        cls.step_cancelled = cls.departure_closed.step_ids[:1]
        cls.departure_recovered = Departure.create(
            {
                "partner_id": cls.client_eta.id,
                "departure_date": cls.today - timedelta(days=20),
            }
        )
        cls.departure_recovered.action_recovered()
        cls.departure_beta = cls.Departure.with_user(cls.user_tomas).create(
            {"partner_id": cls.client_beta.id, "departure_date": cls.today}
        )

        # Another company's records.
        cls.reason_other = cls.env["farewell.reason"].create(
            {"name": "Other company's reason", "company_id": cls.other_company.id}
        )
        cls.template_other = cls.env["farewell.protocol.template"].create(
            {
                "name": "Other company's step",
                "offset_days": 10,
                "company_id": cls.other_company.id,
            }
        )
        cls.departure_other = cls.Departure.create(
            {"partner_id": cls.client_other.id, "departure_date": cls.today}
        )
        cls.partner_other_contact = Partner.create(
            {
                "name": "Olga Other",
                "parent_id": cls.client_other.id,
                "company_id": cls.other_company.id,
            }
        )
        # What does not fit: a letter for users, an activity for leads.
        cls.template_users = cls.env["mail.template"].create(
            {"name": "For users", "model_id": cls.env.ref("base.model_res_users").id}
        )
        cls.activity_type_leads = cls.env["mail.activity.type"].create(
            {"name": "Leads only", "res_model": "crm.lead"}
        )
        cls.reason = cls.env.ref("customer_farewell.reason_price")
        cls.template = cls.env.ref("customer_farewell.protocol_step_1_month")

    @classmethod
    def _to_decision(cls, client):
        assessment = cls.Assessment.with_user(cls.user_sofia).create(
            {"partner_id": client.id}
        )
        assessment.action_review()
        assessment.write(dict.fromkeys(CHECKLIST, True))
        assessment.action_submit()
        return assessment

    def _harmless_write(self, record):
        field = {
            "farewell.assessment": "motive",
            "farewell.departure": "lost_products",
            "farewell.retention.offer": "description",
            "farewell.protocol.step": "name",
            "farewell.watch": "relation",
            "farewell.reason": "name",
            "farewell.protocol.template": "name",
        }.get(record._name)
        if not field:
            return super()._harmless_write(record)
        return {field: record.sudo()[field] or "-"}
