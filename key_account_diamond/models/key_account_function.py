# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KeyAccountFunction(models.Model):
    """A function people hold, on their side and on ours: purchasing,
    production, finance and administration, technical, management..."""

    _name = "key.account.function"
    _description = "Stakeholder Function"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()

    _sql_constraints = [
        ("name_unique", "UNIQUE (name)", "This function already exists."),
    ]
