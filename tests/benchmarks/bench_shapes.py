# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the key account shape refresh (``make bench-shapes``).

For one size N, on a throwaway database with the add-ons installed:

1. populates N client companies with ~20 interactions each (the health
   benchmark's populate) and gives every client 2 to 6 contacts with a
   function, and every interaction 1 or 2 of them as their participants;
2. times ``key.account.shape._refresh_all(now=now)``: threads derived from the
   interaction log and each client classified (the nightly scheduled action);
3. checks the result with one hand-written SQL query: the number of live
   threads and the interactions of the last 12 months of every client must
   match what the ORM stored (exit status 1 when not);
4. prints the time, the clients per second, the threads made, and the time of
   a second run (nothing changed: the next night's cost).
"""

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path

import odoo
from odoo import fields
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).parent))
from bench_health import partner_columns, populate

CONTACTS_PER_CLIENT = (2, 6)


def add_contacts(env, client_ids):
    cr = env.cr
    functions = env["key.account.function"].search([]).ids
    cr.execute(
        partner_columns(
            env,
            """
        INSERT INTO res_partner
               (name, complete_name, parent_id, commercial_partner_id, company_id,
                active, is_company, type, lang, color, partner_share,
                message_bounce, relationship_stage, relationship_type,
                relationship_owner_id, stakeholder_function_id,
                create_uid, write_uid, create_date, write_date /* columns */)
        SELECT 'Bench Contact ' || c.id || '-' || g,
               'Bench Contact ' || c.id || '-' || g,
               c.id, c.id, c.company_id, true, false, 'contact', 'en_US', 0, true, 0,
               c.relationship_stage, c.relationship_type, c.relationship_owner_id,
               (%(functions)s::int[])[1 + floor(random() * %(nfunctions)s)::int],
               1, 1, now() at time zone 'UTC', now() at time zone 'UTC' /* values */
          FROM res_partner c
         CROSS JOIN LATERAL generate_series(
               1, %(lo)s + floor(random() * (%(hi)s - %(lo)s + 1))::int + (c.id * 0)) g
         WHERE c.id = ANY(%(ids)s)
        """,
        ),
        {
            "functions": functions,
            "nfunctions": len(functions),
            "lo": CONTACTS_PER_CLIENT[0],
            "hi": CONTACTS_PER_CLIENT[1],
            "ids": client_ids,
        },
    )
    # 1 or 2 of the client's contacts take part in each interaction.
    cr.execute(
        """
        INSERT INTO relationship_interaction_res_partner_rel
               (interaction_id, partner_id)
        SELECT DISTINCT i.id, pick.id
          FROM relationship_interaction i
         CROSS JOIN LATERAL (
               SELECT p.id FROM res_partner p
                WHERE p.parent_id = i.partner_id
                ORDER BY random() + (i.id * 0)
                LIMIT 1 + (random() < 0.3)::int) pick
         WHERE i.partner_id = ANY(%(ids)s)
        """,
        {"ids": client_ids},
    )
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE relationship_interaction_res_partner_rel")
    cr.commit()
    env.invalidate_all()


CHECK_SQL = """
SELECT p.id, s.live_threads, s.interactions_12m,
       (SELECT count(*) FROM (
            SELECT DISTINCT u.user_id, c.partner_id
              FROM relationship_interaction i
              JOIN relationship_interaction_res_users_rel u ON u.interaction_id = i.id
              JOIN relationship_interaction_res_partner_rel c ON c.interaction_id = i.id
             WHERE i.partner_id = p.id AND i.date >= %(since)s AND i.date <= %(now)s
        ) t) AS live,
       (SELECT count(*) FROM relationship_interaction i
         WHERE i.partner_id = p.id AND i.date >= %(since)s AND i.date <= %(now)s)
  FROM res_partner p
  LEFT JOIN key_account_shape s ON s.partner_id = p.id
 WHERE p.id = ANY(%(ids)s)
"""


def run(env, size):
    print(f"\n=== N = {size} ===", flush=True)
    t0 = time.perf_counter()
    client_ids, n_interactions = populate(env, size)
    add_contacts(env, client_ids)
    print(
        f"populate: {len(client_ids)} clients, {n_interactions} interactions, "
        f"contacts and participants in {time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    now = fields.Datetime.now()
    Shape = env["key.account.shape.engine"]
    for label in ("first refresh", "second refresh (nothing changed)"):
        env.invalidate_all()
        t0 = time.perf_counter()
        done = Shape._refresh_all(now=now)
        seconds = time.perf_counter() - t0
        env.cr.commit()
        print(
            f"{label}: {done} clients in {seconds:.2f} s "
            f"({done / seconds:.0f} clients/s)",
            flush=True,
        )
    env.cr.execute(
        "SELECT count(*) FROM key_account_thread WHERE partner_id = ANY(%s)",
        [client_ids],
    )
    print(f"threads derived: {env.cr.fetchone()[0]}")
    env.cr.execute(
        CHECK_SQL,
        {
            "ids": client_ids,
            "now": now,
            "since": now - timedelta(days=365),
        },
    )
    bad = [row for row in env.cr.fetchall() if row[1] != row[3] or row[2] != row[4]]
    if bad:
        print(f"MISMATCH on {len(bad)} clients, e.g. {bad[:3]}", file=sys.stderr)
        sys.exit(1)
    env.cr.execute(
        "SELECT shape, count(*) FROM key_account_shape WHERE partner_id = ANY(%s)"
        " GROUP BY 1",
        [client_ids],
    )
    print(
        f"check: live threads and 12-month interactions agree with SQL on all "
        f"{len(client_ids)} clients; shapes: {dict(env.cr.fetchall())}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", "--size", type=int, required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn", "--no-http"]
    )
    registry = Registry(args.database)
    with registry.cursor() as cr:
        run(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), args.size)


if __name__ == "__main__":
    main()
