# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CHECKLIST, FarewellRulesCommon

HUGE = 2**40
HUGE_TEXT = "x" * 100_000


@tagged("post_install", "-at_install")
class TestBadInput(FarewellRulesCommon):
    """Wrong input through create and write, as a salesperson and as a
    manager: only user errors come out, and nothing is saved."""

    def _days(self, days):
        return self.today + timedelta(days=days)

    # ------------------------------------------------------------------
    # The cases: (label, model, record or None, values)
    # ------------------------------------------------------------------
    def _assessment_cases(self):
        model = "farewell.assessment"
        base = {"partner_id": self.client_epsilon.id}
        create = [
            ("no client", {}),
            ("client as text", {"partner_id": "Epsilon"}),
            ("client id as text", {"partner_id": str(self.client_epsilon.id)}),
            ("unknown client", {"partner_id": 999_999_999}),
            ("client id out of range", {"partner_id": HUGE}),
            ("a contact as the client", {"partner_id": self.alfa_buyer.id}),
            ("client of the other company", {"partner_id": self.client_other.id}),
            ("created closed", dict(base, state="closed")),
            ("created in review", dict(base, state="review")),
            ("created decided", dict(base, decision="let_go")),
            ("evidence on creation", dict(base, problem_count=5)),
            ("evidence out of range", dict(base, health_score=HUGE)),
            ("evidence summary given", dict(base, evidence_summary="<p>fine</p>")),
            ("decided by given", dict(base, decided_by_id=self.user_manager.id)),
            ("departure given", dict(base, departure_id=self.departure.id)),
            ("plan given", dict(base, plan_id=self.assessment_closed.plan_id.id)),
            (
                "checklist ticked before the review",
                dict(base, check_facts_verified=True),
            ),
            ("transition date in the past", dict(base, transition_date=self._days(-3))),
            ("transition date in 9000", dict(base, transition_date="9000-01-01")),
            (
                "transition date two years ahead",
                dict(base, transition_date=self._days(800)),
            ),
            ("transition date as a word", dict(base, transition_date="yesterday")),
            ("transition date impossible", dict(base, transition_date="2026-13-45")),
            (
                "letter for users",
                dict(base, farewell_template_id=self.template_users.id),
            ),
            ("letter as text", dict(base, farewell_template_id="farewell")),
            ("name given", dict(base, name="Let them all go?")),
            ("owner given", dict(base, owner_id=self.user_tomas.id)),
            ("company of another client", dict(base, company_id=self.other_company.id)),
            ("company as text", dict(base, company_id="main")),
        ]
        draft, review = self.assessment_draft, self.assessment_review
        decision, closed = self.assessment_decision, self.assessment_closed
        write = [
            ("draft to closed", draft, {"state": "closed"}),
            ("draft to decision", draft, {"state": "decision"}),
            ("draft to review", draft, {"state": "review"}),
            ("decision written", draft, {"decision": "keep"}),
            ("decision as text", draft, {"decision": "maybe"}),
            ("checklist in draft", draft, {"check_client_heard": True}),
            ("evidence written", draft, {"problem_unfounded_count": 9}),
            ("evidence date written", draft, {"evidence_date": "2026-01-01 10:00:00"}),
            ("client removed", draft, {"partner_id": False}),
            ("client as text", draft, {"partner_id": "Beta"}),
            ("client: a contact", draft, {"partner_id": self.beta_contact.id}),
            (
                "client of the other company",
                draft,
                {"partner_id": self.client_other.id},
            ),
            ("transition date in the past", draft, {"transition_date": self._days(-1)}),
            ("transition date as a number", draft, {"transition_date": 20260101}),
            (
                "letter for users",
                draft,
                {"farewell_template_id": self.template_users.id},
            ),
            ("company of another client", draft, {"company_id": self.other_company.id}),
            ("health band written", draft, {"health_band": "critical"}),
            (
                "client of a reviewed assessment",
                review,
                {"partner_id": self.client_epsilon.id},
            ),
            ("frozen evidence", review, {"problem_count": 0}),
            ("frozen revenue", review, {"revenue": 1e9}),
            ("frozen summary", review, {"evidence_summary": "<p>No problem</p>"}),
            ("review to closed", review, {"state": "closed"}),
            ("review to decision without checklist", review, {"state": "decision"}),
            ("review decided", review, {"decision": "let_go"}),
            ("checklist after the review", decision, {"check_alternatives": False}),
            ("decision back to draft by hand", decision, {"state": "draft"}),
            ("decision to closed", decision, {"state": "closed", "decision": "keep"}),
            ("decided by written", decision, {"decided_by_id": self.user_sofia.id}),
            ("closed motive", closed, {"motive": "<p>Changed our mind</p>"}),
            ("closed transition date", closed, {"transition_date": self._days(30)}),
            ("closed note", closed, {"decision_note": "<p>Rewritten</p>"}),
            ("closed reopened", closed, {"state": "draft"}),
            ("closed decision changed", closed, {"decision": "let_go"}),
            ("closed plan removed", closed, {"plan_id": False}),
        ]
        return self._cases(model, base, create, write)

    def _departure_cases(self):
        model = "farewell.departure"
        base = {"partner_id": self.client_epsilon.id}
        create = [
            ("no client", {}),
            ("client as text", {"partner_id": "Epsilon"}),
            ("client id as a float", {"partner_id": 1.5}),
            ("a contact as the client", {"partner_id": self.alfa_buyer.id}),
            ("second open door for Alfa", {"partner_id": self.client_alfa.id}),
            ("client of the other company", {"partner_id": self.client_other.id}),
            ("departure tomorrow", dict(base, departure_date=self._days(2))),
            ("departure in 9000", dict(base, departure_date="9000-01-01")),
            ("departure as a word", dict(base, departure_date="last week")),
            ("departure as a format", dict(base, departure_date="%Y-%m-%d")),
            ("let go without a decision", dict(base, cause="let_go")),
            ("cause unknown", dict(base, cause="fired")),
            ("assessment given", dict(base, assessment_id=self.assessment_closed.id)),
            ("door closed from the start", dict(base, door_state="closed")),
            ("recovered from the start", dict(base, outcome="recovered")),
            ("not recovered from the start", dict(base, outcome="not_recovered")),
            ("recovered date while pending", dict(base, recovered_date=self.today)),
            ("negative revenue lost", dict(base, lost_revenue=-1)),
            ("revenue lost not a number", dict(base, lost_revenue=float("nan"))),
            ("infinite revenue lost", dict(base, lost_revenue=float("inf"))),
            ("revenue lost as text", dict(base, lost_revenue="a lot")),
            ("revenue lost beyond a float", dict(base, lost_revenue=2**1100)),
            ("revenue lost beyond any client", dict(base, lost_revenue=1e300)),
            (
                "reason of the other company",
                dict(base, reason_ids=[Command.link(self.reason_other.id)]),
            ),
            (
                "offer in the future",
                dict(
                    base,
                    offer_ids=[
                        Command.create({"description": "Later", "date": self._days(3)})
                    ],
                ),
            ),
            (
                "offer before the departure",
                dict(
                    base,
                    departure_date=self._days(-2),
                    offer_ids=[
                        Command.create({"description": "Early", "date": self._days(-5)})
                    ],
                ),
            ),
            (
                "offer without words",
                dict(base, offer_ids=[Command.create({"description": "  "})]),
            ),
            (
                "step created done",
                dict(
                    base,
                    step_ids=[
                        Command.create(
                            {"name": "Call", "due_date": self._days(5), "state": "done"}
                        )
                    ],
                ),
            ),
            (
                "watch on the other company",
                dict(
                    base,
                    watch_ids=[
                        Command.create(
                            {
                                "partner_id": self.client_other.id,
                                "relation": "same_parent",
                                "date_end": self._days(30),
                            }
                        )
                    ],
                ),
            ),
            ("price as lever given", dict(base, price_was_lever=True)),
            ("offer count given", dict(base, offer_count=5)),
            ("days to recover given", dict(base, days_to_recover=3)),
            ("name given", dict(base, name="Gone")),
            ("closing request given", dict(base, door_closed_request="Stop")),
            ("NUL in the request", dict(base, door_request_note="call\x00me")),
            ("NUL in the products", dict(base, lost_products="linen\x00")),
            ("company of another client", dict(base, company_id=self.other_company.id)),
        ]
        departure, closed = self.departure, self.departure_closed
        recovered = self.departure_recovered
        write = [
            ("door closed by hand", departure, {"door_state": "closed"}),
            (
                "door closed with a request",
                departure,
                {"door_state": "closed", "door_request_note": "Do not call"},
            ),
            ("door reopened by hand", closed, {"door_state": "open"}),
            (
                "door reopened with a request",
                closed,
                {"door_state": "open", "door_request_note": "Call us again"},
            ),
            ("recovered by hand", departure, {"outcome": "recovered"}),
            (
                "recovered with a date",
                departure,
                {"outcome": "recovered", "recovered_date": self.today},
            ),
            ("not recovered by hand", departure, {"outcome": "not_recovered"}),
            ("outcome back to pending", recovered, {"outcome": "pending"}),
            ("outcome unknown", departure, {"outcome": "won_back"}),
            ("another client", departure, {"partner_id": self.client_epsilon.id}),
            ("client removed", departure, {"partner_id": False}),
            (
                "departure moved to the future",
                departure,
                {"departure_date": self._days(2)},
            ),
            (
                "departure after its offer",
                departure,
                {"departure_date": self._days(-2)},
            ),
            ("departure date impossible", departure, {"departure_date": "2026-02-30"}),
            ("departure date removed", departure, {"departure_date": False}),
            (
                "recovered date while pending",
                departure,
                {"recovered_date": self._days(-1)},
            ),
            ("recovered in the future", recovered, {"recovered_date": self._days(3)}),
            (
                "recovered before leaving",
                recovered,
                {"recovered_date": self._days(-30)},
            ),
            ("recovered date removed", recovered, {"recovered_date": False}),
            ("negative revenue lost", departure, {"lost_revenue": -0.01}),
            ("infinite revenue lost", departure, {"lost_revenue": float("-inf")}),
            ("let go by hand", departure, {"cause": "let_go"}),
            (
                "assessment linked",
                departure,
                {"assessment_id": self.assessment_closed.id},
            ),
            (
                "reason of the other company",
                departure,
                {"reason_ids": [Command.set(self.reason_other.ids)]},
            ),
            (
                "offer added in the future",
                departure,
                {
                    "offer_ids": [
                        Command.create(
                            {"description": "Next year", "date": "9000-01-01"}
                        )
                    ]
                },
            ),
            (
                "offer moved before the departure",
                departure,
                {
                    "offer_ids": [
                        Command.update(self.offer.id, {"date": self._days(-11)})
                    ]
                },
            ),
            (
                "step done by hand",
                departure,
                {"step_ids": [Command.update(self.step_planned.id, {"state": "done"})]},
            ),
            (
                "watch cleared by hand",
                departure,
                {"watch_ids": [Command.update(self.watch.id, {"state": "cleared"})]},
            ),
            ("offer count written", departure, {"price_offer_count": 3}),
            ("days to recover written", recovered, {"days_to_recover": 1}),
            ("closing request written", closed, {"door_closed_request": "Nothing"}),
            ("name written", departure, {"name": "Renamed"}),
            ("owner written", departure, {"owner_id": self.user_tomas.id}),
            (
                "company of another client",
                departure,
                {"company_id": self.other_company.id},
            ),
        ]
        return self._cases(model, base, create, write)

    def _offer_cases(self):
        model = "farewell.retention.offer"
        base = {"departure_id": self.departure.id, "description": "Free month"}
        create = [
            ("no departure", {"description": "Free month"}),
            ("departure as text", dict(base, departure_id="Alfa")),
            ("departure out of range", dict(base, departure_id=HUGE)),
            ("unknown departure", dict(base, departure_id=999_999_999)),
            (
                "departure of the other company",
                dict(base, departure_id=self.departure_other.id),
            ),
            ("no description", {"departure_id": self.departure.id}),
            ("blank description", dict(base, description="   ")),
            ("huge description", dict(base, description=HUGE_TEXT)),
            ("offered in the future", dict(base, date=self._days(2))),
            ("offered before the departure", dict(base, date=self._days(-11))),
            ("offered in the year 1000", dict(base, date="1000-01-01")),
            ("date as a word", dict(base, date="soon")),
            ("result unknown", dict(base, result="won")),
            ("company given", dict(base, company_id=self.other_company.id)),
        ]
        offer = self.offer
        write = [
            (
                "moved to another departure",
                offer,
                {"departure_id": self.departure_beta.id},
            ),
            ("date in the future", offer, {"date": self._days(2)}),
            ("date before the departure", offer, {"date": self._days(-30)}),
            ("date removed", offer, {"date": False}),
            ("date as a format", offer, {"date": "%d/%m"}),
            ("description emptied", offer, {"description": ""}),
            ("description removed", offer, {"description": False}),
            ("result unknown", offer, {"result": "maybe"}),
            ("company written", offer, {"company_id": self.other_company.id}),
        ]
        return self._cases(model, base, create, write)

    def _step_cases(self):
        model = "farewell.protocol.step"
        base = {
            "departure_id": self.departure.id,
            "name": "Visit them",
            "due_date": self._days(10),
        }
        create = [
            ("no departure", {"name": "Visit", "due_date": self._days(10)}),
            ("departure as text", dict(base, departure_id="the last one")),
            (
                "departure of the other company",
                dict(base, departure_id=self.departure_other.id),
            ),
            ("behind a closed door", dict(base, departure_id=self.departure_closed.id)),
            ("after a recovery", dict(base, departure_id=self.departure_recovered.id)),
            ("created scheduled", dict(base, state="scheduled")),
            ("created done", dict(base, state="done")),
            ("created stopped", dict(base, state="cancelled")),
            ("template given", dict(base, template_id=self.template.id)),
            (
                "template of the other company",
                dict(base, template_id=self.template_other.id),
            ),
            ("done date given", dict(base, done_date=self.today)),
            ("planned in the past", dict(base, due_date=self._days(-2))),
            ("planned in 9000", dict(base, due_date="9000-01-01")),
            ("planned six years ahead", dict(base, due_date=self._days(6 * 366))),
            ("due date as a word", dict(base, due_date="next month")),
            ("no due date", {"departure_id": self.departure.id, "name": "Visit"}),
            ("no name", {"departure_id": self.departure.id, "due_date": self._days(5)}),
            ("blank name", dict(base, name=" ")),
            ("huge name", dict(base, name=HUGE_TEXT)),
            ("owner given", dict(base, owner_id=self.user_tomas.id)),
            ("client given", dict(base, partner_id=self.client_beta.id)),
        ]
        planned, scheduled = self.step_planned, self.step_scheduled
        cancelled = self.step_cancelled
        write = [
            ("planned to done", planned, {"state": "done"}),
            ("planned to scheduled", planned, {"state": "scheduled"}),
            ("planned stopped by hand", planned, {"state": "cancelled"}),
            ("state unknown", planned, {"state": "skipped"}),
            ("due in the past", planned, {"due_date": self._days(-1)}),
            ("due six years ahead", planned, {"due_date": self._days(6 * 366)}),
            ("due date as a word", planned, {"due_date": "tomorrow"}),
            (
                "moved to another departure",
                planned,
                {"departure_id": self.departure_beta.id},
            ),
            ("name emptied", planned, {"name": ""}),
            ("template written", planned, {"template_id": self.template_other.id}),
            ("activity written", planned, {"activity_id": scheduled.activity_id.id}),
            ("done date written", planned, {"done_date": self.today}),
            ("scheduled step moved", scheduled, {"due_date": self._days(20)}),
            ("scheduled back to planned", scheduled, {"state": "planned"}),
            ("stopped step renamed", cancelled, {"name": "Call anyway"}),
            ("stopped step restarted", cancelled, {"state": "planned"}),
            ("stopped step rescripted", cancelled, {"script": "<p>Insist</p>"}),
        ]
        return self._cases(model, base, create, write)

    def _watch_cases(self):
        model = "farewell.watch"
        base = {
            "departure_id": self.departure.id,
            "partner_id": self.client_epsilon.id,
            "relation": "shared_contact",
            "date_end": self._days(30),
        }
        create = [
            ("no partner", dict(base, partner_id=False)),
            ("no end", {k: v for k, v in base.items() if k != "date_end"}),
            ("partner as text", dict(base, partner_id="Epsilon")),
            ("the client that left", dict(base, partner_id=self.client_alfa.id)),
            ("a contact", dict(base, partner_id=self.alfa_engineer.id)),
            (
                "partner of the other company",
                dict(base, partner_id=self.client_other.id),
            ),
            (
                "via someone of the other company",
                dict(base, via_contact_id=self.partner_other_contact.id),
            ),
            ("watched twice", dict(base, partner_id=self.client_delta.id)),
            ("created cleared", dict(base, state="cleared")),
            ("ends before it starts", dict(base, date_end=self._days(-5))),
            ("quiet for three years", dict(base, date_end=self._days(3 * 365))),
            (
                "starts in the future",
                dict(base, date_start=self._days(3), date_end=self._days(20)),
            ),
            ("start as a word", dict(base, date_start="today")),
            ("relation unknown", dict(base, relation="cousin")),
            ("departed client given", dict(base, departed_id=self.client_beta.id)),
            ("owner given", dict(base, owner_id=self.user_sofia.id)),
            (
                "departure of the other company",
                dict(base, departure_id=self.departure_other.id),
            ),
        ]
        watch, cleared = self.watch, self.watch_cleared
        write = [
            ("cleared by hand", watch, {"state": "cleared"}),
            ("state unknown", watch, {"state": "forgotten"}),
            ("another partner", watch, {"partner_id": self.client_epsilon.id}),
            ("another departure", watch, {"departure_id": self.departure_beta.id}),
            ("ends before it starts", watch, {"date_end": self._days(-30)}),
            ("quiet for three years", watch, {"date_end": self._days(3 * 365)}),
            ("starts in the future", watch, {"date_start": self._days(2)}),
            ("end removed", watch, {"date_end": False}),
            ("cleared watch reactivated", cleared, {"state": "active"}),
            ("cleared watch extended", cleared, {"date_end": self._days(90)}),
        ]
        return self._cases(model, base, create, write)

    def _configuration_cases(self):
        """Reasons and protocol steps (managers configure them)."""
        cases = []
        reason_base = {"name": "Moved abroad"}
        cases += self._cases(
            "farewell.reason",
            reason_base,
            [
                ("no name", {}),
                ("blank name", {"name": "\t"}),
                ("huge name", {"name": HUGE_TEXT}),
                ("NUL in the name", {"name": "Moved\x00"}),
                ("sequence out of range", dict(reason_base, sequence=HUGE)),
                ("sequence as text", dict(reason_base, sequence="first")),
                ("company as text", dict(reason_base, company_id="ours")),
                ("company out of range", dict(reason_base, company_id=-HUGE)),
            ],
            [
                ("name emptied", self.reason, {"name": ""}),
                ("sequence out of range", self.reason, {"sequence": -HUGE}),
                ("company as text", self.reason, {"company_id": "x"}),
            ],
        )
        template_base = {"name": "Call at 3 months", "offset_days": 91}
        cases += self._cases(
            "farewell.protocol.template",
            template_base,
            [
                ("no name", {"offset_days": 10}),
                ("no offset", {"name": "Call"}),
                ("before the departure", dict(template_base, offset_days=-1)),
                ("six years after", dict(template_base, offset_days=6 * 366)),
                ("offset out of range", dict(template_base, offset_days=HUGE)),
                ("offset as text", dict(template_base, offset_days="ten")),
                ("blank name", dict(template_base, name=" ")),
                (
                    "activity for leads",
                    dict(template_base, activity_type_id=self.activity_type_leads.id),
                ),
                ("activity as text", dict(template_base, activity_type_id="call")),
            ],
            [
                ("offset negative", self.template, {"offset_days": -30}),
                ("offset huge", self.template, {"offset_days": 100_000}),
                ("name emptied", self.template, {"name": ""}),
                (
                    "activity for leads",
                    self.template,
                    {"activity_type_id": self.activity_type_leads.id},
                ),
            ],
        )
        return cases

    def _partner_cases(self):
        """The client's derived values of this add-on."""
        alfa = self.client_alfa
        return [
            (
                "partner: door closed written",
                "res.partner",
                alfa,
                {"farewell_door_closed": True},
            ),
            (
                "partner: watch written",
                "res.partner",
                alfa,
                {"farewell_watched": False},
            ),
            (
                "partner: departure count",
                "res.partner",
                alfa,
                {"farewell_departure_count": 0},
            ),
            (
                "partner: assessment count",
                "res.partner",
                alfa,
                {"farewell_assessment_count": 2},
            ),
            (
                "partner: a departure in the future",
                "res.partner",
                self.client_theta,
                {
                    "farewell_departure_ids": [
                        Command.create({"departure_date": self._days(5)})
                    ]
                },
            ),
            (
                "partner: a departure moved to another client",
                "res.partner",
                self.client_theta,
                {"farewell_departure_ids": [Command.link(self.departure.id)]},
            ),
        ]

    def _cases(self, model, base, create, write):
        """(label, model, record, values) of these create and write cases."""
        return [
            (f"{model}: create {label}", model, None, vals) for label, vals in create
        ] + [
            (f"{model}: write {label}", model, record, vals)
            for label, record, vals in write
        ]

    def _all_cases(self):
        return (
            self._assessment_cases()
            + self._departure_cases()
            + self._offer_cases()
            + self._step_cases()
            + self._watch_cases()
            + self._configuration_cases()
            + self._partner_cases()
        )

    # ------------------------------------------------------------------
    # The tests
    # ------------------------------------------------------------------
    def test_bad_input_as_salesperson(self):
        cases = self._all_cases()
        self.assertGreater(len(cases), 200)
        self.run_bad_input_table(
            [
                (label, self.user_sofia, model, record, vals)
                for label, model, record, vals in cases
            ]
        )

    def test_bad_input_as_manager(self):
        self.run_bad_input_table(
            [
                (label, self.user_manager, model, record, vals)
                for label, model, record, vals in self._all_cases()
            ]
        )

    def test_company_settings_out_of_range(self):
        admin = self.env.ref("base.user_admin")
        company = self.company
        self.run_bad_input_table(
            [
                (label, admin, "res.company", company, vals)
                for label, vals in (
                    ("no quiet period", {"farewell_watch_quiet_days": 0}),
                    ("negative quiet period", {"farewell_watch_quiet_days": -5}),
                    ("quiet for years", {"farewell_watch_quiet_days": 731}),
                    ("quiet beyond an integer", {"farewell_watch_quiet_days": HUGE}),
                    ("quiet period as text", {"farewell_watch_quiet_days": "ninety"}),
                    ("negative lead time", {"farewell_step_lead_days": -1}),
                    ("lead time of months", {"farewell_step_lead_days": 91}),
                    ("lead time as a float", {"farewell_step_lead_days": float("nan")}),
                )
            ]
        )
        # Through the settings too.
        Settings = self.env["res.config.settings"].with_user(admin)
        self.assertRefusedInput(
            lambda: Settings.create({"farewell_watch_quiet_days": 1000}).execute(),
            "res.company",
            company,
            "settings",
        )
        self.assertEqual(company.farewell_watch_quiet_days, 90)

    def test_salesperson_acts_only_on_own_clients(self):
        """What a manager may do, a salesperson may not on another owner's
        client."""
        sofia = self.user_sofia
        self.run_bad_input_table(
            [
                (
                    "departure of Tomás's client",
                    sofia,
                    "farewell.departure",
                    None,
                    {"partner_id": self.client_iota.id},
                ),
                (
                    "offer on Tomás's departure",
                    sofia,
                    "farewell.retention.offer",
                    None,
                    {"departure_id": self.departure_beta.id, "description": "10% off"},
                ),
                (
                    "step on Tomás's departure",
                    sofia,
                    "farewell.protocol.step",
                    None,
                    {
                        "departure_id": self.departure_beta.id,
                        "name": "Call",
                        "due_date": self._days(3),
                    },
                ),
                (
                    "watch on Tomás's client",
                    sofia,
                    "farewell.watch",
                    None,
                    {
                        "departure_id": self.departure.id,
                        "partner_id": self.client_iota.id,
                        "relation": "shared_contact",
                        "date_end": self._days(10),
                    },
                ),
                ("a reason", sofia, "farewell.reason", None, {"name": "Bored"}),
                (
                    "a protocol step",
                    sofia,
                    "farewell.protocol.template",
                    None,
                    {"name": "Call", "offset_days": 3},
                ),
            ]
        )
        # The manager may.
        Departure = self.Departure.with_user(self.user_manager)
        self.assertTrue(Departure.create({"partner_id": self.client_iota.id}))


