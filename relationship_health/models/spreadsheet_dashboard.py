# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import models

# The global filters our dashboards share (their ids in the dashboards'
# files, written by setup/dashboards.py), and for the text filters the
# client's field whose values they offer.
OWNER_FILTER = "relationship_owner"
OPTION_FILTERS = {
    "relationship_type": "relationship_type",
    "relationship_stage": "relationship_stage",
}
RANGE = re.compile(r"^(?P<sheet>[^!]+)!(?P<col>[A-Z]+)(?P<first>\d+):[A-Z]+\d+$")


class SpreadsheetDashboard(models.Model):
    """The Relationships dashboards as their reader needs them.

    A salesperson opens them on their own clients: the Account Owner filter
    starts on them (they may clear it: every relationship user reads every
    client's health, record rules still decide what else they see), where a
    relationship manager starts on every owner.

    The Relationship Type and Lifecycle Stage filters offer the values of
    the client's fields (text filters matching the stored key); each option
    shows its label in the reader's language.
    """

    _inherit = "spreadsheet.dashboard"

    def get_readonly_dashboard(self):
        data = super().get_readonly_dashboard()
        if data.get("snapshot") and not data.get("is_sample"):
            self._relationship_prepare_filters(data["snapshot"])
        return data

    def _relationship_prepare_filters(self, snapshot):
        """Set up our global filters, on whatever dashboard has them, for the
        current user (``snapshot``: the dashboard's spreadsheet data)."""
        for global_filter in snapshot.get("globalFilters", []):
            if global_filter["id"] == OWNER_FILTER:
                if not self.env.user.has_group(
                    "relationship_health.group_relationship_manager"
                ):
                    global_filter["defaultValue"] = "current_user"
            elif global_filter["id"] in OPTION_FILTERS:
                self._relationship_fill_options(
                    snapshot, global_filter, OPTION_FILTERS[global_filter["id"]]
                )

    def _relationship_fill_options(self, snapshot, global_filter, fname):
        """Write the values of the client's field ``fname`` in the cells the
        text filter offers (its range of allowed values): the key as value,
        the label in the reader's language as what the cell shows."""
        match = RANGE.match(global_filter.get("rangeOfAllowedValues") or "")
        sheet = match and next(
            (s for s in snapshot["sheets"] if s["name"] == match["sheet"]), None
        )
        if not sheet:
            return
        field = self.env["res.partner"]._fields[fname]
        options = field._description_selection(self.env)
        formats = snapshot.setdefault("formats", {})
        next_format = max((int(key) for key in formats), default=0) + 1
        column, first = match["col"], int(match["first"])
        for row, (key, label) in enumerate(options, start=first):
            cell = f"{column}{row}"
            formats[str(next_format)] = '0;0;0;"{}"'.format(label.replace('"', "'"))
            sheet["cells"][cell] = {"content": key}
            sheet.setdefault("formats", {})[cell] = next_format
            next_format += 1
        global_filter["rangeOfAllowedValues"] = (
            f"{match['sheet']}!{column}{first}:{column}{first + len(options) - 1}"
        )
