# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CareCommon


class OutreachCommon(CareCommon):
    """Alfa (Sofía's) with a quarter of care to tell: a problem solved, a
    visit, a gesture, information shared and a revitalization goal reached;
    and what falls outside the quarter."""

    TODAY = datetime(2026, 6, 30, 12, 0)
    FROM, TO = date(2026, 4, 1), date(2026, 6, 30)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alfa_buyer.email = "ana@alfa.example.com"
        cls.alfa_engineer.email = "luis@alfa.example.com"
        cls.beta_contact.email = "bea@beta.example.com"
        cls.rule.review_days = 91
        Problem = cls.env["relationship.problem"]
        cls.problem = Problem.create(
            {
                "name": "Certificates missing",
                "partner_id": cls.client_alfa.id,
                "reported_date": datetime(2026, 5, 4, 9, 0),
                "resolved_date": datetime(2026, 5, 6, 9, 0),
                "root_cause": "The wrong template was used.",
                "assessment": "founded",
                "resolution": "Sent again, signed.",
            }
        )
        cls.old_problem = Problem.create(
            {
                "name": "A January delay",
                "partner_id": cls.client_alfa.id,
                "reported_date": datetime(2026, 1, 10, 9, 0),
                "resolved_date": datetime(2026, 1, 12, 9, 0),
                "root_cause": "A truck broke down.",
                "assessment": "founded",
            }
        )
        cls.visit = cls._log(
            cls.client_alfa,
            name="Plant tour with the engineers",
            channel="visit",
            date=datetime(2026, 5, 20, 10, 0),
            contact_ids=[(6, 0, cls.alfa_engineer.ids)],
        )
        Log = cls.env["relationship.gesture.log"]
        cls.gesture = Log.create(
            {
                "partner_id": cls.client_alfa.id,
                "gesture_id": cls.env.ref("relationship_health.gesture_book").id,
                "occasion": "problem_solved",
                "date": date(2026, 5, 7),
                "contact_id": cls.alfa_buyer.id,
            }
        )
        cls.shared = Log.create(
            {
                "partner_id": cls.client_alfa.id,
                "gesture_id": cls.env.ref("relationship_health.gesture_information").id,
                "occasion": "information",
                "date": date(2026, 6, 2),
                "note": "Steel prices outlook for 2027",
            }
        )
        plan = cls.env["relationship.revitalization.plan"].create(
            {
                "partner_id": cls.client_alfa.id,
                "date_start": date(2026, 3, 1),
                "deadline": date(2026, 9, 1),
                "goal_ids": [
                    (
                        0,
                        0,
                        {
                            "kind": "new_people",
                            "name": "Meet their maintenance team",
                            "deadline": date(2026, 6, 15),
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "kind": "wallet_share",
                            "name": "Sell the coating line",
                            "deadline": date(2026, 6, 20),
                        },
                    ),
                ],
            }
        )
        cls.goal_reached, cls.goal_open = plan.goal_ids.sorted("deadline")
        cls.goal_reached.state = "reached"
        cls.template = cls.env.ref("relationship_health.mail_template_client_review")

    def setUp(self):
        super().setUp()
        self.frozen = freeze_time(self.TODAY)
        self.frozen.start()
        self.addCleanup(self.frozen.stop)

    def _messages(self, client):
        return self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", client.id),
                ("message_type", "=", "comment"),
            ]
        )

    def _draft(self, user, client=None, date_from=None, date_to=None):
        """What the owner does: the button, the period, Draft the Email; the
        composer as the web client opens it."""
        client = client or self.client_alfa
        partner = client.with_user(user)
        action = partner.action_relationship_review()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
        )
        wizard.date_from = date_from or self.FROM
        wizard.date_to = date_to or self.TO
        draft = wizard.save().action_draft_email()
        return Form(
            self.env[draft["res_model"]]
            .with_user(user)
            .with_context(**draft["context"])
        )


