# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    relationship_email_capture = fields.Boolean(
        string="Emails Are Interactions",
        default=True,
        help="An email exchanged with a client's people on the client, its "
        "contacts or its documents (opportunities, quotations, invoices) is "
        "logged as an interaction of the client, once. Notes and automatic "
        "notifications never are.",
        groups="base.group_user",
    )
