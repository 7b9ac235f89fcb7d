# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextvars
import math
from contextlib import contextmanager

from odoo import _, api, models, tools
from odoo.exceptions import UserError, ValidationError

# Set while the application itself writes (a button's transition, a
# scheduled job, an engine): a context manager, not a context key, so that
# no caller can set it over RPC.
_SYSTEM_WRITE = contextvars.ContextVar("relationship_system_write", default=False)
# The add-ons whose fields these rules protect.
OUR_MODULES = {"relationship_health", "customer_farewell", "key_account_diamond"}
# What a PostgreSQL integer column holds.
INT_RANGE = (-(2**31), 2**31 - 1)
# The largest amount or measure we keep: a thousand billion and more is a
# typing mistake, and far larger ones overflow the currency's rounding.
AMOUNT_MAX = 1e15
# Characters of a one-line text: a name, a subject, a code.
CHAR_MAX = 1024
# Field types whose values are parsed before they are written.
CONVERTED_TYPES = (
    "date",
    "datetime",
    "integer",
    "float",
    "monetary",
    "selection",
    "many2one",
)


@contextmanager
def system_write():
    """What runs inside writes as the application: the fields only it sets
    (states, decisions, derived values, frozen evidence) may change."""
    token = _SYSTEM_WRITE.set(True)
    try:
        yield
    finally:
        _SYSTEM_WRITE.reset(token)