@tagged("post_install", "-at_install")
class TestReview(OutreachCommon):
    def test_review_tells_what_we_did_in_the_period(self):
        html = self.client_alfa._relationship_review_html(self.FROM, self.TO)
        for text in (
            "Alfa Industrial",
            "Problems solved",
            "Certificates missing",
            "Sent again, signed.",
            "Plant tour with the engineers",
            "Luis Engineer",
            "Meet their maintenance team",
            "A book chosen for their interests",
            "Steel prices outlook for 2027",
            "Sofía Salesperson",
        ):
            self.assertIn(text, html)
        # Outside the period, or not reached: not told.
        self.assertNotIn("A January delay", html)
        self.assertNotIn("Sell the coating line", html)
        values = self.client_alfa._relationship_review_values(self.FROM, self.TO)
        self.assertEqual(values["problem_days_avg"], "2.0")
        self.assertEqual(values["problems_on_time"], 1)

    def test_a_quiet_period_says_so(self):
        html = self.client_beta._relationship_review_html(self.FROM, self.TO)
        self.assertIn("Nothing else is recorded for this period", html)
        self.assertNotIn("Problems solved", html)

    def test_owner_drafts_edits_and_sends_the_review(self):
        self._plan(self.TODAY)
        reminder = self._reminders(self.client_alfa, "review")
        self.assertEqual(len(reminder), 1, "a review is due each 91 days")
        composer = self._draft(self.user_sofia)
        self.assertEqual(composer.subject, "What we did for you, Alfa Industrial")
        self.assertIn("Certificates missing", composer.body)
        # The owner edits the draft before sending.
        composer.body = composer.body.replace(
            "Thank you for your trust.", "Thank you, Ana, for a great quarter."
        )
        composer = composer.save()
        self.assertEqual(
            composer.partner_ids,
            self.alfa_buyer | self.alfa_engineer,
            "the client's people with an email, by default",
        )
        composer.action_send_mail()
        message = self._messages(self.client_alfa)
        self.assertEqual(len(message), 1)
        self.assertIn("Thank you, Ana, for a great quarter.", message.body)
        self.assertEqual(message.author_id, self.user_sofia.partner_id)
        interaction = self.env["relationship.interaction"].search(
            [("origin_model", "=", "mail.message"), ("origin_res_id", "=", message.id)]
        )
        self.assertEqual(interaction.partner_id, self.client_alfa)
        self.assertEqual(interaction.channel, "email")
        self.assertEqual(interaction.depth, "strategic")
        # Something we gave them: it counts as offered in the balance.
        self.assertEqual(interaction.exchange, "information")
        self.assertEqual(interaction.user_ids, self.user_sofia)
        self.assertEqual(interaction.contact_ids, self.alfa_buyer | self.alfa_engineer)
        self.assertIn("What we did for you", interaction.name)
        # The reminder is done through the review; the next is planned.
        self.assertEqual(reminder.state, "done")
        self.assertEqual(reminder.interaction_id, interaction)
        self.assertFalse(reminder.activity_id)
        following = self._reminders(self.client_alfa, "review")
        self.assertEqual(len(following), 1)
        self.assertEqual(following.due_date, self.TODAY.date() + timedelta(days=91))
        self.assertEqual(following.user_id, self.user_sofia)

    def test_review_sent_without_a_reminder_counts(self):
        """Sent before the nightly planning: the next review is counted
        from it, not from the start of the relationship."""
        self._draft(self.user_sofia).save().action_send_mail()
        self.assertEqual(
            self._reminders(self.client_alfa, "review", state="done").state, "done"
        )
        self._plan(self.TODAY + timedelta(days=1))
        self.assertEqual(
            self._reminders(self.client_alfa, "review").due_date,
            self.TODAY.date() + timedelta(days=91),
        )

    def test_the_template_chosen_by_hand_drafts_the_last_quarter(self):
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.user_sofia)
            .with_context(
                default_model="res.partner",
                default_res_ids=self.client_alfa.ids,
                default_composition_mode="comment",
                default_template_id=self.template.id,
            )
        )
        self.assertIn("Certificates missing", composer.body)
        composer.save().action_send_mail()
        self.assertEqual(
            self.env["relationship.interaction"].search_count(
                [
                    ("partner_id", "=", self.client_alfa.id),
                    ("origin_model", "=", "mail.message"),
                ]
            ),
            1,
        )

    def test_an_ordinary_email_is_no_review(self):
        """An email that is not the review is logged as any email is (an
        operational interaction, see test_email_capture), never as a
        review (strategic, information offered)."""
        self.alfa_buyer.email = "ana@alfa.example.com"
        composer = Form(
            self.env["mail.compose.message"].with_context(
                default_model="res.partner",
                default_res_ids=self.client_alfa.ids,
                default_composition_mode="comment",
            )
        )
        composer.partner_ids.add(self.alfa_buyer)
        composer.body = "<p>Hello</p>"
        composer.save().action_send_mail()
        interaction = self.env["relationship.interaction"].search(
            [
                ("partner_id", "=", self.client_alfa.id),
                ("origin_model", "=", "mail.message"),
            ]
        )
        self.assertEqual(len(interaction), 1)
        self.assertEqual(
            (interaction.depth, interaction.exchange, interaction.source),
            ("operational", False, "email"),
        )

    def test_the_period_is_checked(self):
        Wizard = self.env["relationship.review.wizard"]
        cases = [
            ("ends before it starts", self.TO, self.FROM, "after it ends"),
            ("ends in the future", self.FROM, date(2026, 7, 1), "in the future"),
            ("more than a year", date(2025, 1, 1), self.TO, "at most a year"),
            ("typing mistake", date(1026, 1, 1), date(1026, 2, 1), "typing mistakes"),
        ]
        for label, date_from, date_to, message in cases:
            with self.subTest(label):
                before = Wizard.search_count([])
                with self.assertRefused(ValidationError, message):
                    Wizard.with_user(self.user_sofia).create(
                        {
                            "partner_id": self.client_alfa.id,
                            "date_from": date_from,
                            "date_to": date_to,
                        }
                    )
                self.assertEqual(Wizard.search_count([]), before)
                with self.assertRefused(ValidationError, message):
                    self.client_alfa._relationship_review_html(date_from, date_to)

    def test_the_period_defaults_to_the_last_quarter(self):
        wizard = self.env["relationship.review.wizard"].create(
            {"partner_id": self.client_alfa.id}
        )
        self.assertEqual(wizard.date_to, self.TODAY.date())
        self.assertEqual(wizard.date_from, date(2026, 3, 30))

    def test_printed_as_pdf_with_the_same_content(self):
        report = self.env.ref("relationship_health.action_report_client_review")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_sofia)
            ._render_qweb_html(
                report.report_name,
                self.client_alfa.ids,
                data={"date_from": "2026-04-01", "date_to": "2026-06-30"},
            )
        )
        html = html.decode()
        self.assertIn("What we did for you", html)
        self.assertIn("Certificates missing", html)
        self.assertNotIn("A January delay", html)
        action = (
            self.env["relationship.review.wizard"]
            .with_user(self.user_sofia)
            .create(
                {
                    "partner_id": self.client_alfa.id,
                    "date_from": self.FROM,
                    "date_to": self.TO,
                }
            )
            .action_print()
        )
        self.assertEqual(action["report_name"], report.report_name)
        self.assertEqual(action["data"]["date_from"], "2026-04-01")


