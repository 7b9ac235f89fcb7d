# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class KeyAccountTeamMember(models.Model):
    """One of our people on a client's account team, with their function.

    Who may change it (record rules, see readme/CONFIGURE.md): the client's
    owner adds and removes members; members change the team's functions and
    lead, and may leave it; managers do everything.
    """

    _name = "key.account.team.member"
    _inherit = ["key.account.map.mixin"]
    _description = "Account Team Member"
    _order = "is_lead desc, function_id, id"

    user_id = fields.Many2one(string="Member")
    function_id = fields.Many2one(
        "key.account.function", string="Function on this account", ondelete="restrict"
    )
    is_lead = fields.Boolean(string="Lead")

    _sql_constraints = [
        (
            "member_unique",
            "UNIQUE (partner_id, user_id)",
            "This person is already on the account team.",
        ),
    ]

    def write(self, vals):
        if "user_id" in vals and any(m.user_id.id != vals["user_id"] for m in self):
            # Putting someone else on a line adds them to the team: only who
            # may add members does.
            self.partner_id._kad_check_map_access(add_members=True)
        return super().write(vals)

    @api.constrains("is_lead", "partner_id")
    def _check_one_lead(self):
        leads = self.search_count(
            [("partner_id", "in", self.partner_id.ids), ("is_lead", "=", True)]
        )
        if leads > len(self.partner_id):
            groups = self._read_group(
                [("partner_id", "in", self.partner_id.ids), ("is_lead", "=", True)],
                ["partner_id"],
                ["__count"],
            )
            for partner, count in groups:
                if count > 1:
                    raise ValidationError(
                        _(
                            "%(client)s already has an account team lead.",
                            client=partner.display_name,
                        )
                    )

    @api.constrains("function_id")
    def _check_function_active(self):
        for member in self:
            if member.function_id and not member.function_id.active:
                raise ValidationError(
                    _(
                        "The function %(function)s is archived: choose one "
                        "still in use for %(person)s.",
                        function=member.function_id.display_name,
                        person=member.user_id.display_name,
                    )
                )
