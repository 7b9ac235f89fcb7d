# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Several ``_read_group`` in one query: the counts of a client's form.

    from odoo.addons.relationship_health.tools.read_group import read_groups

    counts, last = read_groups(
        [
            (env["relationship.problem"], domain, ["partner_id"], ["__count"]),
            (env["relationship.interaction"], domain, ["partner_id"], ["date:max"]),
        ]
    )

Each request is what ``Model._read_group(domain, groupby, aggregates)``
takes, and its answer is what that call returns: the same record rules
(those of the model's environment: a ``sudo()`` model reads everything),
the same archived-record filter, the same values. The web client reads a
form's fields in one request, and the counts of our smart buttons and
alerts were one query each; here they are one query in all.
"""

from odoo.osv import expression
from odoo.tools import SQL


def read_groups(requests):
    """The answers of ``requests`` (a list of ``(model, domain, groupby,
    aggregates)``), in their order, for one query. ``groupby`` is not empty.
    """
    requests = list(requests)
    answers = [[] for _request in requests]
    parts, columns = [], []
    for position, (model, domain, groupby, aggregates) in enumerate(requests):
        assert groupby, "read_groups() groups: give it a groupby"
        model.browse().check_access("read")
        if expression.is_false(model, domain):
            continue
        query = model._search(domain)
        if query.is_empty():
            continue
        terms = [model._read_group_groupby(spec, query) for spec in groupby]
        query.groupby = SQL(", ").join(terms)
        terms += [model._read_group_select(spec, query) for spec in aggregates]
        names = [f"c{position}_{index}" for index in range(len(terms))]
        # One row per request: a column of values per term, as arrays
        # (psycopg2 reads back ints, dates and datetimes as they are).
        parts.append(
            SQL(
                "(SELECT %s FROM (%s) AS t(%s)) AS %s",
                SQL(", ").join(
                    SQL("array_agg(%s)", SQL.identifier(name)) for name in names
                ),
                query.select(*terms),
                SQL(", ").join(SQL.identifier(name) for name in names),
                SQL.identifier(f"r{position}"),
            )
        )
        columns.append((position, len(terms)))
    if not parts:
        return answers
    env = requests[0][0].env
    row = env.execute_query(SQL("SELECT * FROM %s", SQL(", ").join(parts)))[0]
    offset = 0
    for position, width in columns:
        model, _domain, groupby, aggregates = requests[position]
        values = row[offset : offset + width]
        offset += width
        if values[0] is None:  # no group
            continue
        processed = [
            model._read_group_postprocess_groupby(spec, values[index])
            for index, spec in enumerate(groupby)
        ] + [
            model._read_group_postprocess_aggregate(spec, values[len(groupby) + index])
            for index, spec in enumerate(aggregates)
        ]
        answers[position] = list(zip(*processed, strict=True))
    return answers
