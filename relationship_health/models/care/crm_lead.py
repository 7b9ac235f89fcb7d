# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "relationship.rules.mixin"]

    relationship_referrer_id = fields.Many2one(
        "res.partner",
        string="Referred by Client",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The client who sent this opportunity our way: their account "
        "owner is asked to thank them with a gesture.",
        groups="base.group_user",
    )

    @api.constrains("relationship_referrer_id", "partner_id")
    def _check_relationship_referrer(self):
        for lead in self.filtered("relationship_referrer_id"):
            # A contact refers for its company, which is thanked.
            referrer = lead.relationship_referrer_id.commercial_partner_id
            if referrer == lead.partner_id.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(client)s cannot refer itself: the referrer is the "
                        "client who sent this opportunity our way.",
                        client=referrer.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._relationship_plan_referral_thanks()
        return leads

    def write(self, vals):
        res = super().write(vals)
        if vals.get("relationship_referrer_id"):
            self._relationship_plan_referral_thanks()
        return res

    def _relationship_plan_referral_thanks(self):
        referred = self.filtered("relationship_referrer_id")
        if referred:
            # The thanks are the referrer's account owner's to give: the
            # reminder is planned for them by the system, after the user's
            # own write of the lead went through the access checks.
            self.env["relationship.care.planner"].sudo()._plan_referrals(
                referred.sudo(), fields.Datetime.now()
            )
