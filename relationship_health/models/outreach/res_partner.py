# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reaching out to the client: the "what we did for you" review (seed 001:
let clients know what we do for them) and passing on information they
would value, with the buttons of the Relationship page."""

from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.misc import format_date, formatLang

from ..relationship_interaction import EXCHANGE_INFORMATION, OLDEST_YEAR

# The longest period a review covers: a year (a leap year's too).
REVIEW_MAX_DAYS = 366
# The period a review covers when none is chosen: the last quarter.
REVIEW_DEFAULT_MONTHS = 3
REVIEW_TEMPLATE = "relationship_health.mail_template_client_review"
REVIEW_CONTENT = "relationship_health.client_review_content"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Who reaches out
    # ------------------------------------------------------------------
    def _relationship_check_outreach(self):
        """Reaching out in our name to a client is its account owner's, or a
        relationship manager's: refuse anyone else, naming the owner."""
        if self.env.su or self.env.user.has_group(
            "relationship_health.group_relationship_manager"
        ):
            return
        for partner in self:
            client = partner.commercial_partner_id
            if client.relationship_owner_id != self.env.user:
                raise AccessError(
                    _(
                        "Only the account owner of %(client)s (%(owner)s) or a "
                        "relationship manager may write to the client in our "
                        "name.",
                        client=client.display_name,
                        owner=client.relationship_owner_id.name or _("none yet"),
                    )
                )

    # ------------------------------------------------------------------
    # "What we did for you"
    # ------------------------------------------------------------------
    @api.model
    def _relationship_review_default_period(self):
        """(from, to) of a review when none is chosen: the last quarter, up to
        today."""
        today = fields.Date.context_today(self)
        return today - relativedelta(months=REVIEW_DEFAULT_MONTHS), today

    @api.model
    def _relationship_review_period(self, date_from=None, date_to=None):
        """The period of a review as dates, checked: from before to, not in
        the future, at most a year. Missing: the default period (the
        ``relationship_review_period`` context key, else the last quarter)."""
        if not date_from or not date_to:
            period = self.env.context.get("relationship_review_period")
            if period and len(period) == 2:
                date_from, date_to = period
            else:
                date_from, date_to = self._relationship_review_default_period()
        try:
            date_from = fields.Date.to_date(date_from)
            date_to = fields.Date.to_date(date_to)
        except (TypeError, ValueError) as error:
            raise ValidationError(
                _(
                    "The period of a review is two dates (from, to): %(error)s.",
                    error=error,
                )
            ) from error
        today = fields.Date.context_today(self)
        if not date_from or not date_to:
            raise ValidationError(_("Choose the period of the review: from and to."))
        if date_from.year < OLDEST_YEAR:
            raise ValidationError(
                _(
                    "A review from %(date)s? Dates before %(year)s are typing "
                    "mistakes.",
                    date=fields.Date.to_string(date_from),
                    year=OLDEST_YEAR,
                )
            )
        if date_from > date_to:
            raise ValidationError(
                _(
                    "The review starts on %(start)s, after it ends (%(end)s): "
                    "swap the dates.",
                    start=fields.Date.to_string(date_from),
                    end=fields.Date.to_string(date_to),
                )
            )
        if date_to > today:
            raise ValidationError(
                _(
                    "A review tells what we did: it cannot end in the future "
                    "(%(date)s).",
                    date=fields.Date.to_string(date_to),
                )
            )
        if (date_to - date_from).days > REVIEW_MAX_DAYS:
            raise ValidationError(
                _(
                    "A review covers at most a year; %(start)s to %(end)s is longer.",
                    start=fields.Date.to_string(date_from),
                    end=fields.Date.to_string(date_to),
                )
            )
        return date_from, date_to

    def _relationship_review_values(self, date_from=None, date_to=None):
        """What we did for this client in the period, from our records: the
        values of the review's content (the email and the PDF).

        Extension point: add sections to the dict and to the template
        ``relationship_health.client_review_content``."""
        self.ensure_one()
        client = self.commercial_partner_id
        date_from, date_to = self._relationship_review_period(date_from, date_to)
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to + timedelta(days=1), time.min)
        env = self.env

        def day(value):
            return format_date(env, value) if value else ""

        problems = env["relationship.problem"].search(
            [
                ("partner_id", "=", client.id),
                ("resolved_date", ">=", start),
                ("resolved_date", "<", end),
            ],
            order="resolved_date",
        )
        interactions = env["relationship.interaction"].search(
            [
                ("partner_id", "=", client.id),
                ("date", ">=", start),
                ("date", "<", end),
            ],
            order="date",
        )
        visits = interactions.filtered(lambda i: i.channel == "visit")
        goals = env["relationship.revitalization.goal"].search(
            [
                ("partner_id", "=", client.id),
                ("state", "=", "reached"),
                "|",
                "&",
                ("deadline", ">=", date_from),
                ("deadline", "<=", date_to),
                "&",
                "&",
                ("deadline", "=", False),
                ("write_date", ">=", start),
                ("write_date", "<", end),
            ]
        )
        logs = env["relationship.gesture.log"].search(
            [
                ("partner_id", "=", client.id),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            order="date",
        )
        information = logs.filtered(lambda log: log.occasion == "information")
        gestures = logs - information
        occasions = dict(logs._fields["occasion"]._description_selection(env))
        solved_days = [p.resolution_days for p in problems]
        return {
            "client": client,
            "owner": client.relationship_owner_id or env.user,
            "date_from": day(date_from),
            "date_to": day(date_to),
            "interaction_count": len(interactions),
            "problems": [
                {
                    "name": p.name,
                    "reported": day(p.reported_date),
                    "resolved": day(p.resolved_date),
                    "days": formatLang(env, p.resolution_days, digits=1),
                    "on_time": not p.resolution_late,
                    "resolution": p.resolution or "",
                }
                for p in problems
            ],
            "problem_days_avg": formatLang(
                env, sum(solved_days) / len(solved_days), digits=1
            )
            if solved_days
            else "",
            "problems_on_time": len(problems.filtered(lambda p: not p.resolution_late)),
            "visits": [
                {
                    "date": day(v.date),
                    "name": v.name,
                    "people": ", ".join(v.contact_ids.mapped("name")),
                }
                for v in visits
            ],
            "improvements": [
                {"name": g.name, "achieved": g.achieved, "unit": g.unit or ""}
                for g in goals
            ],
            "gestures": [
                {
                    "date": day(log.date),
                    "name": log.gesture_id.name,
                    "occasion": occasions.get(log.occasion, ""),
                    "for": log.contact_id.name or "",
                }
                for log in gestures
            ],
            "information": [
                {
                    "date": day(log.date),
                    "name": log.note or log.gesture_id.name,
                    "for": log.contact_id.name or "",
                }
                for log in information
            ],
        }

    def _relationship_review_html(self, date_from=None, date_to=None):
        """The review's content as HTML, in the language of the environment:
        the body of the email (template ``mail_template_client_review``)
        and of the PDF are this same template."""
        self.ensure_one()
        values = self._relationship_review_values(date_from, date_to)
        return Markup(self.env["ir.qweb"]._render(REVIEW_CONTENT, {"review": values}))

    def _relationship_review_recipients(self):
        """Who the review goes to by default (ids, as the template's
        recipients read them): the client's people with an email, else the
        client. The owner changes them in the composer."""
        self.ensure_one()
        client = self.commercial_partner_id
        people = client.child_ids.filtered(
            lambda p: p.type == "contact" and p.email and p.active
        )
        return ",".join(str(i) for i in (people or client).ids)

    def _relationship_sent_interaction_vals(self, message, name, people):
        """The interaction that logs ``message``, sent by the current user
        to ``people`` of this client (one): an email, strategic talk, and
        information we give (what we did for them, what we passed on)."""
        self.ensure_one()
        return {
            "name": name,
            "partner_id": self.id,
            "contact_ids": [(6, 0, people.ids)],
            "user_ids": [(6, 0, self.env.user.filtered(lambda u: not u.share).ids)],
            "channel": "email",
            "depth": "strategic",
            "exchange": EXCHANGE_INFORMATION,
            "summary": message.body,
            "source": "email",
            "company_id": (self.company_id or self.env.company).id,
            "origin_model": "mail.message",
            "origin_res_id": message.id,
        }

    def _relationship_review_sent(self, messages, date_from=None, date_to=None):
        """The review of the period was sent to these clients as
        ``messages``: log one interaction each (an email, strategic talk)
        and close their review reminders. Called after the access check of
        the sending (the account owner or a manager), as superuser: the
        interaction is the system's record of what was sent."""
        date_from, date_to = self._relationship_review_period(date_from, date_to)
        vals_list = []
        for message in messages:
            client = self.browse(message.res_id).commercial_partner_id
            if client not in self:
                continue
            people = message.partner_ids.filtered(
                lambda p, c=client: p.commercial_partner_id == c and p != c
            )
            vals_list.append(
                client._relationship_sent_interaction_vals(
                    message,
                    _(
                        "What we did for you: %(start)s to %(end)s",
                        start=format_date(self.env, date_from),
                        end=format_date(self.env, date_to),
                    ),
                    people,
                )
            )
        interactions = self.env["relationship.interaction"]._create_from_origins(
            vals_list
        )
        self.env["relationship.care.planner"].sudo()._fulfil_by_reviews(interactions)
        return interactions

    def action_relationship_review(self):
        """Button: tell the client what we did for them over a period."""
        self.ensure_one()
        client = self._relationship_client()
        client._relationship_check_outreach()
        return {
            "type": "ir.actions.act_window",
            "name": _("What We Did for You"),
            "res_model": "relationship.review.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_partner_id": client.id},
        }

    # ------------------------------------------------------------------
    # Pass on information
    # ------------------------------------------------------------------
    def action_relationship_share(self):
        """Button: share an article, a link or a document with people of the
        client (from a contact: with that contact)."""
        self.ensure_one()
        client = self._relationship_client()
        client._relationship_check_outreach()
        context = {"default_partner_id": client.id}
        if self != client or not client.is_company:
            context["default_contact_ids"] = [self.id]
        return {
            "type": "ir.actions.act_window",
            "name": _("Pass On Information"),
            "res_model": "relationship.share.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }
