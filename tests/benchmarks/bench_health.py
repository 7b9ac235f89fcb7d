# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the health score recompute (``make bench``).

Not a pytest test (the file name does not match ``test_*.py``): setup/bench.sh
runs it once per size N, each time on a fresh copy of a database with the
add-ons installed, then once more with ``--summary``.

For one size N it:

1. populates N client companies and about 20 interactions each with raw SQL,
   customer invoices over the last 24 months (Invoicing is installed in
   every bench database) and answered satisfaction requests for some of
   them (then VACUUM ANALYZE, as autovacuum would);
2. times ``relationship.health.engine._recompute_all(now=now)``, the path
   the nightly scheduled action takes (batches, a commit per batch, the
   band tracking and the owners' alerts included);
3. times ONE hand-written SQL query computing the raw values of the five
   components shipped with the health score (recency, visit, depth,
   breadth, trend) for the same clients, with the same scorecard
   parameters; the components added since (problems, stakeholders,
   satisfaction, revenue, payment) are measured by the recompute only, so
   the ratio is, if anything, against the recompute (``make bench-night``
   compares it with a SQL job doing all of them);
4. checks that both agree on every client (exit status 1 when not);
5. does 2-4 for the first computation (no client has a health yet), then
   for the next day (every client has yesterday's, which becomes history);
6. repeats each of them ``BENCH_REPEAT`` times (default 3), restoring the
   health tables, the alerts and the chatter messages between repetitions,
   the SQL query timed right after each recompute, a CHECKPOINT before each
   recompute (each run pays the same full-page writes): the medians are
   kept, as a virtual machine's speed drifts by 10 to 20 percent from one
   minute to the next; the recompute's time is also split into measuring
   and scoring (``_evaluate``: the same values as the SQL, and the points)
   and writing (``_store_health``);
7. appends its figures to a JSON-lines file for the summary.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import timedelta

import psycopg2

import odoo
from odoo import fields
from odoo.modules.registry import Registry

SEED = 0.42
BENCH_USERS = 10
INTERACTIONS_PER_CLIENT = (10, 30)  # uniform, about 20 on average
NO_INTERACTION_SHARE = 0.02  # clients never contacted
LAPSED_SHARE = 0.05  # clients not contacted for the last 200 days
COOLING_SHARE = 0.10  # clients not contacted for the last 110 days
NO_PARTICIPANT_SHARE = 0.05  # interactions without any of our users
RELATIONSHIP_TYPES = (
    None,
    "transactional",
    "long_term",
    "personal_assistance",
    "dedicated_assistance",
    "self_service",
    "automated",
    "community",
)
# Invoices (when Invoicing is installed) and satisfaction answers.
INVOICED_SHARE = 0.85  # clients invoiced over the last 24 months
FALLING_SHARE = 0.20  # of them: buying less in the last 12 months
GROWING_SHARE = 0.20  # buying more
NEW_SHARE = 0.05  # invoiced in the last 12 months only
REFUND_SHARE = 0.04  # credit notes among the documents
LATE_PAYER_SHARE = 0.15  # clients leaving invoices unpaid past their due date
SATISFACTION_SHARE = 0.30  # clients who answered satisfaction requests
STAGES = ("exploration", "awareness", "expansion", "commitment")
COMPONENTS = ("recency", "visit", "depth", "breadth", "trend")
TARGET_RATIO = 2.0
TARGET_SCALING = 1.2
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
# What a recompute writes, saved and restored between repetitions.
HEALTH_TABLES = ("relationship_health", "relationship_health_day")


# ----------------------------------------------------------------------
# 1. Populate
# ----------------------------------------------------------------------
def partner_columns(env, sql):
    """``sql``, an INSERT INTO res_partner, with the NOT NULL columns other
    installed add-ons give the partners (Invoicing's ``autopost_bills``) in
    place of its ``/* columns */`` and ``/* values */`` markers."""
    extra = {"autopost_bills": "'ask'"}
    extra = {k: v for k, v in extra.items() if k in env["res.partner"]._fields}
    return sql.replace("/* columns */", "".join(f", {k}" for k in extra)).replace(
        "/* values */", "".join(f", {v}" for v in extra.values())
    )


def populate(env, size):
    """N companies, ~20 interactions each over the last 365 days (none for
    some clients, only older than 110 or 200 days for others), 1-3 of BENCH_USERS
    users as our participants (none on a few interactions); returns the bench
    client ids and their number of interactions."""
    cr = env.cr
    users = env["res.users"].create(
        [
            {"name": f"Bench User {i}", "login": f"bench_user_{i}"}
            for i in range(BENCH_USERS)
        ]
    )
    env.flush_all()
    company_id = env.ref("base.main_company").id
    cr.execute("SELECT setseed(%s)", [SEED])
    types = list(RELATIONSHIP_TYPES)
    cr.execute(
        partner_columns(
            env,
            """
        INSERT INTO res_partner
               (id, name, complete_name, commercial_company_name,
                commercial_partner_id, company_id, active, is_company, type,
                lang, color, partner_share, message_bounce,
                relationship_type, relationship_stage, relationship_stage_date,
                create_uid, write_uid, create_date, write_date /* columns */)
        SELECT s.id, s.name, s.name, s.name,
               s.id, %(company)s, true, true, 'contact',
               'en_US', 0, true, 0,
               (%(types)s::varchar[])[1 + floor(random() * %(ntypes)s)::int],
               (%(stages)s::varchar[])[1 + floor(random() * %(nstages)s)::int],
               %(now)s - interval '400 days',
               %(uid)s, %(uid)s, %(now)s, %(now)s /* values */
          FROM (SELECT nextval('res_partner_id_seq') AS id,
                       'Bench Client ' || lpad(g::text, 7, '0') AS name
                  FROM generate_series(1, %(size)s) AS g) AS s
        RETURNING id
        """,
        ),
        {
            "company": company_id,
            "types": types,
            "ntypes": len(types),
            "stages": list(STAGES),
            "nstages": len(STAGES),
            "now": fields.Datetime.now(),
            "uid": env.uid,
            "size": size,
        },
    )
    client_ids = sorted(row[0] for row in cr.fetchall())
    # Interactions: the date is truncated to the second, as the ORM stores it.
    cr.execute(
        """
        INSERT INTO relationship_interaction
               (name, partner_id, company_id, channel, depth, source, date,
                create_uid, write_uid, create_date, write_date)
        SELECT 'Bench interaction', c.id, %(company)s,
               CASE WHEN r.ch < 0.15 THEN 'visit'
                    WHEN r.ch < 0.50 THEN 'call'
                    WHEN r.ch < 0.80 THEN 'email'
                    WHEN r.ch < 0.90 THEN 'event'
                    ELSE 'other' END,
               CASE WHEN r.dp < 0.65 THEN 'operational'
                    WHEN r.dp < 0.85 THEN 'strategic'
                    ELSE 'satisfaction' END,
               'manual',
               date_trunc('second', %(now)s - interval '365 days'
                  * (c.quiet + (1 - c.quiet) * r.age)),
               %(uid)s, %(uid)s, %(now)s, %(now)s
          FROM (SELECT id,
                       CASE WHEN random() < %(silent)s THEN 0
                            ELSE %(lo)s + floor(random() * (%(hi)s - %(lo)s + 1))::int
                       END AS n,
                       -- days without contact: none, ~110 (cooling), ~200 (lapsed)
                       CASE WHEN random() < %(lapsed)s THEN 0.55
                            WHEN random() < %(cooling)s THEN 0.30
                            ELSE 0 END AS quiet
                  FROM res_partner WHERE id = ANY(%(ids)s) ORDER BY id) AS c
         CROSS JOIN LATERAL generate_series(1, c.n) AS g
         CROSS JOIN LATERAL (SELECT random() AS ch, random() AS dp,
                                    random() AS age, g AS dummy) AS r
        """,
        {
            "company": company_id,
            "now": fields.Datetime.now(),
            "uid": env.uid,
            "silent": NO_INTERACTION_SHARE,
            "lapsed": LAPSED_SHARE,
            "cooling": COOLING_SHARE,
            "lo": INTERACTIONS_PER_CLIENT[0],
            "hi": INTERACTIONS_PER_CLIENT[1],
            "ids": client_ids,
        },
    )
    # 0 to 3 distinct users per interaction: k consecutive users from a
    # random offset in the list of bench users.
    cr.execute(
        """
        INSERT INTO relationship_interaction_res_users_rel (interaction_id, user_id)
        SELECT i.id, (%(users)s::int[])[1 + (i.o + j) %% %(nusers)s]
          FROM (SELECT id, floor(random() * %(nusers)s)::int AS o,
                       CASE WHEN random() < %(none)s THEN 0
                            ELSE 1 + floor(random() * 3)::int END AS k
                  FROM relationship_interaction
                 WHERE partner_id = ANY(%(ids)s) ORDER BY id) AS i
         CROSS JOIN LATERAL generate_series(0, i.k - 1) AS j
        """,
        {
            "users": users.ids,
            "nusers": len(users),
            "none": NO_PARTICIPANT_SHARE,
            "ids": client_ids,
        },
    )
    tables = [
        "res_partner",
        "relationship_interaction",
        "relationship_interaction_res_users_rel",
    ]
    tables += populate_invoices(env, client_ids, company_id)
    tables += populate_satisfaction(env, client_ids, company_id)
    cr.commit()
    # What autovacuum would have done since: statistics for the planner and
    # the visibility map for index-only scans (ORM and SQL alike).
    vacuum(env, tables)
    env.invalidate_all()
    env.registry.clear_cache()
    cr.execute(
        "SELECT count(*) FROM relationship_interaction WHERE partner_id = ANY(%s)",
        [client_ids],
    )
    return client_ids, cr.fetchone()[0]


def populate_invoices(env, client_ids, company_id):
    """Customer invoices of the last 24 months, as the money components read
    them (``account_move`` only: they read no line without product
    categories), when Invoicing is installed: returns the tables written.

    INVOICED_SHARE of the clients are invoiced, on about 60 % of the
    months; of those, FALLING_SHARE buy less in the last 12 months, GROWING_SHARE
    more, NEW_SHARE only in the last 12 months; a few invoices are credit
    notes. Invoices are due after 30 days; past that, they are paid, but
    LATE_PAYER_SHARE of the clients leave some unpaid or partly paid."""
    if "account.move" not in env:
        return []
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company_id)], limit=1
    )
    if not journal:
        print("populate: no sales journal, no invoices", flush=True)
        return []
    now = fields.Datetime.now()
    env.cr.execute(
        """
        WITH c AS (
            SELECT id, random() AS invoiced, random() AS kind,
                   random() AS factor, random() < %(late)s AS late_payer,
                   500 + floor(random() * 4500) AS base
              FROM res_partner WHERE id = ANY(%(ids)s) ORDER BY id
        ),
        moves AS (
            SELECT c.id AS client_id, g,
                   (%(today)s::date - (g * 30 + floor(r.day * 30))::int)
                       AS invoice_date,
                   round((c.base * (0.8 + 0.4 * r.amount) * CASE
                       WHEN g >= 12 THEN 1
                       WHEN c.kind < %(falling)s THEN 0.2 + 0.5 * c.factor
                       WHEN c.kind < %(falling)s + %(growing)s
                           THEN 1.2 + 0.8 * c.factor
                       ELSE 0.9 + 0.2 * c.factor END)::numeric, 2) AS amount,
                   r.refund < %(refunds)s AS refund, c.late_payer, r.pay
              FROM c
             CROSS JOIN LATERAL generate_series(0, 23) AS g
             CROSS JOIN LATERAL (SELECT random() AS keep, random() AS day,
                                        random() AS amount, random() AS refund,
                                        random() AS pay, g AS dummy) AS r
             WHERE c.invoiced < %(invoiced)s AND r.keep < 0.6
               AND NOT (g >= 12 AND c.kind >= %(falling)s + %(growing)s
                        AND c.kind < %(falling)s + %(growing)s + %(new)s)
        ),
        states AS (
            SELECT m.*,
                   CASE WHEN m.refund THEN 'out_refund' ELSE 'out_invoice' END
                       AS move_type,
                   CASE WHEN m.refund THEN -1 ELSE 1 END AS sign,
                   round(m.amount * 1.21, 2) AS total,
                   CASE WHEN m.refund THEN 0
                        WHEN m.invoice_date + 30 >= %(today)s::date
                            THEN round(m.amount * 1.21, 2)
                        WHEN m.late_payer AND m.pay < 0.3
                            THEN round(m.amount * 1.21, 2)
                        WHEN m.late_payer AND m.pay < 0.5
                            THEN round(m.amount * 0.6, 2)
                        ELSE 0 END AS residual
              FROM moves m
        )
        INSERT INTO account_move
               (name, move_type, state, auto_post, partner_id,
                commercial_partner_id, company_id, journal_id, currency_id,
                date, invoice_date, invoice_date_due, payment_state,
                amount_untaxed, amount_tax, amount_total, amount_residual,
                amount_untaxed_signed, amount_tax_signed, amount_total_signed,
                amount_residual_signed, amount_untaxed_in_currency_signed,
                amount_total_in_currency_signed, invoice_currency_rate,
                create_uid, write_uid, create_date, write_date)
        SELECT CASE WHEN s.refund THEN 'BRINV/' ELSE 'BINV/' END
                   || s.client_id || '/' || s.g,
               s.move_type, 'posted', 'no', s.client_id, s.client_id,
               %(company)s, %(journal)s, %(currency)s,
               s.invoice_date, s.invoice_date, s.invoice_date + 30,
               CASE WHEN s.residual = 0 THEN 'paid'
                    WHEN s.residual < s.total THEN 'partial'
                    ELSE 'not_paid' END,
               s.amount, s.total - s.amount, s.total, s.residual,
               s.sign * s.amount, s.sign * (s.total - s.amount), s.sign * s.total,
               s.sign * s.residual, s.sign * s.amount, s.sign * s.total, 1,
               %(uid)s, %(uid)s, %(now)s, %(now)s
          FROM states s
        """,
        {
            "ids": client_ids,
            "today": now.date(),
            "now": now,
            "uid": env.uid,
            "company": company_id,
            "journal": journal.id,
            "currency": journal.company_id.currency_id.id,
            "invoiced": INVOICED_SHARE,
            "falling": FALLING_SHARE,
            "growing": GROWING_SHARE,
            "new": NEW_SHARE,
            "refunds": REFUND_SHARE,
            "late": LATE_PAYER_SHARE,
        },
    )
    return ["account_move"]


