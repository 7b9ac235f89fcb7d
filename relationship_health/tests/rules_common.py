# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tools of the rules tests of the three add-ons: wrong input tried through
``create`` and ``write`` as each role, table-driven and generated
(``hypothesis``), and access matrices.

Every refused call must come out as a user error (``UserError``,
``ValidationError``, ``AccessError``, ``MissingError``), as the external
API gives it: Odoo's RPC layer turns a database integrity error (a
mandatory field missing, an unknown id) into a ``ValidationError``, so
these tools do the same. Anything else (a ``ValueError``, a ``KeyError``, a
psycopg2 error that is not an integrity error) is a defect. A refused call
saves nothing: the model's number of records and the stored values of the
record written are what they were.
"""

import math
import os
from datetime import date, datetime, timedelta

from hypothesis import settings
from hypothesis import strategies as st
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.service.model import _as_validation_error

# `make test` is a gate: it plays the same generated examples every run, so
# that it fails on a regression, never by chance. To look for new hostile
# values (and add what they find as cases), run with HYPOTHESIS_EXPLORE=1.
settings.register_profile("relationship_gate", derandomize=True)
settings.register_profile("relationship_explore", derandomize=False)
settings.load_profile(
    "relationship_explore"
    if os.environ.get("HYPOTHESIS_EXPLORE")
    else "relationship_gate"
)

USER_ERRORS = (UserError, ValidationError, AccessError, MissingError)
# Dates far from any sensible value, and texts no form would send.
FAR_PAST = date(1000, 1, 1)
FAR_FUTURE = date(9000, 1, 1)
HUGE_TEXT = "x" * 100_000
HOSTILE_TEXTS = ("", " ", HUGE_TEXT, "%s %(x)s %", "<script>alert(1)</script>", "\x00")


class RulesCaseMixin:
    """Mix into a TransactionCase of the add-on's fixtures."""

    def _stored_fields(self, model):
        return [
            name
            for name, field in self.env[model]._fields.items()
            if field.store and field.type not in ("binary",) and name != "__last_update"
        ]

    def _snapshot(self, model, record):
        Model = self.env[model].sudo().with_context(active_test=False)
        count = Model.search_count([])
        values = record.sudo().read(self._stored_fields(model)) if record else None
        return count, values

    def _call_like_rpc(self, call, keep=True):
        """Run ``call()`` and return the error it raised, as the external API
        would give it, or None when it went through. With ``keep=False``,
        what it did is rolled back even when it went through (its writes
        flushed first, so that the database's checks run)."""
        try:
            with self.env.cr.savepoint() as savepoint:
                call()
                if not keep:
                    self.env.flush_all()
                    savepoint.rollback()
        except IntegrityError as error:
            return _as_validation_error(self.env, error)
        except Exception as error:  # noqa: BLE001 - the point is to see which
            return error
        finally:
            if not keep:
                self.env.invalidate_all()
        return None

    def assertRefusedInput(self, call, model, record=None, label=""):
        """``call()`` is refused with a user error and saves nothing."""
        self.env.flush_all()
        before = self._snapshot(model, record)
        error = self._call_like_rpc(call)
        self.env.invalidate_all()
        self.assertIsNotNone(error, f"{label}: accepted")
        self.assertIsInstance(
            error,
            USER_ERRORS,
            f"{label}: {type(error).__name__}: {error}",
        )
        self.assertEqual(
            self._snapshot(model, record), before, f"{label}: something was saved"
        )
        return error

    def assertOnlyUserErrors(self, call, model, record=None, label=""):
        """``call()`` either goes through, or is refused with a user error and
        saves nothing. Returns the error, or None."""
        self.env.flush_all()
        before = self._snapshot(model, record)
        error = self._call_like_rpc(call)
        self.env.invalidate_all()
        if error is None:
            return None
        self.assertIsInstance(
            error,
            USER_ERRORS,
            f"{label}: {type(error).__name__}: {error}",
        )
        self.assertEqual(
            self._snapshot(model, record), before, f"{label}: something was saved"
        )
        return error

    def run_bad_input_table(self, cases):
        """``cases``: (label, user, model, record or None, values). With a
        record, ``values`` are written on it as ``user``; without, a record
        is created with them. Every case must be refused."""
        for label, user, model, record, values in cases:
            with self.subTest(case=label, user=user.login):
                if record:
                    target = record.with_user(user)
                    self.assertRefusedInput(
                        lambda target=target, values=values: target.write(values),
                        model,
                        record,
                        label,
                    )
                else:
                    Model = self.env[model].with_user(user)
                    self.assertRefusedInput(
                        lambda Model=Model, values=values: Model.create(values),
                        model,
                        None,
                        label,
                    )

    def run_access_matrix(self, matrix):
        """``matrix``: (label, user, model, operation, target, allowed) with
        operation "read", "create", "write" or "unlink"; target is the
        record (read, write, unlink) or the values (create). An operation
        not allowed must raise an AccessError (or, for create and write, a
        user error) and save nothing."""
        for label, user, model, operation, target, allowed in matrix:
            with self.subTest(case=label, user=user.login, operation=operation):
                Model = self.env[model].with_user(user)
                if operation == "create":
                    call = lambda Model=Model, target=target: Model.create(target)
                    record = None
                elif operation == "read":
                    call = lambda Model=Model, target=target: Model.browse(
                        target.ids
                    ).read(["display_name"])
                    record = target
                elif operation == "write":
                    call = lambda Model=Model, target=target: Model.browse(
                        target.ids
                    ).write(self._harmless_write(target))
                    record = target
                else:
                    call = lambda Model=Model, target=target: Model.browse(
                        target.ids
                    ).unlink()
                    record = target
                if allowed:
                    error = self._call_like_rpc(call, keep=False)
                    self.assertIsNone(error, f"{label}: {operation} refused: {error!r}")
                else:
                    error = self.assertRefusedInput(call, model, record, label)
                    if operation in ("read", "unlink"):
                        self.assertIsInstance(error, AccessError, label)

    def _harmless_write(self, record):
        """Values that change nothing a rule would refuse: a field of the
        record written with its own value. Override per model."""
        for name in ("name", "note", "description", "summary", "diagnosis"):
            field = record._fields.get(name)
            if field and field.store and not field.readonly:
                return {name: record.sudo()[name] or "-"}
        raise AssertionError(f"no harmless field to write on {record._name}")


