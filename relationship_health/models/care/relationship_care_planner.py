# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.misc import format_date

from ...tools.batch import exclusive, run_in_batches
from ...tools.sql import pg_int_array
from .relationship_care_reminder import (
    ACTIVITY_TYPE_XMLIDS,
    CADENCE_KINDS,
    INTERACTION_CHANNELS_BY_KIND,
    LOOKBACK_DAYS,
    next_anniversary,
)


class RelationshipCarePlanner(models.AbstractModel):
    """Plans the clients' care: the daily run (``_cron_plan_care``) keeps
    the reminders of every client from its cadence rule, each with an
    activity for the account owner, and closes them when the care happens
    (an interaction of the right kind, a gesture for a referral).

    The same due care never gets two reminders: a reminder's ``key`` is
    unique while it matters.
    """

    _name = "relationship.care.planner"
    _description = "Care Planner"

    @api.model
    def _reminders(self):
        return self.env["relationship.care.reminder"]

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------
    @api.model
    def _care_thanks_sources(self):
        """Where won business comes from, for the thank-you calls: a list of
        {"model", "domain", "date" (when it was won), "partner" (the client
        field), optional "same_as" (a field pointing to a record thanked
        instead, so that one deal is thanked once)}.

        Extension point. Sale orders count only when the ``sale`` add-on is
        installed: this add-on does not depend on it.
        """
        sources = [
            {
                "model": "crm.lead",
                "domain": [("stage_id.is_won", "=", True), ("active", "=", True)],
                "date": "date_closed",
                "partner": "partner_id",
            }
        ]
        if "sale.order" in self.env:
            order = {
                "model": "sale.order",
                "domain": [("state", "=", "sale")],
                "date": "date_order",
                "partner": "partner_id",
            }
            if "opportunity_id" in self.env["sale.order"]._fields:
                order["same_as"] = "opportunity_id"
            sources.append(order)
        return sources

    # ------------------------------------------------------------------
    # The daily run
    # ------------------------------------------------------------------
    @api.model
    def _cron_plan_care(self):
        """Scheduled: plan the care of every client."""
        return self._plan_all()

    @api.model
    def _plan_all(self, now=None, commit=True):
        """Plan the care of every client in batches (see ``tools.batch``);
        idempotent: a second run the same day changes nothing; once at a
        time."""
        now = now or fields.Datetime.now()
        with exclusive(self.env, "care planning") as mine:
            if not mine:
                return 0
            clients = (
                self.env["res.partner"]
                .with_context(prefetch_fields=False)
                .browse(self.env["res.partner"]._care_client_ids())
            )
            done = run_in_batches(
                clients,
                lambda batch: self._plan_batch(batch, now),
                commit=commit,
                label="Care",
                analyze=[
                    self.env[model]._table
                    for model in (
                        "relationship.care.reminder",
                        "mail.activity",
                        "mail.followers",
                    )
                ],
            )
            # Won deals and referrals: bounded by the look-back window.
            since = now - timedelta(days=LOOKBACK_DAYS)
            self._plan_thanks(now, since)
            self._plan_referrals(
                self.env["crm.lead"].search(
                    [
                        ("relationship_referrer_id", "!=", False),
                        ("create_date", ">=", since),
                    ]
                ),
                now,
            )
            self._retire()
            return done

    @api.model
    def _plan_batch(self, clients, now):
        clients = clients._care_in_scope()
        rules = self.env["relationship.cadence.rule"]._rule_by_client(clients)
        # Care given since the last run (e.g. imported interactions).
        self._fulfil_by_interactions(clients, now)
        self._plan_cadence(clients, now, rules)
        clients._care_fill_first_deal_dates()
        self._plan_occasions(clients, now, rules)
        self._follow_owners(clients)

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------
    @api.model
    def _plan_cadence(self, clients, now, rules=None):
        """Keep one open contact and one open visit reminder per client, due
        when the cadence of its rule runs out since the last care."""
        clients = clients._care_in_scope()
        if not clients:
            return self._reminders().browse()
        if rules is None:
            rules = self.env["relationship.cadence.rule"]._rule_by_client(clients)
        open_reminders = self._reminders().search(
            [
                ("partner_id", "in", clients.ids),
                ("kind", "in", CADENCE_KINDS),
                ("state", "=", "open"),
            ]
        )
        open_by_key = {(r.partner_id.id, r.kind): r for r in open_reminders}
        # When the care was last given matters only for the reminders to
        # create: on most nights, none.
        missing = clients.filtered(
            lambda c: any(
                (c.id, kind) not in open_by_key
                and rules.get(c.id)
                and rules[c.id]._days(kind)
                for kind in CADENCE_KINDS
            )
        )
        last_care = self._last_care(missing) if missing else {}
        to_cancel = self._reminders().browse()
        vals_list = []
        for client in clients:
            rule = rules.get(client.id)
            for kind in CADENCE_KINDS:
                days = rule._days(kind) if rule else 0
                reminder = open_by_key.get((client.id, kind))
                if not days:
                    to_cancel |= reminder or self._reminders().browse()
                    continue
                if reminder:
                    due = reminder.date_from.date() + timedelta(days=days)
                    if reminder.due_date != due:
                        reminder._reschedule(due)
                    continue
                base = last_care[(client.id, kind)]
                vals_list.append(
                    {
                        "kind": kind,
                        "partner_id": client.id,
                        "user_id": client.relationship_owner_id.id,
                        "date_from": base,
                        "due_date": base.date() + timedelta(days=days),
                        "key": self._cadence_key(kind, client, base),
                    }
                )
        to_cancel._close("cancelled", when=now)
        return self._create_with_activities(vals_list)

    @api.model
    def _cadence_key(self, kind, client, base):
        """The key of a recurring reminder. Contacts and visits: one open
        per client (their keys are unique while open). A review's key names
        the moment it counts from: each review is reminded once."""
        if kind in ("contact", "visit"):
            return f"{kind}:{client.id}"
        return f"{kind}:{client.id}:{fields.Datetime.to_string(base)}"

    @api.model
    def _last_care(self, clients):
        """{(client id, kind): when the care of this kind was last given}:
        the last interaction (any for a contact, in person for a visit), or
        the last reminder closed without one; for a client never cared for,
        the start of the relationship. One query each, for all clients."""
        ids = clients.ids
        Interaction = self.env["relationship.interaction"]
        care = {}
        for kind in CADENCE_KINDS:
            if kind not in INTERACTION_CHANNELS_BY_KIND:
                # A review is given by sending it: its reminders, below.
                continue
            domain = [("partner_id", "in", ids)]
            channels = INTERACTION_CHANNELS_BY_KIND[kind]
            if channels:
                domain.append(("channel", "in", channels))
            for partner, last in Interaction._read_group(
                domain, ["partner_id"], ["date:max"]
            ):
                care[(partner.id, kind)] = last
        for partner, kind, last in self._reminders()._read_group(
            [
                ("partner_id", "in", ids),
                ("kind", "in", CADENCE_KINDS),
                ("state", "!=", "open"),
            ],
            ["partner_id", "kind"],
            ["done_date:max"],
        ):
            if last and last > care.get((partner.id, kind), datetime.min):
                care[(partner.id, kind)] = last
        starts = dict(
            self.env["relationship.stage.history"]._read_group(
                [("partner_id", "in", ids)], ["partner_id"], ["date_start:min"]
            )
        )
        for client in clients:
            start = starts.get(client) or client.create_date or fields.Datetime.now()
            for kind in CADENCE_KINDS:
                care.setdefault((client.id, kind), start)
        return care

    @api.model
    def _plan_occasions(self, clients, now, rules):
        """Birthdays of the clients' people and anniversaries of their first
        deal, K days ahead (K: the rule's "Remind Days Ahead")."""
        today = now.date()
        vals_list = []
        for person in clients._care_birthday_people():
            client = person.commercial_partner_id
            rule = rules.get(client.id)
            if not rule or not rule.birthday_active:
                continue
            day = next_anniversary(person.relationship_birthday, today)
            ahead = rule.occasion_days_ahead
            if (day - today).days > ahead:
                continue
            vals_list.append(
                {
                    "kind": "birthday",
                    "partner_id": client.id,
                    "contact_id": person.id,
                    "user_id": client.relationship_owner_id.id,
                    "date_from": datetime.combine(day - timedelta(days=ahead), time()),
                    "event_date": day,
                    "due_date": day,
                    "key": f"birthday:{person.id}:{day.year}",
                }
            )
        for client in clients.filtered("relationship_first_deal_date"):
            rule = rules.get(client.id)
            if not rule or not rule.anniversary_active:
                continue
            first = client.relationship_first_deal_date
            day = next_anniversary(first, today)
            ahead = rule.occasion_days_ahead
            if day.year - first.year < 1 or (day - today).days > ahead:
                continue
            vals_list.append(
                {
                    "kind": "anniversary",
                    "partner_id": client.id,
                    "user_id": client.relationship_owner_id.id,
                    "date_from": datetime.combine(day - timedelta(days=ahead), time()),
                    "event_date": day,
                    "due_date": day,
                    "key": f"anniversary:{client.id}:{day.year}",
                }
            )
        return self._create_missing(vals_list)

    @api.model
    def _plan_thanks(self, now, since):
        """A thank-you call D days after each deal won since ``since``."""
        found = []
        for source in self._care_thanks_sources():
            fnames = [source["date"], source["partner"]]
            if source.get("same_as"):
                fnames.append(source["same_as"])
            records = self.env[source["model"]].search_fetch(
                source["domain"]
                + [
                    (source["date"], ">=", since),
                    (source["date"], "<=", now),
                    (source["partner"], "!=", False),
                ],
                fnames,
            )
            for record in records:
                thanked = (
                    source.get("same_as") and record[source["same_as"]]
                ) or record
                found.append(
                    (
                        record[source["partner"]].commercial_partner_id,
                        thanked,
                        record[source["date"]],
                    )
                )
        if not found:
            return self._reminders().browse()
        clients = self.env["res.partner"].union(*(c for c, _t, _d in found))
        in_scope = clients._care_in_scope()
        rules = self.env["relationship.cadence.rule"]._rule_by_client(in_scope)
        vals_list = []
        for client, thanked, won in found:
            rule = rules.get(client.id)
            if client not in in_scope or not rule or not rule.thanks_active:
                continue
            vals_list.append(
                {
                    "kind": "thanks",
                    "partner_id": client.id,
                    "user_id": client.relationship_owner_id.id,
                    "date_from": won,
                    "event_date": won.date(),
                    "due_date": won.date() + timedelta(days=rule.thanks_days),
                    "origin_ref": f"{thanked._name},{thanked.id}",
                    "key": f"thanks:{thanked._name}:{thanked.id}",
                }
            )
        return self._create_missing(vals_list)

    @api.model
    def _plan_referrals(self, leads, now):
        """Thank the client who referred each of ``leads`` with a gesture."""
        leads = leads.filtered("relationship_referrer_id")
        if not leads:
            return self._reminders().browse()
        clients = leads.relationship_referrer_id.commercial_partner_id._care_in_scope()
        rules = self.env["relationship.cadence.rule"]._rule_by_client(clients)
        vals_list = []
        for lead in leads:
            client = lead.relationship_referrer_id.commercial_partner_id
            rule = rules.get(client.id)
            if client not in clients or not rule or not rule.referral_days:
                continue
            referred = min(lead.create_date or now, now)
            vals_list.append(
                {
                    "kind": "referral",
                    "partner_id": client.id,
                    "user_id": client.relationship_owner_id.id,
                    "date_from": referred,
                    "event_date": referred.date(),
                    "due_date": referred.date() + timedelta(days=rule.referral_days),
                    "origin_ref": f"crm.lead,{lead.id}",
                    "key": f"referral:crm.lead:{lead.id}",
                }
            )
        return self._create_missing(vals_list)

    @api.model
    def _plan_event_notes(self, interactions, now=None):
        """A personal note after meeting a client at an event ("after
        meeting a client at an event, follow up with a note"): for each
        client of the event ``interactions`` of the last 30 days, a reminder
        for its account owner, due some days after the event (the company's
        setting), closed by the next interaction with the client on another
        channel. One open at a time per client: a second event before the
        note is written adds none."""
        now = now or fields.Datetime.now()
        since = now - timedelta(days=LOOKBACK_DAYS)
        events = interactions.filtered(
            lambda i: i.channel == "event" and i.date >= since
        )
        clients = events.partner_id._care_in_scope()
        if not clients:
            return self._reminders().browse()
        noted = set(
            self._reminders()
            .search(
                [
                    ("partner_id", "in", clients.ids),
                    ("kind", "=", "event_note"),
                    ("state", "=", "open"),
                ]
            )
            .partner_id.ids
        )
        # The last event with each client.
        last_event = {}
        for event in events.sorted(lambda i: (i.date, i.id)):
            if event.partner_id in clients and event.partner_id.id not in noted:
                last_event[event.partner_id] = event
        vals_list = []
        for client, event in last_event.items():
            company = client.company_id or event.company_id or self.env.company
            days = company.relationship_event_note_days
            if not days:
                continue
            owner = client.relationship_owner_id
            env = self.env["mail.activity"]._relationship_user_env(owner)
            vals_list.append(
                {
                    "kind": "event_note",
                    "partner_id": client.id,
                    "user_id": owner.id,
                    "date_from": event.date,
                    "event_date": event.date.date(),
                    "due_date": event.date.date() + timedelta(days=days),
                    "name": env._(
                        "Personal note to %(client)s after %(event)s",
                        client=client.name,
                        event=event.name,
                    ),
                    "key": f"event_note:relationship.interaction:{event.id}",
                }
            )
        return self._create_missing(vals_list)

    @api.model
    def _create_missing(self, vals_list):
        """Create the reminders whose key is not taken yet (whatever their
        state: an occasion is reminded once, even when cancelled)."""
        if not vals_list:
            return self._reminders().browse()
        taken = set(
            self._reminders()
            .search([("key", "in", [v["key"] for v in vals_list])])
            .mapped("key")
        )
        missing = []
        for vals in vals_list:
            if vals["key"] not in taken:
                taken.add(vals["key"])
                missing.append(vals)
        return self._create_with_activities(missing)

    @api.model
    def _create_with_activities(self, vals_list):
        """Create reminders, each with an activity for its assignee (on the
        client), without a notification mail each: the owner finds them in
        their activities."""
        if not vals_list:
            return self._reminders().browse()
        self._prefetch_names(vals_list)
        Partner = self.env["res.partner"]
        Users = self.env["res.users"]
        requests = []
        for vals in vals_list:
            if not vals.get("name"):
                vals["name"] = self._reminder_name(vals)
            requests.append(
                {
                    "record": Partner.browse(vals["partner_id"]),
                    "activity_type": ACTIVITY_TYPE_XMLIDS[vals["kind"]]
                    if vals.get("user_id")
                    else None,
                    "user": Users.browse(vals.get("user_id")),
                    "date_deadline": vals["due_date"],
                    "summary": vals["name"],
                    # Both written in the assignee's language.
                    "note": self._activity_note(vals),
                }
            )
        activities = self.env["mail.activity"]._relationship_schedule(
            requests, notify=False
        )
        for vals, activity in zip(vals_list, activities, strict=True):
            if activity:
                vals["activity_id"] = activity.id
        with self._reminders()._system_write():
            return self._reminders().create(vals_list)

    @api.model
    def _prefetch_names(self, vals_list):
        """Read the names the titles use in one query per model, not one per
        reminder."""
        Partner = self.env["res.partner"]
        Partner.browse(
            {v["partner_id"] for v in vals_list}
            | {v["contact_id"] for v in vals_list if v.get("contact_id")}
        ).fetch(["name", "relationship_first_deal_date"])
        origins = defaultdict(set)
        for vals in vals_list:
            model, _sep, res_id = (vals.get("origin_ref") or "").partition(",")
            if model in self.env:
                origins[model].add(int(res_id))
        for model, ids in origins.items():
            self.env[model].browse(ids).mapped("display_name")

    @api.model
    def _origin_name(self, vals):
        model, _sep, res_id = (vals.get("origin_ref") or "").partition(",")
        if not model or model not in self.env:
            return ""
        return self.env[model].browse(int(res_id)).display_name

    @api.model
    def _reminder_name(self, vals):
        """The reminder's title, in the language of its assignee."""
        env = self.env["mail.activity"]._relationship_user_env(vals.get("user_id"))
        client = self.env["res.partner"].browse(vals["partner_id"])
        kind = vals["kind"]
        if kind == "contact":
            return env._("Keep in touch with %(client)s", client=client.name)
        if kind == "visit":
            return env._("Visit %(client)s", client=client.name)
        if kind == "review":
            return env._("Tell %(client)s what we did for them", client=client.name)
        if kind == "thanks":
            return env._(
                "Thank-you call to %(client)s for %(deal)s",
                client=client.name,
                deal=self._origin_name(vals),
            )
        if kind == "referral":
            return env._(
                "Thank %(client)s for referring %(referral)s",
                client=client.name,
                referral=self._origin_name(vals),
            )
        event = fields.Date.to_date(vals["event_date"])
        # The day and month of the occasion, as the language writes them
        # (a date pattern: "MMMM d" gives "July 5").
        day = format_date(env, event, date_format=env._("MMMM d"))
        if kind == "birthday":
            person = self.env["res.partner"].browse(vals["contact_id"])
            return env._(
                "Birthday of %(person)s (%(client)s) on %(date)s",
                person=person.name,
                client=client.name,
                date=day,
            )
        return env._(
            "%(years)s years with %(client)s on %(date)s",
            years=event.year - client.relationship_first_deal_date.year,
            client=client.name,
            date=day,
        )

    @api.model
    def _activity_note(self, vals):
        """Why this care is due, for the activity."""
        env = self.env["mail.activity"]._relationship_user_env(vals.get("user_id"))
        kind = vals["kind"]
        if kind in CADENCE_KINDS:
            last = fields.Datetime.to_datetime(vals["date_from"]).date()
            days = (fields.Date.to_date(vals["due_date"]) - last).days
            if kind == "contact":
                text = env._(
                    "Last contact on %(date)s; this relationship expects one "
                    "every %(days)s days.",
                    date=format_date(env, last),
                    days=days,
                )
            elif kind == "visit":
                text = env._(
                    "Last in-person visit on %(date)s; go and see them every "
                    "%(days)s days.",
                    date=format_date(env, last),
                    days=days,
                )
            else:
                text = env._(
                    "Counted from %(date)s; this relationship expects a "
                    '"what we did for you" review every %(days)s days. On '
                    "the client's Relationship page, click What We Did for "
                    "You: the email is drafted from our records.",
                    date=format_date(env, last),
                    days=days,
                )
        elif kind == "thanks":
            text = env._(
                "Thank them for their trust and check they are satisfied with "
                "what they got."
            )
        elif kind == "referral":
            text = env._(
                "They referred someone to us: thank them with a gesture "
                '(Record a Gesture, occasion "A referral").'
            )
        elif kind == "event_note":
            text = env._(
                "You met them at an event on %(date)s: follow up with a "
                "personal note, a few lines by email or by hand. Your next "
                "interaction with them closes this reminder.",
                date=format_date(env, fields.Date.to_date(vals["event_date"])),
            )
        else:
            text = env._(
                "A personal note or a call: remembering the date tells them "
                "they matter to us."
            )
        return Markup("<p>%s</p>") % text

    @api.model
    def _fulfil_by_interactions(self, clients, now=None):
        """Close the open reminders of ``clients`` that an interaction
        logged since fulfils, and plan the next contact and visit. Returns
        the reminders closed.

        Raw SQL, measured (``make bench-night``): for each open reminder,
        the first interaction that fulfils it, in one query; reading every
        interaction of the batch's clients since the oldest reminder through
        the ORM took three quarters of a quiet night's care planning."""
        if not clients:
            return self._reminders().browse()
        self._reminders().flush_model(
            ["partner_id", "state", "kind", "date_from", "contact_id"]
        )
        self.env["relationship.interaction"].flush_model(
            ["partner_id", "date", "channel", "contact_ids", "source"]
        )
        kinds = [
            (kind, list(channels) if channels else None)
            for kind, channels in INTERACTION_CHANNELS_BY_KIND.items()
        ]
        self.env.cr.execute(
            SQL(
                """
                SELECT r.id, f.id, f.date
                  FROM relationship_care_reminder r
                  JOIN (VALUES %s) AS k(kind, channels) ON k.kind = r.kind
                 CROSS JOIN LATERAL (
                       SELECT i.id, i.date
                         FROM relationship_interaction i
                        WHERE i.partner_id = r.partner_id
                          AND i.date > r.date_from
                          -- A satisfaction answer is the client's voice,
                          -- not care we gave: it fulfils no reminder.
                          AND i.source != 'rating'
                          AND (k.channels IS NULL OR i.channel = ANY(k.channels))
                          AND (r.contact_id IS NULL
                               OR r.contact_id = r.partner_id
                               OR EXISTS (
                                   SELECT 1
                                     FROM relationship_interaction_res_partner_rel c
                                    WHERE c.interaction_id = i.id
                                      AND c.partner_id = r.contact_id))
                        ORDER BY i.date, i.id
                        LIMIT 1) AS f
                 WHERE r.partner_id = ANY(%s::int[]) AND r.state = 'open'
                """,
                SQL(", ").join(
                    SQL("(%s::varchar, %s::varchar[])", kind, channels)
                    for kind, channels in kinds
                ),
                pg_int_array(clients.ids),
            )
        )
        found = self.env.cr.fetchall()
        if not found:
            return self._reminders().browse()
        Interaction = self.env["relationship.interaction"]
        closed = self._reminders().browse([row[0] for row in found])
        for reminder, (_rid, interaction_id, date) in zip(closed, found, strict=True):
            reminder._close(when=date, interaction=Interaction.browse(interaction_id))
        cadence = closed.filtered(lambda r: r.kind in CADENCE_KINDS)
        self._plan_cadence(cadence.partner_id, now or fields.Datetime.now())
        return closed

    @api.model
    def _fulfil_by_reviews(self, interactions):
        """The "what we did for you" reviews of ``interactions`` were sent:
        close the open review reminder of each client (one is planned first
        when its rule asks for reviews and none is open, so that the review
        sent counts) and plan the next one from now. Returns the reminders
        closed."""
        clients = interactions.partner_id._care_in_scope()
        if not clients:
            return self._reminders().browse()
        now = fields.Datetime.now()
        domain = [
            ("partner_id", "in", clients.ids),
            ("kind", "=", "review"),
            ("state", "=", "open"),
        ]
        open_reminders = self._reminders().search(domain)
        without = clients - open_reminders.partner_id
        if without:
            self._plan_cadence(without, now)
            open_reminders = self._reminders().search(domain)
        closed = self._reminders().browse()
        for interaction in interactions.sorted("date"):
            reminder = open_reminders.filtered(
                lambda r, i=interaction: r.partner_id == i.partner_id
            )
            if reminder:
                reminder._close(when=now, interaction=interaction)
                open_reminders -= reminder
                closed |= reminder
        self._plan_cadence(closed.partner_id, now)
        return closed

    @api.model
    def _fulfil_by_gestures(self, gesture_logs):
        """Close the referral reminders the gestures given thank."""
        logs = gesture_logs.filtered(lambda log: log.occasion == "referral")
        if not logs:
            return self._reminders().browse()
        open_reminders = self._reminders().search(
            [
                ("partner_id", "in", logs.partner_id.ids),
                ("state", "=", "open"),
                ("kind", "=", "referral"),
            ]
        )
        closed = self._reminders().browse()
        for reminder in open_reminders:
            for log in logs:
                if log.partner_id != reminder.partner_id:
                    continue
                if log.lead_id:
                    if reminder.origin_ref != log.lead_id:
                        continue
                elif log.date < reminder.date_from.date():
                    continue
                reminder._close(gesture_log=log)
                closed |= reminder
                break
        return closed

    # ------------------------------------------------------------------
    # Upkeep
    # ------------------------------------------------------------------
    @api.model
    def _follow_owners(self, clients):
        """Open reminders follow the account owner when it changes."""
        reminders = (
            self._reminders()
            .search([("partner_id", "in", clients.ids), ("state", "=", "open")])
            .filtered(lambda r: r.user_id != r.partner_id.relationship_owner_id)
        )
        for owner, moved in reminders.grouped(
            lambda r: r.partner_id.relationship_owner_id
        ).items():
            moved.user_id = owner

    @api.model
    def _retire(self):
        """Cancel the open reminders of clients no longer cared for: gone
        (Dissolution), archived or without an account owner."""
        self._reminders().search(
            [
                ("state", "=", "open"),
                "|",
                "|",
                ("partner_id.relationship_stage", "=", "dissolution"),
                ("partner_id.relationship_owner_id", "=", False),
                ("partner_id.active", "=", False),
            ]
        )._close("cancelled")
