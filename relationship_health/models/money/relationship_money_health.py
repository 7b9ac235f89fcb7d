# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Money as health components, when Invoicing is installed: the revenue
trend and the payment behaviour, plugged in through the engine's extension
point ``_health_components()``; and the client's revenue of the last 12
months stored with its health, for the dashboard. Without Invoicing both
lines are shown as not counted and the revenue stays empty."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.misc import format_amount, formatLang
from odoo.tools.translate import _lt

from ...tools.sql import pg_float_array, pg_int_array
from ..health.relationship_health_component import HealthComponent

# The revenue stored with the health: the year before the computation.
REVENUE_DAYS = 365


def _money(env, amount, currency_id):
    """``amount`` in the reader's language with the currency's symbol."""
    currency = env["res.currency"].browse(currency_id).exists()
    if not currency:
        return formatLang(env, amount, digits=2)
    return format_amount(env, amount, currency)


def _today(env, now):
    return fields.Date.context_today(env["res.partner"], now)


class RevenueComponent(HealthComponent):
    """What we invoiced the client in the last window against the window
    before: a client that buys less is drifting away, whatever its emails
    say (issue 11). The target is the share of the previous year's revenue
    to keep."""

    key = "revenue"
    label = _lt("Revenue trend")
    target_label = _lt("% of the previous period's revenue")
    default_target = 100
    default_window_days = 365

    def measure(self, env, clients, line_by_client, now):
        """ONE query for the batch: both periods of every client."""
        today = _today(env, now)
        requests = []
        for client_id in clients.ids:
            days = line_by_client[client_id]["window_days"] or self.default_window_days
            start = today - timedelta(days=days - 1)
            requests += [
                (("current", client_id), client_id, start, today, None),
                (
                    ("previous", client_id),
                    client_id,
                    start - timedelta(days=days),
                    start - timedelta(days=1),
                    None,
                ),
            ]
        amounts = env["res.partner"]._relationship_invoiced_read(requests)
        if amounts is None:
            return {}
        raw = {}
        for client_id in clients.ids:
            current, currency = amounts.get(("current", client_id), (0.0, None))
            previous, _currency = amounts.get(("previous", client_id), (0.0, None))
            if current or previous:
                raw[client_id] = {
                    "current": round(current, 2),
                    "previous": round(previous, 2),
                    "currency": currency,
                }
        return raw

    def score(self, raw, params):
        # Nothing invoiced in either period (or Invoicing not installed):
        # nothing to judge the client on.
        if not raw or (raw["current"] <= 0 and raw["previous"] <= 0):
            return None
        if raw["previous"] <= 0:
            return 100
        kept = 100 * max(raw["current"], 0) / raw["previous"]
        return self._ratio_points(kept, params["target"])

    def explain(self, env, raw, params):
        window = params["window_days"] or self.default_window_days
        if not raw or (raw["current"] <= 0 and raw["previous"] <= 0):
            if not env["res.partner"]._relationship_invoicing():
                return env._("Invoicing is not installed: revenue is not measured.")
            return env._(
                "Nothing invoiced in the last %(window)s days nor in the "
                "%(window)s days before: not counted.",
                window=window,
            )
        current = _money(env, raw["current"], raw["currency"])
        previous = _money(env, raw["previous"], raw["currency"])
        if raw["previous"] <= 0:
            return env._(
                "%(current)s invoiced in the last %(window)s days, nothing in "
                "the %(window)s days before: a new client.",
                current=current,
                window=window,
            )
        return env._(
            "%(current)s invoiced in the last %(window)s days against "
            "%(previous)s in the %(window)s days before: %(kept)s%% kept "
            "(target %(target)s%%).",
            current=current,
            previous=previous,
            window=window,
            kept=round(100 * max(raw["current"], 0) / raw["previous"]),
            target=round(params["target"]),
        )


