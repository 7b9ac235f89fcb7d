# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reaching out, tried as a careless or hostile caller would over RPC:
whatever the wizards are given, their buttons either do their work or are
refused with a user error, sending and logging nothing."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from .rules_common import RulesCaseMixin, hostile_values
from .test_outreach import OutreachCommon

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@tagged("post_install", "-at_install")
class TestOutreachGeneratedInput(OutreachCommon, RulesCaseMixin):
    def _sent(self):
        return self.env["mail.message"].search_count(
            [("model", "=", "res.partner"), ("res_id", "=", self.client_alfa.id)]
        )

    def _round(self, model, base, field_names, buttons, data):
        Wizard = self.env[model]
        values = dict(base)
        for name in field_names:
            if data.draw(st.booleans(), label=f"send {name}"):
                values[name] = data.draw(
                    hostile_values(Wizard._fields[name].type), label=name
                )
        user = data.draw(
            st.sampled_from([self.user_sofia, self.user_tomas, self.user_manager]),
            label="user",
        )
        button = data.draw(st.sampled_from(buttons), label="button")
        sent = self._sent()

        def press():
            getattr(Wizard.with_user(user).create(values), button)()

        # Nothing logged when refused: the interactions are the snapshot.
        error = self.assertOnlyUserErrors(
            press, "relationship.interaction", None, f"{button} {values!r}"
        )
        if error is not None:
            self.assertEqual(self._sent(), sent, "refused, yet a message was posted")

    @SETTINGS
    @given(st.data())
    def test_generated_information_passed_on(self, data):
        self._round(
            "relationship.share.wizard",
            {
                "partner_id": self.client_alfa.id,
                "subject": "Steel prices outlook for 2027",
                "url": "https://example.com/steel-2027",
                "contact_ids": [(6, 0, self.alfa_buyer.ids)],
            },
            ["partner_id", "subject", "url", "note", "gesture_id"],
            ["action_share"],
            data,
        )

    @SETTINGS
    @given(st.data())
    def test_generated_reviews(self, data):
        self._round(
            "relationship.review.wizard",
            {"partner_id": self.client_alfa.id},
            ["partner_id", "date_from", "date_to"],
            ["action_draft_email", "action_print"],
            data,
        )
