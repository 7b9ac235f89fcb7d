# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Opportunities from the relationship: from an interaction or a
revitalization goal, linked to both, with the won amounts of the goals."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import RelationshipCommon


@tagged("post_install", "-at_install")
class TestOpportunityFromRelationship(RelationshipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lead = cls.env["crm.lead"].with_context(active_test=False)
        cls.interaction = cls._log(
            cls.client_alfa,
            name="Strategy review",
            depth="strategic",
            user_ids=[Command.set(cls.user_sofia.ids)],
            contact_ids=[Command.set(cls.alfa_buyer.ids)],
        )
        cls._set_health(cls.client_alfa, band="watch", score=55)
        cls.plan = cls.env["relationship.revitalization.plan"].create(
            {
                "partner_id": cls.client_alfa.id,
                "user_ids": [Command.set(cls.user_sofia.ids)],
                "goal_ids": [
                    Command.create(
                        {"kind": "cross_selling", "name": "Sell maintenance"}
                    ),
                    Command.create({"kind": "new_people", "name": "Meet the CFO"}),
                ],
            }
        )
        cls.goal_business, cls.goal_people = cls.plan.goal_ids

    def _leads(self, **origin):
        field, record = next(iter(origin.items()))
        return self.Lead.search([(field, "=", record.id)])

    # ------------------------------------------------------------------
    # From an interaction
    # ------------------------------------------------------------------
    def test_salesperson_creates_an_opportunity_from_their_interaction(self):
        action = self.interaction.with_user(self.user_sofia).action_create_opportunity()
        lead = self._leads(relationship_interaction_id=self.interaction)
        self.assertEqual(len(lead), 1)
        self.assertEqual(action["res_model"], "crm.lead")
        self.assertEqual(action["res_id"], lead.id)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id, self.client_alfa)
        self.assertEqual(lead.user_id, self.user_sofia)
        self.assertEqual(lead.company_id, self.interaction.company_id)
        self.assertIn("Strategy review", lead.name)
        # The interaction lists its opportunities, the lead where it came from.
        interaction = self.interaction.with_user(self.user_sofia)
        self.assertEqual(interaction.opportunity_ids, lead)
        self.assertEqual(interaction.opportunity_count, 1)
        self.assertEqual(interaction.action_view_opportunities()["res_id"], lead.id)

    def test_manager_creates_an_opportunity_from_any_interaction(self):
        self.interaction.with_user(self.user_manager).action_create_opportunity()
        lead = self._leads(relationship_interaction_id=self.interaction)
        self.assertEqual(lead.user_id, self.user_manager)

    def test_other_salesperson_cannot_create_from_someone_elses_client(self):
        with self.assertRefused(AccessError, "Only the account owner of Alfa"):
            self.interaction.with_user(self.user_tomas).action_create_opportunity()
        self.assertFalse(self._leads(relationship_interaction_id=self.interaction))

    def test_other_company_cannot_create(self):
        with self.assertRefused(AccessError, ""):
            self.interaction.with_user(
                self.user_other_company
            ).action_create_opportunity()
        self.assertFalse(self._leads(relationship_interaction_id=self.interaction))

    def test_employee_without_crm_access_cannot_create(self):
        with self.assertRefused(AccessError, ""):
            self.interaction.with_user(self.user_employee).action_create_opportunity()
        self.assertFalse(self._leads(relationship_interaction_id=self.interaction))

    def test_origin_is_set_by_the_button_only(self):
        self.interaction.action_create_opportunity()
        lead = self._leads(relationship_interaction_id=self.interaction)
        other = self._log(self.client_alfa, name="Another talk")
        with self.assertRefused(UserError, "From Interaction"):
            lead.write({"relationship_interaction_id": other.id})
        with self.assertRefused(UserError, "From Revitalization Goal"):
            self.Lead.create(
                {"name": "By hand", "relationship_goal_id": self.goal_business.id}
            )
        with self.assertRefused(UserError, "Opportunities"):
            other.write({"opportunity_ids": [Command.link(lead.id)]})
        self.assertEqual(lead.relationship_interaction_id, self.interaction)
        self.assertFalse(other.opportunity_ids)

    def test_opportunity_stays_with_the_client_it_came_from(self):
        self.interaction.action_create_opportunity()
        lead = self._leads(relationship_interaction_id=self.interaction)
        # One of the client's people is fine: the client is still Alfa.
        lead.partner_id = self.alfa_buyer
        with self.assertRefused(ValidationError, "relationship with Alfa"):
            lead.partner_id = self.client_beta
        self.assertEqual(lead.partner_id, self.alfa_buyer)

    # ------------------------------------------------------------------
    # From a revitalization goal
    # ------------------------------------------------------------------
    def test_goal_shows_its_opportunities_and_won_amount(self):
        goal = self.goal_business.with_user(self.user_sofia)
        goal.action_create_opportunity()
        goal.action_create_opportunity()
        won, lost = self._leads(relationship_goal_id=goal)
        won.expected_revenue = 7000
        lost.expected_revenue = 3000
        won.action_set_won()
        goal.invalidate_recordset()
        self.assertEqual(goal.opportunity_count, 2)
        self.assertEqual(goal.opportunity_won_amount, 7000)
        lost.action_set_lost()
        goal.invalidate_recordset()
        # Lost ones are still the goal's, and never count as won.
        self.assertEqual(goal.opportunity_count, 2)
        self.assertEqual(goal.opportunity_won_amount, 7000)
        self.assertEqual(won.relationship_goal_id, self.goal_business)
        self.assertEqual(won.partner_id, self.client_alfa)

    def test_won_amounts_of_several_goals_at_once(self):
        self.goal_business.action_create_opportunity()
        lead = self._leads(relationship_goal_id=self.goal_business)
        lead.expected_revenue = 500
        lead.action_set_won()
        goals = self.plan.goal_ids
        goals.invalidate_recordset()
        self.assertEqual(goals.mapped("opportunity_won_amount"), [500.0, 0.0])
        self.assertEqual(goals.mapped("opportunity_count"), [1, 0])

    def test_only_business_goals_give_opportunities(self):
        with self.assertRefused(UserError, "cross-selling"):
            self.goal_people.with_user(self.user_sofia).action_create_opportunity()
        self.assertFalse(self._leads(relationship_goal_id=self.goal_people))

    def test_closed_plan_gives_no_opportunity(self):
        self.plan.action_start()
        self.plan.action_done()
        with self.assertRefused(UserError, "is closed"):
            self.goal_business.action_create_opportunity()
        self.assertFalse(self._leads(relationship_goal_id=self.goal_business))

    def test_goal_of_another_salespersons_plan_is_refused(self):
        with self.assertRefused(AccessError, ""):
            self.goal_business.with_user(self.user_tomas).action_create_opportunity()
        self.assertFalse(self._leads(relationship_goal_id=self.goal_business))
