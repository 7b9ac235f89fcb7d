# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class KeyAccountTeamMember(models.Model):
    """One of our people on a client's account team, with their function."""

    _name = "key.account.team.member"
    _description = "Account Team Member"
    _order = "is_lead desc, function_id, id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Member",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("share", "=", False)],
    )
    function_id = fields.Many2one(
        "key.account.function", string="Function on this account", ondelete="restrict"
    )
    is_lead = fields.Boolean(string="Lead")
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    owner_id = fields.Many2one(
        related="partner_id.relationship_owner_id", store=True, string="Account Owner"
    )

    _sql_constraints = [
        (
            "member_unique",
            "UNIQUE (partner_id, user_id)",
            "This person is already on the account team.",
        ),
    ]

    @api.constrains("partner_id")
    def _check_client(self):
        for member in self:
            if member.partner_id != member.partner_id.commercial_partner_id:
                raise ValidationError(
                    _(
                        "The account team belongs to the client company "
                        "%(company)s, not to its contact %(contact)s.",
                        company=member.partner_id.commercial_partner_id.display_name,
                        contact=member.partner_id.display_name,
                    )
                )

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
