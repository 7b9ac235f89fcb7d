# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..relationship_stage_history import RELATIONSHIP_STAGES, RELATIONSHIP_TYPES

# Ten years: more days than any care waits.
MAX_DAYS = 3650
# Fields of a rule that count days and cannot be negative.
DAY_FIELDS = (
    "contact_days",
    "visit_days",
    "thanks_days",
    "occasion_days_ahead",
    "referral_days",
    "review_days",
)


class RelationshipCadenceRule(models.Model):
    """The care a segment of clients expects: how often we talk with them,
    how often we go and see them, and which occasions we remember.

    The most specific rule wins, as with health scorecards: relationship
    type and lifecycle stage, then type, then stage, then the default rule
    with neither.
    """

    _name = "relationship.cadence.rule"
    _inherit = ["relationship.segment.mixin", "relationship.rules.mixin"]
    _description = "Care Cadence Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to use this rule in every company.",
    )
    relationship_type = fields.Selection(
        RELATIONSHIP_TYPES,
        help="Clients of this relationship type follow this rule. Leave empty "
        "for any type.",
    )
    relationship_stage = fields.Selection(
        RELATIONSHIP_STAGES,
        string="Lifecycle Stage",
        help="Clients in this stage follow this rule. Leave empty for any "
        "stage. A rule with neither is the default.",
    )
    is_default = fields.Boolean(
        string="Default", compute="_compute_is_default", store=True
    )
    contact_days = fields.Integer(
        string="Contact Every (days)",
        default=30,
        help="Days without any interaction after which the account owner is "
        "reminded to get in touch. 0: no reminder.",
    )
    visit_days = fields.Integer(
        string="Visit Every (days)",
        default=90,
        help="Days without an in-person visit after which the account owner "
        "is reminded to go and see the client. 0: no reminder.",
    )
    thanks_active = fields.Boolean(
        string="Thank-you Call",
        default=True,
        help="Call the client to thank them (and check they are satisfied) "
        "after an opportunity is won, or a sale order confirmed.",
    )
    thanks_days = fields.Integer(
        string="Call After (days)",
        default=2,
        help="Days after the opportunity is won (or the order confirmed) the "
        "thank-you call is due.",
    )
    birthday_active = fields.Boolean(
        string="Birthdays",
        default=True,
        help="Remind the account owner of the birthdays of the client's "
        "people (those with a birthday recorded).",
    )
    anniversary_active = fields.Boolean(
        string="Anniversaries",
        default=True,
        help="Remind the account owner of each anniversary of the client's first deal.",
    )
    occasion_days_ahead = fields.Integer(
        string="Remind Days Ahead",
        default=7,
        help="How many days before a birthday or an anniversary the reminder appears.",
    )
    referral_days = fields.Integer(
        string="Thank a Referral Within (days)",
        default=7,
        help="When the client refers someone to us, the account owner is "
        "asked to thank them with a gesture within these days.",
    )
    review_days = fields.Integer(
        string="What We Did for You Every (days)",
        default=0,
        help='Days after the last "What we did for you" review after which '
        "the account owner is reminded to send the next one: a summary of "
        "what we did for the client (problems solved, visits, improvements, "
        "gestures, information shared). 0: no reminder.",
    )

    @api.depends("relationship_type", "relationship_stage")
    def _compute_is_default(self):
        for rule in self:
            rule.is_default = not (rule.relationship_type or rule.relationship_stage)

    @api.constrains(*DAY_FIELDS)
    def _check_days(self):
        labels = {
            name: self._fields[name].get_description(self.env)["string"]
            for name in DAY_FIELDS
        }
        for rule in self:
            negative = [
                labels[name] for name in DAY_FIELDS if not 0 <= rule[name] <= MAX_DAYS
            ]
            if negative:
                raise ValidationError(
                    _(
                        "Care rule %(name)s: %(fields)s cannot be negative "
                        "nor more than ten years; use 0 to send no reminder.",
                        name=rule.name,
                        fields=", ".join(negative),
                    )
                )

    @api.constrains("relationship_type", "relationship_stage", "company_id", "active")
    def _check_segments(self):
        for rule in self.filtered("active"):
            overlap = rule._segment_overlap()
            if overlap:
                raise ValidationError(
                    _(
                        "Care rules %(name)s and %(other)s cover the same "
                        "clients: give them different relationship types or "
                        "lifecycle stages.",
                        name=rule.name,
                        other=overlap.name,
                    )
                )

    @api.model
    def _rule_by_client(self, clients):
        """{client id: the rule it follows (or an empty recordset)}, with one
        query for all the rules, matched once per segment."""
        rules = self.search([])
        by_segment, by_client = {}, {}
        for client in clients:
            key = (
                client.company_id.id,
                client.relationship_type,
                client.relationship_stage,
            )
            if key not in by_segment:
                by_segment[key] = rules._segment_match(*key)
            by_client[client.id] = by_segment[key]
        return by_client

    def _days(self, kind):
        """Days of the cadence of ``kind`` ("contact", "visit" or "review");
        0: none."""
        self.ensure_one()
        return self[f"{kind}_days"]
