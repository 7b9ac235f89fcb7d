# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every rule in the model: wrong, hostile and out-of-order input through
``create`` and ``write``, as a salesperson and as a manager. Only user
errors come out, and a refused call saves nothing."""

from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import RelationshipCommon
from .rules_common import HUGE_TEXT, RulesCaseMixin, hostile_values

NOW = fields.Datetime.now()
LONG_AGO = datetime(1000, 1, 1)
IN_TWO_DAYS = NOW + timedelta(days=2)


class RulesCommon(RelationshipCommon, RulesCaseMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_portal = new_test_user(
            cls.env, login="rh_portal", name="Paula Portal", groups="base.group_portal"
        )
        cls.gesture = cls.env.ref("relationship_health.gesture_book")
        cls.gesture_other = cls.env["relationship.gesture"].create(
            {"name": "Other company's gift", "company_id": cls.other_company.id}
        )
        cls.interaction = cls._log(
            cls.client_alfa, user_ids=[Command.set(cls.user_sofia.ids)]
        )
        cls.problem = cls.env["relationship.problem"].create(
            {
                "name": "Late delivery",
                "partner_id": cls.client_alfa.id,
                "user_ids": [Command.set(cls.user_sofia.ids)],
            }
        )
        cls.problem_beta = cls.env["relationship.problem"].create(
            {"name": "Beta's delivery", "partner_id": cls.client_beta.id}
        )
        cls.gift = cls.env["relationship.gesture.log"].create(
            {
                "gesture_id": cls.gesture.id,
                "partner_id": cls.client_alfa.id,
                "user_id": cls.user_sofia.id,
            }
        )
        cls.plan = cls.env["relationship.revitalization.plan"].create(
            {
                "partner_id": cls.client_alfa.id,
                "user_ids": [Command.set(cls.user_sofia.ids)],
                "goal_ids": [Command.create({"kind": "new_people", "name": "Meet"})],
            }
        )
        cls.goal = cls.plan.goal_ids
        cls.rule = cls.env["relationship.cadence.rule"].create(
            {"name": "Rules test", "relationship_stage": "awareness"}
        )
        cls.scorecard = cls.env.ref("relationship_health.scorecard_standard")
        cls.line = cls.scorecard.line_ids[:1]
        cls.period = cls.env["relationship.stage.history"].search(
            [("partner_id", "=", cls.client_alfa.id)], limit=1
        )
        cls.reminder = (
            cls.env["relationship.care.reminder"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
        )
        with cls.reminder._system_write():
            cls.reminder = cls.reminder.create(
                {
                    "name": "Keep in touch with Alfa",
                    "kind": "contact",
                    "partner_id": cls.client_alfa.id,
                    "user_id": cls.user_sofia.id,
                    "date_from": NOW - timedelta(days=30),
                    "due_date": fields.Date.today(),
                    "key": "rules-test",
                }
            ).sudo(False)
        cls.lead = cls.env["crm.lead"].create(
            {"name": "Alfa's new line", "partner_id": cls.client_alfa.id}
        )
        cls.roles = (cls.user_sofia, cls.user_manager)


@tagged("post_install", "-at_install")
class TestBadInput(RulesCommon):
    """Table-driven: each case is refused as each role."""

    def _for_roles(self, cases, roles=None):
        return [
            (label, user, model, record, values)
            for label, model, record, values in cases
            for user in roles or self.roles
        ]

    def test_interaction(self):
        alfa, model = self.client_alfa, "relationship.interaction"
        base = {"name": "Talk", "partner_id": alfa.id}
        cases = [
            ("no client", model, None, {"name": "Talk"}),
            (
                "our own company as the client",
                model,
                None,
                dict(base, partner_id=self.company.partner_id.id),
            ),
            (
                "one of our people as the client",
                model,
                None,
                dict(base, partner_id=self.user_tomas.partner_id.id),
            ),
            ("client as text", model, None, dict(base, partner_id="abc")),
            ("client id as text", model, None, dict(base, partner_id=str(alfa.id))),
            ("unknown client", model, None, dict(base, partner_id=987654321)),
            (
                "client of another company",
                model,
                None,
                {"name": "Talk", "partner_id": self.client_other.id},
            ),
            (
                "company of another company",
                model,
                None,
                dict(base, company_id=self.other_company.id),
            ),
            ("in the future", model, None, dict(base, date=IN_TWO_DAYS)),
            ("in the year 1000", model, None, dict(base, date=LONG_AGO)),
            ("date as text", model, None, dict(base, date="2026-13-45")),
            ("date with a stray %", model, None, dict(base, date="%Y-%m-%d")),
            ("unknown channel", model, None, dict(base, channel="telepathy")),
            (
                "someone else's contact",
                model,
                None,
                dict(base, contact_ids=[Command.set(self.beta_contact.ids)]),
            ),
            (
                "a portal user as ours",
                model,
                None,
                dict(base, user_ids=[Command.set(self.user_portal.ids)]),
            ),
            (
                "a user of another company",
                model,
                None,
                dict(base, user_ids=[Command.set(self.user_other_company.ids)]),
            ),
            ("captured by hand", model, None, dict(base, source="meeting")),
            (
                "an origin by hand",
                model,
                None,
                dict(base, origin_model="mail.activity", origin_res_id=1),
            ),
            ("a subject of 100k characters", model, None, dict(base, name=HUGE_TEXT)),
            ("no client on write", model, self.interaction, {"partner_id": False}),
            ("client as text on write", model, self.interaction, {"partner_id": "x"}),
            ("future on write", model, self.interaction, {"date": IN_TWO_DAYS}),
            ("source on write", model, self.interaction, {"source": "activity"}),
            (
                "owner through the interaction",
                model,
                self.interaction,
                {"owner_id": self.user_tomas.id},
            ),
            (
                "stage through the interaction",
                model,
                self.interaction,
                {"relationship_stage": "dissolution"},
            ),
            (
                "another client's contact on write",
                model,
                self.interaction,
                {"contact_ids": [Command.link(self.beta_contact.id)]},
            ),
        ]
        self.run_bad_input_table(self._for_roles(cases))

    def test_problem(self):
        model, alfa = "relationship.problem", self.client_alfa
        base = {"name": "Broken pallet", "partner_id": alfa.id}
        resolved = dict(
            base,
            reported_date=NOW - timedelta(days=3),
            resolved_date=NOW - timedelta(days=1),
            root_cause="Checked",
            assessment="founded",
        )
        cases = [
            ("no client", model, None, {"name": "Broken"}),
            ("client as text", model, None, dict(base, partner_id="Alfa")),
            ("state resolved by hand", model, None, dict(base, state="resolved")),
            (
                "resolved without investigation",
                model,
                None,
                dict(base, resolved_date=NOW - timedelta(hours=1)),
            ),
            (
                "resolved tomorrow",
                model,
                None,
                dict(resolved, resolved_date=IN_TWO_DAYS),
            ),
            (
                "answered in the future",
                model,
                None,
                dict(base, first_response_date=IN_TWO_DAYS),
            ),
            (
                "reported in the future",
                model,
                None,
                dict(base, reported_date=IN_TWO_DAYS),
            ),
            (
                "reported in the year 1000",
                model,
                None,
                dict(base, reported_date=LONG_AGO),
            ),
            (
                "answered before reported",
                model,
                None,
                dict(
                    base,
                    reported_date=NOW - timedelta(days=1),
                    first_response_date=NOW - timedelta(days=2),
                ),
            ),
            ("escalated by hand", model, None, dict(base, escalated_date=NOW)),
            ("deadline by hand", model, None, dict(base, response_deadline=NOW)),
            ("hours by hand", model, None, dict(base, response_hours=-5)),
            ("unknown priority", model, None, dict(base, priority="9")),
            (
                "someone else's contact",
                model,
                None,
                dict(base, contact_id=self.beta_contact.id),
            ),
            (
                "a portal user involved",
                model,
                None,
                dict(base, user_ids=[Command.set(self.user_portal.ids)]),
            ),
            ("state on write", model, self.problem, {"state": "resolved"}),
            (
                "resolved on write without cause",
                model,
                self.problem,
                {"resolved_date": NOW},
            ),
            (
                "resolved tomorrow on write",
                model,
                self.problem,
                {
                    "resolved_date": IN_TWO_DAYS,
                    "root_cause": "x",
                    "assessment": "founded",
                },
            ),
            (
                "escalated to on write",
                model,
                self.problem,
                {"escalation_user_id": self.user_manager.id},
            ),
            ("late on write", model, self.problem, {"response_late": True}),
            (
                "client of another company on write",
                model,
                self.problem,
                {"partner_id": self.client_other.id},
            ),
        ]
        self.run_bad_input_table(self._for_roles(cases))

    def test_gesture_given(self):
        model, alfa = "relationship.gesture.log", self.client_alfa
        base = {"gesture_id": self.gesture.id, "partner_id": alfa.id}
        tomorrow = fields.Date.today() + timedelta(days=1)
        cases = [
            ("no client", model, None, {"gesture_id": self.gesture.id}),
            ("client id as text", model, None, dict(base, partner_id=str(alfa.id))),
            ("given tomorrow", model, None, dict(base, date=tomorrow)),
            ("given in the year 1000", model, None, dict(base, date="1000-01-01")),
            ("negative cost", model, None, dict(base, cost=-10)),
            ("cost not a number", model, None, dict(base, cost="cheap")),
            ("infinite cost", model, None, dict(base, cost=float("inf"))),
            # Rounded to the currency's cents, it would overflow.
            ("astronomical cost", model, None, dict(base, cost=1.7976931348623e306)),
            (
                "another company's gesture",
                model,
                None,
                dict(base, gesture_id=self.gesture_other.id),
            ),
            (
                "another client's problem",
                model,
                None,
                dict(base, problem_id=self.problem_beta.id),
            ),
            (
                "a referral it did not make",
                model,
                None,
                dict(base, lead_id=self.lead.id),
            ),
            (
                "given by a portal user",
                model,
                None,
                dict(base, user_id=self.user_portal.id),
            ),
            ("negative cost on write", model, self.gift, {"cost": -1}),
            ("rating on write", model, self.gift, {"rating": 25}),
            (
                "owner through the gesture",
                model,
                self.gift,
                {"owner_id": self.user_tomas.id},
            ),
        ]
        self.run_bad_input_table(self._for_roles(cases))

    def test_plan_and_goals(self):
        model, alfa = "relationship.revitalization.plan", self.client_alfa
        cases = [
            (
                "started by hand",
                model,
                None,
                {"partner_id": self.client_beta.id, "state": "active"},
            ),
            ("achieved by hand", model, self.plan, {"state": "done"}),
            (
                "health at start by hand",
                model,
                self.plan,
                {"health_band_start": "healthy"},
            ),
            (
                "ends before it starts",
                model,
                self.plan,
                {"deadline": fields.Date.today() - timedelta(days=400)},
            ),
            ("starts in the year 1000", model, self.plan, {"date_start": "1000-01-01"}),
            ("a second open plan", model, None, {"partner_id": alfa.id}),
            (
                "a portal user on the team",
                model,
                self.plan,
                {"user_ids": [Command.set(self.user_portal.ids)]},
            ),
            ("progress by hand", model, self.plan, {"progress": 100}),
            (
                "negative target",
                "relationship.revitalization.goal",
                self.goal,
                {"target": -1},
            ),
            (
                "due outside its plan",
                "relationship.revitalization.goal",
                self.goal,
                {"deadline": fields.Date.today() + timedelta(days=4000)},
            ),
            (
                "progress of a goal by hand",
                "relationship.revitalization.goal",
                self.goal,
                {"progress": 100},
            ),
            (
                "goal for a portal user",
                "relationship.revitalization.goal",
                self.goal,
                {"user_id": self.user_portal.id},
            ),
        ]
        self.run_bad_input_table(self._for_roles(cases))

    def test_plan_transitions_are_in_order(self):
        for user in self.roles:
            plan = self.plan.with_user(user)
            with self.subTest(user=user.login):
                self.assertRefusedInput(
                    plan.action_done,
                    "relationship.revitalization.plan",
                    self.plan,
                    "achieved without being started",
                )
                self.assertRefusedInput(
                    plan.action_reset_draft,
                    "relationship.revitalization.plan",
                    self.plan,
                    "a proposal back to a proposal",
                )
        self.plan.action_cancel()
        with self.assertRaisesRegex(UserError, "closed"):
            self.goal.name = "Changed after the plan was dropped"

    def test_settings_of_managers(self):
        manager = self.user_manager
        cases = [
            (
                "negative cadence",
                "relationship.cadence.rule",
                self.rule,
                {"contact_days": -1},
            ),
            (
                "a cadence of 300 years",
                "relationship.cadence.rule",
                self.rule,
                {"visit_days": 100000},
            ),
            (
                "cadence out of int range",
                "relationship.cadence.rule",
                self.rule,
                {"visit_days": 2**40},
            ),
            (
                "a 100k name",
                "relationship.cadence.rule",
                self.rule,
                {"name": HUGE_TEXT},
            ),
            (
                "answer in no time",
                "relationship.problem.target",
                None,
                {
                    "priority": "1",
                    "response_hours": 0,
                    "resolution_days": 3,
                    "company_id": self.company.id,
                },
            ),
            (
                "resolve in NaN days",
                "relationship.problem.target",
                None,
                {
                    "priority": "1",
                    "response_hours": 2,
                    "resolution_days": float("nan"),
                    "company_id": self.company.id,
                },
            ),
            (
                "thresholds out of order",
                "relationship.health.scorecard",
                self.scorecard,
                {"threshold_watch": 90},
            ),
            (
                "a weight of 150",
                "relationship.health.scorecard.line",
                self.line,
                {"weight": 150},
            ),
            (
                "a component that does not exist",
                "relationship.health.scorecard.line",
                self.line,
                {"component": "astrology"},
            ),
            (
                "a window of 300 years",
                "relationship.health.scorecard.line",
                self.line,
                {"window_days": 100000},
            ),
            (
                "a negative gesture cost",
                "relationship.gesture",
                self.gesture,
                {"cost": -3},
            ),
            (
                "a gesture rating by hand",
                "relationship.gesture",
                self.gesture,
                {"rating": 25},
            ),
            (
                "a stage entered tomorrow",
                "relationship.stage.history",
                self.period,
                {"date_start": IN_TWO_DAYS},
            ),
            (
                "a stage left before it was entered",
                "relationship.stage.history",
                self.period,
                {"date_end": LONG_AGO},
            ),
            (
                "a reminder done by hand",
                "relationship.care.reminder",
                self.reminder,
                {"state": "done"},
            ),
            (
                "a reminder renamed",
                "relationship.care.reminder",
                self.reminder,
                {"name": "Mine"},
            ),
            (
                "a reminder due before it counts",
                "relationship.care.reminder",
                self.reminder,
                {"due_date": fields.Date.today() - timedelta(days=90)},
            ),
            (
                "a reminder for a portal user",
                "relationship.care.reminder",
                self.reminder,
                {"user_id": self.user_portal.id},
            ),
        ]
        self.run_bad_input_table(
            [(label, manager, model, rec, vals) for label, model, rec, vals in cases]
        )
        # Salespeople do not change settings at all.
        self.run_bad_input_table(
            [
                (label, self.user_sofia, model, rec, {"name": "Renamed"})
                for label, model, rec, _vals in cases
                if rec
                and "name" in rec._fields
                and model != "relationship.care.reminder"
            ]
        )

    def test_client_fields(self):
        model, alfa = "res.partner", self.client_alfa
        tomorrow = fields.Date.today() + timedelta(days=1)
        cases = [
            ("health by hand", model, alfa, {"health_band": "healthy"}),
            ("score by hand", model, alfa, {"health_score": 100}),
            (
                "interaction count by hand",
                model,
                alfa,
                {"relationship_interaction_count": 99},
            ),
            (
                "owner given as a login",
                model,
                alfa,
                {"relationship_owner_id": "rh_tomas"},
            ),
            (
                "a portal user as owner",
                model,
                alfa,
                {"relationship_owner_id": self.user_portal.id},
            ),
            (
                "an owner of another company",
                model,
                alfa,
                {"relationship_owner_id": self.user_other_company.id},
            ),
            (
                "born tomorrow",
                model,
                self.alfa_buyer,
                {"relationship_birthday": tomorrow},
            ),
            (
                "born in the year 1000",
                model,
                self.alfa_buyer,
                {"relationship_birthday": "1000-05-05"},
            ),
            (
                "first deal tomorrow",
                model,
                alfa,
                {"relationship_first_deal_date": tomorrow},
            ),
            ("an unknown stage", model, alfa, {"relationship_stage": "ecstasy"}),
            (
                "in stage since tomorrow",
                model,
                alfa,
                {"relationship_stage_date": IN_TWO_DAYS},
            ),
            (
                "a contact with its own stage",
                model,
                self.alfa_buyer,
                {"relationship_stage": "commitment"},
            ),
            (
                "a client that refers itself",
                "crm.lead",
                self.lead,
                {"relationship_referrer_id": alfa.id},
            ),
            (
                "a referrer given as text",
                "crm.lead",
                self.lead,
                {"relationship_referrer_id": "Alfa"},
            ),
        ]
        self.run_bad_input_table(self._for_roles(cases))


@tagged("post_install", "-at_install")
class TestGeneratedInput(RulesCommon):
    """Property-based: whatever a caller sends, a record either satisfies
    the rules or is refused with a user error, saving nothing."""

    SETTINGS = settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    )

    def _round(self, model, base, field_names, invariant, data):
        Model = self.env[model]
        values = dict(base)
        for name in field_names:
            if data.draw(st.booleans(), label=f"send {name}"):
                values[name] = data.draw(
                    hostile_values(Model._fields[name].type), label=name
                )
        user = data.draw(st.sampled_from(self.roles), label="user")
        created = []

        def create():
            created.append(Model.with_user(user).create(values))

        error = self.assertOnlyUserErrors(create, model, None, repr(values))
        if error is None:
            invariant(created[0].sudo())

    @SETTINGS
    @given(st.data())
    def test_generated_interactions(self, data):
        def invariant(interaction):
            self.assertLessEqual(
                interaction.date, fields.Datetime.now() + timedelta(minutes=5)
            )
            self.assertGreaterEqual(interaction.date.year, 1900)
            client = interaction.partner_id
            self.assertEqual(client, client.commercial_partner_id)
            self.assertFalse(
                self.env["relationship.interaction"]._internal_partners(client)
            )
            self.assertLessEqual(len(interaction.name), 1024)
            self.assertFalse(interaction.user_ids.filtered("share"))

        self._round(
            "relationship.interaction",
            {"name": "Talk", "partner_id": self.client_alfa.id},
            ["name", "date", "summary", "partner_id", "exchange"],
            invariant,
            data,
        )

    @SETTINGS
    @given(st.data())
    def test_generated_problems(self, data):
        def invariant(problem):
            now = fields.Datetime.now() + timedelta(minutes=5)
            self.assertLessEqual(problem.reported_date, now)
            for moment in (problem.first_response_date, problem.resolved_date):
                self.assertTrue(not moment or problem.reported_date <= moment <= now)
            if problem.state == "resolved":
                self.assertTrue(problem.root_cause and problem.assessment)

        self._round(
            "relationship.problem",
            {"name": "Broken", "partner_id": self.client_alfa.id},
            [
                "name",
                "reported_date",
                "first_response_date",
                "resolved_date",
                "root_cause",
            ],
            invariant,
            data,
        )

    @SETTINGS
    @given(st.data())
    def test_generated_gestures_given(self, data):
        def invariant(log):
            self.assertGreaterEqual(log.cost, 0)
            self.assertLessEqual(log.date, fields.Date.context_today(log))
            self.assertGreaterEqual(log.date.year, 1900)

        self._round(
            "relationship.gesture.log",
            {"gesture_id": self.gesture.id, "partner_id": self.client_alfa.id},
            ["date", "cost", "note", "partner_id", "exchange"],
            invariant,
            data,
        )

    @SETTINGS
    @given(st.data())
    def test_generated_client_fields(self, data):
        """Writes on a client's fields of ours."""
        Partner = self.env["res.partner"]
        names = [
            "relationship_birthday",
            "relationship_first_deal_date",
            "relationship_stage_date",
            "relationship_owner_id",
        ]
        values = {
            name: data.draw(hostile_values(Partner._fields[name].type), label=name)
            for name in names
            if data.draw(st.booleans(), label=f"send {name}")
        }
        user = data.draw(st.sampled_from(self.roles), label="user")
        client = self.client_alfa.with_user(user)
        error = self.assertOnlyUserErrors(
            lambda: client.write(values), "res.partner", self.client_alfa, repr(values)
        )
        if error is None:
            today = fields.Date.today()
            for day in (
                client.relationship_birthday,
                client.relationship_first_deal_date,
            ):
                self.assertTrue(not day or day <= today)
            owner = client.relationship_owner_id
            self.assertTrue(not owner or not owner.share)
