# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.relationship_health.models.relationship_interaction import (
    FUTURE_TOLERANCE,
)

# Interactions in 12 months that make a thread strong, or medium.
STRONG_COUNT = 6
MEDIUM_COUNT = 3
THREAD_STRENGTHS = [
    ("none", "Dormant"),
    ("weak", "Weak"),
    ("medium", "Medium"),
    ("strong", "Strong"),
]


class KeyAccountThread(models.Model):
    """Who on our side is in contact with whom on theirs.

    Derived from the interaction log (our participants x their participants
    over the last 12 months) and refreshed by the system: such a thread is
    the log's, and is not edited or deleted by hand. A thread can also be
    declared by hand, for the contact the log does not see (calls nobody
    logs); once the log shows the same two people, the declared thread
    becomes the log's (see ``key.account.shape.engine._refresh_threads``).
    """

    _name = "key.account.thread"
    _inherit = ["key.account.map.mixin"]
    _description = "Stakeholder Thread"
    _order = "interaction_count desc, id"
    _rec_name = "contact_id"

    user_id = fields.Many2one(string="Our Person")
    contact_id = fields.Many2one(
        "res.partner",
        string="Their Person",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('commercial_partner_id', '=', partner_id), ('id', '!=', partner_id), "
        "('is_company', '=', False)]",
    )
    source = fields.Selection(
        [("derived", "From interactions"), ("manual", "Declared")],
        required=True,
        default="manual",
        readonly=True,
    )
    interaction_count = fields.Integer(string="Interactions (12 months)", readonly=True)
    # Read through the client: stored, it cost every thread the refresh
    # writes a foreign-key check and an index entry (``make bench-night``).
    owner_id = fields.Many2one(store=False, index=False)
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
        (
            "interaction_count_positive",
            "CHECK (interaction_count >= 0)",
            "A thread cannot have a negative number of interactions.",
        ),
    ]

    # ------------------------------------------------------------------
    # CRUD: the log's threads are the log's
    # ------------------------------------------------------------------
    def write(self, vals):
        self._check_declared()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_derived(self):
        self._check_declared()

    def _check_declared(self):
        """Refuse to change by hand a thread the interaction log draws."""
        if self._is_system_write():
            return
        derived = self.filtered(lambda t: t.source == "derived")
        if derived:
            raise UserError(
                _(
                    "The thread between %(ours)s and %(theirs)s comes from the "
                    "interaction log: it changes with the interactions logged, "
                    "not by hand. Log an interaction, or correct the ones "
                    "logged.",
                    ours=derived[0].user_id.display_name,
                    theirs=derived[0].contact_id.display_name,
                )
            )

    @api.depends(
        "interaction_count",
        "source",
        "contact_id.active",
        "contact_id.stakeholder_left",
    )
    def _compute_strength(self):
        # Written in SQL too, for the nightly refresh: see
        # key.account.shape.engine._refresh_threads (a test keeps both the
        # same).
        for thread in self:
            count = thread.interaction_count
            if count >= STRONG_COUNT:
                thread.strength = "strong"
            elif count >= MEDIUM_COUNT:
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
            contact = thread.contact_id
            if (
                contact.commercial_partner_id != thread.partner_id
                or contact == thread.partner_id
                or contact.is_company
            ):
                raise ValidationError(
                    _(
                        "%(contact)s is not a contact of %(client)s: a thread "
                        "links our people with the client's people.",
                        contact=contact.display_name,
                        client=thread.partner_id.display_name,
                    )
                )

    @api.constrains("last_contact_date")
    def _check_last_contact_date(self):
        limit = fields.Datetime.now() + FUTURE_TOLERANCE
        for thread in self:
            if thread.last_contact_date and thread.last_contact_date > limit:
                raise ValidationError(
                    _(
                        "The last contact between %(ours)s and %(theirs)s "
                        "happened already: it cannot be on %(date)s, in the "
                        "future.",
                        ours=thread.user_id.display_name,
                        theirs=thread.contact_id.display_name,
                        date=fields.Datetime.to_string(thread.last_contact_date),
                    )
                )