def populate_satisfaction(env, client_ids, company_id):
    """Answered satisfaction requests (1, 3 or 5, each client leaning to
    one) over the last 400 days for SATISFACTION_SHARE of the clients, asked
    of the company itself (the columns the model requires, a sent date
    before the answer): returns the tables written."""
    if "relationship.satisfaction.request" not in env:
        return []
    now = fields.Datetime.now()
    env.cr.execute(
        """
        INSERT INTO relationship_satisfaction_request
               (partner_id, contact_id, company_id, trigger, state, sent_date,
                expiry_date, answer_date, answer_rating, answer_face,
                create_uid, write_uid, create_date, write_date)
        SELECT a.client_id, a.client_id, %(company)s, 'periodic', 'answered',
               a.answered - interval '1 hour' * a.delay,
               a.answered - interval '1 hour' * a.delay + interval '30 days',
               a.answered, a.rating,
               CASE a.rating WHEN 5 THEN 'top' WHEN 3 THEN 'ok' ELSE 'ko' END,
               %(uid)s, %(uid)s, %(now)s, %(now)s
          FROM (SELECT c.id AS client_id,
                       date_trunc('second', %(now)s - interval '400 days' * r.age)
                           AS answered,
                       CASE WHEN r.face < c.lean THEN 5
                            WHEN r.face < c.lean + 0.3 THEN 3 ELSE 1 END AS rating,
                       floor(r.delay * 120)::int AS delay
                  FROM (SELECT id, 1 + floor(random() * 4)::int AS n,
                               random() AS lean
                          FROM res_partner
                         WHERE id = ANY(%(ids)s) AND random() < %(share)s
                         ORDER BY id) AS c
                 CROSS JOIN LATERAL generate_series(1, c.n) AS g
                 CROSS JOIN LATERAL (SELECT random() AS age, random() AS face,
                                            random() AS delay, g AS dummy) AS r
               ) AS a
        """,
        {
            "ids": client_ids,
            "now": now,
            "uid": env.uid,
            "company": company_id,
            "share": SATISFACTION_SHARE,
        },
    )
    return ["relationship_satisfaction_request"]


