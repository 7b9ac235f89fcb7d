# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client's stakeholder map: our account team, the threads between our
people and theirs, and the shape they make (read from key.account.shape,
written by the engine)."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.relationship_health.tools.compute import set_computed
from odoo.addons.relationship_health.tools.fields import Json

from .key_account_shape import SHAPES

# The client's fields read from its key.account.shape, and their columns.
SHAPE_FIELDS = {
    "kad_shape": "shape",
    "kad_live_threads": "live_threads",
    "kad_their_functions": "their_functions",
    "kad_our_functions": "our_functions",
    "kad_concentration": "concentration",
    "kad_interactions_12m": "interactions_12m",
    "kad_busiest_thread_id": "busiest_thread_id",
    "kad_key_contact_left": "key_contact_left",
    "kad_shape_date": "date",
    "kad_shape_reason": "reason",
}
KAD_MANAGER = "key_account_diamond.group_key_account_diamond_manager"
KAD_USER = "key_account_diamond.group_key_account_diamond_user"
INTERNAL = "base.group_user"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Our side and the shape: on the client company. The shape is for our
    # people (not the portal's); the map's lines for key account users.
    kad_team_member_ids = fields.One2many(
        "key.account.team.member",
        "partner_id",
        string="Account Team",
        groups=KAD_USER,
    )
    kad_thread_ids = fields.One2many(
        "key.account.thread", "partner_id", string="Threads", groups=KAD_USER
    )
    kad_shape_id = fields.Many2one(
        "key.account.shape",
        string="Shape Record",
        compute="_compute_kad_shape",
        compute_sudo=True,
        help="Technical: the client's shape (written by the nightly refresh).",
        groups=INTERNAL,
    )
    kad_shape = fields.Selection(
        SHAPES,
        string="Relationship Shape",
        compute="_compute_kad_shape",
        search="_search_kad_shape",
        compute_sudo=True,
        groups=INTERNAL,
        help="Its changes are logged in the chatter.",
    )
    kad_live_threads = fields.Integer(
        string="Live Threads",
        compute="_compute_kad_shape",
        search="_search_kad_live_threads",
        compute_sudo=True,
        groups=INTERNAL,
    )
    kad_their_functions = fields.Integer(
        string="Their Functions in Contact",
        compute="_compute_kad_shape",
        compute_sudo=True,
        groups=INTERNAL,
    )
    kad_our_functions = fields.Integer(
        string="Our Functions in Contact",
        compute="_compute_kad_shape",
        compute_sudo=True,
        groups=INTERNAL,
    )
    kad_concentration = fields.Integer(
        string="Busiest Thread Share (%)",
        compute="_compute_kad_shape",
        compute_sudo=True,
        groups=INTERNAL,
    )
    kad_interactions_12m = fields.Integer(
        string="Interactions (12 months)",
        compute="_compute_kad_shape",
        compute_sudo=True,
        groups=INTERNAL,
    )
    kad_busiest_thread_id = fields.Many2one(
        "key.account.thread",
        string="Busiest Thread",
        compute="_compute_kad_shape",
        compute_sudo=True,
        groups=INTERNAL,
    )
    kad_key_contact_left = fields.Boolean(
        string="Key Contact Left",
        compute="_compute_kad_shape",
        search="_search_kad_key_contact_left",
        compute_sudo=True,
        groups=INTERNAL,
        help="Someone who carried a thread with us has left the client.",
    )
    kad_shape_date = fields.Date(
        string="Shape Last Changed",
        compute="_compute_kad_shape",
        compute_sudo=True,
        groups=INTERNAL,
    )
    kad_shape_reason = fields.Char(
        string="Why this Shape",
        compute="_compute_kad_shape",
        compute_sudo=True,
        groups=INTERNAL,
    )
    kad_map_data = Json(
        string="Stakeholder Map", compute="_compute_kad_map_data", groups=KAD_USER
    )

    @api.model
    def _workflow_buttons(self):
        """The shape and its figures are the refresh's (see
        ``relationship.rules.mixin``): say so to whoever writes them."""
        refresh = _(
            "Refresh, on the client's Relationship page, recomputes it from "
            "the threads between our people and theirs."
        )
        return dict(super()._workflow_buttons(), **dict.fromkeys(SHAPE_FIELDS, refresh))

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends_context("lang")
    def _compute_kad_shape(self):
        """The shape of these clients, in one query."""
        shapes = {
            shape.partner_id.id: shape
            for shape in self.env["key.account.shape"].search(
                [("partner_id", "in", self._origin.ids)]
            )
        }
        Shape = self.env["key.account.shape"]
        of_partner = [shapes.get(partner._origin.id, Shape) for partner in self]
        # A list of clients reads a dozen fields of each: set at once.
        values = {"kad_shape_id": of_partner}
        for fname, column in SHAPE_FIELDS.items():
            values[fname] = [shape[column] if shape else False for shape in of_partner]
        set_computed(self, values)

    def _search_kad_shape(self, operator, value):
        return self._kad_shape_search("shape", operator, value)

    def _search_kad_live_threads(self, operator, value):
        return self._kad_shape_search("live_threads", operator, value)

    def _search_kad_key_contact_left(self, operator, value):
        return self._kad_shape_search("key_contact_left", operator, value)

    @api.model
    def _kad_shape_search(self, fname, operator, value):
        return self._relationship_search_derived(
            "key.account.shape", fname, operator, value
        )

    @api.depends("kad_thread_ids", "kad_team_member_ids", "child_ids")
    @api.depends_context("lang")
    def _compute_kad_map_data(self):
        """Both sides and the threads between them, for the map widget, in
        the language of who reads it."""
        Thread = self.env["key.account.thread"]
        threads = Thread.search_fetch(
            [("partner_id", "in", self.ids), ("strength", "!=", "none")],
            ["partner_id", "user_id", "contact_id", "strength", "interaction_count"],
        )
        members = self.env["key.account.team.member"].search_fetch(
            [("partner_id", "in", self.ids)],
            ["partner_id", "user_id", "function_id", "is_lead"],
        )
        # Their people: the contacts, not the addresses (invoicing, delivery).
        contacts = self.search_fetch(
            [
                ("commercial_partner_id", "in", self.ids),
                ("id", "not in", self.ids),
                ("is_company", "=", False),
                ("type", "=", "contact"),
            ],
            [
                "name",
                "display_name",
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
                    "name": contact.name or contact.display_name,
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

    def _kad_check_map_access(self, add_members=False):
        """Refuse (AccessError) a change of the stakeholder maps of these
        partners' clients by a user who may not make it: managers change
        every map; users those of the clients they own or whose account team
        they are on; only owners (and managers) add people to an account
        team. The record rules of team members and threads say the same for
        those records; this is for the map's fields on the client's people.
        """
        if self.env.su or self.env.user.has_group(KAD_MANAGER):
            return
        clients = self.commercial_partner_id
        user = self.env.user
        refused = clients.filtered(lambda c: c.relationship_owner_id != user)
        if refused and not add_members:
            # sudo: whether the user is on these teams decides their access;
            # it is read whatever the user may read.
            teams = (
                self.env["key.account.team.member"]
                .sudo()
                .search([("partner_id", "in", refused.ids), ("user_id", "=", user.id)])
            )
            refused -= teams.partner_id
        if not refused:
            return
        names = ", ".join(refused.mapped("display_name"))
        if add_members:
            raise AccessError(
                _(
                    "Only the owner of %(clients)s (or a key account manager) "
                    "adds people to its account team.",
                    clients=names,
                )
            )
        raise AccessError(
            _(
                "The stakeholder map of %(clients)s is changed by its owner, "
                "the members of its account team and key account managers.",
                clients=names,
            )
        )

    def _kad_refresh_threads_of_clients(self):
        if self:
            # Threads are derived data: their refresh follows an interaction
            # the user was allowed to log. The shape is computed again by the
            # next refresh.
            self.env["key.account.shape.engine"].sudo()._refresh_threads(
                self, fields.Datetime.now()
            )
            self.env["key.account.shape"].sudo()._mark_stale(self.ids)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_kad_refresh(self):
        """Button: refresh the threads and the shape of these clients now."""
        clients = self.commercial_partner_id
        clients.check_access("read")
        self.env["key.account.shape.engine"]._refresh(clients)
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
