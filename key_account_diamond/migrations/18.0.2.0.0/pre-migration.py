# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.0.0: account team members and threads keep their company in a
field of their own (it was the client's, empty for a client shared by
every company): give those rows the first company before the column
becomes required."""


def migrate(cr, version):
    if not version:
        return
    for table in ("key_account_team_member", "key_account_thread"):
        cr.execute(
            f"""
            UPDATE {table} t
               SET company_id = COALESCE(
                   (SELECT p.company_id FROM res_partner p WHERE p.id = t.partner_id),
                   (SELECT min(id) FROM res_company))
             WHERE t.company_id IS NULL
            """
        )