# ----------------------------------------------------------------------
# 3. SQL baseline: the five raw values in one query
# ----------------------------------------------------------------------
# One pass over the clients; per client, its scorecard (as
# scorecard._match: the most specific, then sequence, id), then two index
# lookups of its interactions (the second joined to our participants). No
# big sort or hash, so nothing spills to disk with the default work_mem.
# The scorecard of client ``p`` among the cards, as scorecard._match: the
# most specific, then sequence, id (the SQL job of bench-night reads it too).
CARD_OF_CLIENT = """
SELECT c.id FROM cards c
 WHERE (c.company_id IS NULL OR c.company_id = p.company_id)
   AND (c.rtype IS NULL OR c.rtype = p.relationship_type)
   AND (c.stage IS NULL OR c.stage = p.relationship_stage)
 ORDER BY (c.rtype IS NOT NULL)::int * 2.0
          + (c.stage IS NOT NULL)::int
          + (c.company_id IS NOT NULL)::int * 0.5 DESC,
          c.seq, c.id
 LIMIT 1"""
BASELINE_SQL = """
WITH cards (id, company_id, rtype, stage, seq) AS (VALUES %(cards)s),
lines (card_id, component, window_days) AS (VALUES %(lines)s),
card_params AS (
    SELECT card_id,
           array_agg(component) AS components,
           make_interval(days => max(window_days)
               FILTER (WHERE component = 'depth')) AS depth_w,
           make_interval(days => max(window_days)
               FILTER (WHERE component = 'breadth')) AS breadth_w,
           make_interval(days => max(window_days)
               FILTER (WHERE component = 'trend')) AS trend_w
      FROM lines
     GROUP BY card_id
)
SELECT p.id,
       cp.components,
       floor(extract(epoch FROM %(now)s - a.last_date) / 86400)::int,
       floor(extract(epoch FROM %(now)s - a.last_visit) / 86400)::int,
       a.depth_total, a.depth_deep,
       b.users,
       a.trend_current, a.trend_previous
  FROM res_partner p
 CROSS JOIN LATERAL (
        CARD_OF_CLIENT) AS card
  LEFT JOIN card_params cp ON cp.card_id = card.id
 CROSS JOIN LATERAL (
        SELECT max(i.date) AS last_date,
               max(i.date) FILTER (WHERE i.channel = 'visit') AS last_visit,
               count(*) FILTER (WHERE i.date >= %(now)s - cp.depth_w)
                   AS depth_total,
               count(*) FILTER (WHERE i.date >= %(now)s - cp.depth_w
                                  AND i.depth IN ('strategic', 'satisfaction'))
                   AS depth_deep,
               count(*) FILTER (WHERE i.date >= %(now)s - cp.trend_w)
                   AS trend_current,
               count(*) FILTER (WHERE i.date >= %(now)s - cp.trend_w - cp.trend_w
                                  AND i.date < %(now)s - cp.trend_w)
                   AS trend_previous
          FROM relationship_interaction i
         WHERE i.partner_id = p.id) AS a
 CROSS JOIN LATERAL (
        SELECT count(DISTINCT r.user_id) AS users
          FROM relationship_interaction i
          JOIN relationship_interaction_res_users_rel r
            ON r.interaction_id = i.id
         WHERE i.partner_id = p.id
           AND i.date >= %(now)s - cp.breadth_w) AS b
 WHERE p.id = ANY(%(ids)s)
""".replace("CARD_OF_CLIENT", CARD_OF_CLIENT)


