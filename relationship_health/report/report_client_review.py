# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportClientReview(models.AbstractModel):
    """The "what we did for you" review as a PDF: the same content as the
    email (``relationship_health.client_review_content``), for the period
    chosen (``data``: date_from, date_to), else the last quarter."""

    _name = "report.relationship_health.report_client_review"
    _description = "What We Did for You (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        clients = self.env["res.partner"].browse(docids).commercial_partner_id
        clients._relationship_check_outreach()
        date_from, date_to = self.env["res.partner"]._relationship_review_period(
            data.get("date_from"), data.get("date_to")
        )
        return {
            "doc_ids": clients.ids,
            "doc_model": "res.partner",
            "docs": clients,
            "date_from": date_from,
            "date_to": date_to,
        }
