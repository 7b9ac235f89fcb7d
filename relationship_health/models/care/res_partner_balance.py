# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Given and asked: "offer them more opportunities than requests". What we
offered the client (information, introductions, opportunities for them,
gestures) against what we asked of them, over the last 12 months; the
health breakdown remarks on a client we only ask."""

from datetime import timedelta

from odoo import api, fields, models

from ...tools.read_group import read_groups
from ..relationship_interaction import EXCHANGE_ASKED, EXCHANGE_OFFERED

# The balance looks at the last 12 months.
BALANCE_DAYS = 365
BALANCES = [
    ("giving", "We offer more than we ask"),
    ("even", "As much offered as asked"),
    ("asking", "We ask more than we offer"),
    ("only_asking", "We only ask"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    relationship_offered_count = fields.Integer(
        string="Offered (12 months)",
        compute="_compute_relationship_summary",
        help="Interactions and gestures of the last 12 months in which we "
        "offered the client something: information, an introduction, an "
        "opportunity for them, a gesture.",
        groups="relationship_health.group_relationship_user",
    )
    relationship_asked_count = fields.Integer(
        string="Asked (12 months)",
        compute="_compute_relationship_summary",
        help="Interactions and gestures of the last 12 months in which we "
        "asked the client for something.",
        groups="relationship_health.group_relationship_user",
    )
    relationship_balance = fields.Selection(
        BALANCES,
        string="Given and Asked",
        compute="_compute_relationship_summary",
        help="Offer them more opportunities than requests: the balance of "
        "the last 12 months (empty when nothing was marked offered or asked).",
        groups="relationship_health.group_relationship_user",
    )

    # ------------------------------------------------------------------
    # The balance, for a list of clients at once
    # ------------------------------------------------------------------
    @api.model
    def _relationship_balance_requests(self, client_ids, now=None):
        """``{key: (model, domain, groupby, aggregates)}``: the offered and
        asked interactions and gestures of ``client_ids`` over the last 12
        months, counted per client and kind, on the models the user may
        read (see ``tools.read_group``)."""
        since = (now or fields.Datetime.now()) - timedelta(days=BALANCE_DAYS)
        requests = {}
        for key, model, start in (
            ("balance_interactions", "relationship.interaction", since),
            ("balance_gestures", "relationship.gesture.log", since.date()),
        ):
            Model = self.env[model]
            if Model.has_access("read"):
                requests[key] = (
                    Model,
                    [
                        ("partner_id", "in", client_ids),
                        ("exchange", "!=", False),
                        ("date", ">=", start),
                    ],
                    ["partner_id", "exchange"],
                    ["__count"],
                )
        return requests

    @api.model
    def _relationship_balance_counts(self, answers):
        """``{client id: (offered, asked)}`` from the answers to
        ``_relationship_balance_requests``."""
        counts = {}
        for key in ("balance_interactions", "balance_gestures"):
            for client, exchange, count in answers.get(key, []):
                offered, asked = counts.get(client.id, (0, 0))
                if exchange in EXCHANGE_OFFERED:
                    offered += count
                elif exchange in EXCHANGE_ASKED:
                    asked += count
                counts[client.id] = (offered, asked)
        return counts

    def _relationship_balance(self, now=None):
        """``{client id: (offered, asked)}`` over the 12 months before
        ``now``, for the clients of these partners, in ONE query whatever
        their number (with the user's access: what they may not read is not
        counted)."""
        ids = list({p.id for p in self._relationship_commercial_of().values()})
        requests = self._relationship_balance_requests(ids, now)
        answers = read_groups(requests.values())
        return self._relationship_balance_counts(
            dict(zip(requests, answers, strict=True))
        )

    @api.model
    def _relationship_balance_kind(self, offered, asked):
        """The balance of ``offered`` against ``asked`` (False for nothing
        marked). Extension point, e.g. to ask for twice as much offered."""
        if not offered and not asked:
            return False
        if not offered:
            return "only_asking"
        if offered > asked:
            return "giving"
        return "even" if offered == asked else "asking"

    # ------------------------------------------------------------------
    # The client's summary (one query with every add-on's counts)
    # ------------------------------------------------------------------
    def _relationship_summary_requests(self):
        requests = super()._relationship_summary_requests()
        ids = list(
            {client.id for client in self._relationship_commercial_of().values()}
        )
        requests.update(self._relationship_balance_requests(ids))
        return requests

    def _relationship_summary_set(self, answers):
        counts = self._relationship_balance_counts(answers)
        client_of = self._relationship_commercial_of()
        for partner in self:
            offered, asked = counts.get(client_of[partner].id, (0, 0))
            partner.relationship_offered_count = offered
            partner.relationship_asked_count = asked
            partner.relationship_balance = self._relationship_balance_kind(
                offered, asked
            )
        return super()._relationship_summary_set(answers)

    # ------------------------------------------------------------------
    # Health: a remark, not points
    # ------------------------------------------------------------------
    def _health_breakdown_remarks(self):
        """We only ask: said under the breakdown. Not scored: marking what
        was offered or asked is optional, and a client whose interactions
        nobody marked would lose points for what we did not record; the
        remark appears only when something was asked and nothing offered."""
        remarks = super()._health_breakdown_remarks()
        for partner in self:
            if partner.relationship_balance == "only_asking":
                remarks.setdefault(partner.id, []).append(
                    self.env._(
                        "In the last 12 months we asked this client for "
                        "something %(count)s times and offered nothing: give "
                        "before you ask (information, an introduction, an "
                        "opportunity for them).",
                        count=partner.relationship_asked_count,
                    )
                )
        return remarks

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_relationship_offered(self):
        """Button: what we offered this client."""
        return self._relationship_exchange_action("exchange_offered")

    def action_relationship_asked(self):
        """Button: what we asked of this client."""
        return self._relationship_exchange_action("exchange_asked")

    def _relationship_exchange_action(self, search_filter):
        action = self.action_relationship_interactions()
        action["context"] = {
            **action["context"],
            f"search_default_{search_filter}": 1,
        }
        return action
