# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Generated rounds: hostile values for the fields of every model a user
creates or writes, as a salesperson or as a manager. Each example either
goes through, leaving a record that holds every rule, or is refused with a
user error and saves nothing."""

from contextlib import closing
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from odoo.addons.relationship_health.tests.rules_common import hostile_values

from .common import FarewellRulesCommon

ROUND = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Field names generated per model; the others keep their defaults.
FIELDS = {
    "farewell.assessment": (
        "partner_id",
        "motive",
        "transition_date",
        "farewell_template_id",
        "decision_note",
        "check_facts_verified",
        "state",
        "decision",
        "problem_count",
        "company_id",
    ),
    "farewell.departure": (
        "partner_id",
        "departure_date",
        "cause",
        "lost_revenue",
        "lost_products",
        "would_come_back",
        "exit_notes",
        "door_request_note",
        "door_state",
        "outcome",
        "recovered_date",
        "reason_ids",
    ),
    "farewell.retention.offer": (
        "departure_id",
        "date",
        "description",
        "is_price",
        "result",
    ),
    "farewell.protocol.step": ("departure_id", "name", "due_date", "script", "state"),
    "farewell.watch": (
        "departure_id",
        "partner_id",
        "relation",
        "via_contact_id",
        "date_start",
        "date_end",
        "state",
    ),
    "farewell.protocol.template": (
        "name",
        "offset_days",
        "sequence",
        "activity_type_id",
        "company_id",
        "script",
    ),
    "farewell.reason": ("name", "sequence", "is_price", "company_id"),
    "res.company": ("farewell_watch_quiet_days", "farewell_step_lead_days"),
}
JUNK_CHOICES = ("", "bogus", None, 1, True)

OUR_ADDONS = ("relationship_health", "customer_farewell", "key_account_diamond")


@tagged("post_install", "-at_install")
class TestGeneratedInput(FarewellRulesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Real records a caller would give, of every kind: ours, another
        # owner's, another company's.
        cls.ids_of = {
            "res.partner": (
                cls.client_alfa
                | cls.client_beta
                | cls.client_epsilon
                | cls.client_theta
                | cls.client_iota
                | cls.client_other
                | cls.alfa_buyer
            ).ids,
            "farewell.departure": (
                cls.departure
                | cls.departure_closed
                | cls.departure_recovered
                | cls.departure_beta
                | cls.departure_other
            ).ids,
            "farewell.reason": (cls.reason | cls.reason_other).ids,
            "mail.template": (
                cls.env.ref("customer_farewell.mail_template_farewell_letter")
                | cls.template_users
            ).ids,
            "mail.activity.type": (
                cls.env.ref("customer_farewell.mail_activity_type_farewell")
                | cls.activity_type_leads
            ).ids,
            "res.company": (cls.company | cls.other_company).ids,
        }

    # ------------------------------------------------------------------
    # Strategies
    # ------------------------------------------------------------------
    def _plausible(self, field):
        """Values a form would send for ``field``: most of them valid."""
        if field.type == "date":
            return st.integers(-400, 400).map(lambda d: self.today + timedelta(d))
        if field.type == "integer":
            return st.integers(-10, 800)
        if field.type in ("float", "monetary"):
            return st.floats(-100, 1e6, allow_nan=False)
        if field.type == "boolean":
            return st.booleans()
        return st.text(min_size=1, max_size=30)

    def _strategy(self, model, name):
        field = self.env[model]._fields[name]
        if field.type == "selection":
            keys = [key for key, _label in field._description_selection(self.env)]
            return st.sampled_from(keys + list(JUNK_CHOICES))
        if field.type in ("many2one", "many2many"):
            real = st.sampled_from(self.ids_of[field.comodel_name])
            if field.type == "many2many":
                return st.lists(real, max_size=2).map(lambda ids: [(6, 0, ids)])
            return st.one_of(real, real, hostile_values("many2one"))
        return st.one_of(self._plausible(field), hostile_values(field.type))

    def _values(self, data, model, base=None):
        """``base`` (valid values), with up to three of the model's fields
        given generated values."""
        names = data.draw(
            st.lists(st.sampled_from(FIELDS[model]), max_size=3, unique=True)
        )
        values = dict(base or {})
        values.update({name: data.draw(self._strategy(model, name)) for name in names})
        return values

    def _base(self, model):
        """Valid values to create a record of ``model``."""
        return {
            "farewell.assessment": {"partner_id": self.client_epsilon.id},
            "farewell.departure": {"partner_id": self.client_theta.id},
            "farewell.retention.offer": {
                "departure_id": self.departure.id,
                "description": "A free month",
            },
            "farewell.protocol.step": {
                "departure_id": self.departure.id,
                "name": "Visit",
                "due_date": self.today + timedelta(days=10),
            },
            "farewell.watch": {
                "departure_id": self.departure.id,
                "partner_id": self.client_epsilon.id,
                "relation": "shared_contact",
                "date_end": self.today + timedelta(days=30),
            },
            "farewell.protocol.template": {"name": "Call", "offset_days": 10},
            "farewell.reason": {"name": "Moved abroad"},
        }[model]

    def _users(self):
        return st.sampled_from([self.user_sofia, self.user_manager])

    # ------------------------------------------------------------------
    # One example
    # ------------------------------------------------------------------
    def _try_create(self, model, user, values):
        Model = self.env[model].with_user(user)
        created = []
        self.env.flush_all()
        with closing(self.env.cr.savepoint()):
            error = self.assertOnlyUserErrors(
                lambda: created.append(Model.create(values)), model, None, repr(values)
            )
            if error is None:
                self._assert_rules_hold(created[0], None)
        self.env.invalidate_all()

    def _try_write(self, model, user, record, values):
        self.env.flush_all()
        workflow = (
            {name: record.sudo()[name] for name in self.env[model]._workflow_buttons()}
            if hasattr(self.env[model], "_workflow_buttons")
            else {}
        )
        with closing(self.env.cr.savepoint()):
            error = self.assertOnlyUserErrors(
                lambda: record.with_user(user).write(values),
                model,
                record,
                repr(values),
            )
            if error is None:
                self._assert_rules_hold(record, workflow)
        self.env.invalidate_all()

    def _assert_rules_hold(self, record, workflow_before):
        """What went through holds every rule: the model's constraints and
        its companies, and a workflow where the buttons left it."""
        record.invalidate_recordset()
        record = record.sudo()
        # Our rules: every field of our models, ours on Odoo's (a company's
        # Invoicing settings have rules of their own, not ours to play).
        ours = record._original_module in OUR_ADDONS
        record._validate_fields(
            [
                name
                for name, field in record._fields.items()
                if ours or field._module in OUR_ADDONS
            ]
        )
        if record._check_company_auto:
            record._check_company()
        if not hasattr(record, "_workflow_buttons"):
            return
        for name in record._workflow_buttons():
            expected = (
                workflow_before[name]
                if workflow_before is not None
                else record._system_default(name)
            )
            self.assertEqual(record[name], expected, f"{record._name}.{name}")

    # ------------------------------------------------------------------
    # The rounds
    # ------------------------------------------------------------------
    @ROUND
    @given(data=st.data())
    def test_assessment(self, data):
        user = data.draw(self._users())
        if data.draw(st.booleans()):
            values = self._values(
                data, "farewell.assessment", self._base("farewell.assessment")
            )
            self._try_create("farewell.assessment", user, values)
        else:
            record = data.draw(
                st.sampled_from([self.assessment_draft, self.assessment_review])
            )
            values = self._values(data, "farewell.assessment")
            self._try_write("farewell.assessment", user, record, values)

    @ROUND
    @given(data=st.data())
    def test_departure(self, data):
        user = data.draw(self._users())
        if data.draw(st.booleans()):
            values = self._values(
                data, "farewell.departure", self._base("farewell.departure")
            )
            self._try_create("farewell.departure", user, values)
        else:
            record = data.draw(
                st.sampled_from([self.departure, self.departure_recovered])
            )
            values = self._values(data, "farewell.departure")
            self._try_write("farewell.departure", user, record, values)

    @ROUND
    @given(data=st.data())
    def test_retention_offer(self, data):
        user = data.draw(self._users())
        if data.draw(st.booleans()):
            values = self._values(
                data, "farewell.retention.offer", self._base("farewell.retention.offer")
            )
            self._try_create("farewell.retention.offer", user, values)
        else:
            values = self._values(data, "farewell.retention.offer")
            self._try_write("farewell.retention.offer", user, self.offer, values)

    @ROUND
    @given(data=st.data())
    def test_protocol_step(self, data):
        user = data.draw(self._users())
        if data.draw(st.booleans()):
            values = self._values(
                data, "farewell.protocol.step", self._base("farewell.protocol.step")
            )
            self._try_create("farewell.protocol.step", user, values)
        else:
            record = data.draw(
                st.sampled_from([self.step_planned, self.step_scheduled])
            )
            values = self._values(data, "farewell.protocol.step")
            self._try_write("farewell.protocol.step", user, record, values)

    @ROUND
    @given(data=st.data())
    def test_watch(self, data):
        user = data.draw(self._users())
        if data.draw(st.booleans()):
            values = self._values(data, "farewell.watch", self._base("farewell.watch"))
            self._try_create("farewell.watch", user, values)
        else:
            values = self._values(data, "farewell.watch")
            self._try_write("farewell.watch", user, self.watch, values)

    @ROUND
    @given(data=st.data())
    def test_configuration(self, data):
        model = data.draw(
            st.sampled_from(["farewell.protocol.template", "farewell.reason"])
        )
        if data.draw(st.booleans()):
            values = self._values(data, model, self._base(model))
            self._try_create(model, self.user_manager, values)
        else:
            record = self.template if model != "farewell.reason" else self.reason
            self._try_write(model, self.user_manager, record, self._values(data, model))

    @ROUND
    @given(data=st.data())
    def test_company_settings(self, data):
        values = self._values(data, "res.company")
        admin = self.env.ref("base.user_admin")
        self._try_write("res.company", admin, self.company, values)
