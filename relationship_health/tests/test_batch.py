# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The scheduled jobs run once at a time, whoever starts them."""

import hashlib

from odoo import sql_db
from odoo.tests import tagged

from ..tools.batch import exclusive
from .common import RelationshipCommon


def _key(name):
    digest = hashlib.sha256(f"relationship:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@tagged("post_install", "-at_install")
class TestOnceAtATime(RelationshipCommon):
    def _held_elsewhere(self, name):
        """Another process (a connection of its own) runs the job."""
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        other.execute("SELECT pg_advisory_lock(%s)", [_key(name)])
        self.addCleanup(other.close)
        self.addCleanup(other.execute, "SELECT pg_advisory_unlock(%s)", [_key(name)])
        return other

    def test_a_job_running_elsewhere_is_not_run_twice(self):
        self._log(self.client_alfa)
        other = self._held_elsewhere("health recompute")
        Engine = self.env["relationship.health.engine"]
        self.assertEqual(Engine._recompute_all(), 0)
        self.assertFalse(self.client_alfa.health_date, "nothing was computed")
        other.execute("SELECT pg_advisory_unlock(%s)", [_key("health recompute")])
        self.assertGreater(Engine._recompute_all(), 0)
        self.assertTrue(self.client_alfa.health_date)

    def test_every_scheduled_job_of_the_base_holds_its_lock(self):
        jobs = {
            "care planning": lambda: self.env["relationship.care.planner"]._plan_all(),
            "problem escalation": lambda: len(
                self.env["relationship.problem"]._cron_escalate_late_problems()
            ),
            "meeting capture": lambda: len(
                self.env["calendar.event"]._cron_relationship_capture_meetings()
            ),
        }
        for name, job in jobs.items():
            with self.subTest(job=name):
                self._held_elsewhere(name)
                self.assertFalse(job())

    def test_the_lock_is_released_when_the_job_fails(self):
        with self.assertRaises(KeyError), exclusive(self.env, "boom") as mine:
            self.assertTrue(mine)
            {}["a job that fails"]  # pylint: disable=pointless-statement
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        self.addCleanup(other.close)
        other.execute("SELECT pg_try_advisory_lock(%s)", [_key("boom")])
        self.assertTrue(other.fetchone()[0], "released on failure")
        other.execute("SELECT pg_advisory_unlock(%s)", [_key("boom")])