@tagged("post_install", "-at_install")
class TestReviewAccess(OutreachCommon):
    def test_only_the_owner_or_a_manager_sends_it(self):
        # Tomás does not own Alfa: no button, no composer, no PDF.
        with self.assertRefused(AccessError, "Only the account owner of Alfa"):
            self.client_alfa.with_user(self.user_tomas).action_relationship_review()
        wizard = (
            self.env["relationship.review.wizard"]
            .with_user(self.user_tomas)
            .create({"partner_id": self.client_alfa.id})
        )
        with self.assertRefused(AccessError, "Only the account owner of Alfa"):
            wizard.action_draft_email()
        with self.assertRefused(AccessError, "Only the account owner of Alfa"):
            wizard.action_print()
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.user_tomas)
            .with_context(
                default_model="res.partner",
                default_res_ids=self.client_alfa.ids,
                default_composition_mode="comment",
                default_template_id=self.template.id,
            )
        ).save()
        with self.assertRefused(AccessError, "Only the account owner of Alfa"):
            composer.action_send_mail()
        self.assertFalse(self._messages(self.client_alfa))
        # His own client, yes; the manager, any client.
        self._draft(self.user_tomas, self.client_beta).save().action_send_mail()
        self._draft(self.user_manager).save().action_send_mail()
        self.assertEqual(len(self._messages(self.client_beta)), 1)
        self.assertEqual(len(self._messages(self.client_alfa)), 1)
        self.assertEqual(
            self._messages(self.client_alfa).author_id, self.user_manager.partner_id
        )

    def test_another_company_reads_nothing(self):
        with self.assertRefused(AccessError, ""):
            self.client_alfa.with_user(
                self.user_other_company
            ).action_relationship_review()
        report = self.env.ref("relationship_health.action_report_client_review")
        with self.assertRefused(AccessError, ""):
            self.env["ir.actions.report"].with_user(
                self.user_other_company
            )._render_qweb_html(report.report_name, self.client_alfa.ids)


