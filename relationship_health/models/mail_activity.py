# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # Before super(): done activities are deleted there.
        self._relationship_activities_done(feedback=feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _relationship_activities_done(self, feedback=False):
        """These activities are being marked done: log the interactions they
        stand for. Extension point (care closes their reminders)."""
        return self._relationship_capture_interactions(feedback=feedback)

    def _relationship_client_of(self, record):
        """The client an activity's record stands for, or an empty recordset.

        Extension point: activities on clients and on opportunities are
        understood here; override to map other models to their client.
        """
        if record._name == "res.partner":
            return record
        if record._name == "crm.lead":
            return record.partner_id
        return self.env["res.partner"]

    def _relationship_capture_interactions(self, feedback=False):
        """Log one interaction per activity done on a client."""
        Interaction = self.env["relationship.interaction"]
        vals_list = []
        for activity in self:
            channel = activity.activity_type_id.relationship_channel or "other"
            if channel == "none" or not activity.res_model or not activity.res_id:
                continue
            record = (
                self.env[activity.res_model].sudo().browse(activity.res_id).exists()
            )
            if not record:
                continue
            partner = self._relationship_client_of(record)
            if not partner or Interaction._internal_partners(partner):
                continue
            client = partner.commercial_partner_id
            summary = activity.note or Markup()
            if feedback:
                summary = summary + Markup("<p>%s</p>") % feedback
            users = activity.user_id | self.env.user
            vals_list.append(
                {
                    "name": activity.summary
                    or activity.activity_type_id.name
                    or record.display_name,
                    "partner_id": client.id,
                    "contact_ids": [(6, 0, (partner - client).ids)],
                    "user_ids": [(6, 0, users.filtered(lambda u: not u.share).ids)],
                    "channel": channel,
                    "depth": activity.activity_type_id.relationship_depth
                    or "operational",
                    "summary": summary,
                    "source": "activity",
                    "company_id": (client.company_id or self.env.company).id,
                    "origin_model": "mail.activity",
                    "origin_res_id": activity.id,
                }
            )
        return Interaction._create_from_origins(vals_list)

    # ------------------------------------------------------------------
    # Activities the system gives people (alerts, care, escalations...)
    # ------------------------------------------------------------------
    @api.model
    def _relationship_user_env(self, user):
        """An environment in the language of ``user`` (a res.users record or
        id), for the texts written for them."""
        user = self.env["res.users"].browse(getattr(user, "id", user) or [])
        return self.with_context(lang=user.sudo().lang or self.env.lang).env

    @api.model
    def _relationship_schedule(self, requests, once=False, notify=False):
        """Give people the activities of ``requests``, as the system: every
        alert, care reminder, escalation and protocol step of the three
        add-ons goes through here.

        Each request is a dict:

        - ``record``: the record the activity is on;
        - ``activity_type``: an xmlid or a ``mail.activity.type``; a request
          whose type is not found is skipped;
        - ``user``: the assignee (a ``res.users``);
        - ``summary`` and ``note`` (optional): a text, or a function of an
          environment in the assignee's language that returns it, so that
          each person reads it in their own language;
        - ``date_deadline`` (optional, default today).

        ``once``: never a second open activity of the same type on the same
        record (one already open, or two requests in the same call).
        ``notify``: Odoo's "assigned to you" notification mail, else none
        (the default: the nightly jobs give many people many activities at
        once, which they find in their activities; a mail each would cost
        more than the whole night's work, ``make bench-night``).

        Created as superuser: the activity follows a change the user was
        allowed to make, or a scheduled job, and belongs to its assignee
        whatever the rights of who triggered it. Returns a list aligned with
        ``requests``: the activity created, or an empty recordset.
        """
        types = {}
        for request in requests:
            kind = request.get("activity_type")
            if isinstance(kind, str) and kind not in types:
                types[kind] = self.env.ref(kind, raise_if_not_found=False)
        open_keys = set()
        if once:
            wanted = [r for r in requests if self._relationship_type(r, types)]
            for model, model_requests in _group(wanted, lambda r: r["record"]._name):
                for activity in self.sudo().search_fetch(
                    [
                        ("res_model", "=", model),
                        (
                            "res_id",
                            "in",
                            list({r["record"].id for r in model_requests}),
                        ),
                        (
                            "activity_type_id",
                            "in",
                            list(
                                {
                                    self._relationship_type(r, types).id
                                    for r in model_requests
                                }
                            ),
                        ),
                    ],
                    ["res_model", "res_id", "activity_type_id"],
                ):
                    open_keys.add(
                        (
                            activity.res_model,
                            activity.res_id,
                            activity.activity_type_id.id,
                        )
                    )
        vals_list, positions = [], []
        for position, request in enumerate(requests):
            activity_type = self._relationship_type(request, types)
            if not activity_type:
                continue
            record = request["record"]
            key = (record._name, record.id, activity_type.id)
            if once:
                if key in open_keys:
                    continue
                open_keys.add(key)
            user = request["user"]
            env = self._relationship_user_env(user)
            vals = {
                "res_model_id": self.env["ir.model"]._get_id(record._name),
                "res_id": record.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "automated": True,
                "date_deadline": request.get("date_deadline")
                or fields.Date.context_today(record),
            }
            for name in ("summary", "note"):
                text = request.get(name)
                vals[name] = text(env) if callable(text) else text
            vals_list.append(vals)
            positions.append(position)
        # Assignees follow the records, as an activity makes them. Done here
        # once per assignee and model, safely when someone else subscribes
        # them at the same moment (mail.followers._relationship_follow):
        # mail.activity.create() then finds them following.
        records_by_user = {}
        for vals in vals_list:
            records_by_user.setdefault(
                (vals["user_id"], vals["res_model_id"]), set()
            ).add(vals["res_id"])
        for (user_id, model_id), res_ids in records_by_user.items():
            model = self.env["ir.model"].browse(model_id).sudo().model
            if not hasattr(self.env[model], "message_subscribe"):
                continue
            self.env["mail.followers"].sudo()._relationship_follow(
                model,
                res_ids,
                self.env["res.users"].browse(user_id).sudo().partner_id.ids,
            )
        Activity = self.sudo()
        if not notify:
            Activity = Activity.with_context(mail_activity_quick_update=True)
        activities = Activity.create(vals_list)
        result = [self.browse()] * len(requests)
        for position, activity in zip(positions, activities, strict=True):
            result[position] = activity.with_env(self.env)
        return result

    @api.model
    def _relationship_type(self, request, types):
        kind = request.get("activity_type")
        return types.get(kind) if isinstance(kind, str) else kind


def _group(items, key):
    groups = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups.items()
