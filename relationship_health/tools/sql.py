# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SQL helpers of the batch jobs (health, care, key accounts, farewell).

The batch statements take their values as arrays. psycopg2 adapts a
Python list element by element; one string is quoted once: a sixth of the
time of a health batch at 10,000 clients (``make bench``)."""


def pg_int_array(values):
    """A PostgreSQL array literal of integers (None as NULL), to pass as a
    parameter cast with ``::int[]``."""
    items = ("NULL" if v is None else str(int(v)) for v in values)
    return "{" + ",".join(items) + "}"


def pg_text_array(values):
    """A PostgreSQL array literal of strings (None as NULL), to pass as a
    parameter cast with ``::varchar[]`` or ``::text[]``."""
    items = (
        "NULL" if v is None else '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        for v in values
    )
    return "{" + ",".join(items) + "}"


def pg_bool_array(values):
    """A PostgreSQL array literal of booleans (None as NULL), to pass as a
    parameter cast with ``::bool[]``."""
    items = ("NULL" if v is None else ("t" if v else "f") for v in values)
    return "{" + ",".join(items) + "}"
