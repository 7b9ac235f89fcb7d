# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.relationship_health.tools.compute import set_computed
from odoo.addons.relationship_health.tools.fields import Json
from odoo.addons.relationship_health.tools.sql import (
    pg_bool_array,
    pg_int_array,
    pg_text_array,
)

SHAPES = [
    ("bow_tie", "Bow-tie"),
    ("developing", "Developing"),
    ("diamond", "Diamond"),
]
# The columns the engine writes, in the order of ``_store``.
SHAPE_COLUMNS = (
    "shape",
    "live_threads",
    "their_functions",
    "our_functions",
    "concentration",
    "interactions_12m",
    "busiest_thread_id",
    "key_contact_left",
    "window_ends",
)


class KeyAccountShape(models.Model):
    """A client's relationship shape as of its last refresh: one row per
    client, written by ``key.account.shape.engine`` (nightly, when an
    interaction is logged or a contact leaves) and read through the
    client's ``kad_*`` fields.

    Derived data lives in a narrow table of its own, as the health does:
    the nightly refresh writes a row only when it changed, instead of
    rewriting nine columns of every client's wide ``res_partner`` row and
    its indexes. No create/write user or date: the engine is the only
    writer and ``date`` says when. Nobody creates, changes or deletes a
    shape through the ORM, managers and superuser included, except the
    application inside ``_system_write()``.
    """

    _name = "key.account.shape"
    _inherit = ["relationship.rules.mixin"]
    _description = "Relationship Shape"
    _order = "concentration desc, live_threads, id"
    _rec_name = "partner_id"
    _log_access = False

    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="partner_id.company_id")
    owner_id = fields.Many2one(
        related="partner_id.relationship_owner_id", string="Account Owner"
    )
    relationship_type = fields.Selection(related="partner_id.relationship_type")
    relationship_stage = fields.Selection(related="partner_id.relationship_stage")
    shape = fields.Selection(
        SHAPES,
        string="Relationship Shape",
        readonly=True,
        index=True,
        group_expand="_read_group_shape",
    )
    live_threads = fields.Integer(readonly=True, aggregator="avg")
    their_functions = fields.Integer(
        string="Their Functions in Contact", readonly=True, aggregator="avg"
    )
    our_functions = fields.Integer(
        string="Our Functions in Contact", readonly=True, aggregator="avg"
    )
    concentration = fields.Integer(
        string="Busiest Thread Share (%)", readonly=True, aggregator="avg"
    )
    interactions_12m = fields.Integer(
        string="Interactions (12 months)", readonly=True, aggregator="sum"
    )
    busiest_thread_id = fields.Many2one(
        "key.account.thread", readonly=True, ondelete="set null"
    )
    key_contact_left = fields.Boolean(
        readonly=True,
        help="Someone who carried a thread with us has left the client.",
    )
    refreshed_at = fields.Datetime(
        string="Last Refresh",
        readonly=True,
        help="When the shape was last computed. The nightly refresh computes "
        "again only the clients whose threads changed since, whose interactions "
        "were logged, changed or deleted since, or whose oldest interaction of "
        "the last 12 months leaves the window (see window_ends).",
    )
    window_ends = fields.Datetime(
        readonly=True,
        help="Technical: when the oldest interaction counted leaves the "
        "12-month window, and the figures change without anything being "
        "logged.",
    )
    date = fields.Date(
        string="Last Changed",
        readonly=True,
        help="When these figures last changed: a refresh that finds them the "
        "same leaves the row as it is.",
    )
    reason = fields.Char(string="Why this Shape", compute="_compute_reason")
    map_data = Json(related="partner_id.kad_map_data", string="Stakeholder Map")
    open_opportunity_count = fields.Integer(
        string="Open Opportunities",
        compute="_compute_open_opportunities",
        help="Opportunities of the client still in the pipeline (neither won "
        "nor lost), among those you may read.",
    )
    open_opportunity_amount = fields.Monetary(
        string="Open Pipeline",
        compute="_compute_open_opportunities",
        currency_field="currency_id",
        help="The expected revenue of the client's open opportunities.",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_open_opportunities")

    _sql_constraints = [
        ("partner_unique", "UNIQUE (partner_id)", "A client has one shape."),
        (
            "figures_positive",
            (
                "CHECK (live_threads >= 0 AND their_functions >= 0 "
                "AND our_functions >= 0 AND interactions_12m >= 0 "
                "AND concentration >= 0 AND concentration <= 100)"
            ),
            (
                "The figures of a shape are counts, and the busiest thread's "
                "share a percentage."
            ),
        ),
    ]

    # ------------------------------------------------------------------
    # CRUD: the refresh is the only writer
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_written_by_refresh()
        return super().create(vals_list)

    def write(self, vals):
        self._check_written_by_refresh()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_refresh(self):
        self._check_written_by_refresh()

    @api.model
    def _check_written_by_refresh(self):
        if not self._is_system_write():
            raise UserError(
                _(
                    "A relationship shape is computed from the threads by the "
                    "refresh: it cannot be created, changed or deleted by "
                    "hand. Use Refresh on the client to recompute it."
                )
            )

    def init(self):
        # Rows are rewritten in place when a shape changes (a "HOT" update,
        # see relationship.health).
        self.env.cr.execute("ALTER TABLE key_account_shape SET (fillfactor = 70)")

    def _read_group_shape(self, values, domain):
        """Every shape, the most fragile first, as columns of the kanban."""
        return [value for value, _label in SHAPES]

    @api.depends(
        "shape",
        "live_threads",
        "their_functions",
        "our_functions",
        "concentration",
        "interactions_12m",
        "busiest_thread_id",
        "partner_id.name",
    )
    @api.depends_context("lang")
    def _compute_reason(self):
        for record in self:
            record.reason = record._reason()

    def _reason(self):
        """One sentence saying why the client has its shape."""
        self.ensure_one()
        busiest = self.busiest_thread_id.sudo()
        client = self.partner_id.name
        if not self.live_threads:
            return _(
                "No live thread: nobody on our side has talked with anyone at "
                "%(client)s in 12 months.",
                client=client,
            )
        if not self.interactions_12m:
            return _(
                "No interaction with %(client)s logged in 12 months; live "
                "threads declared by hand: %(threads)s.",
                client=client,
                threads=self.live_threads,
            )
        if self.shape == "bow_tie" and busiest:
            if self.concentration >= 100:
                return _(
                    "All %(count)s interactions in 12 months went through "
                    "%(ours)s and %(theirs)s.",
                    count=self.interactions_12m,
                    ours=busiest.user_id.name,
                    theirs=busiest.contact_id.name,
                )
            return _(
                "%(share)s%% of the %(count)s interactions in 12 months went "
                "through %(ours)s and %(theirs)s.",
                share=self.concentration,
                count=self.interactions_12m,
                ours=busiest.user_id.name,
                theirs=busiest.contact_id.name,
            )
        return _(
            "%(threads)s live threads; %(their)s of their functions and "
            "%(our)s of ours are in contact; the busiest thread carries "
            "%(share)s%% of the interactions.",
            threads=self.live_threads,
            their=self.their_functions,
            our=self.our_functions,
            share=self.concentration,
        )

    @api.model
    def _stale(self, client_ids, now):
        """The clients of ``client_ids`` whose shape may have changed since
        it was computed, in one query: no shape yet, marked stale (an
        interaction logged, changed or deleted, the thresholds changed), a
        thread written since (by the log, a contact leaving, a function
        changed...), or its oldest interaction counted leaving the window."""
        self.flush_model()
        self.env["key.account.thread"].flush_model()
        self.env.cr.execute(
            """
            SELECT c.id
              FROM unnest(%(ids)s::int[]) AS c(id)
              LEFT JOIN key_account_shape s ON s.partner_id = c.id
             WHERE s.id IS NULL
                OR s.refreshed_at IS NULL
                OR s.window_ends <= %(now)s
                OR EXISTS (SELECT 1 FROM key_account_thread t
                            WHERE t.partner_id = c.id
                              AND t.write_date > s.refreshed_at)
            """,
            {"ids": pg_int_array(client_ids), "now": now},
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _mark_stale(self, client_ids=None, company_ids=None):
        """The next refresh computes the shapes of these clients (or of
        every client of these companies, shared ones included) again."""
        self.flush_model()
        if client_ids:
            self.env.cr.execute(
                "UPDATE key_account_shape SET refreshed_at = NULL "
                "WHERE partner_id = ANY(%s::int[]) AND refreshed_at IS NOT NULL",
                [pg_int_array(client_ids)],
            )
        if company_ids:
            self.env.cr.execute(
                """
                UPDATE key_account_shape s SET refreshed_at = NULL
                  FROM res_partner p
                 WHERE p.id = s.partner_id AND s.refreshed_at IS NOT NULL
                   AND (p.company_id IS NULL OR p.company_id = ANY(%s::int[]))
                """,
                [pg_int_array(company_ids)],
            )
        self.invalidate_model(["refreshed_at"])

    @api.model
    def _shapes_of(self, client_ids):
        """{client id: its stored shape}, in one query."""
        self.flush_model(["partner_id", "shape"])
        self.env.cr.execute(
            "SELECT partner_id, shape FROM key_account_shape "
            "WHERE partner_id = ANY(%s::int[])",
            [pg_int_array(client_ids)],
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _store(self, values, today, now):
        """Write the shapes of ``values`` ({client id: {column: value}}) as
        of ``today`` in ONE statement, refreshed at ``now``; ``date`` moves
        only when the figures changed.

        Raw SQL, as the health engine's ``_store_health``: one INSERT ... ON
        CONFLICT for the batch where the ORM would search, then create or
        write, each client."""
        if not values:
            return
        self.flush_model()
        ids = list(values)
        column = {name: [values[cid][name] for cid in ids] for name in SHAPE_COLUMNS}
        self.env.cr.execute(
            """
            INSERT INTO key_account_shape AS s
                   (partner_id, shape, live_threads, their_functions,
                    our_functions, concentration, interactions_12m,
                    busiest_thread_id, key_contact_left, window_ends, date,
                    refreshed_at)
            SELECT v.*, %(today)s, %(now)s
              FROM unnest(%(ids)s::int[], %(shape)s::varchar[], %(live)s::int[],
                          %(their)s::int[], %(our)s::int[], %(share)s::int[],
                          %(total)s::int[], %(busiest)s::int[], %(left)s::bool[],
                          %(ends)s::timestamp[])
                   AS v(partner_id, shape, live_threads, their_functions,
                        our_functions, concentration, interactions_12m,
                        busiest_thread_id, key_contact_left, window_ends)
            ON CONFLICT (partner_id) DO UPDATE
               SET shape = EXCLUDED.shape,
                   live_threads = EXCLUDED.live_threads,
                   their_functions = EXCLUDED.their_functions,
                   our_functions = EXCLUDED.our_functions,
                   concentration = EXCLUDED.concentration,
                   interactions_12m = EXCLUDED.interactions_12m,
                   busiest_thread_id = EXCLUDED.busiest_thread_id,
                   key_contact_left = EXCLUDED.key_contact_left,
                   window_ends = EXCLUDED.window_ends,
                   refreshed_at = EXCLUDED.refreshed_at,
                   date = CASE
                       WHEN (s.shape, s.live_threads, s.their_functions,
                             s.our_functions, s.concentration, s.interactions_12m,
                             s.busiest_thread_id, s.key_contact_left)
                            IS DISTINCT FROM
                            (EXCLUDED.shape, EXCLUDED.live_threads,
                             EXCLUDED.their_functions, EXCLUDED.our_functions,
                             EXCLUDED.concentration, EXCLUDED.interactions_12m,
                             EXCLUDED.busiest_thread_id, EXCLUDED.key_contact_left)
                       THEN EXCLUDED.date ELSE s.date END
            """,
            {
                "today": today,
                "now": now,
                "ends": "{"
                + ",".join(
                    f'"{fields.Datetime.to_string(v)}"' if v else "NULL"
                    for v in column["window_ends"]
                )
                + "}",
                "ids": pg_int_array(ids),
                "shape": pg_text_array(column["shape"]),
                "live": pg_int_array(column["live_threads"]),
                "their": pg_int_array(column["their_functions"]),
                "our": pg_int_array(column["our_functions"]),
                "share": pg_int_array(column["concentration"]),
                "total": pg_int_array(column["interactions_12m"]),
                "busiest": pg_int_array(column["busiest_thread_id"]),
                "left": pg_bool_array(column["key_contact_left"]),
            },
        )
        self.invalidate_model()
        self.env["res.partner"].invalidate_model(
            [
                name
                for name in self.env["res.partner"]._fields
                if name.startswith("kad_")
            ]
        )

    def _compute_open_opportunities(self):
        """The open opportunities of every client of the list, in one
        ``_read_group`` (by the opportunity's customer, a client or one of
        its people, then summed per client), with the record rules of the
        user: a salesperson counts the opportunities they may read."""
        Lead = self.env["crm.lead"]
        figures = {}
        if self.partner_id and Lead.has_access("read"):
            for customer, count, amount in Lead._read_group(
                [
                    ("partner_id.commercial_partner_id", "in", self.partner_id.ids),
                    ("type", "=", "opportunity"),
                    ("stage_id.is_won", "=", False),
                ],
                ["partner_id"],
                ["__count", "expected_revenue:sum"],
            ):
                client = customer.commercial_partner_id.id
                total = figures.get(client, (0, 0.0))
                figures[client] = (total[0] + count, total[1] + amount)
        currency = self.env.company.currency_id
        set_computed(
            self,
            {
                "open_opportunity_count": [
                    figures.get(s.partner_id.id, (0, 0.0))[0] for s in self
                ],
                "open_opportunity_amount": [
                    figures.get(s.partner_id.id, (0, 0.0))[1] for s in self
                ],
                "currency_id": [currency.id] * len(self),
            },
        )

    def action_open_opportunities(self):
        """Button: the client's open opportunities, in the pipeline."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm.crm_lead_opportunities"
        )
        action["domain"] = [
            ("partner_id", "child_of", self.partner_id.id),
            ("type", "=", "opportunity"),
            ("stage_id.is_won", "=", False),
        ]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_type": "opportunity",
        }
        return action

    def action_open_client(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_refresh(self):
        """Button: refresh these clients' threads and shapes now."""
        return self.partner_id.action_kad_refresh()
