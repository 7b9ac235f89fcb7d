# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Days after an event by which the personal note is due, at most.
EVENT_NOTE_DAYS_MAX = 30


class ResCompany(models.Model):
    _inherit = "res.company"

    relationship_event_note_days = fields.Integer(
        string="Personal Note After an Event (days)",
        default=3,
        help="After an interaction on the channel Event, the account owner "
        "is reminded to follow up with a personal note within these days. "
        "0: no reminder.",
        groups="base.group_user",
    )

    @api.constrains("relationship_event_note_days")
    def _check_relationship_event_note_days(self):
        for company in self:
            if not 0 <= company.relationship_event_note_days <= EVENT_NOTE_DAYS_MAX:
                raise ValidationError(
                    _(
                        "The personal note after an event is due between 0 "
                        "(no reminder) and %(max)s days after it, not "
                        "%(days)s.",
                        max=EVENT_NOTE_DAYS_MAX,
                        days=company.relationship_event_note_days,
                    )
                )
