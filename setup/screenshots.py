#!/usr/bin/env python3
# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Screenshots of the main screens for README.md, taken from a running Odoo
with the demo data, as the demo users see them, through headless Chromium
driven over its devtools protocol (websocket-client, as Odoo's own browser
tests do). Called by setup/screenshots.sh (`make screenshots`), which serves
a fresh demo database for it.

    setup/screenshots.py URL DB OUTPUT_DIR [NAME...]
"""

import base64
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import xmlrpc.client
from pathlib import Path

from websocket import create_connection

WIDTH, HEIGHT = 1440, 900
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--remote-allow-origins=*",
    f"--window-size={WIDTH},{HEIGHT}",
]


class Browser:
    """Headless Chromium with a fresh profile, one page, driven over the
    devtools protocol."""

    def __init__(self):
        binary = next(
            filter(
                None,
                map(shutil.which, ("chromium", "chromium-browser", "google-chrome")),
            )
        )
        self.profile = tempfile.mkdtemp(prefix="rh-screenshots-")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [
                binary,
                *CHROME_FLAGS,
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={port}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        page = self._page_target(port)
        self.ws = create_connection(
            page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )
        self.ids = itertools.count(1)
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    @staticmethod
    def _page_target(port):
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/json/list"
                ) as answer:
                    pages = [t for t in json.load(answer) if t["type"] == "page"]
                if pages:
                    return pages[0]
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("Chromium did not open its devtools port")

    def send(self, method, **params):
        message_id = next(self.ids)
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression, timeout=60, what=None):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(f"!!({expression})"):
                return
            time.sleep(0.25)
        raise TimeoutError(f"waited {timeout}s for {what or expression}")

    def go(self, url):
        self.send("Page.navigate", url=url)
        self.wait("document.readyState === 'complete'", what=url)

    def settle(self, seconds=1.5):
        """Until Odoo has no request under way, then a moment for drawing."""
        time.sleep(0.5)
        self.wait(
            "!document.querySelector('.o_loading_indicator, .o_blockUI')",
            what="the page to load",
        )
        time.sleep(seconds)

    def hide_notifications(self):
        """Drop passing notifications (e.g. "The page is out of date", that
        a fresh database's first asset build triggers) from the picture."""
        self.evaluate(
            "document.querySelectorAll('.o_notification_manager .o_notification')"
            ".forEach((n) => n.remove())"
        )

    def viewport(self, height=HEIGHT):
        """Odoo scrolls inside the page, not the window: to picture a long
        form, make the window as tall as the part to show."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.settle(0.5)

    def screenshot(self, path, elements=(), margin=16, max_height=None):
        """The window as shown, or the box around ``elements`` (JavaScript
        expressions of elements), at most ``max_height`` pixels high."""
        self.hide_notifications()
        params = {"format": "png"}
        if elements:
            box = self.evaluate(
                f"""(() => {{
                    const rects = [{", ".join(elements)}].map(
                        (e) => e.getBoundingClientRect());
                    const left = Math.min(...rects.map((r) => r.left));
                    const top = Math.min(...rects.map((r) => r.top));
                    const right = Math.max(...rects.map((r) => r.right));
                    const bottom = Math.max(...rects.map((r) => r.bottom));
                    return {{x: left, y: top, width: right - left,
                             height: bottom - top}};
                }})()"""
            )
            height = box["height"] + 2 * margin
            params["clip"] = {
                "x": max(box["x"] - margin, 0),
                "y": max(box["y"] - margin, 0),
                "width": box["width"] + 2 * margin,
                "height": min(height, max_height) if max_height else height,
                "scale": 1,
            }
        data = self.send("Page.captureScreenshot", **params)["data"]
        Path(path).write_bytes(base64.b64decode(data))
        self.viewport()

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=20)
            shutil.rmtree(self.profile, ignore_errors=True)


class Demo:
    """The demo database served at ``url``, seen by its demo users."""

    def __init__(self, url, db, browser):
        self.url, self.db, self.browser = url.rstrip("/"), db, browser
        common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
        self.admin_uid = common.authenticate(db, "admin", "admin", {})
        self.models = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/object")

    def record_id(self, xmlid):
        module, name = xmlid.split(".")
        [row] = self.models.execute_kw(
            self.db,
            self.admin_uid,
            "admin",
            "ir.model.data",
            "search_read",
            [[("module", "=", module), ("name", "=", name)]],
            {"fields": ["res_id"]},
        )
        return row["res_id"]

    def login(self, login):
        """Log in through the login form, as a person would (password =
        login for the demo salespeople, README)."""
        browser = self.browser
        browser.send("Network.clearBrowserCookies")
        browser.go(f"{self.url}/web/login?db={self.db}")
        value = json.dumps(login)
        browser.evaluate(
            f"""(() => {{
                document.querySelector('input[name=login]').value = {value};
                document.querySelector('input[name=password]').value = {value};
                document.querySelector('form.oe_login_form').submit();
            }})()"""
        )
        browser.wait("location.pathname.startsWith('/odoo')", what=f"{login} to log in")
        browser.wait("document.querySelector('.o_main_navbar')", what="the web client")

    def open(self, path, ready):
        self.browser.go(f"{self.url}{path}")
        self.browser.wait(f"document.querySelector({json.dumps(ready)})", what=ready)
        self.browser.settle()

    def click(self, selector, text=None):
        condition = (
            f"[...document.querySelectorAll({json.dumps(selector)})]"
            f".find(e => e.textContent.trim() === {json.dumps(text)})"
            if text
            else f"document.querySelector({json.dumps(selector)})"
        )
        self.browser.wait(condition, what=f"{selector} {text or ''}")
        self.browser.evaluate(f"({condition}).click()")
        self.browser.settle()


# ----------------------------------------------------------------------
# The shots: name -> function(demo, path)
# ----------------------------------------------------------------------
def _aceros_relationship_page(demo):
    demo.login("marta.ruiz")
    client = demo.record_id("relationship_health.demo_partner_aceros")
    demo.open(f"/odoo/contacts/{client}", ".o_form_view .o_notebook")
    demo.click(".o_notebook .nav-link", "Relationship")


def _element(selector, text=None):
    """A JavaScript expression of the element ``selector`` (whose text is
    ``text``)."""
    if text is None:
        return f"document.querySelector({json.dumps(selector)})"
    return (
        f"[...document.querySelectorAll({json.dumps(selector)})]"
        f".find((e) => e.textContent.trim() === {json.dumps(text)})"
    )


def client_relationship(demo, path):
    """Marta opens Aceros Brisa, her key account, on its Relationship page:
    stage, owner, health and why."""
    _aceros_relationship_page(demo)
    demo.browser.viewport(1800)
    demo.browser.screenshot(path, [_element(".o_form_sheet")], max_height=1350)


def stakeholder_map(demo, path):
    """Aceros Brisa's shape and map: both sides by function, a line per
    thread."""
    _aceros_relationship_page(demo)
    demo.browser.viewport(3000)
    stakeholders = _element(".o_horizontal_separator", "Stakeholders")
    demo.browser.screenshot(
        path,
        [f"{stakeholders}.closest('.o_group')", _element("div[name=kad_map_data]")],
    )


def _dashboard(demo, path, login, name):
    demo.login(login)
    demo.open("/odoo/dashboards", ".o_spreadsheet_dashboard_action")
    demo.click(".o_search_panel_category_value .o_dashboard_name", name)
    demo.browser.wait("document.querySelector('.o-figure canvas')", what="the charts")
    demo.browser.settle(4)
    demo.browser.screenshot(path)


def dashboard_client_health(demo, path):
    """The manager's view: every owner's clients."""
    _dashboard(demo, path, "admin", "Client Health")


def dashboard_client_health_salesperson(demo, path):
    """Jorge opens the same dashboard: it starts on his own clients."""
    _dashboard(demo, path, "jorge.lago", "Client Health")


def dashboard_key_accounts(demo, path):
    _dashboard(demo, path, "admin", "Key Accounts")


def dashboard_departures(demo, path):
    _dashboard(demo, path, "admin", "Departures")


def health_kanban(demo, path):
    """CRM > Relationship > Relationship Health, by band, as the manager."""
    demo.login("admin")
    demo.open(
        "/odoo/action-relationship_health.relationship_health_action",
        ".o_graph_view, .o_pivot_view, .o_list_view",
    )
    demo.click(".o_switch_view.o_kanban")
    demo.browser.screenshot(path)


def farewell_assessment(demo, path):
    """The manager's decision on Hostal Miramar, on its frozen evidence."""
    demo.login("admin")
    assessment = demo.record_id("customer_farewell.demo_assessment_miramar")
    demo.open(
        f"/odoo/action-customer_farewell.farewell_assessment_action/{assessment}",
        ".o_form_view .o_notebook",
    )
    demo.click(".o_notebook .nav-link", "Evidence")
    demo.browser.screenshot(path)


SHOTS = {
    "client-relationship": client_relationship,
    "stakeholder-map": stakeholder_map,
    "dashboard-client-health": dashboard_client_health,
    "dashboard-client-health-salesperson": dashboard_client_health_salesperson,
    "dashboard-key-accounts": dashboard_key_accounts,
    "dashboard-departures": dashboard_departures,
    "health-kanban": health_kanban,
    "farewell-assessment": farewell_assessment,
}


def main(url, db, output, names):
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    browser = Browser()
    try:
        demo = Demo(url, db, browser)
        for name in names or SHOTS:
            path = output / f"{name}.png"
            SHOTS[name](demo, path)
            print(f"[screenshots] {path}", file=sys.stderr)
    finally:
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    os.environ.setdefault("NO_PROXY", "localhost,127.0.0.1")
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
