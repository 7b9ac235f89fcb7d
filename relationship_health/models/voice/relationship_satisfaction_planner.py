# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

from ...tools.batch import exclusive, run_in_batches

# A person asked after a visit is not asked again before these days when
# their care rule sends no periodic request.
DEFAULT_QUIET_DAYS = 90
# A visit logged later than this after it happened asks nobody: the
# client would not remember it.
VISIT_RECENT_DAYS = 7


class RelationshipSatisfactionPlanner(models.AbstractModel):
    """Who is asked how we are doing, and when: after a problem is resolved
    (the person who raised it), after an in-person visit (the people met)
    and on the cadence of the client's care rule (the people we talk
    with). The requests themselves are ``relationship.satisfaction.request``.

    Never two requests waiting for the same person; after a visit and
    periodically, nobody asked within the care rule's satisfaction cadence
    is asked again. As superuser: the follow-up of what a user was allowed
    to do (resolve a problem, log a visit), or the night's work.
    """

    _name = "relationship.satisfaction.planner"
    _description = "Satisfaction Request Planner"

    def _requests(self):
        return self.env["relationship.satisfaction.request"].sudo()

    # ------------------------------------------------------------------
    # Triggers
    # ------------------------------------------------------------------
    @api.model
    def _request_after_problems(self, problems):
        """Problems just resolved: their contact is asked."""
        return self._ask(
            [
                {
                    "partner_id": problem.partner_id.id,
                    "contact_id": problem.contact_id.id,
                    "trigger": "problem",
                    "problem_id": problem.id,
                }
                for problem in problems.sudo()
                if problem.contact_id
            ]
        )

    @api.model
    def _request_after_visits(self, interactions, now=None):
        """Visits just logged: the people met are asked, once per cadence."""
        now = now or fields.Datetime.now()
        since = now - timedelta(days=VISIT_RECENT_DAYS)
        return self._ask(
            [
                {
                    "partner_id": visit.partner_id.id,
                    "contact_id": contact.id,
                    "trigger": "visit",
                    "interaction_id": visit.id,
                }
                for visit in interactions.sudo()
                if visit.channel == "visit" and visit.date >= since
                for contact in visit.contact_ids
            ],
            quiet=True,
        )

    # ------------------------------------------------------------------
    # The periodic run
    # ------------------------------------------------------------------
    @api.model
    def _cron_send_periodic(self, now=None):
        """Scheduled: ask each client's people on the cadence of its care
        rule, in batches; idempotent (who was asked within the cadence is
        not asked again). Returns how many requests were sent."""
        now = now or fields.Datetime.now()
        sent = []
        with exclusive(self.env, "satisfaction requests") as mine:
            if mine:
                Partner = self.env["res.partner"].sudo()
                clients = Partner.with_context(prefetch_fields=False).browse(
                    Partner._care_client_ids()
                )
                run_in_batches(
                    clients,
                    lambda batch: sent.extend(self._periodic_batch(batch, now).ids),
                    label="Satisfaction requests",
                )
        return len(sent)

    @api.model
    def _periodic_batch(self, clients, now):
        """The requests due for ``clients``: the people who took part in an
        interaction within the cadence (an individual client: itself)."""
        clients = clients.sudo()._care_in_scope()
        days = self._cadence_days(clients)
        clients = clients.filtered(lambda c: days[c.id])
        if not clients:
            return self._requests()
        since = now - timedelta(days=max(days[c.id] for c in clients))
        interactions = (
            self.env["relationship.interaction"]
            .sudo()
            .search_fetch(
                [("partner_id", "in", clients.ids), ("date", ">=", since)],
                ["partner_id", "date", "contact_ids"],
            )
        )
        people = {}
        for interaction in interactions:
            client = interaction.partner_id
            if interaction.date >= now - timedelta(days=days[client.id]):
                for contact in interaction.contact_ids:
                    people.setdefault((client.id, contact.id), None)
        for client in clients.filtered(lambda c: not c.is_company):
            people.setdefault((client.id, client.id), None)
        return self._ask(
            [
                {
                    "partner_id": client_id,
                    "contact_id": contact_id,
                    "trigger": "periodic",
                }
                for client_id, contact_id in people
            ],
            quiet=True,
            now=now,
        )

    @api.model
    def _cadence_days(self, clients):
        """{client id: days between two periodic requests (0: none)}."""
        rules = self.env["relationship.cadence.rule"].sudo()._rule_by_client(clients)
        return {client.id: rules[client.id][:1].satisfaction_days for client in clients}

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    @api.model
    def _ask(self, candidates, quiet=False, now=None):
        """Create and send the requests of ``candidates`` (dicts of request
        values) whose person can be asked: an email, not one of us, no
        request waiting, and with ``quiet`` not asked within their client's
        cadence. A few queries whatever their number. Returns the requests."""
        if not candidates:
            return self._requests()
        now = now or fields.Datetime.now()
        Partner = self.env["res.partner"].sudo()
        contacts = Partner.browse({vals["contact_id"] for vals in candidates})
        contacts.fetch(["email", "commercial_partner_id"])
        ours = self.env["relationship.interaction"]._internal_partners(contacts)
        Request = self._requests()
        waiting = {
            contact.id
            for [contact] in Request._read_group(
                [("contact_id", "in", contacts.ids), ("state", "=", "sent")],
                ["contact_id"],
            )
        }
        last_asked = {}
        quiet_days = {}
        if quiet:
            last_asked = {
                contact.id: last
                for contact, last in Request._read_group(
                    [("contact_id", "in", contacts.ids)],
                    ["contact_id"],
                    ["sent_date:max"],
                )
            }
            clients = Partner.browse({vals["partner_id"] for vals in candidates})
            quiet_days = self._cadence_days(clients)
        to_create = []
        for vals in candidates:
            contact = Partner.browse(vals["contact_id"])
            if (
                contact.id in waiting
                or contact in ours
                or not (contact.email or "").strip()
                or contact.commercial_partner_id.id != vals["partner_id"]
            ):
                continue
            if quiet:
                days = quiet_days[vals["partner_id"]] or DEFAULT_QUIET_DAYS
                last = last_asked.get(contact.id)
                if last and last > now - timedelta(days=days):
                    continue
            waiting.add(contact.id)
            to_create.append(vals)
        if not to_create:
            return Request
        with Request._system_write():
            return Request.create(to_create)
