# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""How the scheduled work of the three add-ons goes through many records:
in batches, one transaction each, going on when one record fails.

    from odoo.addons.relationship_health.tools.batch import run_in_batches

    run_in_batches(clients, lambda batch: self._refresh(batch, now))

``run_safely`` alone is for work on a selection (a button): the same
retry, no commit. ``exclusive`` makes a scheduled job run once at a time,
whoever starts it (the scheduler, a manual "Run", another worker).
"""

import hashlib
import logging
import threading
from contextlib import contextmanager
from functools import reduce

import psycopg2
import psycopg2.errors

from .sql import analyze_grown

_logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 1000
CONCURRENT_RETRIES = 3


def batch_size(env):
    """Records per batch: the system parameter
    ``relationship_health.batch_size`` (default 1000)."""
    value = (
        env["ir.config_parameter"].sudo().get_param("relationship_health.batch_size")
    )
    try:
        size = int(value or DEFAULT_BATCH_SIZE)
    except ValueError:
        size = DEFAULT_BATCH_SIZE
    return size if size > 0 else DEFAULT_BATCH_SIZE


def committing(commit=True):
    """Whether a batch job may commit: never under tests, whose transaction
    is rolled back at the end."""
    return commit and not getattr(threading.current_thread(), "testing", False)


def concurrent_failure(error):
    """Whether ``error`` comes from another transaction working on the same
    rows at the same moment: the work is right, it only needs doing again
    in a newer transaction."""
    return isinstance(
        error,
        (
            psycopg2.errors.SerializationFailure,
            psycopg2.errors.DeadlockDetected,
            psycopg2.errors.LockNotAvailable,
            psycopg2.errors.UniqueViolation,
        ),
    )


def run_safely(records, process, label="Record", retry_later=None):
    """``process(records)`` in a savepoint; when it raises, ``process`` runs
    again for each record alone, each in a savepoint, so that one failing
    record is logged and skipped while the others are done.

    ``retry_later``: a list that receives the records that failed because
    of a concurrent transaction (``concurrent_failure``) instead of logging
    them as errors; the caller runs them again after its commit.

    Returns what ``process`` returned for the batch or, after a failure,
    the union of what it returned for the records that went through (a
    recordset, or None when ``process`` returns nothing).
    """
    cr = records.env.cr
    try:
        with cr.savepoint():
            return process(records)
    except Exception as error:
        _logger.log(
            logging.INFO if concurrent_failure(error) else logging.WARNING,
            "%s batch of %s failed; retrying one by one",
            label,
            len(records),
            exc_info=not concurrent_failure(error),
        )
    results = []
    for record in records:
        try:
            with cr.savepoint():
                results.append(process(record))
        except Exception as error:
            if retry_later is not None and concurrent_failure(error):
                _logger.info(
                    "%s %s (id %s) met a concurrent update: retried after commit",
                    label,
                    record.display_name,
                    record.id,
                )
                retry_later.append(record.id)
                continue
            _logger.exception(
                "%s %s (id %s) failed: skipped", label, record.display_name, record.id
            )
    results = [result for result in results if result is not None]
    return reduce(lambda a, b: a | b, results) if results else None


def run_in_batches(
    records, process, size=None, commit=True, label="Record", analyze=()
):
    """Scheduled work: ``process(batch)`` for the batches of ``records`` (in
    their order) through ``run_safely``, reporting progress to the scheduler
    and committing after each batch (except in tests, or with
    ``commit=False``), so that a long run keeps what it did and does not
    hold locks on every record at once. The caches are emptied between
    batches. ``analyze``: the tables the job fills, measured again for
    PostgreSQL's planner when they have grown (``sql.analyze_grown``).
    Returns how many records were processed."""
    env = records.env
    size = size or batch_size(env)
    auto_commit = committing(commit)
    ids = records.ids
    done = 0
    for start in range(0, len(ids), size):
        batch = records.browse(ids[start : start + size])
        retry = [] if auto_commit else None
        run_safely(batch, process, label=label, retry_later=retry)
        done += len(batch)
        env["ir.cron"]._notify_progress(done=done, remaining=len(ids) - done)
        if auto_commit:
            env.cr.commit()  # pylint: disable=invalid-commit
            if analyze and analyze_grown(env.cr, analyze):
                env.cr.commit()  # pylint: disable=invalid-commit
        env.invalidate_all()
        # Records another transaction was changing (people at work while the
        # night runs): again, in a new transaction that sees its changes.
        for attempt in range(CONCURRENT_RETRIES):
            if not retry:
                break
            again = records.browse(retry)
            last = attempt == CONCURRENT_RETRIES - 1
            retry = None if last else []
            run_safely(again, process, label=label, retry_later=retry)
            env.cr.commit()  # pylint: disable=invalid-commit
            env.invalidate_all()
    return done


@contextmanager
def exclusive(env, name):
    """Hold the job ``name`` for this process while the block runs: yields
    True, or False when another process is running it (the caller then does
    nothing: the job's work is done once).

    A session-level PostgreSQL advisory lock: unlike the row lock Odoo's
    scheduler takes, it holds across the job's commits, so a job started
    by hand while the scheduler runs it (or twice by two workers) waits
    for nothing and duplicates nothing."""
    digest = hashlib.sha256(f"relationship:{name}".encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    cr = env.cr
    cr.execute("SELECT pg_try_advisory_lock(%s)", [key])
    if not cr.fetchone()[0]:
        _logger.info("%s is already running in another process: skipped", name)
        yield False
        return
    try:
        yield True
    except BaseException:
        _release(cr, key)
        raise
    cr.execute("SELECT pg_advisory_unlock(%s)", [key])


def _release(cr, key):
    """Release the lock after a failure. The transaction may be aborted:
    then it is rolled back first (as the scheduler would), so that the lock
    does not stay on this pooled connection; never under tests, whose
    transaction is the test's."""
    try:
        with cr.savepoint(flush=False):
            cr.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    except psycopg2.Error:
        if not committing():
            raise
    cr.rollback()
    cr.execute("SELECT pg_advisory_unlock(%s)", [key])