class RelationshipRulesMixin(models.AbstractModel):
    """Records whose rules hold on every path (form, import, RPC, another
    add-on), not only behind their buttons:

    - **values are checked before they reach the database**: a date or a
      number that does not parse, an integer out of range, a number that
      is not finite, a one-line text of more than 1024 characters are
      refused with a ``ValidationError`` naming the field (not a
      ``ValueError`` or a database error);

    - **states move only through their transitions**: the fields of
      ``_workflow_buttons()`` (a state, a decision, an outcome, a door) are
      written by the ``action_*`` methods only; a direct write is refused
      with a sentence that names the button to use;
    - **derived values are not writable**: the fields our add-ons declare
      ``readonly`` (computed values, what the system records, frozen
      evidence) are written by the application only;
    - **what a transition freezes stays frozen**: ``_frozen_fields()`` of a
      record cannot change any more;

    on ``create`` too (a new record starts where its workflow starts), and
    ``copy`` leaves them to their defaults. The application writes them
    inside ``with self._system_write():``.
    """

    _name = "relationship.rules.mixin"
    _description = "Rules Held on Every Path"
    # User fields (Many2one or Many2many) that must hold our people:
    # internal users, never a portal or public user.
    _internal_user_fields = ()

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------
    @api.model
    def _workflow_buttons(self):
        """{field name: the sentence that says which button changes it}."""
        return {}

    def _frozen_fields(self):
        """The fields this record (one) no longer lets change, with the
        reason: {field name: sentence}."""
        return {}

    @api.model
    def _system_fields(self):
        """The fields only the application writes: the workflow fields and
        the fields our add-ons declare readonly (computed without inverse,
        related, or recorded by the system)."""
        return self._rules_fields()[0] | set(self._workflow_buttons())

    @api.model
    @tools.ormcache("self._name")
    def _rules_fields(self):
        """(readonly fields, checked fields) of our add-ons on this model."""
        readonly, checked = set(), set()
        for name, field in self._fields.items():
            if field.automatic or name in models.MAGIC_COLUMNS:
                continue
            if (field._module or "") not in OUR_MODULES:
                continue
            checked.add(name)
            if field.readonly:
                readonly.add(name)
        return frozenset(readonly), frozenset(checked)

    # ------------------------------------------------------------------
    # The rules
    # ------------------------------------------------------------------
    @api.constrains(lambda self: self._internal_user_fields)
    def _check_internal_users(self):
        for record in self:
            for name in self._internal_user_fields:
                outsiders = record[name].filtered("share")
                if outsiders:
                    raise ValidationError(
                        _(
                            "%(field)s: %(users)s are not our people. Choose "
                            "internal users, not portal or public users.",
                            field=record._fields[name].get_description(self.env)[
                                "string"
                            ],
                            users=", ".join(outsiders.mapped("name")),
                        )
                    )

    @api.model
    def _system_write(self):
        """Context manager: the application writes what only it may."""
        return system_write()

    @api.model
    def _is_system_write(self):
        return _SYSTEM_WRITE.get()

    @api.model
    def _refuse_system_fields(self, names, creating=False):
        buttons = self._workflow_buttons()
        for name in sorted(names, key=lambda n: n not in buttons):
            label = self._fields[name].get_description(self.env)["string"]
            if name in buttons:
                raise UserError(
                    _(
                        "%(field)s changes only through its buttons: %(how)s",
                        field=label,
                        how=buttons[name],
                    )
                )
            raise UserError(
                _(
                    "%(field)s is set by the application, not by hand: it "
                    "cannot be %(what)s.",
                    field=label,
                    what=_("given on creation") if creating else _("written"),
                )
            )

    @api.model
    def _check_input(self, vals):
        """Refuse, with the field's name, a value of ours that the database
        would refuse or that parses as nothing sensible."""
        checked = self._rules_fields()[1]
        for name in checked & set(vals):
            field, value = self._fields[name], vals[name]
            if value is False or value is None:
                continue
            label = field.get_description(self.env)["string"]
            if field.type in CONVERTED_TYPES:
                try:
                    value = field.convert_to_cache(value, self)
                except (ValueError, TypeError, OverflowError):
                    value = None
                if value is None or (
                    field.type in ("float", "monetary") and not math.isfinite(value)
                ):
                    raise ValidationError(
                        _(
                            "%(field)s: %(value)s is not a valid value.",
                            field=label,
                            value=repr(vals[name])[:80],
                        )
                    )
                if (
                    field.type == "many2one"
                    and isinstance(value, int)
                    and not INT_RANGE[0] <= value <= INT_RANGE[1]
                ):
                    # Not an id the database can hold: no record has it.
                    raise ValidationError(
                        _(
                            "%(field)s: %(value)s is not a valid value.",
                            field=label,
                            value=repr(vals[name])[:80],
                        )
                    )
                if (
                    field.type == "integer"
                    and not INT_RANGE[0] <= value <= INT_RANGE[1]
                ) or (field.type in ("float", "monetary") and abs(value) > AMOUNT_MAX):
                    raise ValidationError(
                        _(
                            "%(field)s: %(value)s is out of range.",
                            field=label,
                            value=value,
                        )
                    )
            elif isinstance(value, str) and "\x00" in value:
                raise ValidationError(
                    _(
                        "%(field)s contains a NUL character: it cannot be saved.",
                        field=label,
                    )
                )
            elif (
                field.type == "char"
                and isinstance(value, str)
                and len(value) > CHAR_MAX
            ):
                raise ValidationError(
                    _(
                        "%(field)s is too long: %(count)s characters, at most %(max)s.",
                        field=label,
                        count=len(value),
                        max=CHAR_MAX,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_input(vals)
        if not self._is_system_write():
            system = self._system_fields()
            for vals in vals_list:
                given = {
                    name
                    for name in system & set(vals)
                    if vals[name] and vals[name] != self._system_default(name)
                }
                if given:
                    self._refuse_system_fields(given, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        self._check_input(vals)
        if not self._is_system_write():
            given = self._system_fields() & set(vals)
            if given:
                self._refuse_system_fields(given)
            if type(self)._frozen_fields is not RelationshipRulesMixin._frozen_fields:
                for record in self:
                    frozen = record._frozen_fields()
                    for name in set(vals) & set(frozen):
                        raise UserError(frozen[name])
        return super().write(vals)

    @api.model
    def _system_default(self, name):
        field = self._fields[name]
        return field.default(self) if field.default else False

    def copy_data(self, default=None):
        # A copy starts where the workflow starts: what only the application
        # sets is left to its default.
        default = dict(default or {})
        for name in self._system_fields():
            field = self._fields[name]
            if field.store and field.copy and name not in default:
                default[name] = self._system_default(name)
        return super().copy_data(default)
