# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.1.0: the care is planned by relationship.care.planner, no longer
by the reminder model; the scheduled action (noupdate) follows it."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("relationship_health.ir_cron_relationship_care", False)
    if cron:
        cron.model_id = env["ir.model"]._get("relationship.care.planner")
