# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RelationshipHealth(models.Model):
    _inherit = "relationship.health"

    # Written by the nightly engine with the rest of the client's health
    # (relationship_money_health.py), so that the health dashboard adds up
    # the revenue of the clients at risk in one pivot, without reading the
    # invoices of every client each time it is opened.
    revenue = fields.Float(
        string="Revenue (12 months)",
        readonly=True,
        help="Invoiced to the client in the 12 months before the health was "
        "computed, untaxed, in its company's currency (credit notes "
        "subtract). Empty when Invoicing is not installed.",
    )