@tagged("post_install", "-at_install")
class TestWorkflowRules(FarewellRulesCommon):
    """What the buttons do, and what they leave frozen."""

    def test_one_open_door_at_a_time(self):
        Departure = self.Departure.with_user(self.user_sofia)
        with self.assertRefused(ValidationError, "already left"):
            Departure.create({"partner_id": self.client_alfa.id})
        # Through a manager's decision neither.
        assessment = self.assessment_decision
        assessment.transition_date = self.today
        with self.assertRefused(ValidationError, "already left"):
            assessment.with_user(self.user_manager).action_let_go()
        self.assertEqual(assessment.state, "decision")
        # Once the outcome is known, the client may leave again.
        self.departure.with_user(self.user_sofia).action_not_recovered()
        again = Departure.create({"partner_id": self.client_alfa.id})
        self.assertEqual(again.outcome, "pending")

    def test_recovered_client_comes_back(self):
        self.departure.with_user(self.user_sofia).action_archive_client()
        self.assertFalse(self.client_alfa.active)
        self.departure.with_user(self.user_sofia).action_recovered()
        self.assertTrue(self.client_alfa.active)
        self.assertEqual(self.client_alfa.relationship_stage, "exploration")
        self.assertEqual(self.departure.recovered_date, fields.Date.today())
        # The date of the recovery can be corrected, not moved before the
        # departure.
        self.departure.recovered_date = self._days(-2)
        self.assertEqual(self.departure.days_to_recover, 8)
        with self.assertRefused(UserError, "already has its outcome"):
            self.departure.action_not_recovered()

    def _days(self, days):
        return self.today + timedelta(days=days)

    def test_a_client_let_go_leaves_on_the_decided_date(self):
        assessment = self._to_decision(self.client_epsilon)
        assessment.transition_date = self._days(30)
        assessment.with_user(self.user_manager).action_let_go()
        departure = assessment.departure_id
        self.assertEqual(departure.departure_date, self._days(30))
        self.assertEqual(departure.cause, "let_go")
        with self.assertRefused(UserError, "transition date the manager decided"):
            departure.with_user(self.user_manager).departure_date = self.today
        with self.assertRefused(ValidationError, "manager's decision|in the future"):
            departure.with_user(self.user_manager).cause = "left"

    def test_moving_the_departure_moves_its_planned_steps(self):
        self.departure.with_user(self.user_sofia).departure_date = self._days(-12)
        self.assertEqual(self.step_planned.due_date, self._days(18))
        # The scheduled step keeps the deadline of its activity.
        self.assertEqual(self.step_scheduled.due_date, self.today)

    def test_stop_a_step(self):
        activity = self.step_scheduled.activity_id
        self.assertTrue(activity)
        # Tomás does not stop the steps of Sofía's client.
        with self.assertRefused(AccessError, ""):
            self.step_scheduled.with_user(self.user_tomas).action_cancel()
        self.assertTrue(activity.exists())
        self.step_scheduled.with_user(self.user_sofia).action_cancel()
        self.assertEqual(self.step_scheduled.state, "cancelled")
        self.assertFalse(activity.exists())
        with self.assertRefused(UserError, "Only a planned or scheduled step"):
            self.step_scheduled.with_user(self.user_sofia).action_cancel()
        # The manager stops any.
        self.step_planned.with_user(self.user_manager).action_cancel()
        self.assertEqual(self.step_planned.state, "cancelled")

    def test_a_step_done_with_its_activity(self):
        self.step_scheduled.activity_id.with_user(self.user_sofia).action_done()
        self.assertEqual(self.step_scheduled.state, "done")
        self.assertEqual(self.step_scheduled.done_date, fields.Date.today())

    def test_clear_a_watch(self):
        with self.assertRefused(AccessError, ""):
            self.watch.with_user(self.user_tomas).action_clear()
        self.assertEqual(self.watch.state, "active")
        self.watch.with_user(self.user_sofia).action_clear()
        self.assertEqual(self.watch.state, "cleared")
        with self.assertRefused(UserError, "already cleared"):
            self.watch.with_user(self.user_sofia).action_clear()

    def test_closing_the_door_clears_the_watches_of_other_owners(self):
        on_iota = self.env["farewell.watch"].create(
            {
                "departure_id": self.departure.id,
                "partner_id": self.client_iota.id,
                "relation": "shared_contact",
                "date_end": self._days(30),
            }
        )
        departure = self.departure.with_user(self.user_sofia)
        departure.door_request_note = "Asked us by phone to stop"
        departure.action_close_door()
        self.assertEqual(on_iota.state, "cleared")
        self.assertEqual(self.watch.state, "cleared")
        self.assertEqual(set(self.departure.step_ids.mapped("state")), {"cancelled"})
        # Reopening needs the client's new request.
        with self.assertRefused(ValidationError, "new request"):
            departure.action_reopen_door()
        departure.door_request_note = "Wrote to say they would like news"
        departure.action_reopen_door()
        self.assertEqual(departure.door_state, "open")
        self.assertFalse(departure.door_closed_request)

    def test_only_the_owner_acts_on_a_departure(self):
        departure = self.departure.with_user(self.user_tomas)
        for action in (
            departure.action_recovered,
            departure.action_not_recovered,
            departure.action_archive_client,
        ):
            with (
                self.subTest(action=action.__name__),
                self.assertRefused(AccessError, ""),
            ):
                action()
        with self.assertRefused(AccessError, ""):
            departure.door_request_note = "Tomás heard they do not want calls"
        self.assertEqual(self.departure.outcome, "pending")
        self.assertTrue(self.client_alfa.active)

    def test_the_watch_stays_in_the_company(self):
        # Alfa's buyer also works for a client of the other company.
        self.env["res.partner"].create(
            {
                "name": "Ana at Gamma",
                "parent_id": self.client_other.id,
                "email": "ana@alfa.example.com",
                "company_id": self.other_company.id,
            }
        )
        departure = self.Departure.with_user(self.user_sofia).create(
            {"partner_id": self.client_theta.id}
        )
        self.assertFalse(departure.watch_ids)
        self.departure.with_user(self.user_sofia).action_not_recovered()
        again = self.Departure.with_user(self.user_sofia).create(
            {"partner_id": self.client_alfa.id}
        )
        self.assertNotIn(self.client_other, again.watch_ids.partner_id)

    def test_a_copied_assessment_starts_over(self):
        copy = self.assessment_decision.copy()
        self.assertEqual(copy.state, "draft")
        self.assertFalse(copy.evidence_date)
        self.assertFalse(copy.problem_count)
        self.assertFalse(any(copy[name] for name in CHECKLIST))
        self.assertFalse(copy.decision)

    def test_every_derived_field_is_set_by_the_application(self):
        for model in (
            "farewell.assessment",
            "farewell.departure",
            "farewell.retention.offer",
            "farewell.protocol.step",
            "farewell.watch",
        ):
            Model = self.env[model]
            system = Model._system_fields()
            for name, field in Model._fields.items():
                if field._module != "customer_farewell" or field.automatic:
                    continue
                if (field.compute or field.related) and not field.inverse:
                    with self.subTest(model=model, field=name):
                        self.assertIn(name, system)
        self.assertIn("state", self.env["farewell.watch"]._system_fields())
        self.assertIn("door_closed_request", self.Departure._system_fields())
        self.assertIn("evidence_summary", self.Assessment._system_fields())

    def test_the_protocol_of_each_company(self):
        # The other company's step is not planned for our clients.
        departure = self.Departure.with_user(self.user_sofia).create(
            {"partner_id": self.client_theta.id}
        )
        self.assertNotIn(self.template_other, departure.step_ids.template_id)
        self.assertIn(self.template, departure.step_ids.template_id)
        # Its own clients get it.
        self.assertIn(self.template_other, self.departure_other.step_ids.template_id)
