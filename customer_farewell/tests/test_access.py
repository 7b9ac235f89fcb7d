# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FarewellRulesCommon


@tagged("post_install", "-at_install")
class TestAccessMatrix(FarewellRulesCommon):
    """Every model x role x operation, as readme/CONFIGURE.md says:

    - assessments: users, those of the clients they own or opened;
      managers all;
    - departures, retention offers, protocol steps: users read all of
      their company, record and change those of the clients they own;
      managers all;
    - contagion watch: users read all of their company, change those of
      the partners they own (the watch is theirs: its activity too);
      managers all;
    - reasons and protocol configuration: everyone reads the shared ones
      and their company's, managers change them;
    - never another company's; deleting is for managers (and for the owner
      of a retention offer).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Offer = cls.env["farewell.retention.offer"]
        cls.offer_2, cls.offer_3 = Offer.create(
            [
                {"departure_id": cls.departure.id, "description": f"Offer {n}"}
                for n in (2, 3)
            ]
        )
        cls.reason_2 = cls.env["farewell.reason"].create({"name": "To delete"})
        cls.template_2 = cls.env["farewell.protocol.template"].create(
            {"name": "To delete", "offset_days": 3}
        )
        cls.assessment_tomas = cls.Assessment.with_user(cls.user_tomas).create(
            {"partner_id": cls.client_beta.id}
        )

    def _row(self, label, user, model, operation, target, allowed):
        return (f"{model} {label}", user, model, operation, target, allowed)

    def test_access_matrix(self):
        sofia, tomas = self.user_sofia, self.user_tomas
        manager, other = self.user_manager, self.user_other_company
        soon = self.today + timedelta(days=5)
        later = self.today + timedelta(days=30)
        rows = []

        def rows_for(model, record, creates, writes, unlinks, readers):
            for user, allowed in readers:
                rows.append(self._row("read", user, model, "read", record, allowed))
            for user, values, allowed in creates:
                rows.append(self._row("create", user, model, "create", values, allowed))
            for user, allowed in writes:
                rows.append(self._row("write", user, model, "write", record, allowed))
            for user, target, allowed in unlinks:
                rows.append(self._row("unlink", user, model, "unlink", target, allowed))

        # Assessments: the owner's and the opener's.
        assessment = self.assessment_draft
        rows_for(
            "farewell.assessment",
            assessment,
            creates=[
                (sofia, {"partner_id": self.client_epsilon.id}, True),
                # Who opens an assessment on another owner's client sees it.
                (tomas, {"partner_id": self.client_theta.id}, True),
                (manager, {"partner_id": self.client_iota.id}, True),
                (other, {"partner_id": self.client_delta.id}, False),
            ],
            readers=[(sofia, True), (tomas, False), (manager, True), (other, False)],
            writes=[(sofia, True), (tomas, False), (manager, True), (other, False)],
            unlinks=[
                (sofia, assessment, False),
                (tomas, assessment, False),
                (other, assessment, False),
                (manager, assessment, True),
            ],
        )
        rows.append(
            self._row(
                "of his own client",
                tomas,
                "farewell.assessment",
                "read",
                self.assessment_tomas,
                True,
            )
        )
        # Departures: read by everyone of the company, changed by the owner.
        departure = self.departure_recovered
        rows_for(
            "farewell.departure",
            departure,
            creates=[
                (sofia, {"partner_id": self.client_epsilon.id}, True),
                (tomas, {"partner_id": self.client_theta.id}, False),
                (manager, {"partner_id": self.client_iota.id}, True),
                (other, {"partner_id": self.client_delta.id}, False),
            ],
            readers=[(sofia, True), (tomas, True), (manager, True), (other, False)],
            writes=[(sofia, True), (tomas, False), (manager, True), (other, False)],
            unlinks=[
                (sofia, departure, False),
                (tomas, departure, False),
                (other, departure, False),
                (manager, departure, True),
            ],
        )
        rows.append(
            self._row(
                "of his company",
                other,
                "farewell.departure",
                "read",
                self.departure_other,
                True,
            )
        )
        # Retention offers: those of the owner's departures.
        offer = {"departure_id": self.departure.id, "description": "Free month"}
        rows_for(
            "farewell.retention.offer",
            self.offer,
            creates=[
                (sofia, offer, True),
                (tomas, offer, False),
                (manager, offer, True),
                (other, offer, False),
            ],
            readers=[(sofia, True), (tomas, True), (manager, True), (other, False)],
            writes=[(sofia, True), (tomas, False), (manager, True), (other, False)],
            unlinks=[
                (tomas, self.offer_2, False),
                (other, self.offer_2, False),
                (sofia, self.offer_2, True),
                (manager, self.offer_3, True),
            ],
        )
        # Protocol steps: those of the owner's departures.
        step = {"departure_id": self.departure.id, "name": "Visit", "due_date": soon}
        rows_for(
            "farewell.protocol.step",
            self.step_planned,
            creates=[
                (sofia, step, True),
                (tomas, step, False),
                (manager, step, True),
                (other, step, False),
            ],
            readers=[(sofia, True), (tomas, True), (manager, True), (other, False)],
            writes=[(sofia, True), (tomas, False), (manager, True), (other, False)],
            unlinks=[
                (sofia, self.step_planned, False),
                (tomas, self.step_planned, False),
                (other, self.step_planned, False),
                (manager, self.step_planned, True),
            ],
        )

        # Contagion watch: the watched partner's owner's.
        def watch(partner):
            return {
                "departure_id": self.departure.id,
                "partner_id": partner.id,
                "relation": "shared_contact",
                "date_end": later,
            }

        rows_for(
            "farewell.watch",
            self.watch,
            creates=[
                (sofia, watch(self.client_epsilon), True),
                (tomas, watch(self.client_theta), False),
                # Tomás watches his own client after Sofía's client left.
                (tomas, watch(self.client_iota), True),
                (manager, watch(self.client_theta), True),
                (other, watch(self.client_zeta), False),
            ],
            readers=[(sofia, True), (tomas, True), (manager, True), (other, False)],
            writes=[(sofia, True), (tomas, False), (manager, True), (other, False)],
            unlinks=[
                (sofia, self.watch, False),
                (tomas, self.watch, False),
                (other, self.watch, False),
                (manager, self.watch, True),
            ],
        )
        # Configuration: read by everyone, changed by managers.
        for model, record, spare, values in (
            ("farewell.reason", self.reason, self.reason_2, {"name": "Bored"}),
            (
                "farewell.protocol.template",
                self.template,
                self.template_2,
                {"name": "Call", "offset_days": 3},
            ),
        ):
            rows_for(
                model,
                record,
                creates=[
                    (sofia, values, False),
                    (tomas, values, False),
                    (manager, values, True),
                    (other, values, False),
                ],
                # Shared: the other company reads it too.
                readers=[(sofia, True), (tomas, True), (manager, True), (other, True)],
                writes=[
                    (sofia, False),
                    (tomas, False),
                    (manager, True),
                    (other, False),
                ],
                unlinks=[
                    (sofia, spare, False),
                    (other, spare, False),
                    (manager, spare, True),
                ],
            )
        for model, record in (
            ("farewell.reason", self.reason_other),
            ("farewell.protocol.template", self.template_other),
        ):
            rows.append(
                self._row("of another company", manager, model, "read", record, False)
            )
            rows.append(self._row("of his company", other, model, "read", record, True))
        self.assertGreater(len(rows), 100)
        self.run_access_matrix(rows)

    def test_employee_without_farewell_rights(self):
        employee = self.user_employee
        self.run_access_matrix(
            [
                (f"{model} employee", employee, model, operation, target, False)
                for model, target in (
                    ("farewell.assessment", self.assessment_draft),
                    ("farewell.departure", self.departure),
                    ("farewell.retention.offer", self.offer),
                    ("farewell.protocol.step", self.step_planned),
                    ("farewell.watch", self.watch),
                )
                for operation in ("read", "write", "unlink")
            ]
        )
        # Whether a client left or is watched is for farewell users only
        # (never for a portal user either: see tests/test_portal.py).
        with self.assertRaises(AccessError):
            self.client_alfa.with_user(employee).read(["farewell_door_closed"])
        self.assertTrue(
            self.client_alfa.with_user(self.user_tomas).read(["farewell_door_closed"])
        )
