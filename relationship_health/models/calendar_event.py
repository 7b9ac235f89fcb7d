# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.batch import exclusive, run_in_batches

# Fields whose change may make a meeting an interaction (it took place, or
# a client joined it).
CAPTURE_TRIGGERS = {"start", "stop", "partner_ids", "attendee_ids", "active"}


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    relationship_interaction_ids = fields.One2many(
        "relationship.interaction",
        "calendar_event_id",
        string="Interactions",
        groups="relationship_health.group_relationship_user",
    )

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._relationship_capture_interactions()
        return events

    def write(self, vals):
        res = super().write(vals)
        if CAPTURE_TRIGGERS & set(vals):
            self._relationship_capture_interactions()
        return res

    def _relationship_clients(self):
        """Map each meeting to {client: attending contacts of that client}.

        Attendees who declined are left out, and so are we (internal users
        and the people of our companies).
        """
        self.ensure_one()
        Interaction = self.env["relationship.interaction"]
        attending = self.attendee_ids.filtered(
            lambda a: a.state != "declined"
        ).partner_id
        attending |= self.partner_ids - self.attendee_ids.partner_id
        external = attending - Interaction._internal_partners(attending)
        clients = {}
        for partner in external:
            client = partner.commercial_partner_id
            clients.setdefault(client, self.env["res.partner"])
            if partner != client:
                clients[client] |= partner
        return clients

    def _relationship_capture_interactions(self):
        """Log one interaction per client of every meeting that has started.

        Meetings still in the future are left for the scheduled action.
        """
        now = fields.Datetime.now()
        vals_list = []
        for event in self.sudo().filtered(
            lambda e: e.active and e.start and e.start <= now
        ):
            clients = event._relationship_clients()
            if not clients:
                continue
            attending_partners = event.attendee_ids.filtered(
                lambda a: a.state != "declined"
            ).partner_id
            users = attending_partners.user_ids.filtered(lambda u: not u.share)
            users |= event.user_id
            channel = "call" if event.videocall_location else "visit"
            for client, contacts in clients.items():
                vals_list.append(
                    {
                        "name": event.name,
                        "date": event.start,
                        "partner_id": client.id,
                        "contact_ids": [(6, 0, contacts.ids)],
                        "user_ids": [(6, 0, users.ids)],
                        "channel": channel,
                        "summary": event.description,
                        "source": "meeting",
                        "calendar_event_id": event.id,
                        "company_id": (client.company_id or self.env.company).id,
                        "origin_model": "calendar.event",
                        "origin_res_id": event.id,
                    }
                )
        return self.env["relationship.interaction"]._create_from_origins(vals_list)

    @api.model
    def _cron_relationship_capture_meetings(self, days=7):
        """Scheduled: log the meetings that took place in the last ``days``,
        in batches (see ``tools.batch``). Returns the interactions logged."""
        now = fields.Datetime.now()
        logged = []
        with exclusive(self.env, "meeting capture") as mine:
            if mine:
                events = self.search(
                    [
                        ("start", "<=", now),
                        ("start", ">=", now - timedelta(days=days)),
                        ("partner_ids", "!=", False),
                    ]
                )
                run_in_batches(
                    events,
                    lambda batch: logged.extend(
                        batch._relationship_capture_interactions().ids
                    ),
                    label="Meeting capture",
                )
        return self.env["relationship.interaction"].browse(logged)

    def action_relationship_log_interaction(self):
        """Button: log this meeting as an interaction now."""
        self.ensure_one()
        if self.start > fields.Datetime.now():
            raise UserError(
                _(
                    "This meeting has not taken place yet: it is logged as an "
                    "interaction once it has started."
                )
            )
        if not self._relationship_clients():
            raise UserError(
                _(
                    "This meeting has no client among its attendees: add the "
                    "client's contacts as attendees, then log it."
                )
            )
        self._relationship_capture_interactions()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relationship_health.relationship_interaction_action"
        )
        action["domain"] = [("calendar_event_id", "=", self.id)]
        return action
