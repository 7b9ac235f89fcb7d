# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.2.0: a thread reads its account owner through its client (the
stored copy cost the nightly refresh a foreign-key check per thread); the
shapes know when they were refreshed, so that the next refresh computes
again only what may have changed: every shape is refreshed once."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE key_account_thread DROP COLUMN IF EXISTS owner_id")
    cr.execute("UPDATE key_account_shape SET refreshed_at = NULL")
