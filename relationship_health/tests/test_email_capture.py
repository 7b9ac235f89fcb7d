# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta
from email.utils import format_datetime

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RelationshipCommon

RAW_EMAIL = """From: Ana Buyer <ana@alfa.example.com>
To: Sofia Salesperson <sofia@ourco.example.com>
Subject: {subject}
Message-Id: {message_id}
Date: {date}
{headers}MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""


@tagged("post_install", "-at_install")
class TestEmailCapture(RelationshipCommon):
    """Emails exchanged with a client's people are interactions of the
    client, once; notes, notifications and our own talk are not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.relationship_email_capture = True
        cls.other_company.relationship_email_capture = True
        cls.user_sofia.email = "sofia@ourco.example.com"
        cls.user_tomas.email = "tomas@ourco.example.com"
        cls.alfa_buyer.email = "ana@alfa.example.com"
        cls.alfa_engineer.email = "luis@alfa.example.com"
        cls.lead_alfa = cls.env["crm.lead"].create(
            {
                "name": "New conveyor",
                "type": "opportunity",
                "partner_id": cls.client_alfa.id,
                "user_id": cls.user_sofia.id,
            }
        )
        # A client of every company (no company of its own).
        cls.client_shared = cls.env["res.partner"].create(
            {"name": "Delta Shared", "is_company": True, "company_id": False}
        )
        cls.shared_contact = cls.env["res.partner"].create(
            {"name": "Dora Delta", "parent_id": cls.client_shared.id}
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _message(self, record, message_type="email", author=None, partners=None, **v):
        """A message on ``record``, created as Odoo's mail does (one create)."""
        values = {
            "model": record._name,
            "res_id": record.id,
            "message_type": message_type,
            "subtype_id": self.env.ref("mail.mt_comment").id,
            "author_id": (self.alfa_buyer if author is None else author).id,
            "partner_ids": [
                Command.set(
                    (self.user_sofia.partner_id if partners is None else partners).ids
                )
            ],
            "subject": "Order 4512: delivery date",
            "body": "<p>When do the pallets arrive?</p>",
        }
        values.update(v)
        return self.env["mail.message"].create(values)

    def _captured(self, messages):
        return (
            self.env["relationship.interaction"]
            .sudo()
            .search(
                [
                    ("origin_model", "=", "mail.message"),
                    ("origin_res_id", "in", messages.ids),
                ]
            )
        )

    def _sale_order(self):
        return self.env["sale.order"].create({"partner_id": self.alfa_buyer.id})

    def _invoice(self, move_type="out_invoice"):
        return self.env["account.move"].create(
            {"move_type": move_type, "partner_id": self.client_alfa.id}
        )

    # ------------------------------------------------------------------
    # What is an interaction and what is not, table-driven
    # ------------------------------------------------------------------
    def test_which_messages_are_interactions(self):
        sofia, tomas = self.user_sofia, self.user_tomas
        buyer, engineer = self.alfa_buyer, self.alfa_engineer
        lead_of_contact = self.env["crm.lead"].create(
            {"name": "Spare parts", "partner_id": engineer.id}
        )
        lead_without_client = self.env["crm.lead"].create({"name": "Who knows"})
        note = self.env.ref("mail.mt_note").id
        # (case, make the message, expected: None or (client, contacts, users))
        cases = [
            (
                "incoming email on the client",
                lambda: self._message(self.client_alfa),
                (self.client_alfa, buyer, sofia),
            ),
            (
                "incoming email on a contact",
                lambda: self._message(buyer),
                (self.client_alfa, buyer, sofia),
            ),
            (
                "incoming email on an opportunity",
                lambda: self._message(self.lead_alfa, author=engineer),
                (self.client_alfa, engineer, sofia),
            ),
            (
                "opportunity of a contact: its company is the client",
                lambda: self._message(lead_of_contact, author=engineer),
                (self.client_alfa, engineer, sofia),
            ),
            (
                "email on a quotation",
                lambda: self._message(self._sale_order()),
                (self.client_alfa, buyer, sofia),
            ),
            (
                "email on a customer invoice",
                lambda: self._message(self._invoice()),
                (self.client_alfa, buyer, sofia),
            ),
            (
                "email sent by a mass mailing",
                lambda: self._message(
                    self.client_alfa,
                    "email_outgoing",
                    author=sofia.partner_id,
                    partners=buyer | engineer,
                ),
                (self.client_alfa, buyer | engineer, sofia),
            ),
            (
                "message sent to the client's people",
                lambda: self._message(
                    self.client_alfa, "comment", author=sofia.partner_id, partners=buyer
                ),
                (self.client_alfa, buyer, sofia),
            ),
            (
                "email from an address we do not know",
                lambda: self._message(
                    self.client_alfa,
                    author=self.env["res.partner"],
                    email_from="someone@unknown.example.com",
                    partners=self.env["res.partner"],
                ),
                (self.client_alfa, self.env["res.partner"], self.env["res.users"]),
            ),
            (
                "email without subject: named after the record",
                lambda: self._message(self.lead_alfa, subject=False),
                (self.client_alfa, buyer, sofia),
            ),
            ("vendor bill", lambda: self._message(self._invoice("in_invoice")), None),
            (
                "internal note",
                lambda: self._message(self.client_alfa, "comment", subtype_id=note),
                None,
            ),
            (
                "message marked internal",
                lambda: self._message(self.client_alfa, is_internal=True),
                None,
            ),
            (
                "system notification",
                lambda: self._message(self.client_alfa, "notification"),
                None,
            ),
            (
                "automatic notification",
                lambda: self._message(self.client_alfa, "auto_comment"),
                None,
            ),
            (
                "user notification",
                lambda: self._message(
                    self.client_alfa, "user_notification", reply_to="a@b.example.com"
                ),
                None,
            ),
            (
                "trace of an activity done",
                lambda: self._message(
                    self.client_alfa,
                    "comment",
                    mail_activity_type_id=self.env.ref(
                        "mail.mail_activity_data_call"
                    ).id,
                ),
                None,
            ),
            (
                "email among our people only",
                lambda: self._message(
                    self.client_alfa, author=sofia.partner_id, partners=tomas.partner_id
                ),
                None,
            ),
            (
                "email on our own company",
                lambda: self._message(self.company.partner_id),
                None,
            ),
            (
                "email on an opportunity without client",
                lambda: self._message(lead_without_client),
                None,
            ),
            (
                "message on no record",
                lambda: self.env["mail.message"].create(
                    {"message_type": "email", "author_id": buyer.id, "body": "Hi"}
                ),
                None,
            ),
        ]
        for case, make, expected in cases:
            with self.subTest(case=case):
                message = make()
                interaction = self._captured(message)
                if expected is None:
                    self.assertFalse(interaction)
                    continue
                client, contacts, users = expected
                self.assertEqual(len(interaction), 1)
                self.assertEqual(interaction.partner_id, client)
                self.assertEqual(interaction.contact_ids, contacts)
                self.assertEqual(interaction.user_ids, users)
                self.assertEqual(
                    (interaction.channel, interaction.source, interaction.depth),
                    ("email", "email", "operational"),
                )
                self.assertEqual(interaction.date, message.date)
                self.assertEqual(
                    interaction.name,
                    message.subject or f"Email: {message.record_name}",
                )
                self.assertIn("pallets arrive", interaction.summary or "<p></p>")

    def test_message_sent_to_followers_from_the_chatter(self):
        """ "Send message" reaches the followers: the client's people among
        them took part; "Log note" reaches nobody outside."""
        self.client_alfa.message_subscribe(partner_ids=self.alfa_engineer.ids)
        sent = self.client_alfa.with_user(self.user_sofia).message_post(
            body="The new prices are attached.",
            subject="Price list 2027",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        interaction = self._captured(sent)
        self.assertEqual(interaction.contact_ids, self.alfa_engineer)
        self.assertEqual(interaction.user_ids, self.user_sofia)
        logged = self.client_alfa.with_user(self.user_sofia).message_post(
            body="They always pay late.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            partner_ids=self.alfa_buyer.ids,
        )
        self.assertFalse(self._captured(logged))

    def test_mass_mailing_to_contacts(self):
        """A mass mailing's recipients are known to its emails only."""
        composer = (
            self.env["mail.compose.message"]
            .with_context(
                default_model="res.partner",
                default_res_ids=(self.alfa_buyer | self.beta_contact).ids,
                default_composition_mode="mass_mail",
            )
            .create({"subject": "Our new catalog", "body": "<p>Pallets</p>"})
        )
        composer._action_send_mail()
        for client, contact in (
            (self.client_alfa, self.alfa_buyer),
            (self.client_beta, self.beta_contact),
        ):
            interaction = self.env["relationship.interaction"].search(
                [("partner_id", "=", client.id), ("source", "=", "email")]
            )
            self.assertEqual(len(interaction), 1)
            self.assertEqual(interaction.name, "Our new catalog")
            self.assertEqual(interaction.contact_ids, contact)

    def test_same_message_is_never_logged_twice(self):
        message = self._message(self.client_alfa)
        message._relationship_capture_emails()
        message.write({"partner_ids": [Command.link(self.user_tomas.partner_id.id)]})
        interaction = self._captured(message)
        self.assertEqual(len(interaction), 1)
        # The recipients added later take part in the same interaction.
        self.assertEqual(interaction.user_ids, self.user_sofia | self.user_tomas)

    def test_future_date_is_now(self):
        message = self._message(
            self.client_alfa, date=datetime.now() + timedelta(days=3)
        )
        self.assertLessEqual(self._captured(message).date, datetime.now())

    def test_long_subject_and_body_are_shortened(self):
        message = self._message(
            self.client_alfa,
            subject="Delivery " * 200,
            body="<p>%s</p>" % ("pallets " * 5000),
        )
        interaction = self._captured(message)
        self.assertEqual(len(interaction.name), 1024)
        self.assertLess(len(interaction.summary), 21000)

    # ------------------------------------------------------------------
    # The setting, per company
    # ------------------------------------------------------------------
    def test_setting_off_logs_nothing_for_that_company(self):
        self.company.relationship_email_capture = False
        self.assertFalse(self._captured(self._message(self.client_alfa)))
        self.assertFalse(self._captured(self._message(self.lead_alfa)))
        # The other company's clients are still logged.
        other_contact = self.env["res.partner"].create(
            {"name": "Gus Gamma", "parent_id": self.client_other.id}
        )
        interaction = self._captured(
            self._message(self.client_other, author=other_contact)
        )
        self.assertEqual(interaction.company_id, self.other_company)

    def test_client_of_every_company_follows_the_record_company(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Delta in the other company",
                "partner_id": self.client_shared.id,
                "company_id": self.other_company.id,
                "user_id": False,
            }
        )
        self.company.relationship_email_capture = False
        interaction = self._captured(self._message(lead, author=self.shared_contact))
        self.assertEqual(interaction.company_id, self.other_company)
        self.assertEqual(interaction.contact_ids, self.shared_contact)
        # Sofía works in the main company only: not a participant there.
        self.assertFalse(interaction.user_ids)
        self.company.relationship_email_capture = True
        self.other_company.relationship_email_capture = False
        self.assertFalse(
            self._captured(self._message(lead, author=self.shared_contact))
        )

    def test_setting_is_in_the_crm_settings(self):
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.relationship_email_capture)
        settings.relationship_email_capture = False
        settings.execute()
        self.assertFalse(self.company.relationship_email_capture)

    # ------------------------------------------------------------------
    # What the user does with it afterwards
    # ------------------------------------------------------------------
    def test_owner_may_change_the_depth_not_the_source(self):
        interaction = self._captured(self._message(self.client_alfa)).with_user(
            self.user_sofia
        )
        interaction.depth = "strategic"
        self.assertEqual(interaction.depth, "strategic")
        with self.assertRefused(UserError, "set by the application"):
            interaction.write({"source": "manual"})
        with self.assertRefused(UserError, "set by the application"):
            interaction.write({"origin_res_id": 1})
        self.assertEqual(interaction.source, "email")

    def test_form_opens_the_record_the_email_came_from(self):
        interaction = self._captured(self._message(self.lead_alfa)).with_user(
            self.user_sofia
        )
        self.assertEqual(interaction.email_record_name, "New conveyor")
        action = interaction.action_open_email_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("crm.lead", self.lead_alfa.id)
        )
        manual = self._log(self.client_alfa).with_user(self.user_sofia)
        self.assertFalse(manual.email_model)
        with self.assertRaisesRegex(UserError, "does not come from an email"):
            manual.action_open_email_document()

    def test_outreach_keeps_its_own_interaction(self):
        """Information passed on is logged by its wizard (strategic,
        information we give), not a second time as a plain email."""
        wizard = (
            self.env["relationship.share.wizard"]
            .with_user(self.user_sofia)
            .create(
                {
                    "partner_id": self.client_alfa.id,
                    "contact_ids": [Command.set(self.alfa_buyer.ids)],
                    "subject": "An article on forklift safety",
                    "url": "https://example.com/forklifts",
                }
            )
        )
        wizard.action_share()
        interactions = self.env["relationship.interaction"].search(
            [("partner_id", "=", self.client_alfa.id)]
        )
        self.assertEqual(len(interactions), 1)
        self.assertEqual(
            (interactions.depth, interactions.exchange, interactions.source),
            ("strategic", "information", "email"),
        )

    # ------------------------------------------------------------------
    # Load: a batch of messages costs the queries of one
    # ------------------------------------------------------------------
    def _capture_queries(self, count, records):
        """Queries run by capturing ``count`` messages created in one batch
        on ``records`` (in turn), rolled back afterwards. ``sql_log_count``
        counts every query of the cursor, the ORM's and ``execute_values``'
        alike."""
        with self.env.cr.savepoint() as savepoint:
            with self.env["mail.message"]._relationship_email_capture_off():
                messages = self.env["mail.message"].create(
                    [
                        {
                            "model": records[i % len(records)]._name,
                            "res_id": records[i % len(records)].id,
                            "message_type": "email",
                            "subtype_id": self.env.ref("mail.mt_comment").id,
                            "author_id": (
                                self.alfa_buyer if i % 2 else self.alfa_engineer
                            ).id,
                            # Every message with the same people: a batch
                            # differs from one message by its size only.
                            "partner_ids": [
                                Command.set(
                                    (
                                        self.user_sofia.partner_id
                                        | self.alfa_buyer
                                        | self.alfa_engineer
                                    ).ids
                                )
                            ],
                            "subject": f"Order {i}",
                            "body": "<p>Delivery</p>",
                        }
                        for i in range(count)
                    ]
                )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            messages._relationship_capture_emails()
            self.env.flush_all()
            queries = self.env.cr.sql_log_count - before
            self.assertEqual(len(self._captured(messages)), count)
            savepoint.rollback()
        self.env.invalidate_all()
        return queries

    def test_batch_of_emails_costs_the_queries_of_one(self):
        lead = [self.lead_alfa]
        # Once first, for the caches Odoo fills once (defaults, models).
        self._capture_queries(1, lead)
        self.assertEqual(
            self._capture_queries(10, lead), self._capture_queries(1, lead)
        )
        # On the client, a contact and an opportunity: one read per model.
        mixed = [self.client_alfa, self.alfa_buyer, self.lead_alfa]
        self.assertEqual(
            self._capture_queries(12, mixed), self._capture_queries(3, mixed)
        )

    # ------------------------------------------------------------------
    # The mail gateway, with real incoming emails
    # ------------------------------------------------------------------
    def _raw(self, subject, message_id, headers="", body="Hello"):
        return RAW_EMAIL.format(
            subject=subject,
            message_id=message_id,
            date=format_datetime(datetime.now() - timedelta(minutes=5)),
            headers=headers,
            body=body,
        )

    def test_gateway_email_opens_an_opportunity_and_an_interaction(self):
        raw = self._raw("Quote for 40 pallets", "<quote-40@alfa.example.com>")
        lead_id = self.env["mail.thread"].message_process("crm.lead", raw)
        lead = self.env["crm.lead"].browse(lead_id)
        self.assertEqual(lead.partner_id, self.alfa_buyer)
        message = lead.message_ids.filtered(lambda m: m.message_type == "email")
        interaction = self._captured(message)
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.partner_id, self.client_alfa)
        self.assertEqual(interaction.name, "Quote for 40 pallets")
        self.assertEqual(interaction.contact_ids, self.alfa_buyer)
        # The gateway adds the recipients after creating the message.
        self.assertEqual(interaction.user_ids, self.user_sofia)
        self.assertIn("Hello", interaction.summary)
        # The same email delivered twice: one message, one interaction.
        self.assertFalse(self.env["mail.thread"].message_process("crm.lead", raw))
        self.assertEqual(
            self.env["relationship.interaction"].search_count(
                [("partner_id", "=", self.client_alfa.id), ("source", "=", "email")]
            ),
            1,
        )

    def test_gateway_reply_to_an_opportunity(self):
        sent = self.lead_alfa.with_user(self.user_sofia).message_post(
            body="Here is our offer.",
            subject="Offer for the new conveyor",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.alfa_buyer.ids,
        )
        raw = self._raw(
            "Re: Offer for the new conveyor",
            "<reply-1@alfa.example.com>",
            headers=f"In-Reply-To: {sent.message_id}\nReferences: {sent.message_id}\n",
            body="Looks good, send the contract.",
        )
        for _attempt in range(2):
            self.env["mail.thread"].message_process("crm.lead", raw)
        reply = self.lead_alfa.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(len(reply), 1)
        interactions = self.env["relationship.interaction"].search(
            [("partner_id", "=", self.client_alfa.id)], order="id"
        )
        self.assertEqual(interactions.mapped("origin_res_id"), [sent.id, reply.id])
        self.assertEqual(interactions[1].contact_ids, self.alfa_buyer)
        self.assertIn("send the contract", interactions[1].summary)
