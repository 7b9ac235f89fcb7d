# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import NOW, FarewellCommon

LEFT = NOW.date()


@tagged("post_install", "-at_install")
class TestDeparture(FarewellCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A sister company, and a company where Alfa's buyer also works.
        cls.group = cls.env["res.partner"].create(
            {"name": "Alfa Group", "is_company": True}
        )
        cls.client_alfa.parent_id = cls.group
        cls.alfa_sister = cls.env["res.partner"].create(
            {
                "name": "Alfa Sister",
                "is_company": True,
                "parent_id": cls.group.id,
                "user_id": cls.user_tomas.id,
            }
        )
        cls.beta_contact.email = "ana@alfa.example.com"

    def _leave(self):
        with freeze_time(LEFT):
            return self.Departure.with_user(self.user_sofia).create(
                {
                    "partner_id": self.client_alfa.id,
                    "departure_date": LEFT,
                    "reason_ids": [
                        Command.link(self.env.ref("customer_farewell.reason_price").id)
                    ],
                    "offer_ids": [
                        Command.create({"description": "10% off", "is_price": True}),
                        Command.create({"description": "Dedicated technician"}),
                    ],
                }
            )

    def _activities(self, partner, summary):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("summary", "ilike", summary),
            ]
        )

    def test_open_door_protocol_over_twelve_months(self):
        departure = self._leave()
        self.assertEqual(self.client_alfa.relationship_stage, "dissolution")
        self.assertTrue(departure.price_was_lever)
        self.assertEqual(departure.price_offer_count, 1)
        steps = departure.step_ids.sorted("due_date")
        self.assertEqual(
            steps.mapped("due_date"),
            [LEFT, LEFT + timedelta(30), LEFT + timedelta(182), LEFT + timedelta(365)],
        )
        Step = self.env["farewell.protocol.step"]
        with freeze_time(LEFT):
            Step._cron_schedule_steps(LEFT)
            Step._cron_schedule_steps(LEFT)  # idempotent
        self.assertEqual(
            steps.mapped("state"), ["scheduled", "planned", "planned", "planned"]
        )
        farewell = self._activities(self.client_alfa, "See you later")
        self.assertEqual(len(farewell), 1)
        self.assertEqual(farewell.user_id, self.user_sofia)
        self.assertIn("see you later", farewell.note)
        farewell.action_done()
        self.assertEqual(steps[0].state, "done")
        # One month later (lead time 7 days): the rescue contact.
        day = LEFT + timedelta(24)
        with freeze_time(day):
            Step._cron_schedule_steps(day)
        self.assertEqual(steps[1].state, "scheduled")
        self.assertEqual(steps[1].activity_id.date_deadline, LEFT + timedelta(30))
        # Six and twelve months.
        for offset, index in ((180, 2), (360, 3)):
            day = LEFT + timedelta(offset)
            with freeze_time(day):
                Step._cron_schedule_steps(day)
            self.assertEqual(steps[index].state, "scheduled")
        self.assertEqual(len(self._activities(self.client_alfa, "Rescue contact")), 3)

    def test_rescue_step_in_the_past_is_refused(self):
        departure = self._leave()
        step = departure.step_ids.sorted("due_date")[-1]
        with self.assertRefused(ValidationError, "cannot be planned in the past"):
            step.due_date = date.today() - timedelta(days=1)

    def test_closing_the_door_stops_everything(self):
        departure = self._leave()
        Step = self.env["farewell.protocol.step"]
        with freeze_time(LEFT):
            Step._cron_schedule_steps(LEFT)
        with self.assertRefused(ValidationError, "client's request"):
            departure.action_close_door()
        departure.door_request_note = "Asked by phone on 5 March not to be contacted"
        departure.action_close_door()
        self.assertEqual(set(departure.step_ids.mapped("state")), {"cancelled"})
        self.assertFalse(self._activities(self.client_alfa, "See you later"))
        self.assertTrue(self.client_alfa.farewell_door_closed)
        self.assertIn(
            self.client_alfa,
            self.env["res.partner"].search([("farewell_door_closed", "=", True)]),
        )
        day = LEFT + timedelta(40)
        with freeze_time(day):
            Step._cron_schedule_steps(day)
        self.assertFalse(self._activities(self.client_alfa, "Rescue contact"))
        # Reopening needs a new request from the client.
        with self.assertRefused(ValidationError, "record the client's new request"):
            departure.action_reopen_door()
        # Not by writing the door either: with its button.
        with self.assertRefused(UserError, "Reopen the Door"):
            departure.write(
                {
                    "door_state": "open",
                    "door_request_note": "Called on 10 June: happy to hear from us",
                }
            )
        departure.door_request_note = "Called on 10 June: happy to hear from us"
        departure.action_reopen_door()
        self.assertEqual(departure.door_state, "open")

    def test_contagion_watch_and_quiet_period(self):
        departure = self._leave()
        watches = departure.watch_ids
        self.assertEqual(
            {(w.partner_id, w.relation) for w in watches},
            {
                (self.alfa_sister, "same_parent"),
                (self.client_beta, "shared_contact"),
            },
        )
        alert = self._activities(self.alfa_sister, "left: look after")
        self.assertEqual(alert.user_id, self.user_tomas)
        self.assertTrue(self.alfa_sister.farewell_watched)
        Watch = self.env["farewell.watch"]
        with freeze_time(LEFT + timedelta(days=60)):
            Watch._cron_clear_watches(LEFT + timedelta(days=60))
        self.assertEqual(set(watches.mapped("state")), {"active"})
        day = LEFT + timedelta(days=95)
        with freeze_time(day):
            Watch._cron_clear_watches(day)
            Watch._cron_clear_watches(day)
        self.assertEqual(set(watches.mapped("state")), {"cleared"})
        self.alfa_sister.invalidate_recordset(["farewell_watched"])
        self.assertFalse(self.alfa_sister.farewell_watched)

    def test_contact_who_moved(self):
        self.alfa_buyer.action_archive()
        departure = self._leave()
        self.assertEqual(
            departure.watch_ids.filtered(
                lambda w: w.partner_id == self.client_beta
            ).relation,
            "moved_contact",
        )

    def test_win_back_returns_to_exploration_with_history(self):
        departure = self._leave()
        with freeze_time(LEFT + timedelta(days=200)):
            departure.action_recovered()
        self.assertEqual(departure.outcome, "recovered")
        self.assertEqual(departure.days_to_recover, 200)
        self.assertEqual(self.client_alfa.relationship_stage, "exploration")
        stages = self.client_alfa.relationship_stage_history_ids.mapped("stage")
        self.assertEqual(stages[:2], ["exploration", "dissolution"])
        self.assertIn("cancelled", departure.step_ids.mapped("state"))
        self.assertTrue(self.client_alfa.active, "nothing is archived unless asked")
        with self.assertRefused(Exception, "already has its outcome"):
            departure.action_not_recovered()

    def test_report_counts_price_as_lever(self):
        self._leave()
        groups = self.Departure._read_group(
            [], ["price_was_lever"], ["__count", "lost_revenue:sum"]
        )
        self.assertIn(True, [lever for lever, _count, _sum in groups])

    def test_departure_of_a_contact_is_refused(self):
        with self.assertRefused(ValidationError, "is a contact of Alfa"):
            self.Departure.create({"partner_id": self.alfa_buyer.id})

    def test_archive_only_on_request(self):
        departure = self._leave()
        self.assertTrue(self.client_alfa.active)
        departure.action_archive_client()
        self.assertFalse(self.client_alfa.active)
        self.assertTrue(departure.exists())