def baseline_query(env, client_ids, now):
    """The SQL text and parameters, scorecards read through the ORM."""
    cr = env.cr
    scorecards = env["relationship.health.scorecard"].search([])
    cards = [
        cr.mogrify(
            "(%s::int, %s::int, %s::varchar, %s::varchar, %s::int)",
            (
                c.id,
                c.company_id.id or None,
                c.relationship_type or None,
                c.relationship_stage or None,
                c.sequence,
            ),
        ).decode()
        for c in scorecards
    ]
    lines = [
        cr.mogrify(
            "(%s::int, %s::varchar, %s::int)",
            (line.scorecard_id.id, line.component, line.window_days),
        ).decode()
        for line in scorecards.line_ids
        if line.component in COMPONENTS
    ]
    query = BASELINE_SQL.replace("%(cards)s", ", ".join(cards)).replace(
        "%(lines)s", ", ".join(lines)
    )
    return query, {"ids": client_ids, "now": now}


def raw_from_row(row):
    """{component: raw} as the engine's components would give it."""
    (_pid, components, recency, visit, d_total, d_deep, users, t_cur, t_prev) = row
    raw = {
        "recency": recency,
        "visit": visit,
        "depth": {"total": d_total, "deep": d_deep} if d_total else None,
        "breadth": users or None,
        "trend": (
            {"current": t_cur, "previous": t_prev} if (t_cur or t_prev) else None
        ),
    }
    return {key: raw[key] for key in COMPONENTS if key in (components or ())}


