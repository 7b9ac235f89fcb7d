# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.1.0: the record rules of the maps changed (a salesperson no longer
draws threads on another owner's client because they are on the thread;
only owners remove team members, a member may leave). They are loaded with
noupdate, which an upgrade does not rewrite: write them here."""

from odoo import SUPERUSER_ID, api

OWNER_OR_TEAM = (
    "['|', ('partner_id.relationship_owner_id', '=', user.id), "
    "('partner_id.kad_team_member_ids.user_id', '=', user.id)]"
)
RULES = {
    "key_account_team_member_rule_user_edit": {"perm_unlink": False},
    "key_account_thread_rule_user_edit": {"domain_force": OWNER_OR_TEAM},
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for name, values in RULES.items():
        rule = env.ref(f"key_account_diamond.{name}", raise_if_not_found=False)
        if rule:
            rule.write(values)
