# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.0.0: the daily snapshots table becomes the table of past days
(relationship.health.day); relationship.health.snapshot is now a view over
the past days and today's health (relationship.health)."""


def _relkind(cr, name):
    cr.execute("SELECT relkind FROM pg_class WHERE relname = %s", [name])
    row = cr.fetchone()
    return row and row[0]


def migrate(cr, version):
    if _relkind(cr, "relationship_health_snapshot") != "r":
        return
    cr.execute(
        """
        ALTER TABLE relationship_health_snapshot RENAME TO relationship_health_day;
        ALTER SEQUENCE IF EXISTS relationship_health_snapshot_id_seq
            RENAME TO relationship_health_day_id_seq;
        ALTER TABLE relationship_health_day
            RENAME CONSTRAINT relationship_health_snapshot_pkey
            TO relationship_health_day_pkey;
        ALTER TABLE relationship_health_day
            RENAME CONSTRAINT relationship_health_snapshot_partner_date_unique
            TO relationship_health_day_partner_date_unique;
        ALTER TABLE relationship_health_day
            RENAME CONSTRAINT relationship_health_snapshot_partner_id_fkey
            TO relationship_health_day_partner_id_fkey;
        DROP INDEX IF EXISTS relationship_health_snapshot__date_index;
        DROP INDEX IF EXISTS relationship_health_snapshot__partner_id_index;
        ALTER TABLE relationship_health_day
            DROP COLUMN IF EXISTS company_id,
            DROP COLUMN IF EXISTS create_uid,
            DROP COLUMN IF EXISTS write_uid,
            DROP COLUMN IF EXISTS create_date,
            DROP COLUMN IF EXISTS write_date;
        """
    )
