# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

STAKEHOLDER_ROLES = [
    ("decision_maker", "Decision maker"),
    ("economic_buyer", "Economic buyer"),
    ("influencer", "Influencer"),
    ("user", "User"),
    ("gatekeeper", "Gatekeeper"),
    ("sponsor", "Sponsor"),
]
INFLUENCE_LEVELS = [("low", "Low"), ("medium", "Medium"), ("high", "High")]
ATTITUDES = [
    ("champion", "Champion"),
    ("supporter", "Supporter"),
    ("neutral", "Neutral"),
    ("skeptic", "Skeptic"),
    ("opponent", "Opponent"),
]
SHAPES = [
    ("bow_tie", "Bow-tie"),
    ("developing", "Developing"),
    ("diamond", "Diamond"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Their side: on the contacts of a client company
    stakeholder_function_id = fields.Many2one(
        "key.account.function", index="btree_not_null"
    )
    stakeholder_role = fields.Selection(
        STAKEHOLDER_ROLES,
        string="Role in Decisions",
    )
    stakeholder_influence = fields.Selection(INFLUENCE_LEVELS, string="Influence")
    stakeholder_attitude = fields.Selection(ATTITUDES, string="Attitude toward Us")
    reports_to_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        domain="[('commercial_partner_id', '=', commercial_partner_id), "
        "('id', '!=', id), ('is_company', '=', False)]",
    )
    report_ids = fields.One2many("res.partner", "reports_to_id", string="Reports")
    stakeholder_left = fields.Boolean(
        string="Left the Company",
        tracking=True,
        help="This person no longer works at the client: their threads stop "
        "counting and the account owner is alerted.",
    )
    stakeholder_left_date = fields.Date(string="Left on")

    # Our side and the shape: on the client company
    kad_team_member_ids = fields.One2many(
        "key.account.team.member", "partner_id", string="Account Team"
    )
    kad_thread_ids = fields.One2many(
        "key.account.thread", "partner_id", string="Threads"
    )
    kad_shape = fields.Selection(
        SHAPES,
        string="Relationship Shape",
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    kad_live_threads = fields.Integer(string="Live Threads", readonly=True, copy=False)
    kad_their_functions = fields.Integer(
        string="Their Functions in Contact", readonly=True, copy=False
    )
    kad_our_functions = fields.Integer(
        string="Our Functions in Contact", readonly=True, copy=False
    )
    kad_concentration = fields.Integer(
        string="Busiest Thread Share (%)", readonly=True, copy=False
    )
    kad_interactions_12m = fields.Integer(
        string="Interactions (12 months)", readonly=True, copy=False
    )
    kad_busiest_thread_id = fields.Many2one(
        "key.account.thread", string="Busiest Thread", readonly=True, copy=False
    )
    kad_key_contact_left = fields.Boolean(
        string="Key Contact Left",
        readonly=True,
        copy=False,
        help="Someone who carried a thread with us has left the client.",
    )
    kad_shape_date = fields.Date(string="Shape Computed On", readonly=True, copy=False)
    kad_shape_reason = fields.Char(
        string="Why this Shape", compute="_compute_kad_shape_reason"
    )
    kad_map_data = fields.Json(
        string="Stakeholder Map", compute="_compute_kad_map_data"
    )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("reports_to_id", "parent_id")
    def _check_reports_to(self):
        for partner in self.filtered("reports_to_id"):
            boss = partner.reports_to_id
            if boss.commercial_partner_id != partner.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(person)s cannot report to %(boss)s: they work for "
                        "different companies.",
                        person=partner.display_name,
                        boss=boss.display_name,
                    )
                )
        if self._has_cycle("reports_to_id"):
            raise ValidationError(
                _("The reporting line is a loop: someone would report to themselves.")
            )

    @api.constrains("stakeholder_left", "stakeholder_left_date")
    def _check_left_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.stakeholder_left_date and partner.stakeholder_left_date > today:
                raise ValidationError(
                    _(
                        "%(person)s cannot have left on a future date.",
                        person=partner.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "kad_shape",
        "kad_live_threads",
        "kad_their_functions",
        "kad_our_functions",
        "kad_concentration",
        "kad_interactions_12m",
        "kad_busiest_thread_id",
    )
    @api.depends_context("lang")
    def _compute_kad_shape_reason(self):
        for partner in self:
            partner.kad_shape_reason = partner._kad_reason()

    def _kad_reason(self):
        """One sentence saying why the client has its shape."""
        self.ensure_one()
        if not self.kad_shape_date:
            return False
        busiest = self.kad_busiest_thread_id
        if not self.kad_live_threads:
            return _(
                "No live thread: nobody on our side has talked with anyone at "
                "%(client)s in 12 months.",
                client=self.name,
            )
        if self.kad_shape == "bow_tie" and busiest:
            if self.kad_concentration >= 100:
                return _(
                    "All %(count)s interactions in 12 months went through "
                    "%(ours)s and %(theirs)s.",
                    count=self.kad_interactions_12m,
                    ours=busiest.user_id.name,
                    theirs=busiest.contact_id.name,
                )
            return _(
                "%(share)s%% of the %(count)s interactions in 12 months went "
                "through %(ours)s and %(theirs)s.",
                share=self.kad_concentration,
                count=self.kad_interactions_12m,
                ours=busiest.user_id.name,
                theirs=busiest.contact_id.name,
            )
        return _(
            "%(threads)s live threads; %(their)s of their functions and "
            "%(our)s of ours are in contact; the busiest thread carries "
            "%(share)s%% of the interactions.",
            threads=self.kad_live_threads,
            their=self.kad_their_functions,
            our=self.kad_our_functions,
            share=self.kad_concentration,
        )

    @api.depends("kad_thread_ids", "kad_team_member_ids", "child_ids")
    def _compute_kad_map_data(self):
        """Both sides and the threads between them, for the map widget."""
        Thread = self.env["key.account.thread"]
        threads = Thread.search_fetch(
            [("partner_id", "in", self.ids), ("strength", "!=", "none")],
            ["partner_id", "user_id", "contact_id", "strength", "interaction_count"],
        )
        members = self.env["key.account.team.member"].search_fetch(
            [("partner_id", "in", self.ids)],
            ["partner_id", "user_id", "function_id", "is_lead"],
        )
        contacts = self.search_fetch(
            [
                ("commercial_partner_id", "in", self.ids),
                ("id", "not in", self.ids),
                ("is_company", "=", False),
            ],
            [
                "name",
                "commercial_partner_id",
                "stakeholder_function_id",
                "stakeholder_role",
                "stakeholder_left",
                "active",
            ],
        )
        no_function = _("No function")
        roles = dict(self._fields["stakeholder_role"]._description_selection(self.env))
        for partner in self:
            ours = {}
            for member in members.filtered(lambda m, p=partner: m.partner_id == p):
                ours[member.user_id.id] = {
                    "id": member.user_id.id,
                    "name": member.user_id.name,
                    "function": member.function_id.name or no_function,
                    "lead": member.is_lead,
                }
            mine = threads.filtered(lambda t, p=partner: t.partner_id == p)
            for thread in mine:
                ours.setdefault(
                    thread.user_id.id,
                    {
                        "id": thread.user_id.id,
                        "name": thread.user_id.name,
                        "function": no_function,
                        "lead": False,
                    },
                )
            theirs = [
                {
                    "id": contact.id,
                    "name": contact.name,
                    "function": contact.stakeholder_function_id.name or no_function,
                    "role": roles.get(contact.stakeholder_role, ""),
                    "left": contact.stakeholder_left,
                }
                for contact in contacts
                if contact.commercial_partner_id == partner
            ]
            partner.kad_map_data = {
                "ours": list(ours.values()),
                "theirs": theirs,
                "threads": [
                    {
                        "user": thread.user_id.id,
                        "contact": thread.contact_id.id,
                        "strength": thread.strength,
                        "count": thread.interaction_count,
                    }
                    for thread in mine
                ],
            }

    # ------------------------------------------------------------------
    # Contacts leaving
    # ------------------------------------------------------------------
    def write(self, vals):
        leaving = self.browse()
        if vals.get("stakeholder_left") or vals.get("active") is False:
            leaving = self.filtered(
                lambda p: p.parent_id and not p.is_company and not p.stakeholder_left
            )
            if vals.get("stakeholder_left") and "stakeholder_left_date" not in vals:
                vals = dict(vals, stakeholder_left_date=fields.Date.context_today(self))
        res = super().write(vals)
        if leaving:
            self.env["key.account.shape"]._contacts_left(leaving)
        return res

    def _kad_refresh_threads_of_clients(self):
        if self:
            # Threads are derived data: their refresh follows an interaction
            # the user was allowed to log.
            self.env["key.account.shape"].sudo()._refresh_threads(
                self, fields.Datetime.now()
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_kad_refresh(self):
        """Button: refresh the threads and the shape of these clients now."""
        clients = self.commercial_partner_id
        clients.check_access("read")
        self.env["key.account.shape"]._refresh(clients)
        return True

    def action_kad_org_chart(self):
        """Button: the client's people by who reports to whom."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Organization of %(client)s", client=self.name),
            "res_model": "res.partner",
            "view_mode": "hierarchy,list,form",
            "views": [
                (
                    self.env.ref("key_account_diamond.res_partner_view_hierarchy").id,
                    "hierarchy",
                ),
                (False, "list"),
                (False, "form"),
            ],
            "domain": [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("is_company", "=", False),
            ],
            "context": {"default_parent_id": self.commercial_partner_id.id},
        }

    def action_kad_coverage(self):
        """Button: our functions x their functions, as a pivot."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_diamond.key_account_thread_action_coverage"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        return action
