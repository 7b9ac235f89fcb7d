# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

THRESHOLDS = (
    "kad_bowtie_max_threads",
    "kad_bowtie_concentration",
    "kad_diamond_min_threads",
    "kad_diamond_min_their_functions",
    "kad_diamond_min_our_functions",
)


class ResCompany(models.Model):
    # Our add-ons' fields on companies follow the rules held on every path
    # (relationship.rules.mixin): the thresholds are parsed before the
    # database (a number too big for it is refused with the field's name).
    _name = "res.company"
    _inherit = ["res.company", "relationship.rules.mixin"]

    kad_bowtie_max_threads = fields.Integer(
        string="Bow-tie: at most live threads",
        default=1,
        help="A client with this many live threads or fewer is a bow-tie.",
        groups="base.group_user",
    )
    kad_bowtie_concentration = fields.Integer(
        string="Bow-tie: busiest thread share (%)",
        default=80,
        help="A client whose busiest thread carries this share of the "
        "interactions or more is a bow-tie, however many threads it has.",
        groups="base.group_user",
    )
    kad_diamond_min_threads = fields.Integer(
        string="Diamond: at least live threads",
        default=4,
        groups="base.group_user",
    )
    kad_diamond_min_their_functions = fields.Integer(
        string="Diamond: at least functions on their side",
        default=3,
        groups="base.group_user",
    )
    kad_diamond_min_our_functions = fields.Integer(
        string="Diamond: at least functions on our side",
        default=2,
        groups="base.group_user",
    )

    def write(self, vals):
        res = super().write(vals)
        if any(name in vals for name in THRESHOLDS):
            # The shapes of their clients are computed again next night.
            self.env["key.account.shape"].sudo()._mark_stale(company_ids=self.ids)
        return res

    @api.constrains(*THRESHOLDS)
    def _check_kad_thresholds(self):
        for company in self:
            if not (
                0 <= company.kad_bowtie_max_threads < company.kad_diamond_min_threads
            ):
                raise ValidationError(
                    _(
                        "The shape thresholds are out of order: a bow-tie has at "
                        "most %(bowtie)s live threads, so a diamond needs more "
                        "(now %(diamond)s).",
                        bowtie=company.kad_bowtie_max_threads,
                        diamond=company.kad_diamond_min_threads,
                    )
                )
            if not 0 < company.kad_bowtie_concentration <= 100:
                raise ValidationError(
                    _("The busiest thread share is a percentage between 1 and 100.")
                )
            if (
                company.kad_diamond_min_their_functions < 1
                or company.kad_diamond_min_our_functions < 1
            ):
                raise ValidationError(
                    _("A diamond needs at least one function on each side.")
                )
