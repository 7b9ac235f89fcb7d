# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Computed fields set for a whole list at once.

    from odoo.addons.relationship_health.tools.compute import set_computed

    set_computed(partners, {"health_score": scores, "health_band": bands})

A compute method that assigns ``record.field = value`` record by record
goes through the field's descriptor each time: for a list of 80 clients
and a dozen fields, most of the time of reading the list
(``make bench-night``, the working day). ``set_computed`` puts each field's
values in the cache in one call, as Odoo does for the values it fetches;
a value not set is missing, as an unassigned one would be.
"""


def set_computed(records, values):
    """Set, for the computed fields of ``values`` (``{field name: values in
    the order of records}``), their values on ``records``."""
    cache = records.env.cache
    for name, column in values.items():
        field = records._fields[name]
        column = list(column)
        assert len(column) == len(records), f"{name}: one value per record"
        cache.update(
            records,
            field,
            [
                field.convert_to_cache(value, records, validate=False)
                for value in column
            ],
        )
