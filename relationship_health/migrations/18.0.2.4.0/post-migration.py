# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.4.0: the shipped care rules ask satisfaction on their cadence
(their data is noupdate: the new field is set here, where nobody set it)."""

from odoo import SUPERUSER_ID, api

SATISFACTION_DAYS = {
    "cadence_rule_standard": 180,
    "cadence_rule_dedicated": 90,
    "cadence_rule_long_term": 180,
    "cadence_rule_transactional": 365,
    "cadence_rule_self_service": 365,
    "cadence_rule_automated": 365,
}


def _satisfaction_cadences(env):
    for xmlid, days in SATISFACTION_DAYS.items():
        rule = env.ref(f"relationship_health.{xmlid}", False)
        if rule and not rule.satisfaction_days:
            rule.satisfaction_days = days


def migrate(cr, version):
    if not version:
        return
    _satisfaction_cadences(api.Environment(cr, SUPERUSER_ID, {}))