# ----------------------------------------------------------------------
# One size
# ----------------------------------------------------------------------
def vacuum(env, tables):
    """VACUUM ANALYZE ``tables``, as autovacuum would (outside a transaction:
    on a connection of its own)."""
    cursor = odoo.sql_db.db_connect(env.cr.dbname).cursor()
    try:
        cursor._cnx.autocommit = True
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {table}")
    finally:
        cursor._cnx.autocommit = False
        cursor.close()


def save_state(env, name):
    """Save what a recompute writes: the health tables (copied), and the
    last ids of the alerts and chatter messages."""
    cr = env.cr
    for table in HEALTH_TABLES:
        cr.execute(f"DROP TABLE IF EXISTS bench_{name}_{table}")
        cr.execute(f"CREATE TEMP TABLE bench_{name}_{table} AS SELECT * FROM {table}")
    last = {}
    for table in ("mail_activity", "mail_message", "mail_mail"):
        cr.execute(f"SELECT COALESCE(max(id), 0) FROM {table}")
        last[table] = cr.fetchone()[0]
    cr.commit()
    return {"name": name, "last": last}


def restore_state(env, saved):
    """Put back a saved state: health tables, no alert nor message since."""
    cr = env.cr
    for table, last in saved["last"].items():
        cr.execute(f"DELETE FROM {table} WHERE id > %s", [last])
    cr.execute("TRUNCATE " + ", ".join(HEALTH_TABLES))
    for table in HEALTH_TABLES:
        cr.execute(f"INSERT INTO {table} SELECT * FROM bench_{saved['name']}_{table}")
    cr.commit()
    vacuum(env, (*HEALTH_TABLES, *saved["last"]))
    env.invalidate_all()


