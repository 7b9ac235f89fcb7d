# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Field types of our own."""

from odoo import fields


def _without_none(value):
    if value is None:
        return False
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_without_none(item) for item in value]
    return value


class Json(fields.Json):
    """A JSON field every client can read: XML-RPC cannot send None (Odoo
    marshals without ``allow_none``), so a None inside the value is read as
    False. The value itself, in Python, keeps its None."""

    def convert_to_read(self, value, record, use_display_name=True):
        return _without_none(super().convert_to_read(value, record, use_display_name))
