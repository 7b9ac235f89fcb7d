# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.0.0: the clients' shapes move from nine columns of res_partner to
their own table (key.account.shape); the scheduled refresh belongs to the
engine, key.account.shape.engine."""

from odoo import SUPERUSER_ID, api

OLD_COLUMNS = (
    "kad_shape",
    "kad_live_threads",
    "kad_their_functions",
    "kad_our_functions",
    "kad_concentration",
    "kad_interactions_12m",
    "kad_busiest_thread_id",
    "kad_key_contact_left",
    "kad_shape_date",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT count(*) FROM information_schema.columns
         WHERE table_name = 'res_partner' AND column_name = 'kad_shape'
        """
    )
    if cr.fetchone()[0]:
        cr.execute(
            """
            INSERT INTO key_account_shape
                   (partner_id, shape, live_threads, their_functions,
                    our_functions, concentration, interactions_12m,
                    busiest_thread_id, key_contact_left, date)
            SELECT p.id, p.kad_shape, p.kad_live_threads, p.kad_their_functions,
                   p.kad_our_functions, p.kad_concentration,
                   p.kad_interactions_12m, t.id,
                   COALESCE(p.kad_key_contact_left, FALSE), p.kad_shape_date
              FROM res_partner p
              LEFT JOIN key_account_thread t ON t.id = p.kad_busiest_thread_id
             WHERE p.kad_shape IS NOT NULL
            ON CONFLICT (partner_id) DO NOTHING
            """
        )
        for column in OLD_COLUMNS:
            cr.execute(f"ALTER TABLE res_partner DROP COLUMN IF EXISTS {column}")
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("key_account_diamond.ir_cron_key_account_shapes", False)
    if cron:
        cron.model_id = env["ir.model"]._get("key.account.shape.engine")