@contextmanager
def phase_timer(env, names):
    """Time the engine's methods ``names`` while the block runs: yields
    {name: seconds}, filled when the block ends."""
    engine_class = type(env["relationship.health.engine"])
    spent = dict.fromkeys(names, 0.0)
    originals = {name: getattr(engine_class, name) for name in names}

    def timed(name, method):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - t0

        return wrapper

    for name, method in originals.items():
        setattr(engine_class, name, timed(name, method))
    try:
        yield spent
    finally:
        for name, method in originals.items():
            setattr(engine_class, name, method)


def checkpoint(env):
    """A checkpoint before each timed run: every run then pays the same
    full-page writes, instead of whichever run a checkpoint falls into."""
    try:
        with env.cr.savepoint():
            env.cr.execute("CHECKPOINT")
    except psycopg2.Error:
        pass  # not a superuser: the runs are only less comparable


def recompute(env, now, profile_file=None):
    """Time the ORM recompute of every client; returns (computed, seconds,
    {phase: seconds})."""
    env.invalidate_all()
    checkpoint(env)
    profiler = cProfile.Profile() if profile_file else None
    with phase_timer(env, ("_evaluate", "_store_health")) as phases:
        t0 = time.perf_counter()
        if profiler:
            profiler.enable()
        computed = env["relationship.health.engine"]._recompute_all(now=now)
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - t0
    env.cr.commit()
    if profiler:
        profiler.dump_stats(profile_file)
        pstats.Stats(profile_file).sort_stats("cumulative").print_stats(45)
    return computed, seconds, phases


def time_baseline(env, client_ids, now):
    """Run the SQL baseline: (seconds, rows)."""
    query, params = baseline_query(env, client_ids, now)
    t0 = time.perf_counter()
    env.cr.execute(query, params)
    rows = env.cr.fetchall()
    return time.perf_counter() - t0, rows


