# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Goals of new business (wallet share, cross-selling) measured from what
the client is invoiced, when Invoicing is installed, instead of a number
typed by hand.

``achieved`` stays a stored field (the plan's progress is stored, grouped
and averaged from it): the application writes it when the goal is created
or its kind, categories or dates change, when its plan's dates change or the
plan is achieved, from the plan's Refresh button, and every night for the
goals of open plans (``_cron_measure_goals``). A closed plan keeps what its
goals had reached when it closed. Without Invoicing nothing is measured and
these goals are typed by hand like the others: a goal without a measure
would be a goal nobody can follow (readme/CONFIGURE.md).
"""

from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ...tools.batch import exclusive, run_in_batches
from ...tools.sql import pg_float_array, pg_int_array
from ..care.relationship_revitalization_plan import OPEN_PLAN_STATES
from ..opportunity.relationship_revitalization_goal import BUSINESS_GOAL_KINDS

# What a measured goal's achieved amount depends on.
MEASURE_FIELDS = {"kind", "product_category_ids", "deadline", "plan_id"}


class RelationshipRevitalizationGoal(models.Model):
    _inherit = "relationship.revitalization.goal"

    product_category_ids = fields.Many2many(
        "product.category",
        "relationship_revitalization_goal_product_category_rel",
        "goal_id",
        "category_id",
        string="Product Categories",
        help="New business and cross-selling goals: only what is invoiced in "
        "these categories (and their subcategories) counts. Empty: "
        "everything invoiced counts.",
    )
    achieved_measured = fields.Boolean(
        string="Measured from Invoices",
        compute="_compute_achieved_measured",
        help="What is achieved is the untaxed amount invoiced to the client "
        "from the plan's start to the goal's deadline (or the plan's), in "
        "the company's currency.",
    )

    @api.depends("kind")
    def _compute_achieved_measured(self):
        invoicing = self.env["res.partner"]._relationship_invoicing()
        for goal in self:
            goal.achieved_measured = invoicing and goal.kind in BUSINESS_GOAL_KINDS

    # ------------------------------------------------------------------
    # Rules: what is measured is not typed
    # ------------------------------------------------------------------
    @api.model
    def _measured_message(self, name):
        return _(
            "Goal %(goal)s is new business: what it achieved is measured from "
            "the client's invoices, it cannot be typed. Use Refresh on the "
            "plan to measure it now.",
            goal=name or "",
        )

    @api.model_create_multi
    def create(self, vals_list):
        if (
            not self._is_system_write()
            and self.env["res.partner"]._relationship_invoicing()
        ):
            for vals in vals_list:
                if vals.get("achieved") and vals.get("kind") in BUSINESS_GOAL_KINDS:
                    raise UserError(self._measured_message(vals.get("name")))
        goals = super().create(vals_list)
        goals._relationship_measure()
        return goals

    def write(self, vals):
        if (
            "achieved" in vals
            and not self._is_system_write()
            and self.env["res.partner"]._relationship_invoicing()
        ):
            kind = vals.get("kind")
            measured = self.filtered(
                lambda goal: (kind or goal.kind) in BUSINESS_GOAL_KINDS
            )
            if measured:
                raise UserError(self._measured_message(measured[0].name))
        res = super().write(vals)
        if MEASURE_FIELDS & set(vals):
            self._relationship_measure()
        return res

    def copy_data(self, default=None):
        # A copy is measured again, for its own plan.
        vals_list = super().copy_data(default)
        if self.env["res.partner"]._relationship_invoicing():
            for vals in vals_list:
                if vals.get("kind") in BUSINESS_GOAL_KINDS:
                    vals.pop("achieved", None)
        return vals_list

    # ------------------------------------------------------------------
    # Measuring
    # ------------------------------------------------------------------
    def _relationship_period(self):
        """(first day, last day) whose invoices count for this goal: from
        its plan's start to its deadline, or its plan's."""
        self.ensure_one()
        return self.plan_id.date_start, self.deadline or self.plan_id.deadline

    def _relationship_measure(self):
        """Measure what these goals achieved from the invoices, those of
        new business in open plans: one query reads every goal's amount,
        one statement writes those that changed (the stored progress of
        the goals and their plans follows). Idempotent. Returns the goals
        measured (none without Invoicing)."""
        Partner = self.env["res.partner"]
        if not Partner._relationship_invoicing():
            return self.browse()
        goals = self.exists().filtered(
            lambda goal: (
                goal.kind in BUSINESS_GOAL_KINDS
                and goal.plan_id.state in OPEN_PLAN_STATES
            )
        )
        if not goals:
            return goals
        amounts = Partner._relationship_invoiced_read(
            (
                goal.id,
                goal.partner_id.id,
                *goal._relationship_period(),
                goal.product_category_ids.ids or None,
            )
            for goal in goals
        )
        values = defaultdict(list)
        for goal in goals:
            # Credit notes beyond what was invoiced: nothing achieved.
            amount = max(0.0, round(amounts.get(goal.id, (0.0, None))[0], 2))
            if float_compare(goal.achieved, amount, precision_digits=2):
                values["ids"].append(goal.id)
                values["achieved"].append(amount)
        if values:
            self._relationship_store_achieved(values)
        return goals

    def _relationship_store_achieved(self, values):
        """Write ``values`` (``ids``, ``achieved``) in one statement, then
        let the ORM recompute the stored progress of the goals and plans.

        SQL: a write per goal (each its own amount) was a query per goal
        in the nightly measure."""
        self.flush_model(["achieved"])
        self.env.cr.execute(
            """
            UPDATE relationship_revitalization_goal g
               SET achieved = v.achieved
              FROM unnest(%s::int[], %s::float8[]) AS v(id, achieved)
             WHERE g.id = v.id
            """,
            [pg_int_array(values["ids"]), pg_float_array(values["achieved"])],
        )
        changed = self.browse(values["ids"])
        changed.invalidate_recordset(["achieved"])
        changed.modified(["achieved"])
        changed.flush_recordset()
        changed.plan_id.flush_recordset()

    @api.model
    def _cron_measure_goals(self):
        """Scheduled action: measure the goals of new business of every
        open plan, in batches (``tools.batch``); once at a time; a second
        run the same day changes nothing. Returns how many were looked at."""
        if not self.env["res.partner"]._relationship_invoicing():
            return 0
        with exclusive(self.env, "revitalization goal measure") as mine:
            if not mine:
                return 0
            goals = self.search(
                [
                    ("kind", "in", BUSINESS_GOAL_KINDS),
                    ("plan_id.state", "in", OPEN_PLAN_STATES),
                ],
                order="id",
            )
            return run_in_batches(
                goals,
                lambda batch: batch._relationship_measure(),
                label="Revitalization goal",
            )