# ----------------------------------------------------------------------
# hypothesis: hostile values per field type
# ----------------------------------------------------------------------
def hostile_values(field_type):
    """A strategy of values a careless or hostile caller sends for a field
    of ``field_type``, valid ones included."""
    texts = st.one_of(st.sampled_from(HOSTILE_TEXTS), st.text(max_size=40))
    numbers = st.one_of(
        st.integers(min_value=-(2**40), max_value=2**40),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from(["12", "abc", "", None, True]),
    )
    days = st.one_of(
        st.dates(min_value=FAR_PAST, max_value=FAR_FUTURE),
        st.sampled_from(["2026-13-45", "yesterday", "%Y-%m", "", "2026-01-01"]),
    )
    moments = st.one_of(
        st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9000, 1, 1)),
        st.sampled_from(["2026-01-01 25:00:00", "now", "%H", ""]),
    )
    ids = st.one_of(
        st.integers(min_value=-5, max_value=2**31 + 5),
        st.sampled_from(["1", "abc", "", True, 1.5]),
    )
    by_type = {
        "char": texts,
        "text": texts,
        "html": texts,
        "integer": numbers,
        "float": numbers,
        "monetary": numbers,
        "boolean": st.one_of(st.booleans(), st.sampled_from(["yes", 2, None])),
        "date": days,
        "datetime": moments,
        "many2one": ids,
        "selection": st.one_of(
            st.sampled_from(["asked", "information", "nonsense", "", None, 1, True]),
            texts,
        ),
    }
    return by_type.get(field_type, st.none())


def is_finite_number(value):
    return isinstance(value, (int, float)) and math.isfinite(value)


def around_now(days):
    """A datetime ``days`` from now (negative: in the past)."""
    return datetime.now() + timedelta(days=days)