def check(env, client_ids, bench_ids, rows):
    """Compare the SQL baseline's raw values with the stored breakdowns;
    exits with status 1 on any difference. Returns what it covered."""
    expected = {row[0]: raw_from_row(row) for row in rows}
    env.cr.execute(
        "SELECT partner_id, breakdown FROM relationship_health"
        " WHERE partner_id = ANY(%s)",
        [client_ids],
    )
    # The five built-in components only: other add-ons may add their own.
    # A stored breakdown line is [component, weight, points, raw, ...].
    stored = {
        pid: {
            line[0]: line[3]
            for line in json.loads(breakdown or "[]")
            if line[0] in COMPONENTS
        }
        for pid, breakdown in env.cr.fetchall()
    }
    mismatches = [
        (pid, expected.get(pid), stored.get(pid))
        for pid in client_ids
        if expected.get(pid) != stored.get(pid)
    ]
    checked_bench = sum(1 for pid in bench_ids if pid in expected)
    if mismatches or checked_bench != len(bench_ids):
        print(
            f"MISMATCH: {len(mismatches)} of {len(client_ids)} clients differ "
            f"(bench clients checked: {checked_bench}/{len(bench_ids)})",
            file=sys.stderr,
        )
        for pid, sql_raw, orm_raw in mismatches[:5]:
            print(
                f"  partner {pid}:\n    SQL {sql_raw}\n    ORM {orm_raw}",
                file=sys.stderr,
            )
        sys.exit(1)
    # What the check covered: values and "nothing to measure" (None) cases.
    return ", ".join(
        f"{key} {sum(1 for r in expected.values() if key in r and r[key] is not None)}"
        f"/{sum(1 for r in expected.values() if key in r and r[key] is None)}"
        for key in COMPONENTS
    )


def measure(env, label, when, saved, client_ids, bench_ids, profile_file):
    """REPEAT times from the ``saved`` state: the recompute as of ``when``,
    the SQL baseline, the check. Returns the figures, medians kept."""
    print(f"{label} (now = {when}), {REPEAT} runs:", flush=True)
    orm_runs, sql_runs, phase_runs = [], [], []
    for rep in range(REPEAT):
        restore_state(env, saved)
        computed, orm_s, phases = recompute(
            env, when, profile_file if not rep else None
        )
        sql_s, rows = time_baseline(env, client_ids, when)
        coverage = check(env, client_ids, bench_ids, rows)
        orm_runs.append(orm_s)
        sql_runs.append(sql_s)
        phase_runs.append(phases)
        print(
            f"  run {rep + 1}: ORM recompute {computed} clients in {orm_s:.2f} s "
            f"({computed / orm_s:.0f} clients/s; measuring and scoring "
            f"{phases['_evaluate']:.2f} s, writing {phases['_store_health']:.2f} s, "
            f"the rest {orm_s - sum(phases.values()):.2f} s); SQL baseline "
            f"{len(rows)} clients in {sql_s:.2f} s; ratio {orm_s / sql_s:.2f}",
            flush=True,
        )
    orm_s, sql_s = statistics.median(orm_runs), statistics.median(sql_runs)
    evaluate_s = statistics.median(p["_evaluate"] for p in phase_runs)
    store_s = statistics.median(p["_store_health"] for p in phase_runs)
    ratio = orm_s / sql_s
    print(
        f"  check: ORM and SQL raw values agree on all {len(client_ids)} clients "
        f"({len(bench_ids)} bench clients) in every run; value/None per "
        f"component: {coverage}\n"
        f"  median: ORM {orm_s:.2f} s, SQL {sql_s:.2f} s, ratio ORM/SQL "
        f"{ratio:.2f} (target <= {TARGET_RATIO}: "
        f"{'met' if ratio <= TARGET_RATIO else 'NOT met'})\n"
        f"  of which measuring and scoring (the same values as the SQL, and "
        f"the points): {evaluate_s:.2f} s, {evaluate_s / sql_s:.2f} x SQL; "
        f"writing: {store_s:.2f} s",
        flush=True,
    )
    return {
        "clients": computed,
        "orm_s": orm_s,
        "sql_s": sql_s,
        "evaluate_s": evaluate_s,
        "store_s": store_s,
        "orm_runs": orm_runs,
        "sql_runs": sql_runs,
    }


