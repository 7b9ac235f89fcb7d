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


def pg_float_array(values):
    """A PostgreSQL array literal of floats (None as NULL), to pass as a
    parameter cast with ``::float8[]``."""
    items = ("NULL" if v is None else repr(float(v)) for v in values)
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


def analyze_grown(cr, tables, ratio=0.1, minimum=10000):
    """ANALYZE those of ``tables`` that changed by more than ``ratio`` of
    their rows (and at least ``minimum`` rows) since PostgreSQL last
    measured them, as autovacuum would, but now: a night that fills a table
    batch after batch otherwise plans its next batches on the statistics of
    an empty table (``make bench-night``: on a first night at 100,000
    clients the threads of the clients were read by scanning all of them,
    every batch, when autovacuum had not yet looked or is off). Returns the
    tables analyzed."""
    cr.execute(
        """
        SELECT s.relname
          FROM pg_stat_user_tables s
          JOIN pg_class c ON c.oid = s.relid
         WHERE s.relname = ANY(%s::text[])
           AND s.n_mod_since_analyze > GREATEST(%s, %s * GREATEST(c.reltuples, 0))
        """,
        [pg_text_array(tables), minimum, ratio],
    )
    grown = [row[0] for row in cr.fetchall()]
    for table in grown:
        # A name of the catalog, not of a user: safe to quote as identifier.
        cr.execute(f'ANALYZE "{table}"')  # pylint: disable=sql-injection
    return grown
