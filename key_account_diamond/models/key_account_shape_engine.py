# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools import SQL

from odoo.addons.relationship_health.tools.batch import run_in_batches

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
        last 12 months: our participants x their participants. Two SQL
        statements for the whole batch, then the threads' computed fields.

        A thread declared by hand that the log now shows becomes the log's
        (source "From interactions"): its figures are the log's from then
        on, and it is no longer edited or deleted by hand.
        """
        Thread = self.env["key.account.thread"]
        self.env["relationship.interaction"].flush_model()
        Thread.flush_model()
        since = now - timedelta(days=THREAD_WINDOW_DAYS)
        aggregate = SQL(
            """
            SELECT i.partner_id, u.user_id, c.partner_id AS contact_id,
                   count(*) AS n, max(i.date) AS last
              FROM relationship_interaction i
              JOIN relationship_interaction_res_users_rel u ON u.interaction_id = i.id
              JOIN relationship_interaction_res_partner_rel c ON c.interaction_id = i.id
             WHERE i.partner_id = ANY(%s) AND i.date >= %s AND i.date <= %s
             GROUP BY 1, 2, 3
            """,
            clients.ids,
            since,
            now,
        )
        # Threads that went quiet: no interaction left in the window.
        self.env.cr.execute(
            SQL(
                """
                UPDATE key_account_thread t
                   SET interaction_count = 0, write_date = %s
                 WHERE t.partner_id = ANY(%s) AND t.interaction_count > 0
                   AND (t.partner_id, t.user_id, t.contact_id) NOT IN (
                       SELECT partner_id, user_id, contact_id FROM (%s) a)
                RETURNING t.id
                """,
                now,
                clients.ids,
                aggregate,
            )
        )
        changed = [row[0] for row in self.env.cr.fetchall()]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO key_account_thread
                       (partner_id, user_id, contact_id, source, interaction_count,
                        last_contact_date, company_id, create_uid, write_uid,
                        create_date, write_date)
                SELECT a.partner_id, a.user_id, a.contact_id, 'derived', a.n, a.last,
                       COALESCE(p.company_id, %s), %s, %s, %s, %s
                  FROM (%s) a
                  JOIN res_partner p ON p.id = a.partner_id
                ON CONFLICT (partner_id, user_id, contact_id) DO UPDATE
                   SET interaction_count = EXCLUDED.interaction_count,
                       source = 'derived',
                       last_contact_date = GREATEST(
                           key_account_thread.last_contact_date,
                           EXCLUDED.last_contact_date),
                       write_date = EXCLUDED.write_date
                 WHERE key_account_thread.source != 'derived'
                    OR key_account_thread.interaction_count
                           IS DISTINCT FROM EXCLUDED.interaction_count
                    OR key_account_thread.last_contact_date IS NULL
                    OR key_account_thread.last_contact_date < EXCLUDED.last_contact_date
                RETURNING id
                """,
                self.env.company.id,
                self.env.uid,
                self.env.uid,
                now,
                now,
                aggregate,
            )
        )
        changed += [row[0] for row in self.env.cr.fetchall()]
        if changed:
            # Raw SQL wrote the stored values: let the ORM recompute the
            # threads' computed fields (strength, live, functions...).
            threads = Thread.browse(changed)
            Thread.invalidate_model()
            for field in Thread._fields.values():
                if field.store and field.compute:
                    self.env.add_to_compute(field, threads)
            Thread.flush_model()
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
        threads: a bounded number of queries for the whole batch."""
        threads = self.env["key.account.thread"].search_fetch(
            [("partner_id", "in", clients.ids)],
            [
                "partner_id",
                "user_id",
                "contact_id",
                "is_live",
                "interaction_count",
                "their_function_id",
                "our_function_id",
                "contact_left",
            ],
        )
        totals = dict(
            self.env["relationship.interaction"]._read_group(
                [
                    ("partner_id", "in", clients.ids),
                    ("date", ">=", now - timedelta(days=THREAD_WINDOW_DAYS)),
                    ("date", "<=", now),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        by_client = defaultdict(list)
        for thread in threads:
            by_client[thread.partner_id.id].append(thread)
        values = {}
        for client in clients:
            mine = by_client.get(client.id, [])
            live = [t for t in mine if t.is_live]
            total = totals.get(client, 0)
            busiest = max(
                live, key=lambda t: (t.interaction_count, -t.id), default=None
            )
            concentration = (
                round(100 * busiest.interaction_count / total)
                if busiest and total
                else (100 if busiest else 0)
            )
            their = len({t.their_function_id.id for t in live if t.their_function_id})
            our = len({t.our_function_id.id for t in live if t.our_function_id})
            company = client.company_id or self.env.company
            values[client.id] = {
                "shape": self._classify(
                    company, len(live), their, our, min(concentration, 100)
                ),
                "live_threads": len(live),
                "their_functions": their,
                "our_functions": our,
                "concentration": min(concentration, 100),
                "interactions_12m": total,
                "busiest_thread_id": busiest.id if busiest else None,
                "key_contact_left": any(
                    t.contact_left or not t.contact_id.active
                    for t in mine
                    if t.interaction_count
                ),
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
            if old != new:
                shape_changes[client.id] = (old, new)
                if new == "bow_tie" and old in ("developing", "diamond"):
                    slipped.append(client)
        self.env["key.account.shape"]._store(
            values, fields.Date.context_today(self, now)
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
        ``tools.batch``)."""
        now = now or fields.Datetime.now()
        clients = self.env["res.partner"].browse(
            self.env["res.partner"]._health_client_ids()
        )
        return run_in_batches(
            clients,
            lambda batch: self._refresh(batch, now),
            commit=commit,
            label="Key account shape",
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
