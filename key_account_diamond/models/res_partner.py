# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client's people, as stakeholders: function, role in decisions,
influence, attitude toward us, whom they report to, and leaving."""

from datetime import date

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
# What places a person on the client's map: changed by who may change the
# map (the client's owner, its account team, managers).
STAKEHOLDER_MAP_FIELDS = (
    "stakeholder_function_id",
    "stakeholder_role",
    "stakeholder_influence",
    "stakeholder_attitude",
    "reports_to_id",
)
# ...and leaving, a fact recorded by anyone who may edit the contact, as
# archiving it is.
STAKEHOLDER_FIELDS = STAKEHOLDER_MAP_FIELDS + (
    "stakeholder_left",
    "stakeholder_left_date",
)
# No leaving date before this one is a real one (a typing slip, a default).
EARLIEST_LEFT_DATE = date(1900, 1, 1)
INTERNAL = "base.group_user"


class ResPartner(models.Model):
    # The fields below, and the map's in res_partner_map.py, hold the rules
    # relationship_health gives our fields on contacts (its res.partner
    # inherits relationship.rules.mixin): values parsed before the
    # database, derived ones (the shape and its figures) not writable.
    _inherit = "res.partner"

    # Their side: on the contacts of a client company. How we see the
    # client's people is for our people only: not for them on the portal.
    stakeholder_function_id = fields.Many2one(
        "key.account.function", index="btree_not_null", groups=INTERNAL
    )
    stakeholder_role = fields.Selection(
        STAKEHOLDER_ROLES, string="Role in Decisions", groups=INTERNAL
    )
    stakeholder_influence = fields.Selection(
        INFLUENCE_LEVELS, string="Influence", groups=INTERNAL
    )
    stakeholder_attitude = fields.Selection(
        ATTITUDES, string="Attitude toward Us", groups=INTERNAL
    )
    reports_to_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        domain="[('commercial_partner_id', '=', commercial_partner_id), "
        "('id', '!=', id), ('is_company', '=', False)]",
        groups=INTERNAL,
    )
    report_ids = fields.One2many(
        "res.partner", "reports_to_id", string="Reports", groups=INTERNAL
    )
    stakeholder_left = fields.Boolean(
        string="Left the Company",
        tracking=True,
        help="This person no longer works at the client: their threads stop "
        "counting and the account owner is alerted.",
        groups=INTERNAL,
    )
    stakeholder_left_date = fields.Date(
        string="Left on",
        help="Set to today when the person is marked as having left, cleared "
        "when they are back.",
        groups=INTERNAL,
    )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(*STAKEHOLDER_FIELDS)
    def _check_stakeholder_is_person(self):
        """Function, role, influence, attitude, reporting line and leaving
        are the client's people's: not a company's, nor an individual
        client's (who is the client, not one of its people). A person who
        later leaves the company's address book keeps them, unused, as
        history."""
        for partner in self:
            if not (partner.is_company or not partner.parent_id):
                continue
            given = [
                partner._fields[name].get_description(self.env)["string"]
                for name in STAKEHOLDER_FIELDS
                if partner[name]
            ]
            if given:
                raise ValidationError(
                    _(
                        "%(partner)s is not a person of a client company: the "
                        "stakeholder fields (%(fields)s) are for the client's "
                        "people, the contacts of a company.",
                        partner=partner.display_name,
                        fields=", ".join(given),
                    )
                )

    @api.constrains("stakeholder_function_id")
    def _check_stakeholder_function_active(self):
        for partner in self:
            function = partner.stakeholder_function_id
            if function and not function.active:
                raise ValidationError(
                    _(
                        "The function %(function)s is archived: choose one "
                        "still in use for %(person)s.",
                        function=function.display_name,
                        person=partner.display_name,
                    )
                )

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
            if boss.is_company or boss == boss.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(person)s cannot report to %(boss)s: a person "
                        "reports to another person of the company.",
                        person=partner.display_name,
                        boss=boss.display_name,
                    )
                )
        if self._has_cycle("reports_to_id"):
            raise ValidationError(
                _("The reporting line is a loop: someone would report to themselves.")
            )

    @api.constrains(
        "stakeholder_left", "stakeholder_left_date", "relationship_birthday"
    )
    def _check_left_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            left_on = partner.stakeholder_left_date
            if not left_on:
                continue
            if not partner.stakeholder_left:
                raise ValidationError(
                    _(
                        "%(person)s has a leaving date but has not left the "
                        "company: tick Left the Company, or clear the date.",
                        person=partner.display_name,
                    )
                )
            if left_on > today:
                raise ValidationError(
                    _(
                        "%(person)s cannot have left on a future date.",
                        person=partner.display_name,
                    )
                )
            birthday = partner.relationship_birthday
            if birthday and left_on < birthday:
                raise ValidationError(
                    _(
                        "%(person)s cannot have left on %(date)s, before they "
                        "were born (%(birthday)s).",
                        person=partner.display_name,
                        date=fields.Date.to_string(left_on),
                        birthday=fields.Date.to_string(birthday),
                    )
                )
            if left_on < EARLIEST_LEFT_DATE:
                raise ValidationError(
                    _(
                        "%(person)s cannot have left on %(date)s: a leaving "
                        "date is after %(earliest)s.",
                        person=partner.display_name,
                        date=fields.Date.to_string(left_on),
                        earliest=fields.Date.to_string(EARLIEST_LEFT_DATE),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD: who changes the map, and contacts leaving
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if set(STAKEHOLDER_MAP_FIELDS) & set(vals) and not self.env.su:
                parent = vals.get("parent_id")
                if isinstance(parent, int) and not isinstance(parent, bool):
                    self.browse(parent).exists()._kad_check_map_access()
            if vals.get("stakeholder_left") and not vals.get("stakeholder_left_date"):
                vals["stakeholder_left_date"] = today
        return super().create(vals_list)

    def write(self, vals):
        if set(STAKEHOLDER_MAP_FIELDS) & set(vals) and not self.env.su:
            self._kad_check_map_access()
        leaving = undated = self.browse()
        if vals.get("stakeholder_left") or vals.get("active") is False:
            leaving = self.filtered(
                lambda p: p.parent_id and not p.is_company and not p.stakeholder_left
            )
        if "stakeholder_left" in vals and "stakeholder_left_date" not in vals:
            if vals["stakeholder_left"]:
                # Those who left already keep the day they left.
                undated = self.filtered(lambda p: not p.stakeholder_left_date)
            else:
                vals = dict(vals, stakeholder_left_date=False)
        if undated and undated == self:
            vals = dict(vals, stakeholder_left_date=fields.Date.context_today(self))
            undated = self.browse()
        res = super().write(vals)
        if undated:
            undated.write({"stakeholder_left_date": fields.Date.context_today(self)})
        if leaving:
            # sudo: the refresh and the owner's alert follow a change the user
            # was allowed to make (archiving a contact, recording that they
            # left), whether or not they map key accounts themselves.
            self.env["key.account.shape.engine"].sudo()._contacts_left(leaving)
        return res
