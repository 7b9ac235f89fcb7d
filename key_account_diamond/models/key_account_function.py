# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# A function is a short label ("Finance and administration"), shown on the
# map beside each person; the database keeps the names unique in an index,
# which cannot hold long texts.
NAME_MAX = 64
# The colours of Odoo's colour picker.
COLORS = range(12)


class KeyAccountFunction(models.Model):
    """A function people hold, on their side and on ours: purchasing,
    production, finance and administration, technical, management..."""

    _name = "key.account.function"
    _inherit = ["relationship.rules.mixin"]
    _description = "Stakeholder Function"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()

    _sql_constraints = [
        ("name_unique", "UNIQUE (name)", "This function already exists."),
        (
            "sequence_positive",
            "CHECK (sequence >= 0)",
            "The sequence of a function cannot be negative.",
        ),
        (
            "color_range",
            f"CHECK (color >= {COLORS.start} AND color < {COLORS.stop})",
            "The colour of a function is one of the colour picker's (0 to 11).",
        ),
    ]

    @api.model
    def _check_input(self, vals):
        """A name is refused before the database: blank, or longer than a
        label (a long text breaks the unique index on names)."""
        if "name" in vals:
            self._check_name_input(vals["name"])
        return super()._check_input(vals)

    @api.model
    def _check_name_input(self, name):
        if not name or (isinstance(name, str) and not name.strip()):
            raise ValidationError(_("A stakeholder function needs a name."))
        if not isinstance(name, str):
            raise ValidationError(
                _(
                    "The name of a stakeholder function is a text, not %(value)s.",
                    value=repr(name)[:80],
                )
            )
        if "\x00" in name:
            raise ValidationError(
                _("The name of a stakeholder function cannot hold a null character.")
            )
        if len(name) > NAME_MAX:
            raise ValidationError(
                _(
                    "The name of a stakeholder function is a short label: at "
                    "most %(max)s characters (this one has %(count)s).",
                    max=NAME_MAX,
                    count=len(name),
                )
            )

    @api.constrains("name")
    def _check_name_unique(self):
        """One function per name, whatever its case and in the language it
        is named in (the SQL constraint compares every translation at once).
        """
        for function in self:
            name = function.name.strip().casefold()
            twins = self.with_context(active_test=False).search(
                [("id", "!=", function.id), ("name", "=ilike", function.name.strip())]
            )
            if any(twin.name.strip().casefold() == name for twin in twins):
                raise ValidationError(
                    _(
                        "A stakeholder function called %(name)s already exists.",
                        name=function.name,
                    )
                )