def run(env, size, profile_file=None):
    print(f"\n=== N = {size} ===", flush=True)
    t0 = time.perf_counter()
    bench_ids, n_interactions = populate(env, size)
    populate_s = time.perf_counter() - t0
    print(
        f"populate: {len(bench_ids)} clients, {n_interactions} interactions "
        f"in {populate_s:.1f} s",
        flush=True,
    )
    client_ids = env["res.partner"]._health_client_ids()
    missing = set(bench_ids) - set(client_ids)
    if missing:
        sys.exit(f"{len(missing)} bench clients are not health clients")

    result = {"size": size, "interactions": n_interactions, "populate_s": populate_s}
    # The first computation (no client has a health yet), then the next
    # day's (yesterday's health becomes history, some bands change).
    now = fields.Datetime.now()
    before = save_state(env, "before")
    result["first"] = measure(
        env,
        "first computation",
        now,
        before,
        client_ids,
        bench_ids,
        profile_file and f"{profile_file}.first",
    )
    computed = save_state(env, "computed")
    result["next_day"] = measure(
        env,
        "next-day rerun",
        now + timedelta(days=1),
        computed,
        client_ids,
        bench_ids,
        profile_file and f"{profile_file}.next_day",
    )
    return result


def summarize(path):
    with open(path) as results:
        runs = sorted(
            (json.loads(line) for line in results if line.strip()),
            key=lambda r: r["size"],
        )
    print(f"\n=== Summary (medians of {REPEAT} runs) ===")
    print(
        f"{'N':>8} {'run':>18} {'clients':>8} {'interactions':>12} "
        f"{'ORM s':>9} {'clients/s':>9} {'SQL s':>7} {'ORM/SQL':>7} "
        f"{'ratio range':>12} {'score/SQL':>9} {'write s':>7}"
    )
    for r in runs:
        for run_key, label in (
            ("first", "first computation"),
            ("next_day", "next-day rerun"),
        ):
            m = r[run_key]
            ratios = [o / q for o, q in zip(m["orm_runs"], m["sql_runs"], strict=True)]
            print(
                f"{r['size']:>8} {label:>18} {m['clients']:>8} "
                f"{r['interactions']:>12} {m['orm_s']:>9.2f} "
                f"{m['clients'] / m['orm_s']:>9.0f} {m['sql_s']:>7.2f} "
                f"{m['orm_s'] / m['sql_s']:>7.2f} "
                f"{min(ratios):>6.2f}-{max(ratios):<5.2f} "
                f"{m['evaluate_s'] / m['sql_s']:>9.2f} {m['store_s']:>7.2f}"
            )
    for run_key, label in (
        ("first", "first computation"),
        ("next_day", "next-day rerun"),
    ):
        worst = max(r[run_key]["orm_s"] / r[run_key]["sql_s"] for r in runs)
        print(
            f"ORM/SQL ratio, {label}: target <= {TARGET_RATIO}: "
            f"{'met' if worst <= TARGET_RATIO else 'NOT met'} (worst {worst:.2f})"
        )
    if len(runs) < 2:
        print("scaling: needs two sizes or more")
        return
    small, large = runs[0], runs[-1]
    for run_key, label in (
        ("first", "first computation"),
        ("next_day", "next-day rerun"),
    ):
        s_run, l_run = small[run_key], large[run_key]
        scaling = (l_run["orm_s"] / l_run["clients"]) / (
            s_run["orm_s"] / s_run["clients"]
        )
        print(
            f"scaling, {label} (time per client at N={large['size']} / at "
            f"N={small['size']}): {scaling:.2f} (target <= {TARGET_SCALING}: "
            f"{'met' if scaling <= TARGET_SCALING else 'NOT met'})"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", help="Odoo configuration file")
    parser.add_argument("-d", "--database")
    parser.add_argument("-n", "--size", type=int)
    parser.add_argument("--results", required=True, help="JSON-lines file")
    parser.add_argument("--summary", action="store_true")
    parser.add_argument("--profile", help="cProfile output file for the ORM run")
    args = parser.parse_args()
    if args.summary:
        summarize(args.results)
        return
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn", "--no-http"]
    )
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        result = run(env, args.size, args.profile)
    with open(args.results, "a") as results:
        results.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
