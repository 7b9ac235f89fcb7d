# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..relationship_interaction import INTERACTION_CHANNELS

CARE_KINDS = [
    ("contact", "Keep in touch"),
    ("visit", "Visit"),
    ("thanks", "Thank-you call"),
    ("birthday", "Birthday"),
    ("anniversary", "Anniversary"),
    ("referral", "Thanks for a referral"),
    ("event_note", "Personal note after an event"),
    ("review", "What we did for you"),
]
# Recurring care: one open reminder per client and kind, the next one is
# planned when it is done.
CADENCE_KINDS = ("contact", "visit", "review")
# Care an interaction gives, and through which channels (None: any channel).
# A "what we did for you" review is not here: no interaction fulfils it but
# the review sent (res.partner._relationship_review_sent).
INTERACTION_CHANNELS_BY_KIND = {
    "contact": None,
    "visit": ("visit",),
    "thanks": ("call", "visit"),
    "birthday": None,
    "anniversary": None,
    # After meeting them at an event, a personal note: the next contact
    # with them by any other channel (a note by email or by hand, a call, a
    # visit) is the follow-up; another event is not.
    "event_note": tuple(
        channel for channel, _label in INTERACTION_CHANNELS if channel != "event"
    ),
}
ACTIVITY_TYPE_XMLIDS = {
    "contact": "relationship_health.mail_activity_type_care_contact",
    "visit": "relationship_health.mail_activity_type_care_visit",
    "thanks": "relationship_health.mail_activity_type_care_thanks",
    "birthday": "relationship_health.mail_activity_type_care_birthday",
    "anniversary": "relationship_health.mail_activity_type_care_anniversary",
    "referral": "relationship_health.mail_activity_type_care_referral",
    "event_note": "relationship_health.mail_activity_type_care_event_note",
    "review": "relationship_health.mail_activity_type_care_review",
}
# How far back the daily run looks for won business and referrals not
# thanked yet (a first run does not thank years of past deals).
LOOKBACK_DAYS = 30
# Context key: activities being marked done, that the closing of their
# reminders must leave to mail.activity._action_done().
BUSY_ACTIVITIES = "relationship_care_busy_activity_ids"


def next_anniversary(day, today):
    """The next occurrence of ``day``'s month and day, today or later
    (29 February falls on the 28th in other years)."""

    def in_year(year):
        try:
            return day.replace(year=year)
        except ValueError:
            return date(year, 2, 28)

    this_year = in_year(today.year)
    return this_year if this_year >= today else in_year(today.year + 1)


