# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .relationship_interaction import INTERACTION_CHANNELS, INTERACTION_DEPTHS


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    relationship_channel = fields.Selection(
        [("none", "Not an interaction")] + INTERACTION_CHANNELS,
        string="Interaction Channel",
        default="other",
        required=True,
        help="When an activity of this type is marked done on a client (or on "
        "an opportunity with a client), an interaction is logged through this "
        "channel. 'Not an interaction' logs nothing.",
        groups="base.group_user",
    )
    relationship_depth = fields.Selection(
        INTERACTION_DEPTHS,
        string="Interaction Depth",
        default="operational",
        required=True,
        help="Depth given to the interactions logged from this activity type.",
        groups="base.group_user",
    )
