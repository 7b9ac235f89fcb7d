# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import NOW, FarewellCommon


@tagged("post_install", "-at_install")
class TestAssessment(FarewellCommon):
    def test_evidence_is_gathered_and_frozen(self):
        with freeze_time(NOW):
            self._problem(self.client_alfa, 300, "unfounded")
            self._problem(self.client_alfa, 100, "unfounded")
            self._problem(self.client_alfa, 40, "founded")
            self._problem(self.client_alfa, 500, "unfounded")  # older than 12 months
            self._problem(self.client_beta, 10, "unfounded")  # another client
            self._log(self.client_alfa, date=NOW - timedelta(days=20))
            assessment = self.Assessment.with_user(self.user_sofia).create(
                {"partner_id": self.client_alfa.id}
            )
            assessment.action_review()
        self.assertEqual(assessment.state, "review")
        self.assertEqual(assessment.problem_count, 3)
        self.assertEqual(assessment.problem_unfounded_count, 2)
        self.assertEqual(assessment.problem_founded_count, 1)
        self.assertEqual(assessment.interaction_count, 1)
        # Read when Invoicing is installed (every test database has it).
        self.assertEqual(assessment.revenue_available, "account.move" in self.env)
        self.assertEqual(assessment.revenue, 0.0)
        self.assertIn("2 unfounded", assessment.evidence_summary)
        # Frozen: a new problem does not change the reviewed evidence.
        with freeze_time(NOW + timedelta(days=1)):
            self._problem(self.client_alfa, 0, "unfounded", now=NOW + timedelta(days=1))
        self.assertEqual(assessment.problem_count, 3)

    def test_checklist_before_decision(self):
        assessment = self.Assessment.with_user(self.user_sofia).create(
            {"partner_id": self.client_alfa.id}
        )
        with self.assertRefused(ValidationError, "evidence must be reviewed"):
            assessment.action_submit()
        assessment.action_review()
        assessment.check_facts_verified = True
        with self.assertRefused(ValidationError, "Still to check"):
            assessment.action_submit()
        self.assertEqual(assessment.state, "review")

    def test_no_decision_without_evidence_review(self):
        assessment = self.Assessment.create({"partner_id": self.client_alfa.id})
        with self.assertRefused(
            ValidationError, "No decision without an evidence review"
        ):
            assessment.with_user(self.user_manager).action_keep()
        # Not even a manager writes a decision: it is taken with its button.
        with self.assertRefused(UserError, "Keep the Client or Let the Client Go"):
            assessment.with_user(self.user_manager).write({"decision": "keep"})
        self.assertFalse(assessment.decision)

    def test_only_managers_decide(self):
        assessment = self._assessment_to_decision()
        with self.assertRaisesRegex(AccessError, "Only a manager"):
            assessment.with_user(self.user_sofia).action_keep()
        self.assertEqual(assessment.state, "decision")

    def test_keep_with_a_revitalization_plan(self):
        assessment = self._assessment_to_decision()
        assessment.with_user(self.user_manager).action_keep()
        self.assertEqual(assessment.state, "closed")
        self.assertEqual(assessment.decision, "keep")
        self.assertEqual(assessment.decided_by_id, self.user_manager)
        self.assertEqual(assessment.plan_id.partner_id, self.client_alfa)
        self.assertNotEqual(self.client_alfa.relationship_stage, "dissolution")
        # The whole story is in the chatter.
        bodies = " ".join(assessment.message_ids.mapped("body"))
        self.assertIn("Evidence gathered and frozen", bodies)

    def test_let_go_sends_letter_and_moves_to_dissolution(self):
        assessment = self._assessment_to_decision()
        with self.assertRefused(ValidationError, "transition date"):
            assessment.with_user(self.user_manager).action_let_go()
        with self.assertRefused(ValidationError, "cannot be in the past"):
            assessment.transition_date = date.today() - timedelta(days=3)
        assessment.transition_date = date.today() + timedelta(days=30)
        assessment.with_user(self.user_manager).action_let_go()
        self.assertEqual(assessment.decision, "let_go")
        self.assertEqual(self.client_alfa.relationship_stage, "dissolution")
        letter = self.client_alfa.message_ids.filtered(
            lambda m: "see you later" in (m.body or "")
        )
        self.assertTrue(letter, "the farewell letter is posted on the client")
        departure = assessment.departure_id
        self.assertEqual(departure.cause, "let_go")
        self.assertEqual(departure.departure_date, assessment.transition_date)
        self.assertEqual(len(departure.step_ids), 4)

    def test_closed_assessment_cannot_change(self):
        assessment = self._assessment_to_decision()
        assessment.with_user(self.user_manager).action_keep()
        with self.assertRefused(Exception, "closed assessment"):
            assessment.motive = "<p>Changed my mind</p>"

    def test_access_owner_and_managers_only(self):
        assessment = self.Assessment.with_user(self.user_sofia).create(
            {"partner_id": self.client_alfa.id}
        )
        # Tomás is neither the owner of Alfa nor its author.
        self.assertFalse(
            self.Assessment.with_user(self.user_tomas).search(
                [("id", "=", assessment.id)]
            )
        )
        with self.assertRaises(AccessError):
            assessment.with_user(self.user_tomas).read(["state"])
        assessment.with_user(self.user_manager).read(["state"])
        with self.assertRaises(AccessError):
            assessment.with_user(self.user_other_company).read(["state"])
        with self.assertRaises(AccessError):
            self.Assessment.with_user(self.user_employee).search([])
