# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The health recompute written by hand in SQL, for ``make bench-night``.

It does the same work as the nightly health recompute, writes included:
for every client, its scorecard (the most specific), the raw value of each
component of it (the five of the interaction log, the problems, the
stakeholder coverage when key accounts are installed, the satisfaction
answers, the revenue and payments read from the customer invoices), the
points of each as the components score them (NULL for a line with nothing
to judge the client on: not counted, the others share its weight), the
weighted score, the band, and one row
per client written with its breakdown (JSON text) into a table shaped as
``relationship_health``; yesterday's rows move to a table shaped as
``relationship_health_day`` first. One statement each.

Python's ``round`` rounds half to even, as PostgreSQL's ``round`` of a
``double precision`` does: every division is done in ``float8``, in the
order the components' Python does it, so that the scores are the same to
the point (the benchmark checks it on every client).
"""

from datetime import timedelta

from bench_health import CARD_OF_CLIENT

from odoo import fields

SETUP_SQL = """
CREATE TABLE IF NOT EXISTS bench_sql_health (
    partner_id int PRIMARY KEY,
    score int, band varchar, scorecard_id int, breakdown text, date date
) WITH (fillfactor = 50);
CREATE TABLE IF NOT EXISTS bench_sql_health_day (
    partner_id int, date date, score int, band varchar,
    PRIMARY KEY (partner_id, date)
);
"""

ARCHIVE_SQL = """
INSERT INTO bench_sql_health_day (partner_id, date, score, band)
SELECT partner_id, date, score, band FROM bench_sql_health
 WHERE partner_id = ANY(%(ids)s) AND date < %(today)s
