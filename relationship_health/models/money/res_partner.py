# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Money, when Invoicing (``account``) is installed: what a client was
invoiced and what it owes, read in ONE place for the health components, the
revitalization goals, the health dashboard and the farewell evidence. No
dependency on ``account``: without it every reading returns None.

What counts, everywhere:

- **invoiced**: the untaxed amount of posted customer invoices minus
  posted credit notes (``amount_untaxed_signed``, in the company's
  currency), by invoice date; limited to product categories (children
  included), the untaxed amount of the invoice lines of those products;
- **due**: the amount still to pay of posted customer invoices not paid
  (``amount_residual_signed``); **late**: those past their due date;
- a client's invoices are those of its commercial entity (an invoice to a
  contact counts for its company), in the client's company (a client shared
  by every company is read in the current company): amounts of different
  companies, perhaps in different currencies, are never added up.
"""

from datetime import timedelta

from odoo import Command, api, fields, models

from ...tools.sql import pg_int_array, pg_text_array

# Customer documents that invoice (credit notes subtract).
INVOICED_TYPES = ("out_invoice", "out_refund")
# Payment states of an invoice still (partly) to pay.
OPEN_PAYMENT_STATES = ("not_paid", "partial")


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _relationship_invoicing(self):
        """Whether Invoicing is installed: the money readings need it."""
        return "account.move" in self.env and "account.move.line" in self.env

    @api.model
    def _relationship_invoiced(self, client_ids, date_from, date_to, category_ids=None):
        """``{client id: amount}`` invoiced to each client of ``client_ids``
        (commercial partners) from ``date_from`` to ``date_to`` (dates,
        inclusive), untaxed, in the company's currency; only the products
        of ``category_ids`` (and their child categories) when given. Every
        client asked for is in the answer (0.0 when nothing was invoiced).
        None without Invoicing. One query, whatever the number of clients."""
        amounts = self._relationship_invoiced_read(
            [
                (client_id, client_id, date_from, date_to, category_ids)
                for client_id in client_ids
            ]
        )
        if amounts is None:
            return None
        return {key: amount for key, (amount, _currency) in amounts.items()}

    @api.model
    def _relationship_invoiced_read(self, requests):
        """What was invoiced, for many questions at once: ``requests`` is a
        list of ``(key, client id, date from, date to, category ids or
        None)``; returns ``{key: (amount, currency id)}``, the currency being
        the client's company's. None without Invoicing. ONE query for all of
        them (a goal, a health line or a dashboard figure each asks for
        its own client, period and categories).

        Raw SQL: a _read_group per period and set of categories would be a
        query per goal; the values are derived figures about clients the
        caller may read, the same whoever asks (as the health's).

        Invoices are reached through the client's people (res_partner's
        index on commercial_partner_id, then account_move's on partner_id):
        Invoicing has no index on account_move.commercial_partner_id, and
        scanning every invoice for each batch of clients does not hold at
        100,000 clients. The stored commercial partner still decides, so
        an invoice stays with the client it was made out to."""
        if not self._relationship_invoicing():
            return None
        requests = list(requests)
        if not requests:
            return {}
        self._relationship_flush_money()
        keys = [request[0] for request in requests]
        self.env.cr.execute(
            """
            SELECT r.position, COALESCE(sum(x.amount), 0), max(c.currency_id)
              FROM unnest(%(clients)s::int[], %(froms)s::date[], %(tos)s::date[],
                          %(categories)s::text[])
                   WITH ORDINALITY AS r(client_id, date_from, date_to, categories,
                                        position)
              JOIN res_partner p ON p.id = r.client_id
              JOIN res_company c ON c.id = COALESCE(p.company_id, %(company)s)
              LEFT JOIN LATERAL (
                    SELECT m.amount_untaxed_signed AS amount
                      FROM res_partner who
                      JOIN account_move m ON m.partner_id = who.id
                     WHERE r.categories IS NULL
                       AND who.commercial_partner_id = r.client_id
                       AND m.commercial_partner_id = r.client_id
                       AND m.company_id = c.id
                       AND m.state = 'posted'
                       AND m.move_type IN %(types)s
                       AND m.invoice_date BETWEEN r.date_from AND r.date_to
                    UNION ALL
                    SELECT -l.balance
                      FROM res_partner who
                      JOIN account_move m ON m.partner_id = who.id
                      JOIN account_move_line l ON l.move_id = m.id
                      JOIN product_product pp ON pp.id = l.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                      JOIN product_category pc ON pc.id = pt.categ_id
                     WHERE r.categories IS NOT NULL
                       AND who.commercial_partner_id = r.client_id
                       AND m.commercial_partner_id = r.client_id
                       AND m.company_id = c.id
                       AND m.state = 'posted'
                       AND m.move_type IN %(types)s
                       AND m.invoice_date BETWEEN r.date_from AND r.date_to
                       AND l.display_type = 'product'
                       AND EXISTS (
                            SELECT 1 FROM product_category root
                             WHERE root.id = ANY(r.categories::int[])
                               AND pc.parent_path LIKE root.parent_path || '%%')
              ) AS x ON TRUE
             GROUP BY r.position
            """,
            {
                "clients": pg_int_array(request[1] for request in requests),
                "froms": pg_text_array(str(request[2]) for request in requests),
                "tos": pg_text_array(str(request[3]) for request in requests),
                "categories": pg_text_array(
                    None if request[4] is None else pg_int_array(request[4])
                    for request in requests
                ),
                "company": self.env.company.id,
                "types": INVOICED_TYPES,
            },
        )
        return {
            keys[position - 1]: (amount, currency_id)
            for position, amount, currency_id in self.env.cr.fetchall()
        }

    @api.model
    def _relationship_overdue(self, client_ids, today, tolerance_days=0, since=None):
        """What each client of ``client_ids`` owes us on ``today`` (a date):
        ``{client id: {"invoices", "due", "late", "late_count", "days",
        "currency"}}``: the customer invoices looked at (posted since
        ``since``, or still open), what is still to pay on them, what of it
        is more than ``tolerance_days`` past its due date (an int, or
        ``{client id: days}``) and on how many invoices, the days the
        oldest unpaid invoice is past its due date (None: none is), the
        currency of the amounts (the client's company's). Clients without
        any such invoice are left out. None without Invoicing. One query.
        """
        if not self._relationship_invoicing():
            return None
        client_ids = list(client_ids)
        if not client_ids:
            return {}
        if isinstance(tolerance_days, dict):
            tolerances = [tolerance_days.get(cid, 0) for cid in client_ids]
        else:
            tolerances = [tolerance_days] * len(client_ids)
        self._relationship_flush_money()
        self.env.cr.execute(
            """
            SELECT r.client_id,
                   count(*),
                   COALESCE(sum(m.amount_residual_signed) FILTER (WHERE o.open), 0),
                   COALESCE(sum(m.amount_residual_signed) FILTER (
                       WHERE o.open AND m.invoice_date_due < %(today)s - r.tolerance
                   ), 0),
                   count(*) FILTER (
                       WHERE o.open AND m.invoice_date_due < %(today)s - r.tolerance
                   ),
                   max(%(today)s - m.invoice_date_due) FILTER (
                       WHERE o.open AND m.invoice_date_due < %(today)s
                   ),
                   max(c.currency_id)
              FROM unnest(%(clients)s::int[], %(tolerances)s::int[])
                   AS r(client_id, tolerance)
              JOIN res_partner p ON p.id = r.client_id
              JOIN res_company c ON c.id = COALESCE(p.company_id, %(company)s)
              JOIN res_partner who ON who.commercial_partner_id = r.client_id
              JOIN account_move m
                ON m.partner_id = who.id
               AND m.commercial_partner_id = r.client_id
               AND m.company_id = c.id
               AND m.state = 'posted'
               AND m.move_type = 'out_invoice'
             CROSS JOIN LATERAL (
                    SELECT m.payment_state IN %(open)s
                           AND m.amount_residual_signed > 0 AS open) AS o
             WHERE o.open OR m.invoice_date >= %(since)s
             GROUP BY r.client_id
            """,
            {
                "clients": pg_int_array(client_ids),
                "tolerances": pg_int_array(tolerances),
                "today": today,
                "since": since or today,
                "company": self.env.company.id,
                "open": OPEN_PAYMENT_STATES,
            },
        )
        return {
            client_id: {
                "invoices": invoices,
                "due": due,
                "late": late,
                "late_count": late_count,
                "days": days,
                "currency": currency_id,
            }
            for (
                client_id,
                invoices,
                due,
                late,
                late_count,
                days,
                currency_id,
            ) in self.env.cr.fetchall()
        }

    @api.model
    def _relationship_flush_money(self):
        """What the money readings read in SQL, written first."""
        self.env["res.partner"].flush_model(["commercial_partner_id", "company_id"])
        self.env["account.move"].flush_model(
            [
                "partner_id",
                "commercial_partner_id",
                "company_id",
                "state",
                "move_type",
                "invoice_date",
                "invoice_date_due",
                "amount_untaxed_signed",
                "amount_residual_signed",
                "payment_state",
            ]
        )
        self.env["account.move.line"].flush_model(
            ["move_id", "product_id", "balance", "display_type"]
        )
        self.env["product.product"].flush_model(["product_tmpl_id"])
        self.env["product.template"].flush_model(["categ_id"])
        self.env["product.category"].flush_model(["parent_path"])

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _relationship_demo_invoices(self):
        """Demo data, when Invoicing is installed (called from the demo
        XML; returns at once otherwise): Transportes Albero's invoices fall
        (eight in the year before, two small ones in the last 12 months, one
        of them overdue); Aceros Brisa and Nubia buy steadily or more.
        Idempotent: a client that already has invoices is left alone."""
        if not self._relationship_invoicing():
            return False
        company = self.env.ref("base.main_company")
        journal = self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        if not journal:
            return False
        today = fields.Date.context_today(self)
        # (client, [(days ago, amount, days to pay, paid)])
        story = {
            "relationship_health.demo_partner_albero": [
                (days, 4200.0, 30, True) for days in range(380, 700, 40)
            ]
            + [(200, 900.0, 30, True), (75, 650.0, 30, False)],
            "relationship_health.demo_partner_aceros": [
                (days, 9500.0, 30, True) for days in range(400, 700, 90)
            ]
            + [(days, 11000.0, 30, days > 40) for days in range(20, 340, 90)],
            "relationship_health.demo_partner_nubia": [
                (days, 3000.0, 30, True) for days in range(420, 700, 120)
            ]
            + [(days, 4500.0, 30, days > 40) for days in range(15, 340, 80)],
        }
        Move = self.env["account.move"].with_company(company)
        clients = self.browse([self.env.ref(xmlid).id for xmlid in story])
        invoiced = self._relationship_invoiced(
            clients.ids, today - timedelta(days=3650), today
        )
        vals_list, paid = [], []
        for xmlid, invoices in story.items():
            client = self.env.ref(xmlid)
            if invoiced.get(client.id):
                continue
            for days, amount, term, is_paid in invoices:
                date = today - timedelta(days=days)
                vals_list.append(
                    {
                        "move_type": "out_invoice",
                        "partner_id": client.id,
                        "journal_id": journal.id,
                        "invoice_date": date,
                        "invoice_date_due": date + timedelta(days=term),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "Services",
                                    "quantity": 1,
                                    "price_unit": amount,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
                paid.append(is_paid)
        if not vals_list:
            return True
        moves = Move.create(vals_list)
        moves.action_post()
        to_pay = moves.browse(
            [move.id for move, is_paid in zip(moves, paid, strict=True) if is_paid]
        )
        if to_pay:
            self.env["account.payment.register"].with_company(company).with_context(
                active_model="account.move", active_ids=to_pay.ids
            ).create({"group_payment": False})._create_payments()
        self.env["relationship.revitalization.goal"].search(
            [("partner_id", "in", clients.ids)]
        )._relationship_measure()
        # Their health with their revenue, as the night would store it.
        self.env["relationship.health.engine"]._recompute(clients)
        return True
