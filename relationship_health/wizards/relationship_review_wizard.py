# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from ..models.outreach.res_partner import REVIEW_TEMPLATE
from ..models.relationship_client_mixin import CLIENT_DOMAIN

REVIEW_REPORT = "relationship_health.action_report_client_review"


class RelationshipReviewWizard(models.TransientModel):
    """Choose the period of a "what we did for you" review, then draft the
    email in Odoo's composer or print it."""

    _name = "relationship.review.wizard"
    # What a caller gives is checked as on our records (dates, ids, texts).
    _inherit = ["relationship.rules.mixin"]
    _description = "What We Did for You"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        ondelete="cascade",
        domain=CLIENT_DOMAIN,
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: self.env[
            "res.partner"
        ]._relationship_review_default_period()[0],
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: self.env[
            "res.partner"
        ]._relationship_review_default_period()[1],
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            wizard.partner_id._relationship_review_period(
                wizard.date_from, wizard.date_to
            )

    def _client(self):
        """The client of the review, once the user may write to it."""
        self.ensure_one()
        client = self.partner_id.commercial_partner_id
        client._relationship_check_outreach()
        self.env["res.partner"]._relationship_review_period(
            self.date_from, self.date_to
        )
        return client

    def action_draft_email(self):
        """Open the composer with the review drafted from our records."""
        client = self._client()
        template = self.env.ref(REVIEW_TEMPLATE)
        return {
            "type": "ir.actions.act_window",
            "name": _("What We Did for You"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "res.partner",
                "default_res_ids": client.ids,
                "default_composition_mode": "comment",
                "default_template_id": template.id,
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "default_relationship_review_from": fields.Date.to_string(
                    self.date_from
                ),
                "default_relationship_review_to": fields.Date.to_string(self.date_to),
            },
        }

    def action_print(self):
        """The same review as a PDF."""
        client = self._client()
        return self.env.ref(REVIEW_REPORT).report_action(
            client,
            data={
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
            },
        )