ON CONFLICT (partner_id, date) DO NOTHING
"""

JOB_SQL = """
WITH cards (id, company_id, rtype, stage, seq, healthy, watch) AS (VALUES %(cards)s),
lines (card_id, component, weight, target, window_days) AS (VALUES %(lines)s),
card_windows AS (
    SELECT card_id,
           max(window_days) FILTER (WHERE component = 'depth') AS depth_w,
           max(window_days) FILTER (WHERE component = 'breadth') AS breadth_w,
           max(window_days) FILTER (WHERE component = 'trend') AS trend_w,
           max(window_days) FILTER (WHERE component = 'problems') AS problems_w,
           max(COALESCE(NULLIF(window_days, 0), 365))
               FILTER (WHERE component = 'satisfaction') AS satisfaction_w,
           max(COALESCE(NULLIF(window_days, 0), 365))
               FILTER (WHERE component = 'revenue') AS revenue_w,
           max(round(target)::int) FILTER (WHERE component = 'payment')
               AS payment_tolerance
      FROM lines GROUP BY card_id
),
client AS (
    SELECT p.id, COALESCE(p.company_id, %(company)s) AS company_id, card.id AS card_id,
           %(now)s - make_interval(days => w.depth_w) AS depth_since,
           %(now)s - make_interval(days => w.breadth_w) AS breadth_since,
           %(now)s - make_interval(days => w.trend_w) AS trend_since,
           %(now)s - make_interval(days => 2 * w.trend_w) AS trend_before,
           %(now)s - make_interval(days => w.problems_w) AS problems_since,
           w.satisfaction_w,
           %(money_today)s::date - (w.revenue_w - 1) AS revenue_since,
           %(money_today)s::date - (2 * w.revenue_w - 1) AS revenue_before,
           w.payment_tolerance
      FROM res_partner p
     CROSS JOIN LATERAL (
            CARD_OF_CLIENT) AS card
      JOIN card_windows w ON w.card_id = card.id
     WHERE p.id = ANY(%(ids)s)
),
stats AS (
    SELECT c.id,
           floor(extract(epoch FROM %(now)s - a.last_date) / 86400)::int AS recency,
           floor(extract(epoch FROM %(now)s - a.last_visit) / 86400)::int AS visit,
           a.depth_total, a.depth_deep,
           (SELECT count(DISTINCT r.user_id)
              FROM relationship_interaction_res_users_rel r
             WHERE r.interaction_id = ANY(a.breadth_ids)) AS breadth,
           a.trend_current, a.trend_previous,
           pr.open, pr.late, pr.counted, pr.on_time, pr.hours,
           s.shape, s.live_threads, s.their_functions, s.our_functions,
           s.concentration,
           sa.answers, sa.average, mo.revenue_current, mo.revenue_previous,
           pa.pay_invoices, pa.pay_due, pa.pay_late, pa.pay_late_count,
           pa.pay_days
      FROM client c
     CROSS JOIN LATERAL (
            SELECT max(i.date) AS last_date,
                   max(i.date) FILTER (WHERE i.channel = 'visit') AS last_visit,
                   count(*) FILTER (WHERE i.date >= c.depth_since) AS depth_total,
                   count(*) FILTER (WHERE i.date >= c.depth_since
                                      AND i.depth IN ('strategic', 'satisfaction'))
                       AS depth_deep,
                   array_agg(i.id) FILTER (WHERE i.date >= c.breadth_since)
                       AS breadth_ids,
                   count(*) FILTER (WHERE i.date >= c.trend_since) AS trend_current,
                   count(*) FILTER (WHERE i.date >= c.trend_before
                                      AND i.date < c.trend_since) AS trend_previous
              FROM relationship_interaction i
             WHERE i.partner_id = c.id) AS a
     CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE q.state != 'resolved') AS open,
                   count(*) FILTER (WHERE q.state != 'resolved' AND (
                       q.response_late
                       OR (q.first_response_date IS NULL
                           AND q.response_deadline < %(now)s)
                       OR q.resolution_deadline < %(now)s)) AS late,
                   count(*) FILTER (WHERE q.reported_date >= c.problems_since
                                      AND q.reported_date <= %(now)s) AS counted,
                   count(*) FILTER (WHERE q.reported_date >= c.problems_since
                                      AND q.reported_date <= %(now)s
                                      AND NOT (q.response_late OR (
                                          q.first_response_date IS NULL
                                          AND q.response_deadline < %(now)s)))
                       AS on_time,
                   avg(q.response_hours) FILTER (
                       WHERE q.reported_date >= c.problems_since
                         AND q.reported_date <= %(now)s
                         AND q.first_response_date IS NOT NULL) AS hours
              FROM relationship_problem q
             WHERE q.partner_id = c.id
               AND (q.state != 'resolved' OR q.reported_date >= c.problems_since))
            AS pr
      LEFT JOIN %(shape_table)s s ON s.partner_id = c.id
     CROSS JOIN LATERAL (
            -- The answers of the window, an answer's weight halving every
            -- quarter of it, added up in the order of the answers as the
            -- component does; the weighted average rounded to 0.1 as
            -- Python's round (half to even on the exact binary value: only
            -- x.25 and x.75 are ties, x.25 rounds down).
            SELECT t.answers,
                   (CASE WHEN mod(t.exact * 100, 100) = 25 THEN trunc(t.exact, 1)
                         ELSE round(t.exact, 1) END)::float8 AS average
              FROM (SELECT count(*) AS answers,
                           ((sum(x.weight * x.rating ORDER BY x.answer_date, x.id)
                             / sum(x.weight ORDER BY x.answer_date, x.id))
                            ::text::numeric) AS exact
                      FROM (SELECT r.id, r.answer_date,
                                   r.answer_rating::float8 AS rating,
                                   power(0.5::float8, (extract(epoch FROM
                                       %(now)s - r.answer_date)::float8 / 86400)
                                       / (c.satisfaction_w * 0.25::float8))
                                       AS weight,
                                   extract(epoch FROM %(now)s - r.answer_date)
                                       ::float8 / 86400 AS age
                              FROM %(answers)s r
                             WHERE r.partner_id = c.id AND r.state = 'answered'
                               AND r.answer_date
                                   >= %(now)s - make_interval(days => c.satisfaction_w)
                               AND r.answer_date <= %(now)s) AS x
                     WHERE x.age <= c.satisfaction_w) AS t) AS sa
     CROSS JOIN LATERAL (
            -- Invoiced, untaxed, the window and the one before (dates in the
            -- user's time zone, as the component reads them).
            SELECT COALESCE(sum(m.amount_untaxed_signed) FILTER (
                        WHERE m.invoice_date >= c.revenue_since), 0)::float8
                       AS revenue_current,
                   COALESCE(sum(m.amount_untaxed_signed) FILTER (
                        WHERE m.invoice_date < c.revenue_since), 0)::float8
                       AS revenue_previous
              FROM res_partner who
              JOIN %(moves)s m ON m.partner_id = who.id
             WHERE who.commercial_partner_id = c.id
               AND m.commercial_partner_id = c.id
               AND m.company_id = c.company_id
               AND m.state = 'posted'
               AND m.move_type IN ('out_invoice', 'out_refund')
               AND m.invoice_date BETWEEN c.revenue_before AND %(money_today)s) AS mo
     CROSS JOIN LATERAL (
            SELECT count(*) AS pay_invoices,
                   COALESCE(sum(m.amount_residual_signed) FILTER (WHERE o.open), 0)
                       ::float8 AS pay_due,
                   COALESCE(sum(m.amount_residual_signed) FILTER (
                       WHERE o.open AND m.invoice_date_due
                             < %(money_today)s::date - c.payment_tolerance), 0)
                       ::float8 AS pay_late,
                   count(*) FILTER (
                       WHERE o.open AND m.invoice_date_due
                             < %(money_today)s::date - c.payment_tolerance)
                       AS pay_late_count,
                   max(%(money_today)s::date - m.invoice_date_due) FILTER (
                       WHERE o.open AND m.invoice_date_due < %(money_today)s)
                       AS pay_days
              FROM res_partner who
              JOIN %(moves)s m ON m.partner_id = who.id
             CROSS JOIN LATERAL (
                    SELECT m.payment_state IN ('not_paid', 'partial')
                           AND m.amount_residual_signed > 0 AS open) AS o
             WHERE who.commercial_partner_id = c.id
               AND m.commercial_partner_id = c.id
               AND m.company_id = c.company_id
               AND m.state = 'posted'
               AND m.move_type = 'out_invoice'
               AND (o.open OR m.invoice_date >= %(payment_since)s)) AS pa
),
points AS (
    SELECT c.id, c.card_id, l.component, l.weight, l.target, l.window_days,
           CASE l.component
             WHEN 'recency' THEN
               CASE WHEN st.recency IS NULL THEN 0
                    WHEN st.recency <= l.target THEN 100
                    ELSE greatest(0, round(100 * (3 * l.target - st.recency)
                                           / (2 * l.target)))::int END
             WHEN 'visit' THEN
               CASE WHEN st.visit IS NULL THEN 0
                    WHEN st.visit <= l.target THEN 100
                    ELSE greatest(0, round(100 * (3 * l.target - st.visit)
                                           / (2 * l.target)))::int END
             WHEN 'depth' THEN
               CASE WHEN NOT st.depth_total > 0 THEN 0
                    WHEN l.target = 0 THEN 100
                    ELSE greatest(0, least(100, round(100 * round(
                        (100 * st.depth_deep)::float8 / st.depth_total)
                        / l.target)))::int END
             WHEN 'breadth' THEN
               CASE WHEN l.target = 0 THEN 100
                    ELSE greatest(0, least(100, round(100 * st.breadth::float8
                                                      / l.target)))::int END
             WHEN 'trend' THEN
               CASE WHEN NOT st.trend_current > 0 THEN 0
                    WHEN st.trend_previous = 0 THEN 100
                    WHEN l.target = 0 THEN 100
                    ELSE greatest(0, least(100, round(100 * ((100 * st.trend_current)
                        ::float8 / st.trend_previous) / l.target)))::int END
             WHEN 'problems' THEN
               CASE WHEN st.open + st.counted = 0 THEN 100
                    ELSE greatest(0,
                        (CASE WHEN l.target = 0 THEN 100
                              ELSE greatest(0, least(100, round(100 * (
                                  CASE WHEN st.counted = 0 THEN 100
                                       ELSE round((100 * st.on_time)::float8
                                                  / st.counted) END)
                                  / l.target)))::int END)
                        - 10 * st.open - 20 * st.late) END
             WHEN 'stakeholders' THEN
               CASE WHEN st.shape IS NULL THEN 0
                    ELSE least(
                        round(100 * ((
                            least(1, st.live_threads::float8
                                     / COALESCE(NULLIF(l.target, 0), 1))
                            + least(1, st.their_functions::float8
                                       / greatest(co.min_their, 1))
                            + least(1, st.our_functions::float8
                                       / greatest(co.min_our, 1))) / 3))::int,
                        CASE st.shape WHEN 'bow_tie' THEN 25
                                      WHEN 'developing' THEN 75 ELSE 100 END) END
             -- NULL: nothing to judge the client on, the line is not counted.
             WHEN 'satisfaction' THEN
               CASE WHEN NOT st.answers > 0 THEN NULL
                    WHEN COALESCE(NULLIF(l.target, 0), 5) <= 1 THEN 100
                    ELSE greatest(0, least(100, round(100 * (st.average - 1)
                        / (COALESCE(NULLIF(l.target, 0), 5) - 1))))::int END
             WHEN 'revenue' THEN
               CASE WHEN st.revenue_current <= 0 AND st.revenue_previous <= 0
                        THEN NULL
                    WHEN st.revenue_previous <= 0 THEN 100
                    WHEN l.target = 0 THEN 100
                    ELSE greatest(0, least(100, round(100 * (
                        100 * greatest(st.revenue_current, 0)
                        / st.revenue_previous) / l.target)))::int END
             WHEN 'payment' THEN
               CASE WHEN NOT st.pay_invoices > 0 THEN NULL
                    WHEN st.pay_late <= 0 THEN 100
                    ELSE round(((100 - CASE WHEN st.pay_due = 0 THEN 0
                                  ELSE least(100, round(100 * st.pay_late / st.pay_due))
                                  END)
                                + CASE WHEN st.pay_days IS NULL OR st.pay_days = 0
                                       THEN 100
                                       WHEN l.target = 0 THEN 0
                                       WHEN st.pay_days <= l.target THEN 100
                                       ELSE greatest(0, round(100 * (3 * l.target
                                           - st.pay_days) / (2 * l.target))) END)
                               ::float8 / 2)::int END
           END AS points,
           CASE l.component
             WHEN 'recency' THEN to_jsonb(st.recency)
             WHEN 'visit' THEN to_jsonb(st.visit)
             WHEN 'depth' THEN CASE WHEN st.depth_total > 0 THEN jsonb_build_object(
                 'total', st.depth_total, 'deep', st.depth_deep) END
             WHEN 'breadth' THEN to_jsonb(NULLIF(st.breadth, 0))
             WHEN 'trend' THEN CASE WHEN st.trend_current + st.trend_previous > 0
                 THEN jsonb_build_object('current', st.trend_current,
                                         'previous', st.trend_previous) END
             WHEN 'problems' THEN CASE WHEN st.open + st.counted > 0 THEN
                 jsonb_build_object('open', st.open, 'late', st.late,
                                    'count', st.counted, 'on_time', st.on_time,
                                    'hours', round(st.hours::numeric, 1)) END
             WHEN 'stakeholders' THEN CASE WHEN st.shape IS NOT NULL THEN
                 jsonb_build_object('shape', st.shape, 'threads', st.live_threads,
                                    'their', st.their_functions,
                                    'our', st.our_functions,
                                    'concentration', st.concentration) END
             WHEN 'satisfaction' THEN CASE WHEN st.answers > 0 THEN
                 jsonb_build_object('count', st.answers, 'average', st.average) END
             WHEN 'revenue' THEN CASE WHEN st.revenue_current != 0
                                       OR st.revenue_previous != 0 THEN
                 jsonb_build_object('current', st.revenue_current,
                                    'previous', st.revenue_previous) END
             WHEN 'payment' THEN CASE WHEN st.pay_invoices > 0 THEN
                 jsonb_build_object('invoices', st.pay_invoices, 'due', st.pay_due,
                                    'late', st.pay_late,
                                    'late_count', st.pay_late_count,
                                    'days', st.pay_days) END
           END AS raw
      FROM client c
      JOIN stats st ON st.id = c.id
      JOIN lines l ON l.card_id = c.card_id
      LEFT JOIN (VALUES %(companies)s) AS co(id, min_their, min_our)
        ON co.id = c.company_id
),
scored AS (
    SELECT p.id, p.card_id,
           -- The lines not counted (points NULL) leave their weight to the
           -- others; nothing counted: 0.
           COALESCE(round(sum(p.points * p.weight)::float8
                          / NULLIF(sum(p.weight) FILTER (
                                WHERE p.points IS NOT NULL), 0)), 0)::int AS score,
           json_agg(json_build_array(p.component, p.weight, p.points, p.raw,
                                     p.target, p.window_days)
                    ORDER BY p.component)::text AS breakdown
      FROM points p GROUP BY p.id, p.card_id
)
INSERT INTO bench_sql_health AS h
       (partner_id, score, band, scorecard_id, breakdown, date)
