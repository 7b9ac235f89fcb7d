# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class RelationshipInteraction(models.Model):
    _inherit = "relationship.interaction"

    email_model = fields.Char(
        string="Email On (Model)", compute="_compute_email_document"
    )
    email_res_id = fields.Integer(
        string="Email On (Id)", compute="_compute_email_document"
    )
    email_record_name = fields.Char(
        string="Email On",
        compute="_compute_email_document",
        help="The record the email was exchanged on: the client, a contact, "
        "an opportunity, a quotation or an invoice.",
    )

    @api.depends("origin_model", "origin_res_id")
    def _compute_email_document(self):
        # The message as superuser: whoever reads the interaction reads
        # where it came from; opening the document asks for their rights.
        messages = (
            self.env["mail.message"]
            .sudo()
            .browse(
                i.origin_res_id
                for i in self
                if i.origin_model == "mail.message" and i.origin_res_id
            )
            .exists()
        )
        by_id = {m.id: m for m in messages}
        for interaction in self:
            message = (
                by_id.get(interaction.origin_res_id)
                if interaction.origin_model == "mail.message"
                else None
            )
            interaction.email_model = message.model if message else False
            interaction.email_res_id = message.res_id if message else 0
            interaction.email_record_name = (
                message.record_name or message.subject if message else False
            )

    def action_open_email_document(self):
        """Button: open the record the email was exchanged on."""
        self.ensure_one()
        if not self.email_model or self.email_model not in self.env:
            raise UserError(
                _("This interaction does not come from an email on a record.")
            )
        record = self.env[self.email_model].browse(self.email_res_id).exists()
        if not record:
            raise UserError(_("The record this email was exchanged on was deleted."))
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