@tagged("post_install", "-at_install")
class TestReviewCare(OutreachCommon):
    def test_the_care_rule_plans_the_review(self):
        self._plan(self.TODAY)
        reminder = self._reminders(self.client_alfa, "review")
        self.assertEqual(reminder.user_id, self.user_sofia)
        # Counted from the start of the relationship (5 January 2026).
        self.assertEqual(reminder.due_date, date(2026, 4, 6))
        self.assertEqual(reminder.name, "Tell Alfa Industrial what we did for them")
        self.assertEqual(
            reminder.activity_id.activity_type_id,
            self.env.ref("relationship_health.mail_activity_type_care_review"),
        )
        self.assertIn("What We Did for You", str(reminder.activity_id.note))
        # Idempotent; an interaction of any kind does not fulfil it.
        self._plan(self.TODAY)
        self._talk(self.client_alfa, self.TODAY - timedelta(hours=1), channel="email")
        self.assertEqual(self._reminders(self.client_alfa, "review"), reminder)

    def test_no_review_without_the_rule(self):
        self.rule.review_days = 0
        self._plan(self.TODAY)
        self.assertFalse(self._reminders(self.client_alfa, "review"))

    def test_the_rule_is_range_checked(self):
        for days in (-1, 4000):
            with (
                self.subTest(days=days),
                self.assertRefused(ValidationError, "What We Did for You Every"),
            ):
                self.rule.review_days = days

    def test_activity_done_by_hand_closes_it(self):
        """The owner told them on a call and marked the activity done."""
        self._plan(self.TODAY)
        reminder = self._reminders(self.client_alfa, "review")
        reminder.activity_id.with_user(self.user_sofia).action_done()
        self.assertEqual(reminder.state, "done")
        self.assertEqual(
            self._reminders(self.client_alfa, "review").due_date,
            self.TODAY.date() + timedelta(days=91),
        )


