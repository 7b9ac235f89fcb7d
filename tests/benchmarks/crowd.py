# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Many users at once while the night runs, for ``make bench-night``.

Starts Odoo multi-process (``--workers 4 --max-cron-threads 2``) on the
benchmark's database and drives 8 simulated salespeople over JSON-RPC,
each on clients of their own: they open client forms (the form's full
field specification), log interactions and edit clients. First while
nothing else runs (idle), then while every scheduled action of the three
add-ons runs in the scheduler's worker processes (the night), with the
health recompute also started by hand at the same moment (it must do its
work once). Reports the failed requests, the lost writes (an interaction
logged that is not there, an edit not kept) and the 95th percentile of the
latency during the night against idle.
"""

import itertools
import os
import random
import signal
import socket
import statistics
import subprocess
import threading
import time

import requests

USERS = 8
IDLE_SECONDS = 20
NIGHT_TIMEOUT = 1800
PASSWORD = "bench-crowd"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Salesperson(threading.Thread):
    """One simulated user: a loop of form, interaction and edit."""

    def __init__(self, url, db, login, client_ids, form_spec, phase):
        super().__init__(daemon=True)
        self.url, self.db, self.login = url, db, login
        self.client_ids = client_ids
        self.form_spec = form_spec
        self.phase = phase  # a shared dict: {"name": "idle" | "night" | "stop"}
        self.latencies = {"idle": [], "night": []}
        self.failures = []
        self.logged = []  # (interaction id, name)
        self.edits = {}  # client id -> last "ref" written
        self.session = requests.Session()
        self.counter = itertools.count()

    def call(self, model, method, *args, **kwargs):
        phase = self.phase["name"]
        t0 = time.perf_counter()
        try:
            response = self.session.post(
                f"{self.url}/web/dataset/call_kw/{model}/{method}",
                json={
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": kwargs,
                    },
                },
                timeout=120,
            )
            payload = response.json()
        except (requests.RequestException, ValueError) as error:
            self.failures.append(f"{model}.{method}: {error}")
            return None
        finally:
            if phase in self.latencies:
                self.latencies[phase].append(time.perf_counter() - t0)
        if "error" in payload:
            data = payload["error"].get("data", {})
            self.failures.append(f"{model}.{method}: {data.get('message')}")
            return None
        return payload["result"]

    def login_(self):
        response = self.session.post(
            f"{self.url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": self.db, "login": self.login, "password": PASSWORD},
            },
            timeout=60,
        )
        if "error" in response.json():
            raise RuntimeError(f"{self.login} cannot log in")

    def run(self):
        self.login_()
        rng = random.Random(self.login)
        while self.phase["name"] != "stop":
            client_id = rng.choice(self.client_ids)
            self.call(
                "res.partner",
                "web_read",
                [client_id],
                specification=self.form_spec,
                context={"lang": "en_US"},
            )
            name = f"Crowd call {self.login} {next(self.counter)}"
            result = self.call(
                "relationship.interaction",
                "web_save",
                [],
                {"name": name, "partner_id": client_id},
                specification={"name": {}},
            )
            if result:
                self.logged.append((result[0]["id"], name))
            ref = f"{self.login}-{next(self.counter)}"
            if self.call("res.partner", "write", [client_id], {"ref": ref}):
                self.edits[client_id] = ref


def p95(values):
    values = sorted(values)
    return values[max(0, int(len(values) * 0.95) - 1)] if values else 0.0


def run(env, odoo_bin, python, config, db, client_ids, form_spec, our_crons):
    """The whole exercise; returns its figures."""
    group = env.ref("sales_team.group_sale_salesman")
    logins = [f"bench_crowd_{i}" for i in range(USERS)]
    for login in logins:
        if not env["res.users"].search([("login", "=", login)]):
            env["res.users"].create(
                {
                    "name": login,
                    "login": login,
                    "password": PASSWORD,
                    "groups_id": [(6, 0, [group.id])],
                }
            )
    # Each salesperson owns their clients: they work on those only.
    slices = [client_ids[i::USERS][:200] for i in range(USERS)]
    for login, ids in zip(logins, slices, strict=True):
        user = env["res.users"].search([("login", "=", login)])
        env["res.partner"].browse(ids).write({"relationship_owner_id": user.id})
    env.cr.commit()
    port = free_port()
    log_path = f"/tmp/bench-crowd-{db}.log"
    server = subprocess.Popen(
        [
            python,
            odoo_bin,
            "-c",
            config,
            "-d",
            db,
            "--db-filter",
            f"^{db}$",
            "--http-port",
            str(port),
            "--workers",
            "4",
            "--max-cron-threads",
            "2",
            "--limit-time-real",
            str(NIGHT_TIMEOUT),
            "--limit-time-cpu",
            str(NIGHT_TIMEOUT),
            "--limit-memory-soft",
            str(4 * 1024**3),
            "--limit-memory-hard",
            str(6 * 1024**3),
            "--log-level",
            "warn",
            "--logfile",
            log_path,
        ],
        env=dict(os.environ, ODOO_NOTIFY_CRON_CHANGES="1"),
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                requests.get(f"{url}/web/login", timeout=5)
                break
            except requests.RequestException:
                time.sleep(1)
        phase = {"name": "warmup"}
        people = [
            Salesperson(url, db, login, ids, form_spec, phase)
            for login, ids in zip(logins, slices, strict=True)
        ]
        for person in people:
            person.start()
        time.sleep(5)
        phase["name"] = "idle"
        time.sleep(IDLE_SECONDS)
        # The night: every scheduled action due now, in the scheduler's
        # workers; the health recompute also started by hand meanwhile.
        phase["name"] = "night"
        started = time.time()
        env.cr.execute(
            "UPDATE ir_cron SET nextcall = now() at time zone 'UTC' - interval "
            "'1 minute', lastcall = NULL WHERE id = ANY(%s)",
            [our_crons.ids],
        )
        env.cr.commit()
        env.cr.execute("SELECT pg_notify('cron_trigger', %s)", [db])
        env.cr.commit()
        admin = Salesperson(url, db, "admin", [], {}, {"name": "manual"})
        manual = threading.Thread(target=_manual_health, args=(admin, env), daemon=True)
        manual.start()
        done = False
        while time.time() - started < NIGHT_TIMEOUT:
            time.sleep(2)
            # A new snapshot each time: the scheduler's commits are seen.
            env.cr.rollback()
            env.cr.execute(
                "SELECT count(*) FROM ir_cron WHERE id = ANY(%s) AND lastcall IS NULL",
                [our_crons.ids],
            )
            if not env.cr.fetchone()[0]:
                done = True
                break
        night_seconds = time.time() - started
        phase["name"] = "stop"
        for person in people:
            person.join(timeout=180)
        manual.join(timeout=600)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    env.cr.rollback()  # a snapshot taken after the last request
    env.invalidate_all()
    # Lost writes: every interaction logged is there, every edit kept.
    logged = [item for person in people for item in person.logged]
    env.cr.execute(
        "SELECT id, name FROM relationship_interaction WHERE id = ANY(%s)",
        [[i for i, _name in logged]],
    )
    found = dict(env.cr.fetchall())
    lost = sum(1 for i, name in logged if found.get(i) != name)
    edits = {cid: ref for person in people for cid, ref in person.edits.items()}
    env.cr.execute("SELECT id, ref FROM res_partner WHERE id = ANY(%s)", [list(edits)])
    kept = dict(env.cr.fetchall())
    lost += sum(1 for cid, ref in edits.items() if kept.get(cid) != ref)
    failures = [failure for person in people for failure in person.failures]
    idle = [lat for person in people for lat in person.latencies["idle"]]
    night = [lat for person in people for lat in person.latencies["night"]]
    return {
        "night_done": done,
        "night_seconds": night_seconds,
        "requests_idle": len(idle),
        "requests_night": len(night),
        "failed_requests": len(failures),
        "failures": failures[:5],
        "lost_writes": lost,
        "interactions_logged": len(logged),
        "edits": len(edits),
        "p95_idle_ms": 1000 * p95(idle),
        "p95_night_ms": 1000 * p95(night),
        "median_idle_ms": 1000 * statistics.median(idle) if idle else 0,
        "median_night_ms": 1000 * statistics.median(night) if night else 0,
        "manual_run": admin.phase.get("result"),
        "server_log": log_path,
    }


def _manual_health(admin, env):
    """The health recompute started by hand while the scheduler runs it:
    its button on every client at once, as a manager would."""
    admin.login_password = "admin"
    response = admin.session.post(
        f"{admin.url}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "params": {"db": admin.db, "login": "admin", "password": "admin"},
        },
        timeout=60,
    )
    if "error" in response.json():
        admin.phase["result"] = "admin cannot log in"
        return
    cron = env.ref("relationship_health.ir_cron_relationship_health")
    time.sleep(3)
    result = admin.call("ir.cron", "method_direct_trigger", [cron.id])
    admin.phase["result"] = (
        "ran" if result else f"refused: {admin.failures[-1] if admin.failures else ''}"
    )
