# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools import SQL

from odoo.addons.relationship_health.tools.batch import exclusive, run_in_batches
from odoo.addons.relationship_health.tools.sql import pg_int_array

from .key_account_thread import MEDIUM_COUNT, STRONG_COUNT

ALERT_TYPE = "key_account_diamond.mail_activity_type_stakeholder_alert"
# Threads count the interactions of the last 12 months.
THREAD_WINDOW_DAYS = 365


class KeyAccountShapeEngine(models.AbstractModel):
    """Derives threads from the interaction log and classifies each client
    as a bow-tie, developing or diamond relationship, in batches: one row
    of ``key.account.shape`` per client, rewritten only when it changed."""

    _name = "key.account.shape.engine"
    _description = "Key Account Shape Engine"

    # ------------------------------------------------------------------
    # Threads
    # ------------------------------------------------------------------
    @api.model
    def _refresh_threads(self, clients, now):
        """Derive the threads of ``clients`` from their interactions of the
        last 12 months: our participants x their participants, in one SQL
        statement for the whole batch that also writes what the threads
        derive (strength, live, the functions on both sides, the contact
        who left, the owner): only the threads that changed are written.

        A thread declared by hand that the log now shows becomes the log's
        (source "From interactions"): its figures are the log's from then
        on, and it is no longer edited or deleted by hand.

        Raw SQL, measured (``make bench-night``): the ORM's recompute of the
        threads' computed fields cost 80% of a first night's refresh. The
        threads the log draws are written by the system: no creating user
        (a foreign-key check each, a third of a first night's writing).
        """
        Thread = self.env["key.account.thread"]
        self.env["relationship.interaction"].flush_model()
        self.env["res.partner"].flush_model(
            [
                "relationship_owner_id",
                "stakeholder_function_id",
                "stakeholder_left",
                "active",
                "company_id",
            ]
        )
        self.env["key.account.team.member"].flush_model()
        Thread.flush_model()
        since = now - timedelta(days=THREAD_WINDOW_DAYS)
        ids = pg_int_array(clients.ids)
        aggregate = SQL(
            """
            SELECT i.partner_id, u.user_id, c.partner_id AS contact_id,
                   count(*) AS n, max(i.date) AS last
              FROM relationship_interaction i
              JOIN relationship_interaction_res_users_rel u ON u.interaction_id = i.id
              JOIN relationship_interaction_res_partner_rel c ON c.interaction_id = i.id
             WHERE i.partner_id = ANY(%s::int[]) AND i.date >= %s AND i.date <= %s
             GROUP BY 1, 2, 3
            """,
            ids,
            since,
            now,
        )
        # What a thread of n interactions and source s is, as
        # key.account.thread._compute_strength says.
        strength = SQL(
            """CASE WHEN %(n)s >= %(strong)s THEN 'strong'
                    WHEN %(n)s >= %(medium)s THEN 'medium'
                    WHEN %(n)s > 0 OR %(source)s = 'manual' THEN 'weak'
                    ELSE 'none' END""",
            n=SQL("n.count"),
            source=SQL("n.source"),
            strong=STRONG_COUNT,
            medium=MEDIUM_COUNT,
        )
        # One statement: the interactions aggregated once; the threads that
        # went quiet (no interaction left in the window) set to none; the
        # new or changed ones written, the others not touched.
        self.env.cr.execute(
            SQL(
                """
                WITH a AS MATERIALIZED (%(aggregate)s),
                mine AS MATERIALIZED (
                    SELECT t.id, t.partner_id, t.user_id, t.contact_id, t.source,
                           t.interaction_count, t.last_contact_date, t.is_live
                      FROM key_account_thread t
                     WHERE t.partner_id = ANY(%(ids)s::int[])
                ),
                quiet AS (
                    UPDATE key_account_thread t
                       SET interaction_count = 0,
                           strength = s.strength,
                           is_live = s.strength != 'none' AND c.active
                               AND NOT COALESCE(c.stakeholder_left, FALSE),
                           write_date = %(now)s
                      FROM mine q
                      JOIN res_partner c ON c.id = q.contact_id
                     CROSS JOIN LATERAL (SELECT 0 AS count, q.source AS source) n
                     CROSS JOIN LATERAL (SELECT %(strength)s AS strength) s
                     WHERE t.id = q.id AND q.interaction_count > 0
                       AND NOT EXISTS (
                           SELECT 1 FROM a
                            WHERE a.partner_id = q.partner_id
                              AND a.user_id = q.user_id
                              AND a.contact_id = q.contact_id)
                    RETURNING t.id
                ),
                todo AS (
                    SELECT a.*, p.company_id, c.stakeholder_function_id,
                           COALESCE(c.stakeholder_left, FALSE) AS contact_left,
                           m.function_id, s.strength,
                           s.strength != 'none' AND c.active
                               AND NOT COALESCE(c.stakeholder_left, FALSE)
                               AS is_live
                      FROM a
                      LEFT JOIN mine q
                             ON q.partner_id = a.partner_id
                            AND q.user_id = a.user_id
                            AND q.contact_id = a.contact_id
                      JOIN res_partner p ON p.id = a.partner_id
                      JOIN res_partner c ON c.id = a.contact_id
                      LEFT JOIN key_account_team_member m
                             ON m.partner_id = a.partner_id AND m.user_id = a.user_id
                     CROSS JOIN LATERAL (SELECT a.n AS count, 'derived' AS source) n
                     CROSS JOIN LATERAL (SELECT %(strength)s AS strength) s
                     WHERE q.id IS NULL
                        OR q.source != 'derived'
                        OR q.interaction_count IS DISTINCT FROM a.n
                        OR q.last_contact_date IS NULL
                        OR q.last_contact_date < a.last
                        OR q.is_live IS DISTINCT FROM (
                            s.strength != 'none' AND c.active
                            AND NOT COALESCE(c.stakeholder_left, FALSE))
                ),
                written AS (
                    INSERT INTO key_account_thread AS t
                           (partner_id, user_id, contact_id, source,
                            interaction_count, last_contact_date, company_id,
                            their_function_id, contact_left, our_function_id,
                            strength, is_live, create_date, write_date)
                    SELECT partner_id, user_id, contact_id, 'derived', n, last,
                           COALESCE(company_id, %(company)s),
                           stakeholder_function_id, contact_left, function_id,
                           strength, is_live, %(now)s, %(now)s
                      FROM todo
                    ON CONFLICT (partner_id, user_id, contact_id) DO UPDATE
                       SET interaction_count = EXCLUDED.interaction_count,
                           source = 'derived',
                           last_contact_date = GREATEST(
                               t.last_contact_date, EXCLUDED.last_contact_date),
                           strength = EXCLUDED.strength,
                           is_live = EXCLUDED.is_live,
                           write_date = EXCLUDED.write_date
                    RETURNING t.id
                )
                SELECT id FROM quiet UNION ALL SELECT id FROM written
                """,
                aggregate=aggregate,
                ids=ids,
                now=now,
                strength=strength,
                company=self.env.company.id,
            )
        )
        changed = [row[0] for row in self.env.cr.fetchall()]
        # The ORM forgets what it read of the threads: SQL wrote them.
        Thread.invalidate_model()
        return Thread.browse(changed)

    # ------------------------------------------------------------------
    # Shapes
    # ------------------------------------------------------------------
    @api.model
    def _classify(self, company, live, their, our, concentration):
        """Bow-tie, developing or diamond, with the company's thresholds.
        Extension point."""
        if live <= company.kad_bowtie_max_threads or (
            concentration >= company.kad_bowtie_concentration
        ):
            return "bow_tie"
        if (
            live >= company.kad_diamond_min_threads
            and their >= company.kad_diamond_min_their_functions
            and our >= company.kad_diamond_min_our_functions
        ):
            return "diamond"
        return "developing"

    @api.model
    def _measure_shapes(self, clients, now):
        """{client_id: values} of the shape's columns, from the stored
        threads, in ONE query for the whole batch.

        Raw SQL, measured (``make bench-night``): reading the threads
        through the ORM, about 25 per client, was 85% of a quiet night's
        refresh."""
        self.env["key.account.thread"].flush_model()
        self.env.cr.execute(
            """
            SELECT c.id, COALESCE(p.company_id, %(company)s),
                   COALESCE(t.live, 0), COALESCE(t.their, 0), COALESCE(t.our, 0),
                   t.busiest, t.busiest_count, COALESCE(t.key_left, FALSE),
                   i.total, i.oldest + make_interval(days => %(window)s)
              FROM unnest(%(ids)s::int[]) AS c(id)
             CROSS JOIN LATERAL (
                    SELECT count(*) AS total, min(i.date) AS oldest
                      FROM relationship_interaction i
                     WHERE i.partner_id = c.id
                       AND i.date >= %(since)s AND i.date <= %(now)s) AS i
              JOIN res_partner p ON p.id = c.id
              LEFT JOIN LATERAL (
                    SELECT count(*) FILTER (WHERE t.is_live) AS live,
                           count(DISTINCT t.their_function_id)
                               FILTER (WHERE t.is_live) AS their,
                           count(DISTINCT t.our_function_id)
                               FILTER (WHERE t.is_live) AS our,
                           (array_agg(t.id ORDER BY COALESCE(t.interaction_count, 0)
                                      DESC, t.id)
                               FILTER (WHERE t.is_live))[1] AS busiest,
                           max(COALESCE(t.interaction_count, 0))
                               FILTER (WHERE t.is_live) AS busiest_count,
                           -- a thread with interactions that is not live:
                           -- its contact left, or was archived
                           bool_or(NOT t.is_live AND t.interaction_count > 0)
                               AS key_left
                      FROM key_account_thread t
                     WHERE t.partner_id = c.id) AS t ON TRUE
            """,
            {
                "ids": pg_int_array(clients.ids),
                "company": self.env.company.id,
                "since": now - timedelta(days=THREAD_WINDOW_DAYS),
                "now": now,
                "window": THREAD_WINDOW_DAYS,
            },
        )
        rows = self.env.cr.fetchall()
        companies = {
            company.id: company
            for company in self.env["res.company"]
            .sudo()
            .browse({row[1] for row in rows})
        }
        values = {}
        for (
            client_id,
            company_id,
            live,
            their,
            our,
            busiest,
            busiest_count,
            key_left,
            total,
            window_ends,
        ) in rows:
            concentration = (
                round(100 * busiest_count / total)
                if busiest and total
                else (100 if busiest else 0)
            )
            concentration = min(concentration, 100)
            values[client_id] = {
                "shape": self._classify(
                    companies[company_id], live, their, our, concentration
                ),
                "live_threads": live,
                "their_functions": their,
                "our_functions": our,
                "concentration": concentration,
                "interactions_12m": total,
                "busiest_thread_id": busiest,
                "key_contact_left": key_left,
                "window_ends": window_ends,
            }
        return values

    @api.model
    def _refresh(self, clients, now=None, alert=True):
        """Refresh threads and shapes of ``clients``; alert their owners when
        one slips into a bow-tie (unless ``alert`` is False). Idempotent."""
        now = now or fields.Datetime.now()
        clients = clients.commercial_partner_id
        if not clients:
            return clients
        self._refresh_threads(clients, now)
        values = self._measure_shapes(clients, now)
        old_shapes = self.env["key.account.shape"]._shapes_of(clients.ids)
        shape_changes, slipped = {}, []
        for client in clients:
            old = old_shapes.get(client.id)
            new = values[client.id]["shape"]
            # The chatter tracks shape changes, not the first shape a client
            # gets (a first night would write a message per client).
            if old and old != new:
                shape_changes[client.id] = (old, new)
                if new == "bow_tie" and old in ("developing", "diamond"):
                    slipped.append(client)
        self.env["key.account.shape"]._store(
            values, fields.Date.context_today(self, now), now
        )
        # The shape is tracked: its changes go to the chatter in one batch.
        self.env["res.partner"]._relationship_log_tracking("kad_shape", shape_changes)
        if slipped and alert:
            self._alert(
                [
                    (
                        client,
                        lambda env, name=client.name: env._(
                            "%(client)s became a bow-tie relationship", client=name
                        ),
                    )
                    for client in slipped
                ]
            )
        return clients

    @api.model
    def _refresh_all(self, now=None, commit=True):
        """Scheduled: every client, in batches (see relationship_health's
        ``tools.batch``), once at a time. Only the clients whose shape may
        have changed are computed again (``key.account.shape._stale``):
        a quiet night reads little and writes nothing (``make bench-night``:
        the whole refresh of every client was a third of the night)."""
        now = now or fields.Datetime.now()
        with exclusive(self.env, "key account shapes") as mine:
            if not mine:
                return 0
            clients = self.env["res.partner"].browse(
                self.env["res.partner"]._health_client_ids()
            )
            return run_in_batches(
                clients,
                lambda batch: self._refresh(
                    batch.browse(self.env["key.account.shape"]._stale(batch.ids, now)),
                    now,
                ),
                commit=commit,
                label="Key account shape",
                analyze=[
                    self.env["key.account.thread"]._table,
                    self.env["key.account.shape"]._table,
                ],
            )

    # ------------------------------------------------------------------
    # Alerts
    # ------------------------------------------------------------------
    @api.model
    def _contacts_left(self, contacts):
        """People who carried threads left (or were archived): alert the
        owners of their companies at once, and refresh shape and health."""
        threads = (
            self.env["key.account.thread"]
            .with_context(active_test=False)
            .search([("contact_id", "in", contacts.ids), ("interaction_count", ">", 0)])
        )
        clients = threads.partner_id
        if not clients:
            return
        # The key contact alert says more than "became a bow-tie": it is the
        # one raised, after the shape and the health have been refreshed.
        self._refresh(clients, alert=False)
        self.env["relationship.health.engine"]._recompute(clients)
        alerts = []
        for client in clients:
            gone = threads.filtered(lambda t, c=client: t.partner_id == c).contact_id
            people = ", ".join(gone.mapped("name"))
            alerts.append(
                (
                    client,
                    lambda env, name=client.name, people=people: env._(
                        "Key contact left %(client)s: %(people)s",
                        client=name,
                        people=people,
                    ),
                )
            )
        self._alert(alerts)

    @api.model
    def _next_connections(self, client):
        """Whom to connect next: their functions nobody of ours is in contact
        with, and the people of the client who hold them."""
        functions = self.env["key.account.function"].search([])
        covered = (
            self.env["key.account.thread"]
            .search([("partner_id", "=", client.id), ("is_live", "=", True)])
            .their_function_id
        )
        people = self.env["res.partner"].search(
            [
                ("commercial_partner_id", "=", client.id),
                ("is_company", "=", False),
                ("stakeholder_left", "=", False),
                ("stakeholder_function_id", "in", (functions - covered).ids),
            ]
        )
        lines, unmapped = [], []
        for function in functions - covered:
            names = people.filtered(
                lambda p, f=function: p.stakeholder_function_id == f
            )
            if names:
                lines.append(
                    Markup("<li><b>%s</b>: %s</li>")
                    % (function.name, ", ".join(names.mapped("name")))
                )
            else:
                unmapped.append(function.name)
        if unmapped:
            lines.append(
                Markup("<li>%s</li>")
                % _(
                    "Nobody of theirs mapped yet in: %(functions)s",
                    functions=", ".join(unmapped),
                )
            )
        return lines

    @api.model
    def _alert(self, alerts):
        """One activity per client for its owner, never two open at once, in
        the owner's language. ``alerts``: [(client, summary)], the summary a
        function of an environment in the owner's language."""
        self.env["mail.activity"]._relationship_schedule(
            [
                {
                    "record": client,
                    "activity_type": ALERT_TYPE,
                    "user": client.relationship_owner_id
                    or client.user_id
                    or self.env.user,
                    "summary": summary,
                    "note": lambda env, c=client: self.with_env(env)._alert_note(
                        c.with_env(env)
                    ),
                }
                for client, summary in alerts
            ],
            once=True,
        )

    @api.model
    def _alert_note(self, client):
        """Why the alert, and whom to connect next."""
        lines = self._next_connections(client)
        note = Markup("<p>%s</p>") % (client.kad_shape_reason or "")
        if lines:
            note += Markup("<p>%s</p><ul>%s</ul>") % (
                _("Whom to connect next:"),
                Markup("").join(lines),
            )
        return note