SELECT s.id, s.score,
       CASE WHEN s.score >= c.healthy THEN 'healthy'
            WHEN s.score >= c.watch THEN 'watch' ELSE 'at_risk' END,
       s.card_id, s.breakdown, %(today)s
  FROM scored s JOIN cards c ON c.id = s.card_id
ON CONFLICT (partner_id) DO UPDATE
   SET score = EXCLUDED.score, band = EXCLUDED.band,
       scorecard_id = EXCLUDED.scorecard_id, breakdown = EXCLUDED.breakdown,
       date = EXCLUDED.date
 WHERE (h.score, h.band, h.scorecard_id, h.breakdown, h.date)
       IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.band, EXCLUDED.scorecard_id,
                         EXCLUDED.breakdown, EXCLUDED.date)
""".replace("CARD_OF_CLIENT", CARD_OF_CLIENT)


def job_query(env):
    """The job's statement, the scorecards and thresholds read through the
    ORM, as values."""
    cr = env.cr
    scorecards = env["relationship.health.scorecard"].search([])
    cards = ", ".join(
        cr.mogrify(
            "(%s::int, %s::int, %s::varchar, %s::varchar, %s::int, %s::int, %s::int)",
            (
                card.id,
                card.company_id.id or None,
                card.relationship_type or None,
                card.relationship_stage or None,
                card.sequence,
                card.threshold_healthy,
                card.threshold_watch,
            ),
        ).decode()
        for card in scorecards
    )
    lines = ", ".join(
        cr.mogrify(
            "(%s::int, %s::varchar, %s::int, %s::float8, %s::int)",
            (
                line.scorecard_id.id,
                line.component,
                line.weight,
                line.target,
                line.window_days,
            ),
        ).decode()
        for line in scorecards.line_ids
    )
    companies = env["res.company"].search([])
    has_shapes = "key.account.shape" in env
    company_values = ", ".join(
        cr.mogrify(
            "(%s::int, %s::int, %s::int)",
            (
                company.id,
                company.kad_diamond_min_their_functions if has_shapes else 1,
                company.kad_diamond_min_our_functions if has_shapes else 1,
            ),
        ).decode()
        for company in companies
    )
    shape_table = (
        "key_account_shape"
        if has_shapes
        else "(SELECT NULL::int AS partner_id, NULL::varchar AS shape, 0 AS "
        "live_threads, 0 AS their_functions, 0 AS our_functions, 0 AS "
        "concentration WHERE false)"
    )
    # Without Invoicing, no invoice: the money lines are not counted.
    moves = (
        "account_move"
        if "account.move" in env
        else "(SELECT NULL::int AS partner_id, NULL::int AS commercial_partner_id, "
        "NULL::int AS company_id, "
        "NULL::varchar AS state, NULL::varchar AS move_type, NULL::date AS "
        "invoice_date, NULL::date AS invoice_date_due, NULL::varchar AS "
        "payment_state, NULL::numeric AS amount_untaxed_signed, NULL::numeric "
        "AS amount_residual_signed WHERE false)"
    )
    # Without the satisfaction requests, no answer.
    answers = (
        "relationship_satisfaction_request"
        if "relationship.satisfaction.request" in env
        else "(SELECT NULL::int AS id, NULL::int AS partner_id, NULL::varchar AS "
        "state, NULL::timestamp AS answer_date, NULL::numeric AS answer_rating "
        "WHERE false)"
    )
    return (
        JOB_SQL.replace("%(cards)s", cards)
        .replace("%(lines)s", lines)
        .replace("%(companies)s", company_values)
        .replace("%(shape_table)s", shape_table)
        .replace("%(moves)s", moves)
        .replace("%(answers)s", answers)
    )


def money_dates(env, now):
    """The money components' day (the user's, as ``context_today``) and the
    start of the payment line's look-back: the longest payment window of
    the scorecards (the component takes the longest of its batch: every
    shipped scorecard has the same)."""
    money_today = fields.Date.context_today(env["res.partner"], now)
    windows = (
        env["relationship.health.scorecard"]
        .search([])
        .line_ids.filtered(lambda line: line.component == "payment")
        .mapped(lambda line: line.window_days or 365)
    )
    return money_today, money_today - timedelta(days=max(windows, default=0))


def run_job(env, client_ids, now, today, batch_size):
    """The hand-written job, batch by batch as the recompute commits, a
    commit per batch: returns the seconds it took."""
    import os

    cr = env.cr
    cr.execute(SETUP_SQL)
    cr.commit()
    query = job_query(env)
    money_today, payment_since = money_dates(env, now)
    t0 = os.times().elapsed
    for start in range(0, len(client_ids), batch_size):
        ids = client_ids[start : start + batch_size]
        params = {
            "ids": ids,
            "now": now,
            "today": today,
            "company": env.company.id,
            "money_today": money_today,
            "payment_since": payment_since,
        }
        cr.execute(ARCHIVE_SQL, params)
        cr.execute(query, params)
        cr.commit()
    return os.times().elapsed - t0
