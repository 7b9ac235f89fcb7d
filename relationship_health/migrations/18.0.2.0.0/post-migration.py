# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.0.0: the clients' health moves from res_partner to its own table
(relationship.health); today's is no longer also a row of the history."""

import json

from psycopg2.extras import execute_values

OLD_COLUMNS = (
    "health_score",
    "health_band",
    "health_trend",
    "health_delta_30d",
    "health_scorecard_id",
    "health_date",
    "health_breakdown",
    "health_history",
)


def _breakdown_text(items):
    """The old breakdown (a list of dicts) as relationship.health stores it."""
    lines = []
    for item in items or []:
        params = item.get("params") or {}
        lines.append(
            [
                item.get("component"),
                item.get("weight"),
                item.get("points"),
                item.get("raw"),
                params.get("target"),
                params.get("window_days"),
            ]
        )
    return json.dumps(lines, separators=(",", ":"))


def migrate(cr, version):
    cr.execute(
        """
        SELECT count(*) FROM information_schema.columns
         WHERE table_name = 'res_partner' AND column_name = 'health_date'
        """
    )
    if not cr.fetchone()[0]:
        return
    cr.execute(
        """
        SELECT p.id, p.health_score, p.health_band, p.health_trend,
               p.health_delta_30d, c.id, p.health_date, p.health_breakdown
          FROM res_partner p
          LEFT JOIN relationship_health_scorecard c ON c.id = p.health_scorecard_id
         WHERE p.health_date IS NOT NULL
        """
    )
    rows = [(*row[:7], _breakdown_text(row[7])) for row in cr.fetchall()]
    execute_values(
        cr._obj,
        """
        INSERT INTO relationship_health
               (partner_id, score, band, trend, delta_30d, scorecard_id, date,
                breakdown)
        VALUES %s
        ON CONFLICT (partner_id) DO UPDATE
           SET score = EXCLUDED.score, band = EXCLUDED.band,
               trend = EXCLUDED.trend, delta_30d = EXCLUDED.delta_30d,
               scorecard_id = EXCLUDED.scorecard_id, date = EXCLUDED.date,
               breakdown = EXCLUDED.breakdown
        """,
        rows,
        page_size=1000,
    )
    # Each day is stored once: today's health is no longer a past day.
    cr.execute(
        """
        DELETE FROM relationship_health_day d
         USING relationship_health h
         WHERE d.partner_id = h.partner_id AND d.date = h.date
        """
    )
    cr.execute(
        "ALTER TABLE res_partner "
        + ", ".join(f"DROP COLUMN IF EXISTS {column}" for column in OLD_COLUMNS)
    )
