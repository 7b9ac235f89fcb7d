# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the add-on writes for a person is in that person's language: the
alert for the owner, the map and the reason for whoever reads them."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, KeyAccountCommon


@tagged("post_install", "-at_install")
class TestLanguage(KeyAccountCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.env["ir.module.module"]._load_module_terms(
            ["relationship_health", "key_account_diamond"], ["es_ES"], overwrite=True
        )

    def test_alert_in_the_owners_language(self):
        """Sofía reads Spanish: the alert of a key contact leaving her
        client is Spanish, whoever recorded the leaving."""
        self.user_sofia.lang = "es_ES"
        self._team(self.client_alfa, self.user_sofia, self.f_management, lead=True)
        self._team(self.client_alfa, self.user_tomas, self.f_technical)
        self._talk(self.client_alfa, self.user_sofia, self.alfa_buyer, 5)
        self._talk(self.client_alfa, self.user_sofia, self.alfa_cfo, 15)
        self._talk(self.client_alfa, self.user_tomas, self.alfa_engineer, 25)
        self._talk(self.client_alfa, self.user_tomas, self.alfa_plant, 35)
        self._talk(self.client_alfa, self.user_sofia, self.alfa_plant, 45)
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
            # Tomás, who reads English, learns that Carla left.
            self.alfa_cfo.with_user(self.user_tomas).with_context(
                lang="en_US"
            ).stakeholder_left = True
        alert = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.client_alfa.id)]
        )
        self.assertEqual(
            alert.summary, "Salió un contacto clave de Alfa Industrial: Carla CFO"
        )
        self.assertIn(
            "4 hilos vivos; 3 de sus funciones y 2 de las nuestras", alert.note
        )
        self.assertIn("A quién conectar ahora:", alert.note)
        # The functions nobody of ours covers any more, by their Spanish names.
        self.assertIn("Finanzas y administración", alert.note)
        self.assertNotIn("Whom to connect", alert.note)

    def test_map_in_the_readers_language(self):
        """The same map read in English, then in Spanish, in one transaction:
        its labels follow the reader."""
        self.alfa_buyer.stakeholder_role = "decision_maker"
        nadia = self.env["res.partner"].create(
            {"name": "Nadia Nobody", "parent_id": self.client_alfa.id}
        )
        english = self.client_alfa.kad_map_data
        spanish = self.client_alfa.with_context(lang="es_ES").kad_map_data

        def person(data, contact):
            return next(p for p in data["theirs"] if p["id"] == contact.id)

        self.assertEqual(person(english, nadia)["function"], "No function")
        self.assertEqual(person(spanish, nadia)["function"], "Sin función")
        self.assertEqual(person(english, self.alfa_buyer)["role"], "Decision maker")
        self.assertEqual(person(spanish, self.alfa_buyer)["role"], "Decisor")
        self.assertEqual(
            person(spanish, self.alfa_cfo)["function"], "Finanzas y administración"
        )

    def test_reason_in_the_readers_language(self):
        for days in (5, 40, 80):
            self._talk(self.client_alfa, self.user_sofia, self.alfa_buyer, days)
        with freeze_time(NOW):
            self.Shape._refresh(self.client_alfa, NOW)
        self.assertEqual(
            self.client_alfa.kad_shape_reason,
            "All 3 interactions in 12 months went through Sofía Salesperson "
            "and Ana Buyer.",
        )
        self.assertEqual(
            self.client_alfa.with_context(lang="es_ES").kad_shape_reason,
            "Las 3 interacciones de los últimos 12 meses pasaron todas por "
            "Sofía Salesperson y Ana Buyer.",
        )
