# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import KeyAccountCommon


@tagged("post_install", "-at_install")
class TestStakeholders(KeyAccountCommon):
    def test_reports_to_stays_inside_the_company(self):
        with self.assertRefused(ValidationError, "different companies"):
            self.alfa_buyer.reports_to_id = self.beta_contact
        self.assertFalse(self.alfa_buyer.reports_to_id)

    def test_reporting_line_cannot_loop(self):
        self.alfa_buyer.reports_to_id = self.alfa_cfo
        self.alfa_cfo.reports_to_id = self.alfa_plant
        with self.assertRefused(ValidationError, "loop"):
            self.alfa_plant.reports_to_id = self.alfa_buyer
        self.assertEqual(self.alfa_cfo.report_ids, self.alfa_buyer)

    def test_left_date_defaults_to_today_and_cannot_be_future(self):
        with freeze_time("2026-05-04"):
            self.alfa_plant.stakeholder_left = True
            self.assertEqual(self.alfa_plant.stakeholder_left_date, date(2026, 5, 4))
            with self.assertRefused(ValidationError, "future date"):
                self.alfa_cfo.write(
                    {
                        "stakeholder_left": True,
                        "stakeholder_left_date": date(2026, 6, 1),
                    }
                )

    def test_thread_to_a_contact_of_another_client_is_refused(self):
        with self.assertRefused(ValidationError, "not a contact of Alfa"):
            self.Thread.create(
                {
                    "partner_id": self.client_alfa.id,
                    "user_id": self.user_sofia.id,
                    "contact_id": self.beta_contact.id,
                }
            )
        self.assertFalse(
            self.Thread.search([("contact_id", "=", self.beta_contact.id)])
        )

    def test_team_belongs_to_the_company_and_has_one_lead(self):
        with self.assertRefused(ValidationError, "is a contact of Alfa"):
            self._team(self.alfa_buyer, self.user_sofia, self.f_management)
        self._team(self.client_alfa, self.user_sofia, self.f_management, lead=True)
        with self.assertRefused(ValidationError, "already has an account team lead"):
            self._team(self.client_alfa, self.user_tomas, self.f_technical, lead=True)

    def test_thresholds_out_of_order_are_refused(self):
        company = self.env.company
        with self.assertRefused(ValidationError, "out of order"):
            company.write({"kad_bowtie_max_threads": 4, "kad_diamond_min_threads": 3})
        with self.assertRefused(ValidationError, "percentage between 1 and 100"):
            company.kad_bowtie_concentration = 120
        with self.assertRefused(ValidationError, "at least one function"):
            company.kad_diamond_min_our_functions = 0
        settings = Form(self.env["res.config.settings"])
        settings.kad_diamond_min_threads = 1
        with self.assertRefused(ValidationError, "out of order"):
            settings.save().execute()
        self.assertEqual(company.kad_diamond_min_threads, 4)
        # Numbers the database cannot hold, text where a number goes: user
        # errors naming the field, on the company and through the settings.
        with self.assertRefused(ValidationError, "at least live threads.*out of range"):
            company.kad_diamond_min_threads = 2**40
        with self.assertRefused(ValidationError, "at most live threads.*not a valid"):
            self.env["res.config.settings"].create({"kad_bowtie_max_threads": "abc"})
        self.assertEqual(company.kad_bowtie_max_threads, 1)

    def test_access(self):
        member = self._team(self.client_alfa, self.user_sofia, self.f_management)
        # Tomás reads Alfa's team but may not change it: not owner nor member.
        member.with_user(self.user_tomas).read(["function_id"])
        with self.assertRaises(AccessError):
            member.with_user(self.user_tomas).function_id = self.f_technical
        with self.assertRaises(AccessError):
            self.env["key.account.team.member"].with_user(self.user_tomas).create(
                {"partner_id": self.client_alfa.id, "user_id": self.user_tomas.id}
            )
        # Sofía owns Alfa: she adds Tomás to the team; then he may edit it.
        tomas = (
            self.env["key.account.team.member"]
            .with_user(self.user_sofia)
            .create({"partner_id": self.client_alfa.id, "user_id": self.user_tomas.id})
        )
        tomas.with_user(self.user_tomas).function_id = self.f_technical
        thread = self.Thread.with_user(self.user_sofia).create(
            {
                "partner_id": self.client_alfa.id,
                "user_id": self.user_sofia.id,
                "contact_id": self.alfa_cfo.id,
            }
        )
        self.assertEqual(thread.source, "manual")
        # A manager changes everything; another company sees nothing.
        member.with_user(self.user_manager).is_lead = True
        with self.assertRaises(AccessError):
            member.with_user(self.user_other_company).read(["user_id"])
        with self.assertRaises(AccessError):
            thread.with_user(self.user_other_company).read(["user_id"])
        with self.assertRaises(AccessError):
            self.Thread.with_user(self.user_employee).search([])

    def test_function_names_are_short_and_unique(self):
        Function = self.env["key.account.function"]
        with self.assertRefused(ValidationError, "already exists"):
            Function.create({"name": "  PURCHASING"})
        with self.assertRefused(ValidationError, "at most 64 characters"):
            Function.create({"name": "x" * 100_000})
        logistics = Function.create({"name": "Logistics"})
        self.assertEqual(logistics.sequence, 10)

    def test_leaving_date_follows_leaving(self):
        with freeze_time("2026-05-04"):
            self.alfa_plant.stakeholder_left_date = False
            self.alfa_buyer.write(
                {"stakeholder_left": True, "stakeholder_left_date": date(2026, 3, 1)}
            )
            # Marking again those who left keeps the day they left.
            (self.alfa_buyer | self.alfa_plant).write({"stakeholder_left": True})
            self.assertEqual(self.alfa_buyer.stakeholder_left_date, date(2026, 3, 1))
            self.assertEqual(self.alfa_plant.stakeholder_left_date, date(2026, 5, 4))
            # Back at the client: no leaving date any more.
            self.alfa_buyer.stakeholder_left = False
            self.assertFalse(self.alfa_buyer.stakeholder_left_date)
            # Created as gone: today.
            gone = self.env["res.partner"].create(
                {
                    "name": "Gone Already",
                    "parent_id": self.client_alfa.id,
                    "stakeholder_left": True,
                }
            )
            self.assertEqual(gone.stakeholder_left_date, date(2026, 5, 4))
            with self.assertRefused(ValidationError, "has not left the company"):
                self.alfa_cfo.stakeholder_left_date = date(2026, 5, 1)
            with self.assertRefused(ValidationError, "a leaving date is after"):
                gone.stakeholder_left_date = date(1000, 1, 1)

    def test_stakeholder_fields_are_for_the_clients_people(self):
        """Function, role, reporting line, leaving: not a company's, nor an
        individual client's; a person reports to a person."""
        with self.assertRefused(ValidationError, "not a person of a client company"):
            self.client_alfa.stakeholder_role = "decision_maker"
        with self.assertRefused(ValidationError, "not a person of a client company"):
            self.env["res.partner"].create(
                {"name": "Ivan Alone", "stakeholder_function_id": self.f_finance.id}
            )
        with self.assertRefused(ValidationError, "reports to another person"):
            self.alfa_buyer.reports_to_id = self.client_alfa
        retired = self.env["key.account.function"].create(
            {"name": "Retired", "active": False}
        )
        with self.assertRefused(ValidationError, "is archived"):
            self.alfa_buyer.stakeholder_function_id = retired
        self.assertEqual(self.alfa_buyer.stakeholder_function_id, self.f_purchasing)

    def test_declared_thread_becomes_the_logs_once_logged(self):
        """A thread declared by hand is edited by who maps the client until
        the interaction log shows the same two people: then it is the log's
        (one thread, not two) and nobody edits or deletes it by hand."""
        declared = self.Thread.with_user(self.user_sofia).create(
            {
                "partner_id": self.client_alfa.id,
                "user_id": self.user_sofia.id,
                "contact_id": self.alfa_cfo.id,
            }
        )
        declared.last_contact_date = datetime.now() - timedelta(days=2)
        self._log(
            self.client_alfa,
            date=datetime.now() - timedelta(days=1),
            user_ids=[Command.set(self.user_sofia.ids)],
            contact_ids=[Command.set(self.alfa_cfo.ids)],
        )
        self.assertEqual(self.client_alfa.kad_thread_ids, declared)
        self.assertEqual(declared.source, "derived")
        self.assertEqual(declared.interaction_count, 1)
        with self.assertRefused(UserError, "comes from the interaction log"):
            declared.with_user(self.user_sofia).last_contact_date = datetime.now()
        with self.assertRefused(UserError, "comes from the interaction log"):
            declared.with_user(self.user_manager).unlink()
        self.assertTrue(declared.exists())

    def test_map_lines_stay_on_their_client_with_our_people(self):
        member = self._team(self.client_alfa, self.user_sofia, self.f_management)
        with self.assertRefused(UserError, "stays on its client"):
            member.partner_id = self.client_beta
        # The same client, as a form or an import sends it: not a move.
        member.write({"partner_id": self.client_alfa.id, "is_lead": True})
        portal = self.env["res.users"].create(
            {
                "name": "Pia Portal",
                "login": "kad_pia",
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        with self.assertRefused(ValidationError, "not one of our people"):
            self._team(self.client_alfa, portal, self.f_management)
        with self.assertRefused(UserError, "Incompatible companies"):
            self._team(self.client_alfa, self.user_other_company, self.f_management)
        with self.assertRefused(ValidationError, "cannot be on .*, in the future"):
            self.Thread.create(
                {
                    "partner_id": self.client_alfa.id,
                    "user_id": self.user_sofia.id,
                    "contact_id": self.alfa_cfo.id,
                    "last_contact_date": datetime.now() + timedelta(days=1),
                }
            )

    def test_the_map_shows_people_not_addresses(self):
        """An invoicing address of the client (with no name) is not one of
        their people: it is not on the map, which still reads."""
        self.env["res.partner"].create(
            {"parent_id": self.client_alfa.id, "type": "invoice"}
        )
        names = [person["name"] for person in self.client_alfa.kad_map_data["theirs"]]
        self.assertEqual(
            sorted(names), ["Ana Buyer", "Carla CFO", "Luis Engineer", "Pedro Plant"]
        )

    def test_colleagues_without_key_accounts_read_the_clients(self):
        """An employee who does not map key accounts reads a client's key
        account fields he is given; the map's lines are not among them
        (reading them failed with an AccessError on the threads)."""
        Partner = self.env["res.partner"].with_user(self.user_employee)
        names = [
            name
            for name in Partner.fields_get(attributes=["type"])
            if name.startswith(("kad_", "stakeholder_"))
        ]
        self.assertIn("kad_shape", names)
        self.assertNotIn("kad_map_data", names)
        self.assertNotIn("kad_thread_ids", names)
        [values] = Partner.browse(self.client_alfa.id).read(names)
        self.assertFalse(values["stakeholder_role"])

    def test_anyone_archives_a_key_contact(self):
        """An employee who does not map key accounts archives a contact who
        carried a thread: the owner is alerted all the same (the refresh
        and the alert are the system's, not the employee's)."""
        clerk = new_test_user(
            self.env,
            login="kad_clerk",
            name="Clara Clerk",
            groups="base.group_user,base.group_partner_manager",
        )
        self._talk(self.client_alfa, self.user_sofia, self.alfa_cfo, 5)
        self.alfa_cfo.with_user(clerk).active = False
        self.assertFalse(self.alfa_cfo.active)
        alert = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.client_alfa.id)]
        )
        self.assertIn("Key contact left Alfa Industrial: Carla CFO", alert.summary)

    def test_portal_users_read_none_of_the_map(self):
        """A client's people who log in to the portal do not read how we see
        them (their attitude toward us...) nor the map."""
        portal = self.env["res.users"].create(
            {
                "name": "Ana Buyer",
                "login": "kad_ana_portal",
                "partner_id": self.alfa_buyer.id,
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        self.alfa_buyer.stakeholder_attitude = "skeptic"
        Partner = self.env["res.partner"].with_user(portal)
        ours = [
            name
            for name in Partner.fields_get(attributes=["type"])
            if name.startswith(("kad_", "stakeholder_"))
            or name in ("reports_to_id", "report_ids")
        ]
        self.assertEqual(ours, [])
        values = Partner.browse(self.alfa_buyer.id).read(["name"])
        self.assertEqual(values[0]["name"], "Ana Buyer")
        with self.assertRaises(AccessError):
            Partner.browse(self.alfa_buyer.id).read(["stakeholder_attitude"])
