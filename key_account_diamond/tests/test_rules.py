# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Wrong input on every model a user creates or writes, through create and
write as a salesperson and as a manager (and an administrator for the
thresholds): only user errors come out, and nothing is saved. Then the same
models fed generated values (hypothesis): what goes through satisfies the
rules."""

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.relationship_health.models.relationship_interaction import (
    FUTURE_TOLERANCE,
)
from odoo.addons.relationship_health.tests.rules_common import (
    FAR_FUTURE,
    FAR_PAST,
    HUGE_TEXT,
    hostile_values,
)

from .common import KeyAccountRulesCommon

# Beyond what a PostgreSQL integer holds.
INT_OVERFLOW = 2**31
BIG = 2**40
GENERATED = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@tagged("post_install", "-at_install")
class TestBadInput(KeyAccountRulesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alfa_buyer.relationship_birthday = date(1980, 5, 1)

    # ------------------------------------------------------------------
    # The valid values each table starts from
    # ------------------------------------------------------------------
    def _function(self, **values):
        return {"name": "Logistics", "sequence": 60, "color": 6, **values}

    def _member(self, **values):
        return {
            "partner_id": self.client_alfa.id,
            "user_id": self.user_nora.id,
            "function_id": self.f_technical.id,
            **values,
        }

    def _thread(self, **values):
        return {
            "partner_id": self.client_alfa.id,
            "user_id": self.user_tomas.id,
            "contact_id": self.alfa_engineer.id,
            "last_contact_date": fields.Datetime.now() - timedelta(days=3),
            **values,
        }

    def _contact(self, **values):
        return {
            "name": "Nuria New",
            "parent_id": self.client_alfa.id,
            "stakeholder_function_id": self.f_finance.id,
            "stakeholder_role": "influencer",
            **values,
        }

    def test_valid_values_go_through(self):
        """The tables change one value of these: each of them is accepted."""
        for user in (self.user_sofia, self.user_manager):
            with self.subTest(user=user.login), self.env.cr.savepoint() as savepoint:
                env = self.env(user=user)
                if user == self.user_manager:
                    env["key.account.function"].create(self._function())
                member = env["key.account.team.member"].create(self._member())
                thread = env["key.account.thread"].create(self._thread())
                contact = env["res.partner"].create(self._contact())
                self.alfa_buyer.with_env(env).write(
                    {
                        "stakeholder_left": True,
                        "stakeholder_left_date": date.today() - timedelta(days=1),
                        "reports_to_id": self.alfa_cfo.id,
                    }
                )
                self.assertEqual(member.company_id, self.company)
                self.assertEqual(thread.source, "manual")
                self.assertEqual(contact.stakeholder_function_id, self.f_finance)
                savepoint.rollback()
        self.env.company.with_user(self.user_admin).write(
            {"kad_bowtie_max_threads": 2, "kad_diamond_min_threads": 5}
        )
        self.assertEqual(self.env.company.kad_diamond_min_threads, 5)

    # ------------------------------------------------------------------
    # The tables
    # ------------------------------------------------------------------
    def _makers(self, model, base=None, record=None):
        """``new(label, **changes)``: a creation of ``base`` values with
        ``changes``; ``edit(label, target=record, **values)``: a write."""

        def new(label, **changes):
            return (label, model, None, base(**changes) if base else changes)

        def edit(label, target=None, **values):
            return (label, model, target or record, values)

        return new, edit

    def _function_cases(self):
        new, edit = self._makers(
            "key.account.function", self._function, self.f_technical
        )
        return [
            ("function without a name", "key.account.function", None, {"sequence": 5}),
            new("function named None", name=None),
            new("function named False", name=False),
            new("function named with spaces", name="   "),
            new("function named 100k chars", name=HUGE_TEXT),
            new("function named 65 chars", name="x" * 65),
            new("function name with NUL", name="Lo\x00g"),
            new("function named a number", name=12),
            new("function twice", name="Purchasing"),
            new("function twice, other case", name=" purchasing "),
            new("function sequence negative", sequence=-1),
            new("function sequence text", sequence="abc"),
            new("function sequence overflow", sequence=INT_OVERFLOW),
            new("function colour 12", color=12),
            new("function colour negative", color=-3),
            new("function colour text", color="red"),
            edit("rename function 100k chars", name=HUGE_TEXT),
            edit("rename function as another", name="Finance and administration"),
            edit("rename function to nothing", name=False),
            edit("function colour overflow", color=BIG),
        ]

    def _member_cases(self):
        new, edit = self._makers(
            "key.account.team.member", self._member, self.member_sofia
        )
        alfa, other = self.client_alfa, self.user_other_company
        return [
            new("member without client", partner_id=False),
            new("member without person", user_id=False),
            new("member client as text", partner_id="Alfa Industrial"),
            new("member client id as text", partner_id=str(alfa.id)),
            new("member client unknown", partner_id=999999999),
            new("member client negative", partner_id=-1),
            new("member client id overflow", partner_id=BIG),
            new("member client is a contact", partner_id=self.alfa_buyer.id),
            new("member client of other company", partner_id=self.client_other.id),
            new("member of the other company", user_id=other.id),
            new("member is a portal user", user_id=self.user_portal.id),
            new("member as text", user_id="Nora"),
            new("member id overflow", user_id=BIG),
            new("member function archived", function_id=self.f_archived.id),
            new("member function as text", function_id="Technical"),
            new("member function unknown", function_id=999999999),
            new("second lead", is_lead=True),
            new("member twice", user_id=self.user_sofia.id),
            new("member owner given", owner_id=self.user_nora.id),
            new("member in other company", company_id=self.other_company.id),
            new("member company as text", company_id="Other Co"),
            edit("move member to Beta", partner_id=self.client_beta.id),
            edit("move member to other company", company_id=self.other_company.id),
            edit("member becomes other company's", user_id=other.id),
            edit("member becomes portal", user_id=self.user_portal.id),
            edit("member becomes nobody", user_id=False),
            edit("member function to archived", function_id=self.f_archived.id),
            edit("member function to text", function_id="abc"),
            edit("member owner written", owner_id=self.user_nora.id),
        ]

    def _thread_cases(self):
        new, edit = self._makers(
            "key.account.thread", self._thread, self.thread_declared
        )
        derived = self.thread_derived
        tomorrow = fields.Datetime.now() + timedelta(days=1)
        year_9000 = datetime.combine(FAR_FUTURE, datetime.min.time())
        portal, other = self.user_portal, self.user_other_company
        return [
            new("thread without contact", contact_id=False),
            new("thread without our person", user_id=False),
            new("thread client is a contact", partner_id=self.alfa_buyer.id),
            new("thread client as text", partner_id="Alfa"),
            new("thread to another client's contact", contact_id=self.beta_contact.id),
            new("thread to the client itself", contact_id=self.client_alfa.id),
            new("thread to other company's contact", contact_id=self.other_contact.id),
            new("thread contact as text", contact_id="Luis Engineer"),
            new("thread with a portal user", user_id=portal.id),
            new("thread with other company's user", user_id=other.id),
            new(
                "thread on other company's client",
                partner_id=self.client_other.id,
                contact_id=self.other_contact.id,
            ),
            new("thread in other company", company_id=self.other_company.id),
            new("thread declared as derived", source="derived"),
            new("thread source unknown", source="rumour"),
            new("thread with interactions", interaction_count=5),
            new("thread with negative interactions", interaction_count=-1),
            new("thread interactions as text", interaction_count="many"),
            new("thread strength given", strength="strong"),
            new("thread live given", is_live=True),
            new("thread our function given", our_function_id=self.f_finance.id),
            new("thread their function given", their_function_id=self.f_finance.id),
            new("thread contact left given", contact_left=True),
            new("thread last contact tomorrow", last_contact_date=tomorrow),
            new("thread last contact year 9000", last_contact_date=year_9000),
            new("thread last contact as word", last_contact_date="yesterday"),
            new("thread last contact impossible", last_contact_date="2026-13-45"),
            new(
                "thread already drawn by the log",
                user_id=self.user_sofia.id,
                contact_id=self.alfa_buyer.id,
            ),
            edit("declared thread contact tomorrow", last_contact_date=tomorrow),
            edit("declared thread contact as word", last_contact_date="soon"),
            edit("declared thread counts written", interaction_count=3),
            edit("declared thread made derived", source="derived"),
            edit("declared thread strength written", strength="strong"),
            edit("declared thread live written", is_live=False),
            edit("declared thread moved to Beta", partner_id=self.client_beta.id),
            edit("declared thread to other company", company_id=self.other_company.id),
            edit("declared thread to Beta's contact", contact_id=self.beta_contact.id),
            edit("declared thread to the client", contact_id=self.client_alfa.id),
            edit("declared thread to a portal user", user_id=portal.id),
            edit("declared thread to other company's user", user_id=other.id),
            edit(
                "derived thread dated by hand",
                target=derived,
                last_contact_date=fields.Datetime.now() - timedelta(days=1),
            ),
            edit(
                "derived thread to another contact",
                target=derived,
                contact_id=self.alfa_engineer.id,
            ),
            edit(
                "derived thread to another of ours",
                target=derived,
                user_id=self.user_tomas.id,
            ),
        ]

    def _shape_cases(self):
        new, edit = self._makers("key.account.shape", record=self.shape_alfa)
        beta = self.client_beta.id
        return [
            new("shape created by hand", partner_id=beta),
            new("shape created with figures", partner_id=beta, shape="diamond"),
            edit("shape made a diamond", shape="diamond"),
            edit("shape live threads written", live_threads=9),
            edit("shape share over 100%", concentration=150),
            edit("shape moved to Beta", partner_id=beta),
            edit("shape key contact left written", key_contact_left=True),
        ]

    def _partner_cases(self):
        new, edit = self._makers("res.partner", record=self.alfa_buyer)
        new_contact, _edit = self._makers("res.partner", self._contact)
        alfa, buyer = self.client_alfa, self.alfa_buyer
        yesterday = date.today() - timedelta(days=1)
        tomorrow = date.today() + timedelta(days=1)

        def left(label, when):
            return edit(label, stakeholder_left=True, stakeholder_left_date=when)

        return [
            # The shape and its figures are the refresh's.
            edit("client made a diamond", target=alfa, kad_shape="diamond"),
            edit("client live threads written", target=alfa, kad_live_threads=5),
            edit("client share negative", target=alfa, kad_concentration=-10),
            edit("client functions as text", target=alfa, kad_their_functions="three"),
            edit("client our functions written", target=alfa, kad_our_functions=2),
            edit("client interactions written", target=alfa, kad_interactions_12m=4),
            edit(
                "client busiest thread written",
                target=alfa,
                kad_busiest_thread_id=self.thread_declared.id,
            ),
            edit("client contact left written", target=alfa, kad_key_contact_left=1),
            edit("client shape date written", target=alfa, kad_shape_date=yesterday),
            edit("client reason written", target=alfa, kad_shape_reason="Trust me"),
            edit("client map written", target=alfa, kad_map_data={"ours": []}),
            edit("client shape written", target=alfa, kad_shape_id=self.shape_alfa.id),
            new(
                "new client born a diamond",
                name="New",
                is_company=True,
                kad_shape="diamond",
            ),
            # The stakeholder fields of the client's people.
            edit("contact function as text", stakeholder_function_id="Purchasing"),
            edit("contact function overflow", stakeholder_function_id=BIG),
            edit(
                "contact function archived", stakeholder_function_id=self.f_archived.id
            ),
            edit("contact role unknown", stakeholder_role="ceo"),
            edit("contact influence as number", stakeholder_influence=3),
            edit("contact attitude unknown", stakeholder_attitude="hostile"),
            edit("contact reports to Beta's", reports_to_id=self.beta_contact.id),
            edit(
                "contact reports to other company's",
                reports_to_id=self.other_contact.id,
            ),
            edit("contact reports to the company", reports_to_id=alfa.id),
            edit("contact reports to themselves", reports_to_id=buyer.id),
            edit("contact reports to a name", reports_to_id="Carla"),
            left("contact left tomorrow", tomorrow),
            left("contact left in year 9000", FAR_FUTURE),
            left("contact left in year 1000", FAR_PAST),
            left("contact left before birth", date(1979, 1, 1)),
            left("contact left date as words", "last week"),
            edit("contact left date, not left", stakeholder_left_date=yesterday),
            edit("company given a role", target=alfa, stakeholder_role="sponsor"),
            edit(
                "company given a function",
                target=alfa,
                stakeholder_function_id=self.f_finance.id,
            ),
            edit("company left itself", target=alfa, stakeholder_left=True),
            edit("company reports to its contact", target=alfa, reports_to_id=buyer.id),
            new_contact(
                "new contact left tomorrow",
                stakeholder_left=True,
                stakeholder_left_date=tomorrow,
            ),
            new_contact("new contact role unknown", stakeholder_role="boss"),
            new(
                "new company with a role",
                name="Co",
                is_company=True,
                stakeholder_role="user",
            ),
            new(
                "new individual with a function",
                name="Ivan Alone",
                stakeholder_function_id=self.f_finance.id,
            ),
        ]

    def _company_cases(self):
        _new, edit = self._makers("res.company", record=self.env.company)
        return [
            edit("bow-tie threads negative", kad_bowtie_max_threads=-1),
            edit("bow-tie threads as a diamond's", kad_bowtie_max_threads=4),
            edit("bow-tie threads as a word", kad_bowtie_max_threads="one"),
            edit("bow-tie threads overflow", kad_bowtie_max_threads=INT_OVERFLOW),
            edit("bow-tie share zero", kad_bowtie_concentration=0),
            edit("bow-tie share 101%", kad_bowtie_concentration=101),
            edit("bow-tie share overflow", kad_bowtie_concentration=BIG),
            edit("bow-tie share None", kad_bowtie_concentration=None),
            edit("diamond threads below bow-tie", kad_diamond_min_threads=1),
            edit("diamond threads underflow", kad_diamond_min_threads=-(2**31) - 1),
            edit("diamond their functions zero", kad_diamond_min_their_functions=0),
            edit("diamond our functions negative", kad_diamond_min_our_functions=-2),
            edit("diamond our functions as a word", kad_diamond_min_our_functions="2x"),
        ]

    @mute_logger("odoo.sql_db")
    def test_bad_input_is_refused(self):
        cases = (
            self._function_cases()
            + self._member_cases()
            + self._thread_cases()
            + self._shape_cases()
            + self._partner_cases()
        )
        self.assertGreater(len(cases), 100)
        self.run_bad_input_table(
            [
                (label, user, model, record, values)
                for user in (self.user_sofia, self.user_manager)
                for label, model, record, values in cases
            ]
        )

    @mute_logger("odoo.sql_db")
    def test_bad_thresholds_are_refused(self):
        self.run_bad_input_table(
            [
                (label, user, model, record, values)
                for user in (self.user_sofia, self.user_manager, self.user_admin)
                for label, model, record, values in self._company_cases()
            ]
        )

    def test_bad_settings_are_refused(self):
        """The settings write the company's thresholds: refused there, and
        the company keeps its own."""
        cases = [
            {"kad_bowtie_max_threads": "abc"},
            {"kad_bowtie_max_threads": BIG},
            {"kad_bowtie_max_threads": -1},
            {"kad_diamond_min_threads": 1},
            {"kad_bowtie_concentration": 500},
            {"kad_diamond_min_their_functions": 0},
            {"kad_diamond_min_our_functions": "2.5"},
        ]
        for user in (self.user_sofia, self.user_manager, self.user_admin):
            Settings = self.env["res.config.settings"].with_user(user)
            for values in cases:
                with self.subTest(user=user.login, values=values):
                    self.assertRefusedInput(
                        lambda Settings=Settings, values=values: Settings.create(
                            values
                        ).execute(),
                        "res.company",
                        self.env.company,
                        str(values),
                    )
        # ...and their write, once created.
        settings = self.env["res.config.settings"].with_user(self.user_admin).create({})
        self.assertRefusedInput(
            lambda: settings.write({"kad_diamond_min_threads": "many"}),
            "res.company",
            self.env.company,
            "settings written with a word",
        )

    # ------------------------------------------------------------------
    # Generated rounds
    # ------------------------------------------------------------------
    def _ids(self, *records):
        """Ids of ``records``, and the hostile ids of the base's strategy."""
        ids = [record.id for record in records]
        return st.one_of(st.sampled_from(ids), hostile_values("many2one"))

    def _round(self, call, model, check, record=None, label=""):
        """One example: refused with a user error saving nothing, or through
        and ``check``-ed; undone either way, for the next example."""
        savepoint = self.env.cr.savepoint()
        try:
            result = []
            error = self.assertOnlyUserErrors(
                lambda: result.append(call()), model, record, label
            )
            if error is None:
                check(result[0])
        finally:
            savepoint.close(rollback=True)

    @GENERATED
    @given(data=st.data())
    def test_generated_threads(self, data):
        values = data.draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "partner_id": self._ids(
                        self.client_alfa, self.client_beta, self.alfa_buyer
                    ),
                    "user_id": self._ids(
                        self.user_tomas, self.user_portal, self.user_other_company
                    ),
                    "contact_id": self._ids(
                        self.alfa_engineer,
                        self.alfa_plant,
                        self.beta_contact,
                        self.client_alfa,
                        self.other_contact,
                    ),
                    "last_contact_date": hostile_values("datetime"),
                    "interaction_count": hostile_values("integer"),
                    "source": st.sampled_from(["manual", "derived", "gossip", False]),
                },
            )
        )
        Thread = self.Thread.with_user(self.user_sofia)

        def check(thread):
            self.assertEqual(thread.contact_id.commercial_partner_id, thread.partner_id)
            self.assertFalse(thread.contact_id.is_company)
            self.assertFalse(thread.user_id.share)
            self.assertIn(thread.company_id, thread.user_id.company_ids)
            self.assertEqual(thread.source, "manual")
            self.assertEqual(thread.interaction_count, 0)
            if thread.last_contact_date:
                self.assertLessEqual(
                    thread.last_contact_date, datetime.now() + FUTURE_TOLERANCE
                )

        self._round(lambda: Thread.create(values), "key.account.thread", check)

    @GENERATED
    @given(data=st.data())
    def test_generated_shapes(self, data):
        """Whatever the values, whoever the user: a shape is the refresh's."""
        values = data.draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "partner_id": self._ids(self.client_alfa, self.client_beta),
                    "shape": st.sampled_from(["diamond", "bow_tie", "gem", False]),
                    "live_threads": hostile_values("integer"),
                    "concentration": hostile_values("integer"),
                    "date": hostile_values("date"),
                },
            )
        )
        user = data.draw(st.sampled_from([self.user_sofia, self.user_manager]))
        Shape = self.env["key.account.shape"].with_user(user)
        if data.draw(st.booleans()):
            call, record = (lambda: Shape.create(values)), None
        else:
            call, record = (
                (lambda: Shape.browse(self.shape_alfa.id).write(values)),
                (self.shape_alfa),
            )
        self.assertRefusedInput(call, "key.account.shape", record, str(values))

    @GENERATED
    @given(data=st.data())
    def test_generated_team_members(self, data):
        values = data.draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "partner_id": self._ids(
                        self.client_alfa, self.alfa_buyer, self.client_other
                    ),
                    "user_id": self._ids(
                        self.user_nora,
                        self.user_tomas,
                        self.user_portal,
                        self.user_other_company,
                    ),
                    "function_id": self._ids(self.f_technical, self.f_archived),
                    "is_lead": hostile_values("boolean"),
                    "company_id": self._ids(self.company, self.other_company),
                },
            )
        )
        user = data.draw(st.sampled_from([self.user_sofia, self.user_manager]))
        Member = self.env["key.account.team.member"].with_user(user)

        def check(member):
            self.assertEqual(member.partner_id, member.partner_id.commercial_partner_id)
            self.assertFalse(member.user_id.share)
            self.assertIn(member.company_id, member.user_id.company_ids)
            if member.partner_id.company_id:
                self.assertEqual(member.partner_id.company_id, member.company_id)
            self.assertFalse(member.function_id and not member.function_id.active)
            leads = member.search_count(
                [("partner_id", "=", member.partner_id.id), ("is_lead", "=", True)]
            )
            self.assertLessEqual(leads, 1)

        self._round(lambda: Member.create(values), "key.account.team.member", check)

    @GENERATED
    @given(data=st.data())
    def test_generated_functions(self, data):
        values = data.draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "name": hostile_values("char"),
                    "sequence": hostile_values("integer"),
                    "color": hostile_values("integer"),
                },
            )
        )
        Function = self.env["key.account.function"].with_user(self.user_manager)

        def check(function):
            name = function.name
            self.assertTrue(name.strip())
            self.assertLessEqual(len(name), 64)
            self.assertGreaterEqual(function.sequence, 0)
            self.assertIn(function.color, range(12))

        self._round(lambda: Function.create(values), "key.account.function", check)

    @GENERATED
    @given(data=st.data())
    def test_generated_stakeholder_fields(self, data):
        values = data.draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "stakeholder_function_id": self._ids(
                        self.f_finance, self.f_archived
                    ),
                    "stakeholder_role": st.sampled_from(
                        ["sponsor", "ceo", "", False, 3]
                    ),
                    "reports_to_id": self._ids(
                        self.alfa_cfo, self.beta_contact, self.client_alfa
                    ),
                    "stakeholder_left": hostile_values("boolean"),
                    "stakeholder_left_date": hostile_values("date"),
                    "kad_shape": st.sampled_from(["diamond", "bow_tie", False]),
                    "kad_live_threads": hostile_values("integer"),
                },
            )
        )
        target = data.draw(st.sampled_from([self.alfa_buyer, self.client_alfa]))
        record = target.with_user(self.user_sofia)

        def check(_result):
            partner = target
            if partner.is_company:
                for name in ("stakeholder_function_id", "stakeholder_role"):
                    self.assertFalse(partner[name])
            self.assertFalse(
                partner.stakeholder_function_id
                and not partner.stakeholder_function_id.active
            )
            if partner.reports_to_id:
                self.assertEqual(
                    partner.reports_to_id.commercial_partner_id,
                    partner.commercial_partner_id,
                )
            if partner.stakeholder_left_date:
                self.assertTrue(partner.stakeholder_left)
                self.assertLessEqual(partner.stakeholder_left_date, date.today())
                self.assertGreaterEqual(partner.stakeholder_left_date, date(1900, 1, 1))
            self.assertNotIn("kad_shape", values, "the shape was written")
            self.assertNotIn("kad_live_threads", values)

        self._round(lambda: record.write(values), "res.partner", check, target)

    @GENERATED
    @given(data=st.data())
    def test_generated_thresholds(self, data):
        names = (
            "kad_bowtie_max_threads",
            "kad_bowtie_concentration",
            "kad_diamond_min_threads",
            "kad_diamond_min_their_functions",
            "kad_diamond_min_our_functions",
        )
        values = data.draw(
            st.fixed_dictionaries(
                {}, optional={name: hostile_values("integer") for name in names}
            )
        )
        through_settings = data.draw(st.booleans())
        company = self.env.company

        def call():
            if through_settings:
                Settings = self.env["res.config.settings"].with_user(self.user_admin)
                return Settings.create(values).execute()
            return company.with_user(self.user_admin).write(values)

        def check(_result):
            self.assertLessEqual(0, company.kad_bowtie_max_threads)
            self.assertLess(
                company.kad_bowtie_max_threads, company.kad_diamond_min_threads
            )
            self.assertLessEqual(1, company.kad_bowtie_concentration)
            self.assertLessEqual(company.kad_bowtie_concentration, 100)
            self.assertGreaterEqual(company.kad_diamond_min_their_functions, 1)
            self.assertGreaterEqual(company.kad_diamond_min_our_functions, 1)

        self._round(call, "res.company", check, company)
