# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the whole night at scale (``make bench-night``).

Not a pytest test: setup/bench_night.sh runs it once per size N on a fresh
copy of a database with the three add-ons installed.

For one size N it:

1. populates N client companies with 2 to 6 contacts each (birthdays for
   some), an account owner, about 20 interactions each with our and their
   participants, problems (open, answered, late, resolved), won
   opportunities of the last days, meetings, departures (with their
   open-door protocol and contagion watch) — what the scheduled actions
   read;
2. runs every scheduled action of the three add-ons in sequence, as
   Odoo's scheduler does (``ir.cron.method_direct_trigger``, in the order
   of their hour of the night), for a first night (nothing computed yet)
   and for the next night (a day later, nothing changed: a quiet night),
   and prints for each its time, clients per second and queries per batch,
   then the total;
3. checks the results against hand-written SQL (the health's raw values as
   ``make bench`` does, the key accounts' live threads and interactions,
   the care's open reminders) and fails if they disagree;
4. runs a hand-written SQL job doing the health recompute's work, writes
   included (``night_sql.py``), checks it gives every client the same score
   and band, and prints the recompute's time against it, with the
   read-only SQL query of ``make bench`` beside it.

The figures of the largest N end the output (see ``--summary``).
"""

import argparse
import cProfile
import json
import math
import os
import sys
import time
from datetime import timedelta

from freezegun import freeze_time

import odoo
from odoo import fields
from odoo.modules.registry import Registry

sys.path.insert(0, os.path.dirname(__file__))

from bench_health import (
    baseline_query,
    check,
    checkpoint,
    partner_columns,
    populate,
    vacuum,
)
from bench_shapes import CHECK_SQL as SHAPES_CHECK_SQL
from bench_shapes import add_contacts
from night_sql import run_job
from working_day import measure as measure_day
from working_day import view_spec

OURS = ("relationship_health", "key_account_diamond", "customer_farewell")
PROBLEMS_PER_CLIENT = 0.3
WON_SHARE = 0.005
MEETING_SHARE = 0.005
DEPARTURE_SHARE = 0.003
BIRTHDAY_SHARE = 0.1
TARGET_NIGHT_S = 60
TARGET_SHAPES_QUIET = 5000
TARGET_SHAPES_FIRST = 1000
TARGET_HEALTH_JOB = 2.0
PROFILE = None
CROWD = None
NIGHTS = ("first", "quiet")


# ----------------------------------------------------------------------
# 1. Populate
# ----------------------------------------------------------------------
def populate_night(env, size):
    """Everything the scheduled actions read, for ``size`` clients."""
    client_ids, n_interactions = populate(env, size)
    add_contacts(env, client_ids)
    cr = env.cr
    now = fields.Datetime.now()
    users = env["res.users"].search([("login", "like", "bench_user_%")], order="id")
    # Account owners (the contacts follow their company), first deals,
    # birthdays.
    cr.execute(
        """
        UPDATE res_partner p
           SET relationship_owner_id = (%(users)s::int[])[1 + p.id %% %(n)s],
               relationship_first_deal_date = CASE WHEN p.id %% 2 = 0
                   THEN (%(now)s - interval '1 day' * (30 + p.id %% 2000))::date END
         WHERE p.id = ANY(%(ids)s);
        UPDATE res_partner c
           SET relationship_owner_id = p.relationship_owner_id,
               relationship_birthday = CASE WHEN random() < %(birthdays)s
                   THEN (%(now)s - interval '1 day' * (9000 + c.id %% 15000))::date END
          FROM res_partner p
         WHERE c.parent_id = p.id AND p.id = ANY(%(ids)s);
        """,
        {
            "users": users.ids,
            "n": len(users),
            "now": now,
            "ids": client_ids,
            "birthdays": BIRTHDAY_SHARE,
        },
    )
    # Problems: reported over the last 200 days; a third still open (some
    # past their targets), the others answered and resolved.
    cr.execute(
        """
        INSERT INTO relationship_problem
               (name, partner_id, owner_id, company_id, kind, priority,
                reported_date, first_response_date, resolved_date,
                response_deadline, resolution_deadline, response_hours,
                resolution_days, response_late, resolution_late, state,
                root_cause, assessment, create_uid, write_uid, create_date,
                write_date)
        SELECT 'Bench problem', c.id, c.relationship_owner_id, c.company_id,
               'complaint', '0', q.reported,
               CASE WHEN q.kind > 0.33
                    THEN LEAST(%(now)s, q.reported + interval '1 hour' * q.hours) END,
               CASE WHEN q.kind > 0.5
                    THEN LEAST(%(now)s, q.reported + interval '2 days') END,
               q.reported + interval '24 hours', q.reported + interval '10 days',
               CASE WHEN q.kind > 0.33 THEN q.hours ELSE 0 END,
               CASE WHEN q.kind > 0.5 THEN 2 ELSE 0 END,
               q.kind > 0.33 AND q.hours > 24, false,
               CASE WHEN q.kind > 0.5 THEN 'resolved'
                    WHEN q.kind > 0.33 THEN 'responded' ELSE 'new' END,
               CASE WHEN q.kind > 0.5 THEN 'Checked' END,
               CASE WHEN q.kind > 0.5 THEN 'founded' END,
               1, 1, %(now)s, %(now)s
          FROM res_partner c
         CROSS JOIN LATERAL (
               SELECT date_trunc('second', %(now)s - interval '1 day'
                          * (200 * random())) AS reported,
                      random() AS kind, 1 + floor(random() * 40)::int AS hours,
                      g AS dummy
                 FROM generate_series(1, (random() < %(share)s)::int + (c.id * 0)) g
               ) q
         WHERE c.id = ANY(%(ids)s)
        """,
        {"now": now, "ids": client_ids, "share": PROBLEMS_PER_CLIENT},
    )
    cr.commit()
    vacuum(env, ("res_partner", "relationship_problem"))
    env.invalidate_all()
    # The meetings held before (the demo's, when the template database is
    # less than a week old) were logged by the hourly action during the day:
    # not by the night, after the health it checks.
    env["calendar.event"]._cron_relationship_capture_meetings()
    env.cr.commit()
    # Won opportunities of the last days (thank-you calls), meetings held
    # with the clients' people this week, departures: through the ORM, as
    # their side effects are part of what the night reads.
    step = max(1, round(1 / WON_SHARE))
    won_stage = env["crm.stage"].search([("is_won", "=", True)], limit=1)
    env["crm.lead"].create(
        [
            {
                "name": f"Bench deal {cid}",
                "partner_id": cid,
                "type": "opportunity",
                "stage_id": won_stage.id,
                "user_id": users[i % len(users)].id,
            }
            for i, cid in enumerate(client_ids[::step])
        ]
    )
    step = max(1, round(1 / MEETING_SHARE))
    contacts = env["res.partner"].search(
        [("parent_id", "in", client_ids[1::step])], order="id"
    )
    by_client = {}
    for contact in contacts:
        by_client.setdefault(contact.parent_id.id, contact)
    env["calendar.event"].create(
        [
            {
                "name": f"Bench meeting {cid}",
                "start": now - timedelta(days=2, hours=i % 24),
                "stop": now - timedelta(days=2, hours=i % 24) + timedelta(hours=1),
                "partner_ids": [(6, 0, contact.ids)],
                "user_id": users[i % len(users)].id,
            }
            for i, (cid, contact) in enumerate(by_client.items())
        ]
    )
    step = max(1, round(1 / DEPARTURE_SHARE))
    if "farewell.departure" in env:
        env["farewell.departure"].create(
            [
                {"partner_id": cid, "departure_date": (now - timedelta(days=40)).date()}
                for cid in client_ids[2::step]
            ]
        )
    env.cr.commit()
    return client_ids, n_interactions


def populate_plain(env, size):
    """The same clients and contacts in a database without our add-ons,
    for the working day's comparison."""
    cr = env.cr
    company_id = env.ref("base.main_company").id
    cr.execute("SELECT setseed(%s)", [0.42])
    cr.execute(
        partner_columns(
            env,
            """
        INSERT INTO res_partner
               (id, name, complete_name, commercial_company_name,
                commercial_partner_id, company_id, active, is_company, type,
                lang, color, partner_share, message_bounce,
                create_uid, write_uid, create_date, write_date /* columns */)
        SELECT s.id, s.name, s.name, s.name, s.id, %(company)s, true, true,
               'contact', 'en_US', 0, true, 0, 1, 1, %(now)s, %(now)s /* values */
          FROM (SELECT nextval('res_partner_id_seq') AS id,
                       'Bench Client ' || lpad(g::text, 7, '0') AS name
                  FROM generate_series(1, %(size)s) AS g) AS s
        RETURNING id
        """,
        ),
        {"company": company_id, "now": fields.Datetime.now(), "size": size},
    )
    client_ids = sorted(row[0] for row in cr.fetchall())
    cr.execute(
        partner_columns(
            env,
            """
        INSERT INTO res_partner
               (name, complete_name, parent_id, commercial_partner_id, company_id,
                active, is_company, type, lang, color, partner_share,
                message_bounce, create_uid, write_uid, create_date, write_date
                /* columns */)
        SELECT 'Bench Contact ' || c.id || '-' || g,
               'Bench Contact ' || c.id || '-' || g,
               c.id, c.id, c.company_id, true, false, 'contact', 'en_US', 0, true, 0,
               1, 1, now() at time zone 'UTC', now() at time zone 'UTC' /* values */
          FROM res_partner c
         CROSS JOIN LATERAL generate_series(
               1, 2 + floor(random() * 5)::int + (c.id * 0)) g
         WHERE c.id = ANY(%(ids)s)
        """,
        ),
        {"ids": client_ids},
    )
    cr.commit()
    vacuum(env, ("res_partner",))
    return client_ids


def salesperson(env):
    """The salesperson whose working day is measured."""
    user = env["res.users"].search([("login", "=", "bench_sales")])
    if not user:
        user = env["res.users"].create(
            {
                "name": "Bench Salesperson",
                "login": "bench_sales",
                "groups_id": [(6, 0, [env.ref("sales_team.group_sale_salesman").id])],
            }
        )
        env.cr.commit()
    return user


def run_day(env, client_ids, ours):
    """The working day's figures (see working_day.py)."""
    day = measure_day(env, salesperson(env), client_ids, ours)
    for screen, figure in day.items():
        print(
            f"  {screen:<16} {figure['ms']:8.1f} ms {figure['queries']:6.0f} queries",
            flush=True,
        )
    return day


# ----------------------------------------------------------------------
# 2. The night
# ----------------------------------------------------------------------
def our_crons(env):
    """Our scheduled actions, in the order of their hour of the night."""
    data = env["ir.model.data"].search(
        [("model", "=", "ir.cron"), ("module", "in", OURS)]
    )
    crons = env["ir.cron"].browse(data.mapped("res_id"))
    return crons.sorted(
        lambda c: (c.interval_type != "days", c.nextcall.time(), c.priority, c.id)
    )


def run_night(env, label, when, clients):
    """Every scheduled action once, as of ``when``; returns the figures."""
    print(f"{label} (now = {when}):", flush=True)
    batch = int(
        env["ir.config_parameter"].get_param("relationship_health.batch_size", 1000)
    )
    batches = math.ceil(clients / batch)
    rows = []
    # Every action runs at the same instant ``when`` (so that the checks
    # compare with SQL as of that instant); its time is read from a clock
    # freezegun does not stop.
    with freeze_time(when):
        for cron in our_crons(env):
            env.invalidate_all()
            checkpoint(env)
            env.cr.commit()
            queries = env.cr.sql_log_count
            profiler = cProfile.Profile() if PROFILE else None
            t0 = os.times().elapsed
            if profiler:
                profiler.enable()
            cron.method_direct_trigger()
            env.cr.commit()
            # The clock's resolution is 10 ms.
            seconds = max(os.times().elapsed - t0, 0.01)
            if profiler:
                profiler.disable()
                profiler.dump_stats(f"{PROFILE}.{label.split()[0]}.{cron.id}")
            queries = env.cr.sql_log_count - queries
            rows.append(
                {
                    "name": cron.cron_name,
                    "seconds": seconds,
                    "cps": clients / seconds if seconds else 0,
                    "queries_per_batch": queries / batches,
                }
            )
            print(
                f"  {cron.cron_name:<58} {seconds:7.2f} s {clients / seconds:9.0f} "
                f"clients/s {queries / batches:7.1f} queries/batch",
                flush=True,
            )
    total = sum(row["seconds"] for row in rows)
    print(f"  {'the whole night':<58} {total:7.2f} s {clients / total:9.0f} clients/s")
    return {"crons": rows, "total": total}


# ----------------------------------------------------------------------
# 3. Checks
# ----------------------------------------------------------------------
def check_night(env, client_ids, bench_ids, now):
    """The night's results against hand-written SQL; exits 1 on a mismatch."""
    cr = env.cr
    # Clients that left (Dissolution) are no longer scored.
    bench_ids = sorted(set(bench_ids) & set(client_ids))
    query, params = baseline_query(env, client_ids, now)
    cr.execute(query, params)
    coverage = check(env, client_ids, bench_ids, cr.fetchall())
    print(f"  check health: raw values agree with SQL ({coverage})")
    if "key.account.shape" in env:
        cr.execute(
            SHAPES_CHECK_SQL,
            {"ids": bench_ids, "now": now, "since": now - timedelta(days=365)},
        )
        bad = [row for row in cr.fetchall() if row[1] != row[3] or row[2] != row[4]]
        if bad:
            sys.exit(f"MISMATCH key accounts on {len(bad)} clients, e.g. {bad[:3]}")
        print(
            f"  check key accounts: live threads and interactions agree on "
            f"{len(bench_ids)} clients"
        )
    # Care: one open keep-in-touch reminder per client cared for whose rule
    # has a contact cadence, never two.
    cr.execute(
        """
        SELECT count(*) FILTER (WHERE n > 1), count(*) FILTER (WHERE n = 1)
          FROM (SELECT partner_id, count(*) AS n FROM relationship_care_reminder
                 WHERE kind = 'contact' AND state = 'open'
                   AND partner_id = ANY(%s) GROUP BY 1) t
        """,
        [bench_ids],
    )
    twice, once = cr.fetchone()
    cared = len(env["res.partner"]._care_client_ids())
    if twice or not once:
        sys.exit(f"MISMATCH care: {twice} clients with two open contact reminders")
    print(
        f"  check care: {once} clients with one open contact reminder (of "
        f"{cared} cared for), none with two"
    )
    check_no_double_alerts(env)


def check_no_double_alerts(env):
    """Every alert once: no client has two open alerts of one kind."""
    cr = env.cr
    alerts = [
        env.ref(xmlid).id
        for xmlid in (
            "relationship_health.mail_activity_type_health_alert",
            "key_account_diamond.mail_activity_type_stakeholder_alert",
            "customer_farewell.mail_activity_type_contagion",
            "relationship_health.mail_activity_type_care_contact",
            "relationship_health.mail_activity_type_care_visit",
        )
        if env.ref(xmlid, raise_if_not_found=False)
    ]
    cr.execute(
        """
        SELECT count(*) FROM (
            SELECT res_id, activity_type_id FROM mail_activity
             WHERE res_model = 'res.partner' AND activity_type_id = ANY(%s)
             GROUP BY 1, 2 HAVING count(*) > 1) t
        """,
        [alerts],
    )
    doubles = cr.fetchone()[0]
    if doubles:
        sys.exit(f"MISMATCH: {doubles} clients with two open activities of a type")
    print("  check activities: no client has two open activities of one type")


def health_job(env, client_ids, now):
    """The hand-written SQL job against the stored health: same score and
    band for every client. Returns its seconds and the read-only query's."""
    cr = env.cr
    cr.execute("DROP TABLE IF EXISTS bench_sql_health, bench_sql_health_day")
    cr.commit()
    batch = int(
        env["ir.config_parameter"].get_param("relationship_health.batch_size", 1000)
    )
    seconds = run_job(env, client_ids, now, fields.Date.to_date(now), batch)
    cr.execute(
        """
        SELECT count(*) FILTER (WHERE s.score IS DISTINCT FROM h.score
                                   OR s.band IS DISTINCT FROM h.band),
               count(*)
          FROM relationship_health h
          FULL JOIN bench_sql_health s ON s.partner_id = h.partner_id
         WHERE COALESCE(h.partner_id, s.partner_id) = ANY(%s)
        """,
        [client_ids],
    )
    differ, total = cr.fetchone()
    if differ:
        cr.execute(
            """
            SELECT h.partner_id, h.score, s.score, h.breakdown, s.breakdown
              FROM relationship_health h JOIN bench_sql_health s USING (partner_id)
             WHERE s.score != h.score LIMIT 3
            """
        )
        for row in cr.fetchall():
            print(f"    {row}", file=sys.stderr)
        sys.exit(
            f"MISMATCH: the SQL job scores {differ} of {total} clients differently"
        )
    query, params = baseline_query(env, client_ids, now)
    t0 = os.times().elapsed
    cr.execute(query, params)
    cr.fetchall()
    read_only = os.times().elapsed - t0
    print(f"  check SQL job: same score and band for all {total} clients")
    return seconds, read_only


# ----------------------------------------------------------------------
# One size
# ----------------------------------------------------------------------
def run(env, size):
    print(f"\n=== N = {size} ===", flush=True)
    t0 = time.perf_counter()
    bench_ids, n_interactions = populate_night(env, size)
    print(
        f"populate: {len(bench_ids)} clients, {n_interactions} interactions, "
        f"contacts, problems, deals, meetings, departures in "
        f"{time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    client_ids = env["res.partner"]._health_client_ids()
    clients = len(client_ids)
    now = fields.Datetime.now()
    result = {"size": size, "clients": clients}
    nights = (
        ("first", "first night", now),
        ("quiet", "next night", now + timedelta(days=1)),
    )
    for key, label, when in nights:
        result[key] = run_night(env, label, when, clients)
        check_night(env, client_ids, bench_ids, when)
        health_s = next(
            row["seconds"]
            for row in result[key]["crons"]
            if "health" in row["name"].lower()
        )
        job_s, read_s = health_job(env, client_ids, when)
        result[key]["health_s"] = health_s
        result[key]["job_s"] = job_s
        result[key]["read_s"] = read_s
        print(
            f"  health recompute {health_s:.2f} s against the SQL job {job_s:.2f} s: "
            f"{health_s / job_s:.2f} (target <= {TARGET_HEALTH_JOB}); against "
            f"the read-only query ({read_s:.2f} s): {health_s / read_s:.2f}",
            flush=True,
        )
        shapes = next(
            (row for row in result[key]["crons"] if "shape" in row["name"].lower()),
            None,
        )
        result[key]["shapes_cps"] = shapes["cps"] if shapes else 0
    print("working day, with our add-ons:", flush=True)
    result["day"] = run_day(env, bench_ids, ours=True)
    if CROWD:
        result["crowd"] = run_crowd(env, bench_ids)
    return result


def run_crowd(env, client_ids):
    """Many users at once while the night runs (see crowd.py)."""
    import crowd

    print(
        f"many users at once: {crowd.USERS} salespeople over JSON-RPC, Odoo with "
        "--workers 4 --max-cron-threads 2; idle, then the night:",
        flush=True,
    )
    client_ids = (
        env["res.partner"]
        .search(
            [("id", "in", client_ids), ("relationship_stage", "!=", "dissolution")],
            order="id",
        )
        .ids
    )
    form_spec = view_spec(env["res.partner"].with_user(salesperson(env)), "form")
    figures = crowd.run(
        env,
        CROWD["odoo_bin"],
        sys.executable,
        CROWD["config"],
        env.cr.dbname,
        client_ids,
        form_spec,
        our_crons(env),
    )
    check_no_double_alerts(env)
    print(
        f"  the night in the workers: {figures['night_seconds']:.1f} s "
        f"({'done' if figures['night_done'] else 'NOT done'}); requests "
        f"{figures['requests_idle']} idle, {figures['requests_night']} during the "
        f"night; failed {figures['failed_requests']} {figures['failures']}; "
        f"interactions logged {figures['interactions_logged']}, clients edited "
        f"{figures['edits']}, lost writes {figures['lost_writes']}; p95 "
        f"{figures['p95_idle_ms']:.0f} ms idle, {figures['p95_night_ms']:.0f} ms "
        f"during the night (median {figures['median_idle_ms']:.0f} / "
        f"{figures['median_night_ms']:.0f} ms); the health recompute started by "
        f"hand meanwhile: {figures['manual_run']}",
        flush=True,
    )
    return figures


def run_plain(env, size):
    """The working day on a database without our add-ons."""
    print(f"\n=== N = {size}, without our add-ons ===", flush=True)
    client_ids = populate_plain(env, size)
    print("working day, without our add-ons:", flush=True)
    return {"size": size, "plain": True, "day": run_day(env, client_ids, ours=False)}


def summarize(path):
    with open(path) as results:
        everything = [json.loads(line) for line in results if line.strip()]
    plain = {r["size"]: r["day"] for r in everything if r.get("plain")}
    runs = sorted(
        (r for r in everything if not r.get("plain")), key=lambda r: r["size"]
    )
    print("\n=== Summary ===")
    for r in runs:
        for key, label in (("first", "first night"), ("quiet", "quiet night")):
            night = r[key]
            print(
                f"N={r['size']:>7} {label:<12} whole night {night['total']:7.2f} s, "
                f"key account shapes {night['shapes_cps']:7.0f} clients/s, "
                f"health / SQL job {night['health_s'] / night['job_s']:.2f} "
                f"(/ read-only query {night['health_s'] / night['read_s']:.2f})"
            )
    large = runs[-1]
    if len(runs) > 1:
        small = runs[0]
        scaling = (large["quiet"]["total"] / large["clients"]) / (
            small["quiet"]["total"] / small["clients"]
        )
        first_scaling = (large["first"]["total"] / large["clients"]) / (
            small["first"]["total"] / small["clients"]
        )
        print(
            f"time per client at N={large['size']} / at N={small['size']}: "
            f"quiet night {scaling:.2f}, first night {first_scaling:.2f} "
            "(target <= 1.2)"
        )
    quiet, first = large["quiet"], large["first"]
    health_job = max(large[k]["health_s"] / large[k]["job_s"] for k in NIGHTS)
    verdicts = {
        f"whole night <= {TARGET_NIGHT_S} s": quiet["total"] <= TARGET_NIGHT_S,
        f"first night <= {TARGET_NIGHT_S} s": first["total"] <= TARGET_NIGHT_S,
        f"shapes >= {TARGET_SHAPES_QUIET}/s quiet": (
            quiet["shapes_cps"] >= TARGET_SHAPES_QUIET
        ),
        f"shapes >= {TARGET_SHAPES_FIRST}/s first": (
            first["shapes_cps"] >= TARGET_SHAPES_FIRST
        ),
        f"health / SQL job <= {TARGET_HEALTH_JOB}": health_job <= TARGET_HEALTH_JOB,
    }
    print(
        f"targets at N={large['size']}: "
        + "; ".join(f"{k}: {'met' if v else 'NOT met'}" for k, v in verdicts.items())
    )
    day = working_day_figures(large.get("day"), plain.get(large["size"]))
    fields_ = {
        "clients": large["size"],
        "night_s": f"{quiet['total']:.1f}",
        "shapes_quiet_cps": f"{quiet['shapes_cps']:.0f}",
        "health_vs_sql_job": f"{health_job:.2f}",
    }
    crowd = large.get("crowd")
    if crowd:
        ratio = crowd["p95_night_ms"] / crowd["p95_idle_ms"]
        print(
            f"many users: failed requests {crowd['failed_requests']} (target 0), "
            f"lost writes {crowd['lost_writes']} (target 0), p95 during the night "
            f"/ idle {ratio:.2f} (target <= 2.0)"
        )
        day.update(
            failed_requests=crowd["failed_requests"],
            lost_writes=crowd["lost_writes"],
            p95_ratio=f"{ratio:.2f}",
        )
    for name in (
        "form_extra_queries",
        "form_ratio",
        "failed_requests",
        "lost_writes",
        "p95_ratio",
    ):
        fields_[name] = day.get(name, "na")
    print("RESULT " + " ".join(f"{k}={v}" for k, v in fields_.items()))


def working_day_figures(ours, plain):
    """The working day's comparison, printed; its RESULT fields."""
    if not ours or not plain:
        print("working day: needs the database without our add-ons (--plain)")
        return {}
    print("working day at N (with / without our add-ons):")
    for screen in ("form", "list", "kanban"):
        print(
            f"  {screen:<8} {ours[screen]['ms']:7.1f} / {plain[screen]['ms']:7.1f} ms "
            f"(x{ours[screen]['ms'] / plain[screen]['ms']:.2f}), "
            f"{ours[screen]['queries']:.0f} / {plain[screen]['queries']:.0f} queries"
        )
    print(f"  logging an interaction: {ours['log_interaction']['ms']:.1f} ms (median)")
    extra = ours["form"]["queries"] - plain["form"]["queries"]
    ratios = {s: ours[s]["ms"] / plain[s]["ms"] for s in ("form", "list", "kanban")}
    verdicts = {
        "form <= 5 queries more": extra <= 5,
        "form <= 1.3 times": ratios["form"] <= 1.3,
        "list <= 1.2 times": ratios["list"] <= 1.2,
        "kanban <= 1.2 times": ratios["kanban"] <= 1.2,
        "logging <= 50 ms": ours["log_interaction"]["ms"] <= 50,
    }
    print(
        "  targets: "
        + "; ".join(f"{k}: {'met' if v else 'NOT met'}" for k, v in verdicts.items())
    )
    return {
        "form_extra_queries": f"{extra:.0f}",
        "form_ratio": f"{ours['form']['ms'] / plain['form']['ms']:.2f}",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config")
    parser.add_argument("-d", "--database")
    parser.add_argument("-n", "--size", type=int)
    parser.add_argument("--results", required=True, help="JSON-lines file")
    parser.add_argument("--summary", action="store_true")
    parser.add_argument("--profile", help="a cProfile of each scheduled action, here")
    parser.add_argument(
        "--plain", action="store_true", help="a database without our add-ons"
    )
    parser.add_argument(
        "--crowd", help="odoo-bin: run the many users part with this server"
    )
    args = parser.parse_args()
    global PROFILE, CROWD
    PROFILE = args.profile
    if args.crowd:
        CROWD = {"odoo_bin": args.crowd, "config": args.config}
    if args.summary:
        summarize(args.results)
        return
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn", "--no-http"]
    )
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        result = run_plain(env, args.size) if args.plain else run(env, args.size)
    with open(args.results, "a") as results:
        results.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
