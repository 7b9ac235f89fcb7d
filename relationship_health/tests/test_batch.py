# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The scheduled jobs run once at a time, whoever starts them, and go on
when people change the same records meanwhile."""

import hashlib

import psycopg2.errors

from odoo import sql_db
from odoo.tests import tagged

from ..tools.batch import exclusive, run_safely
from ..tools.sql import analyze_grown
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


@tagged("post_install", "-at_install")
class TestPeopleAtWorkMeanwhile(RelationshipCommon):
    """A salesperson logs an interaction on a client while the nightly care
    gives its owner an activity there: both make the owner follow the
    client, in two transactions."""

    def _followed_elsewhere(self, record, partner):
        """Another transaction subscribes ``partner`` to ``record`` and
        commits, after this test's transaction took its snapshot."""
        self.env.cr.execute("SELECT 1")
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        self.addCleanup(other.close)
        other.execute(
            "INSERT INTO mail_followers (res_model, res_id, partner_id)"
            " VALUES (%s, %s, %s)",
            [record._name, record.id, partner.id],
        )
        other.commit()
        self.addCleanup(other.commit)
        self.addCleanup(
            other.execute,
            "DELETE FROM mail_followers WHERE res_model = %s AND res_id = %s"
            " AND partner_id = %s",
            [record._name, record.id, partner.id],
        )

    def test_following_gives_the_subtypes_odoo_gives(self):
        Followers = self.env["mail.followers"].sudo()
        partner = self.user_sofia.partner_id
        self.client_beta.message_subscribe(partner_ids=partner.ids)
        new = Followers._relationship_follow(
            "res.partner", [self.client_alfa.id, self.client_beta.id], partner.ids
        )
        self.assertEqual(new.res_id, self.client_alfa.id, "beta already followed")
        by_odoo = self.client_beta.message_follower_ids.filtered(
            lambda f: f.partner_id == partner
        )
        self.assertTrue(by_odoo.subtype_ids)
        self.assertEqual(new.subtype_ids, by_odoo.subtype_ids)
        self.assertIn(partner, self.client_alfa.message_partner_ids)
        again = Followers._relationship_follow(
            "res.partner", [self.client_alfa.id], partner.ids
        )
        self.assertFalse(again, "following twice adds nobody")

    def test_a_follower_added_meanwhile_is_a_retryable_conflict(self):
        partner = self.env.ref("base.partner_admin")
        self._followed_elsewhere(self.client_alfa, partner)
        with (
            self.assertRaises(psycopg2.errors.SerializationFailure),
            self.env.cr.savepoint(),
        ):
            self.env["mail.followers"].sudo()._relationship_follow(
                "res.partner", [self.client_alfa.id], partner.ids
            )

    def test_a_batch_sets_aside_the_records_changed_meanwhile(self):
        partner = self.env.ref("base.partner_admin")
        self._followed_elsewhere(self.client_alfa, partner)
        clients = self.client_alfa | self.client_beta
        retry = []
        run_safely(
            clients,
            lambda records: (
                self.env["mail.followers"]
                .sudo()
                ._relationship_follow("res.partner", records.ids, partner.ids)
            ),
            label="Follow",
            retry_later=retry,
        )
        self.assertEqual(retry, [self.client_alfa.id])
        self.assertIn(partner, self.client_beta.message_partner_ids)


@tagged("post_install", "-at_install")
class TestPlannerStatistics(RelationshipCommon):
    """A job that fills a table measures it again for the planner."""

    def _estimate(self, table):
        self.env.cr.execute(
            "SELECT reltuples FROM pg_class WHERE relname = %s", [table]
        )
        return self.env.cr.fetchone()[0]

    def test_a_grown_table_is_measured_again(self):
        table = self.env["relationship.interaction"]._table
        self.env["relationship.interaction"].flush_model()
        self.env.cr.execute(f"SELECT count(*) FROM {table}")
        rows = self.env.cr.fetchone()[0]
        self.assertGreater(rows, 0)
        # Every change counts as growth here: the table is analyzed, and the
        # planner's estimate of its rows is its count (a small table is
        # read whole by ANALYZE).
        self.assertEqual(analyze_grown(self.env.cr, [table], 0, -1), [table])
        self.assertEqual(self._estimate(table), rows)

    def test_a_table_that_did_not_grow_enough_is_left_alone(self):
        table = self.env["relationship.interaction"]._table
        before = self._estimate(table)
        self.assertEqual(analyze_grown(self.env.cr, [table], 0.1, 10**12), [])
        self.assertEqual(self._estimate(table), before)

    def test_only_tables_of_the_catalog_are_named(self):
        hostile = 'relationship_interaction"; DROP TABLE res_partner; --'
        self.assertEqual(analyze_grown(self.env.cr, [hostile], 0, -1), [])
        self.env.cr.execute("SELECT count(*) FROM res_partner")
