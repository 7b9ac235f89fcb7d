# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.relationship_health.tools.batch import run_in_batches

STEP_STATES = [
    ("planned", "Planned"),
    ("scheduled", "Scheduled"),
    ("done", "Done"),
    ("cancelled", "Stopped"),
]


class FarewellProtocolStep(models.Model):
    """One step of the open-door protocol of a departure: an activity for
    the owner when it comes due, with a suggested script."""

    _name = "farewell.protocol.step"
    _description = "Open-door Protocol Step"
    _order = "due_date, id"

    departure_id = fields.Many2one(
        "farewell.departure", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        related="departure_id.partner_id", store=True, string="Client"
    )
    owner_id = fields.Many2one(
        related="departure_id.owner_id", store=True, string="Account Owner"
    )
    company_id = fields.Many2one(related="departure_id.company_id", store=True)
    template_id = fields.Many2one("farewell.protocol.template", readonly=True)
    name = fields.Char(required=True)
    due_date = fields.Date(required=True, index=True)
    script = fields.Html(string="Suggested Script")
    state = fields.Selection(STEP_STATES, default="planned", required=True, index=True)
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    done_date = fields.Date(readonly=True)

    @api.constrains("due_date")
    def _check_due_date(self):
        today = fields.Date.context_today(self)
        for step in self.filtered(lambda s: s.state == "planned"):
            if step.due_date < today:
                raise ValidationError(
                    _(
                        "A rescue step cannot be planned in the past (%(date)s).",
                        date=step.due_date,
                    )
                )
            if step.due_date < step.departure_id.departure_date:
                raise ValidationError(
                    _("A protocol step cannot come before the departure.")
                )

    def _cancel(self):
        pending = self.filtered(lambda s: s.state in ("planned", "scheduled"))
        pending.activity_id.sudo().unlink()
        pending.write({"state": "cancelled"})

    def _mark_done(self):
        self.write({"state": "done", "done_date": fields.Date.context_today(self)})

    @api.model
    def _cron_schedule_steps(self, today=None):
        """Scheduled: give the owners their protocol activities as steps
        come due; idempotent, batched, never behind a closed door."""
        today = today or fields.Date.context_today(self)
        lead = max(self.env.company.farewell_step_lead_days, 0)
        steps = self.search(
            [
                ("state", "=", "planned"),
                ("due_date", "<=", today + timedelta(days=lead)),
                ("departure_id.door_state", "=", "open"),
                ("departure_id.outcome", "=", "pending"),
            ]
        )
        run_in_batches(
            steps, lambda batch: batch._schedule(today), size=500, label="Step"
        )
        return steps

    def _schedule(self, today):
        """Give these planned steps their owners' activities."""
        activities = self.env["mail.activity"]._relationship_schedule(
            [
                {
                    "record": step.partner_id,
                    "activity_type": step.template_id.activity_type_id
                    or "mail.mail_activity_data_call",
                    "user": step.owner_id or self.env.user,
                    "summary": step.name,
                    "note": step.script,
                    "date_deadline": max(step.due_date, today),
                }
                for step in self
            ]
        )
        for step, activity in zip(self, activities, strict=True):
            step.write({"state": "scheduled", "activity_id": activity.id})