class PaymentComponent(HealthComponent):
    """How the client pays: what of what it owes us is past due, and for
    how long. The target is the days late we tolerate: invoices late by
    that many days or fewer are not held against the client."""

    key = "payment"
    label = _lt("Payment behaviour")
    target_label = _lt("days late tolerated")
    default_target = 15
    default_window_days = 365

    def measure(self, env, clients, line_by_client, now):
        """ONE query for the batch."""
        today = _today(env, now)
        windows = {
            client_id: line_by_client[client_id]["window_days"]
            or self.default_window_days
            for client_id in clients.ids
        }
        owed = env["res.partner"]._relationship_overdue(
            clients.ids,
            today,
            tolerance_days={
                client_id: round(line_by_client[client_id]["target"])
                for client_id in clients.ids
            },
            since=today - timedelta(days=max(windows.values(), default=0)),
        )
        if not owed:
            return {}
        return {
            client_id: {
                "invoices": values["invoices"],
                "due": round(values["due"], 2),
                "late": round(values["late"], 2),
                "late_count": values["late_count"],
                "days": values["days"],
                "currency": values["currency"],
            }
            for client_id, values in owed.items()
        }

    @staticmethod
    def _late_share(raw):
        if not raw["due"] or raw["late"] <= 0:
            return 0
        return min(100, round(100 * raw["late"] / raw["due"]))

    def _delay_points(self, days, target):
        """100 up to ``target`` days late, down to 0 at three times it."""
        if not days:
            return 100
        if not target:
            return 0
        return self._days_since_points(days, target)

    def score(self, raw, params):
        # No invoice in the window and none open (or no Invoicing).
        if not raw:
            return None
        if raw["late"] <= 0:
            return 100
        # Half for the share of what is due that is late, half for how late.
        share_points = 100 - self._late_share(raw)
        delay_points = self._delay_points(raw["days"], params["target"])
        return round((share_points + delay_points) / 2)

    def explain(self, env, raw, params):
        target = round(params["target"])
        if not raw:
            if not env["res.partner"]._relationship_invoicing():
                return env._("Invoicing is not installed: payments are not measured.")
            return env._(
                "No invoice in the last %(window)s days and none to pay: not counted.",
                window=params["window_days"] or self.default_window_days,
            )
        due = _money(env, raw["due"], raw["currency"])
        if raw["late"] <= 0:
            if raw["days"]:
                return env._(
                    "%(due)s to pay, the oldest %(days)s days past due (up to "
                    "%(target)s days tolerated).",
                    due=due,
                    days=raw["days"],
                    target=target,
                )
            return env._(
                "Nothing past due (%(due)s still to pay, not yet due).",
                due=due,
            )
        return env._(
            "%(late)s of the %(due)s to pay (%(share)s%%) is more than "
            "%(target)s days late, on %(count)s invoices; the oldest is "
            "%(days)s days past due.",
            late=_money(env, raw["late"], raw["currency"]),
            due=due,
            share=self._late_share(raw),
            target=target,
            count=raw["late_count"],
            days=raw["days"],
        )


class RelationshipHealthEngine(models.AbstractModel):
    _inherit = "relationship.health.engine"

    def _health_components(self):
        components = super()._health_components()
        for component in (RevenueComponent(), PaymentComponent()):
            components[component.key] = component
        return components

    @api.model
    def _recompute_batch(self, clients, now, today):
        done = super()._recompute_batch(clients, now, today)
        self._store_revenue(done, now)
        return done

    @api.model
    def _store_revenue(self, clients, now):
        """The revenue of the last 12 months of ``clients``, on the health
        just written: one query reads it, one statement writes what changed
        (a second run the same day writes nothing). Left empty without
        Invoicing."""
        if not clients:
            return
        today = _today(self.env, now)
        amounts = self.env["res.partner"]._relationship_invoiced(
            clients.ids, today - timedelta(days=REVENUE_DAYS - 1), today
        )
        if amounts is None:
            return
        Health = self.env["relationship.health"]
        Health.flush_model(["partner_id", "revenue"])
        ids = list(amounts)
        self.env.cr.execute(
            """
            UPDATE relationship_health h
               SET revenue = v.revenue
              FROM unnest(%s::int[], %s::float8[]) AS v(partner_id, revenue)
             WHERE h.partner_id = v.partner_id
               AND h.revenue IS DISTINCT FROM v.revenue
            """,
            [pg_int_array(ids), pg_float_array(amounts[i] for i in ids)],
        )
        Health.invalidate_model(["revenue"])