@tagged("post_install", "-at_install")
class TestShareInformation(OutreachCommon):
    def _share(self, user, client=None, **values):
        client = client or self.client_alfa
        vals = {
            "partner_id": client.id,
            "subject": "Steel prices outlook for 2027",
            "url": "https://example.com/steel-2027",
            "note": "<p>We thought of your purchasing plan.</p>",
            "contact_ids": [(6, 0, self.alfa_buyer.ids)],
        }
        vals.update(values)
        return self.env["relationship.share.wizard"].with_user(user).create(vals)

    def _gestures(self):
        return self.env["relationship.gesture.log"].search(
            [("partner_id", "=", self.client_alfa.id), ("occasion", "=", "information")]
        )

    def test_share_sends_and_logs_in_one_step(self):
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.user_sofia)
            .create(
                {
                    "name": "outlook.pdf",
                    "datas": base64.b64encode(b"%PDF-1.4 outlook"),
                    "res_model": "relationship.share.wizard",
                    "res_id": 0,
                }
            )
        )
        before = self._gestures()
        self._share(
            self.user_sofia,
            contact_ids=[(6, 0, (self.alfa_buyer | self.alfa_engineer).ids)],
            attachment_ids=[(6, 0, attachment.ids)],
        ).action_share()
        message = self._messages(self.client_alfa)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.subject, "Steel prices outlook for 2027")
        self.assertIn("https://example.com/steel-2027", message.body)
        self.assertIn("purchasing plan", message.body)
        self.assertEqual(message.partner_ids, self.alfa_buyer | self.alfa_engineer)
        self.assertEqual(message.author_id, self.user_sofia.partner_id)
        self.assertEqual(message.attachment_ids, attachment)
        self.assertEqual(
            (attachment.res_model, attachment.res_id),
            ("res.partner", self.client_alfa.id),
        )
        interaction = self.env["relationship.interaction"].search(
            [("origin_model", "=", "mail.message"), ("origin_res_id", "=", message.id)]
        )
        self.assertEqual(interaction.channel, "email")
        self.assertEqual(
            interaction.name, "Information shared: Steel prices outlook for 2027"
        )
        self.assertEqual(interaction.contact_ids, self.alfa_buyer | self.alfa_engineer)
        gesture = self._gestures() - before
        self.assertEqual(len(gesture), 1)
        self.assertEqual(
            gesture.gesture_id, self.env.ref("relationship_health.gesture_information")
        )
        self.assertEqual(gesture.user_id, self.user_sofia)
        self.assertEqual(gesture.contact_id, self.alfa_buyer)
        # Both count as information offered in the client's balance.
        self.assertEqual((interaction.exchange, gesture.exchange), ("information",) * 2)
        self.assertEqual(gesture.date, self.TODAY.date())
        self.assertIn("https://example.com/steel-2027", gesture.note)
        # And the next review tells it.
        self.assertIn(
            "Steel prices outlook for 2027",
            self.client_alfa._relationship_review_html(self.FROM, self.TO),
        )

    def test_from_a_contact(self):
        action = self.alfa_buyer.with_user(self.user_sofia).action_relationship_share()
        self.assertEqual(action["context"]["default_partner_id"], self.client_alfa.id)
        self.assertEqual(action["context"]["default_contact_ids"], self.alfa_buyer.ids)

    def test_refused_shares_save_nothing(self):
        foreign = self.env["ir.attachment"].create(
            {
                "name": "beta-contract.pdf",
                "datas": base64.b64encode(b"secret"),
                "res_model": "res.partner",
                "res_id": self.client_beta.id,
            }
        )
        cases = [
            ("nobody", {"contact_ids": [(5,)]}, UserError, "Choose who receives it"),
            (
                "someone of another client",
                {"contact_ids": [(6, 0, self.beta_contact.ids)]},
                ValidationError,
                "not people of Alfa",
            ),
            (
                "no email",
                {"contact_ids": [(6, 0, self.alfa_engineer.ids)]},
                UserError,
                "no email address",
            ),
            (
                "not a web link",
                {"url": "javascript:alert(1)"},
                ValidationError,
                "not a web link",
            ),
            (
                "nothing to share",
                {"url": False, "note": False},
                UserError,
                "Nothing to share",
            ),
            (
                "another record's document",
                {"attachment_ids": [(6, 0, foreign.ids)]},
                AccessError,
                "only documents you upload here",
            ),
        ]
        self.alfa_engineer.email = False
        for label, values, exception, message in cases:
            with self.subTest(label), self.assertRefused(exception, message):
                self._share(self.user_manager, **values).action_share()
            self.assertFalse(self._messages(self.client_alfa))
            self.assertEqual(len(self._gestures()), 1, "only the fixture's")
            self.assertEqual(foreign.res_id, self.client_beta.id)

    def test_only_the_owner_or_a_manager_shares(self):
        with self.assertRefused(AccessError, "Only the account owner of Alfa"):
            self.client_alfa.with_user(self.user_tomas).action_relationship_share()
        with self.assertRefused(AccessError, "Only the account owner of Alfa"):
            self._share(self.user_tomas).action_share()
        self.assertFalse(self._messages(self.client_alfa))
        with self.assertRefused(AccessError, ""):
            self._share(self.user_other_company).action_share()
        self.assertFalse(self._messages(self.client_alfa))
        self._share(self.user_manager).action_share()
        self.assertEqual(len(self._messages(self.client_alfa)), 1)
        self.assertEqual(self._gestures()[:1].user_id, self.user_manager)
