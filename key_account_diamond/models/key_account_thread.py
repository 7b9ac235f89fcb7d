# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

THREAD_STRENGTHS = [
    ("none", "Dormant"),
    ("weak", "Weak"),
    ("medium", "Medium"),
    ("strong", "Strong"),
]


class KeyAccountThread(models.Model):
    """Who on our side is in contact with whom on theirs.

    Derived from the interaction log (our participants x their participants
    over the last 12 months) and refreshed by the system; a thread can also
    be declared by hand.
    """

    _name = "key.account.thread"
    _inherit = ["relationship.client.mixin"]
    _description = "Stakeholder Thread"
    _client_from_contact = False
    _order = "interaction_count desc, id"
    _rec_name = "contact_id"

    partner_id = fields.Many2one(ondelete="cascade")
    user_id = fields.Many2one(
        "res.users",
        string="Our Person",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("share", "=", False)],
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Their Person",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('commercial_partner_id', '=', partner_id), ('id', '!=', partner_id)]",
    )
    source = fields.Selection(
        [("derived", "From interactions"), ("manual", "Declared")],
        required=True,
        default="manual",
        readonly=True,
    )
    interaction_count = fields.Integer(string="Interactions (12 months)", readonly=True)
    last_contact_date = fields.Datetime(string="Last Contact")
    strength = fields.Selection(
        THREAD_STRENGTHS, compute="_compute_strength", store=True
    )
    is_live = fields.Boolean(
        string="Live",
        compute="_compute_strength",
        store=True,
        help="In contact within 12 months (or declared) with someone who is "
        "still at the client.",
    )
    our_function_id = fields.Many2one(
        "key.account.function",
        compute="_compute_our_function_id",
        store=True,
        help="The function of our person on this client's account team.",
    )
    their_function_id = fields.Many2one(
        related="contact_id.stakeholder_function_id",
        string="Their Function",
        store=True,
    )
    contact_left = fields.Boolean(related="contact_id.stakeholder_left", store=True)

    _sql_constraints = [
        (
            "thread_unique",
            "UNIQUE (partner_id, user_id, contact_id)",
            "This thread already exists.",
        ),
    ]

    @api.depends(
        "interaction_count",
        "source",
        "contact_id.active",
        "contact_id.stakeholder_left",
    )
    def _compute_strength(self):
        for thread in self:
            count = thread.interaction_count
            if count >= 6:
                thread.strength = "strong"
            elif count >= 3:
                thread.strength = "medium"
            elif count or thread.source == "manual":
                thread.strength = "weak"
            else:
                thread.strength = "none"
            thread.is_live = (
                thread.strength != "none"
                and thread.contact_id.active
                and not thread.contact_id.stakeholder_left
            )

    @api.depends(
        "user_id",
        "partner_id.kad_team_member_ids.user_id",
        "partner_id.kad_team_member_ids.function_id",
    )
    def _compute_our_function_id(self):
        for thread in self:
            member = thread.partner_id.kad_team_member_ids.filtered(
                lambda m, user=thread.user_id: m.user_id == user
            )[:1]
            thread.our_function_id = member.function_id

    @api.constrains("partner_id", "contact_id")
    def _check_contact_of_client(self):
        for thread in self:
            if thread.contact_id.commercial_partner_id != thread.partner_id:
                raise ValidationError(
                    _(
                        "%(contact)s is not a contact of %(client)s: a thread "
                        "links our people with the client's people.",
                        contact=thread.contact_id.display_name,
                        client=thread.partner_id.display_name,
                    )
                )
