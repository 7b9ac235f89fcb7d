# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.relationship_health.tools.batch import exclusive, run_in_batches

from .farewell_protocol_template import MAX_OFFSET_DAYS

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
    _inherit = ["relationship.rules.mixin"]
    _description = "Open-door Protocol Step"
    _order = "due_date, id"
    _check_company_auto = True

    departure_id = fields.Many2one(
        "farewell.departure",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="departure_id.partner_id", store=True, string="Client"
    )
    owner_id = fields.Many2one(
        related="departure_id.owner_id", store=True, string="Account Owner"
    )
    company_id = fields.Many2one(related="departure_id.company_id", store=True)
    template_id = fields.Many2one(
        "farewell.protocol.template", readonly=True, check_company=True
    )
    name = fields.Char(required=True)
    due_date = fields.Date(required=True, index=True)
    script = fields.Html(string="Suggested Script")
    state = fields.Selection(
        STEP_STATES, string="Status", default="planned", required=True, index=True
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    done_date = fields.Date(readonly=True)

    @api.constrains("due_date", "departure_id")
    def _check_due_date(self):
        today = fields.Date.context_today(self)
        # A missing date is the database's to refuse (a mandatory field).
        for step in self.filtered(lambda s: s.state == "planned" and s.due_date):
            if step.due_date < today:
                raise ValidationError(
                    _(
                        "A rescue step cannot be planned in the past (%(date)s).",
                        date=step.due_date,
                    )
                )
            departure_date = step.departure_id.departure_date or today
            if step.due_date < departure_date:
                raise ValidationError(
                    _("A protocol step cannot come before the departure.")
                )
            if (step.due_date - max(departure_date, today)).days > MAX_OFFSET_DAYS:
                raise ValidationError(
                    _(
                        "A protocol step comes at most five years (%(days)s "
                        "days) after the departure.",
                        days=MAX_OFFSET_DAYS,
                    )
                )

    @api.constrains("departure_id", "state")
    def _check_door_open(self):
        for step in self.filtered(lambda s: s.state == "planned"):
            departure = step.departure_id
            if departure.door_state != "open" or departure.outcome != "pending":
                raise ValidationError(
                    _(
                        "No protocol step is planned behind a closed door or "
                        "once the departure has its outcome."
                    )
                )

    @api.constrains("name")
    def _check_name(self):
        for step in self:
            if not (step.name or "").strip():
                raise ValidationError(_("Say what the protocol step is."))

    # ------------------------------------------------------------------
    # Rules: the workflow, and what it freezes
    # ------------------------------------------------------------------
    @api.model
    def _workflow_buttons(self):
        return {
            "state": _(
                "the step is scheduled when it comes due, done when its "
                "activity is marked done, and stopped with Stop, Close the "
                "Door, Client Recovered or Not Recovered."
            ),
        }

    def _frozen_fields(self):
        self.ensure_one()
        frozen = {
            "departure_id": _("A protocol step stays with its departure."),
        }
        if self.state != "planned":
            frozen["due_date"] = _(
                "The step is scheduled: its activity carries the deadline now."
            )
        if self.state in ("done", "cancelled"):
            message = _("A protocol step that is done or stopped cannot change.")
            frozen.update(name=message, script=message, due_date=message)
        return frozen

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def action_cancel(self):
        """Stop these steps (the owner decides the client needs no more
        of them): their activities go too."""
        self.check_access("write")
        if self.filtered(lambda s: s.state not in ("planned", "scheduled")):
            raise UserError(_("Only a planned or scheduled step can be stopped."))
        self._cancel()
        return True

    def _cancel(self):
        pending = self.filtered(lambda s: s.state in ("planned", "scheduled"))
        with self._system_write():
            pending.write({"state": "cancelled"})
        # The activities are the system's (given as superuser): removed with
        # the steps they stand for, whose change was checked above.
        pending.activity_id.sudo().unlink()

    def _mark_done(self):
        with self._system_write():
            self.write({"state": "done", "done_date": fields.Date.context_today(self)})

    def _replan(self):
        """The departure moved: its planned steps follow it."""
        planned = self.filtered(lambda s: s.state == "planned" and s.template_id)
        for step in planned:
            step.due_date = step.template_id._due_date(step.departure_id)

    @api.model
    def _cron_schedule_steps(self, today=None):
        """Scheduled: give the owners their protocol activities as steps
        come due (each company's lead time); idempotent, batched, never
        behind a closed door."""
        today = today or fields.Date.context_today(self)
        leads = {
            company.id: max(company.farewell_step_lead_days, 0)
            for company in self.env["res.company"].sudo().search([])
        }
        steps = self.search(
            [
                ("state", "=", "planned"),
                ("due_date", "<=", today + timedelta(days=max(leads.values()))),
                ("departure_id.door_state", "=", "open"),
                ("departure_id.outcome", "=", "pending"),
            ]
        ).filtered(
            lambda s: (
                s.due_date <= today + timedelta(days=leads.get(s.company_id.id, 0))
            )
        )
        with exclusive(self.env, "farewell steps") as mine:
            if not mine:
                return self.browse()
            run_in_batches(
                steps, lambda batch: batch._schedule(today), size=500, label="Step"
            )
        return steps

    def _schedule(self, today):
        """Give these planned steps their owners' activities, in the owner's
        language."""
        activities = self.env["mail.activity"]._relationship_schedule(
            [
                {
                    "record": step.partner_id,
                    "activity_type": step.template_id.activity_type_id
                    or "mail.mail_activity_data_call",
                    "user": step.owner_id or self.env.user,
                    "summary": lambda env, s=step: s._text_for(env, "name"),
                    "note": lambda env, s=step: s._text_for(env, "script"),
                    "date_deadline": max(step.due_date, today),
                }
                for step in self
            ]
        )
        with self._system_write():
            for step, activity in zip(self, activities, strict=True):
                step.write({"state": "scheduled", "activity_id": activity.id})

    def _text_for(self, env, fname):
        """The step's ``fname`` as the reader of ``env`` should read it: the
        configured step's text in their language while the step still says
        what was configured (in any language), else what a person wrote on
        the step."""
        self.ensure_one()
        template = self.template_id
        if template and self[fname] in template._texts(fname):
            return template.with_env(env)[fname]
        return self[fname]