class RelationshipCareReminder(models.Model):
    """One due care of a client: keep in touch, visit, a thank-you call after
    a deal, a birthday, an anniversary, thanks for a referral, a personal
    note after meeting them at an event.

    Reminders are planned by ``relationship.care.planner`` from the
    clients' cadence rules, each with an activity for the account owner; the
    same due care never gets two reminders (``key`` is unique while it
    matters). A reminder closes itself when the care happens (an interaction
    of the right kind, a gesture for a referral, its activity marked done);
    for contacts and visits, the next one is planned at once.
    """

    _name = "relationship.care.reminder"
    _inherit = ["relationship.rules.mixin"]
    _description = "Care Reminder"
    _order = "due_date, id"
    # What a manager may change by hand: when it is due, and who gives it.
    _manual_fields = ("due_date", "user_id")
    _internal_user_fields = ("user_id",)

    name = fields.Char(string="Reminder", required=True)
    kind = fields.Selection(CARE_KINDS, required=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, ondelete="cascade"
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Person",
        ondelete="cascade",
        help="The person whose birthday it is.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned to",
        index=True,
        ondelete="set null",
        domain=[("share", "=", False)],
        check_company=True,
    )
    owner_id = fields.Many2one(
        related="partner_id.relationship_owner_id",
        string="Account Owner",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    city = fields.Char(related="partner_id.city")
    state = fields.Selection(
        [("open", "To Do"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        index=True,
    )
    due_date = fields.Date(required=True, index=True)
    date_from = fields.Datetime(
        string="Counted From",
        required=True,
        help="Care given after this moment fulfils the reminder: the last "
        "contact or visit for a cadence, the deal or the referral to thank, "
        "the start of the reminder for a birthday or an anniversary, the "
        "event for a personal note.",
    )
    event_date = fields.Date(
        string="Occasion",
        help="The day of the birthday, anniversary, deal, referral or event.",
    )
    days_overdue = fields.Integer(compute="_compute_days_overdue")
    done_date = fields.Datetime(string="Closed On", readonly=True)
    interaction_id = fields.Many2one(
        "relationship.interaction",
        string="Done Through",
        ondelete="set null",
        readonly=True,
    )
    gesture_log_id = fields.Many2one(
        "relationship.gesture.log",
        string="Thanked With",
        ondelete="set null",
        readonly=True,
    )
    activity_id = fields.Many2one(
        "mail.activity",
        ondelete="set null",
        readonly=True,
        index="btree_not_null",
    )
    origin_ref = fields.Reference(
        selection="_selection_origin_ref", string="Origin", readonly=True
    )
    key = fields.Char(required=True, readonly=True, index=True, copy=False)

    def init(self):
        # Never two reminders for the same due care: one open contact or
        # visit reminder per client, one reminder ever per occasion.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS relationship_care_reminder_key_unique
                ON relationship_care_reminder (key)
             WHERE state = 'open' OR kind NOT IN ('contact', 'visit')
            """
        )

    @api.model
    def _selection_origin_ref(self):
        return [
            (source["model"], self.env[source["model"]]._description)
            for source in self.env["relationship.care.planner"]._care_thanks_sources()
        ]

    @api.depends("due_date", "state")
    def _compute_days_overdue(self):
        today = fields.Date.context_today(self)
        for reminder in self:
            reminder.days_overdue = (
                (today - reminder.due_date).days
                if reminder.state == "open" and reminder.due_date < today
                else 0
            )

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    @api.model
    def _workflow_buttons(self):
        return {
            "state": _(
                "a reminder closes when the care is given (log the "
                "interaction, record the gesture) or when its activity is "
                "marked done or cancelled."
            )
        }

    @api.model
    def _system_fields(self):
        """Reminders are the planner's: by hand, a manager only moves the
        due date or gives the care to someone else."""
        stored = {
            name
            for name, field in self._fields.items()
            if field.store and name not in models.MAGIC_COLUMNS
        }
        return (super()._system_fields() | stored) - set(self._manual_fields)

    @api.constrains("due_date", "date_from")
    def _check_due_date(self):
        for reminder in self:
            if reminder.due_date < reminder.date_from.date() - timedelta(days=1):
                raise ValidationError(
                    _(
                        "Reminder %(name)s cannot be due (%(due)s) before the "
                        "moment it counts from (%(start)s).",
                        name=reminder.name,
                        due=fields.Date.to_string(reminder.due_date),
                        start=fields.Date.to_string(reminder.date_from.date()),
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        # The activity follows its reminder, whoever moved it.
        activity_vals = {}
        if vals.get("due_date"):
            activity_vals["date_deadline"] = vals["due_date"]
        if vals.get("user_id"):
            activity_vals["user_id"] = vals["user_id"]
        if activity_vals and self.activity_id:
            self.activity_id.sudo().with_context(mail_activity_quick_update=True).write(
                activity_vals
            )
        return res

    # ------------------------------------------------------------------
    # Closing
    # ------------------------------------------------------------------
    def _close(self, state="done", when=None, interaction=None, gesture_log=None):
        """Close the reminders and remove their pending activities (except
        those being marked done, which mail.activity finishes itself)."""
        if not self:
            return
        busy = set(self.env.context.get(BUSY_ACTIVITIES) or ())
        activities = self.activity_id.filtered(lambda a: a.id not in busy)
        with self._system_write():
            self.write(
                {
                    "state": state,
                    "done_date": when or fields.Datetime.now(),
                    "interaction_id": interaction.id if interaction else False,
                    "gesture_log_id": gesture_log.id if gesture_log else False,
                    "activity_id": False,
                }
            )
        activities.sudo().unlink()

    def _reschedule(self, due):
        self.ensure_one()
        self.due_date = due

    def _activity_done(self):
        """Their activity was marked done: the care is given."""
        reminders = self.filtered(lambda r: r.state == "open")
        reminders._close()
        cadence = reminders.filtered(lambda r: r.kind in CADENCE_KINDS)
        self.env["relationship.care.planner"]._plan_cadence(
            cadence.partner_id, fields.Datetime.now()
        )

    def _activity_cancelled(self):
        """Their activity was cancelled: the reminder is too; a contact or a
        visit is planned again from today."""
        reminders = self.filtered(lambda r: r.state == "open")
        reminders._close("cancelled")
        cadence = reminders.filtered(lambda r: r.kind in CADENCE_KINDS)
        self.env["relationship.care.planner"]._plan_cadence(
            cadence.partner_id, fields.Datetime.now()
        )
