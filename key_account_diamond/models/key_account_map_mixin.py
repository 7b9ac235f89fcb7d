# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class KeyAccountMapMixin(models.AbstractModel):
    """A line of a client's stakeholder map that names one of our people:
    an account team member, a thread.

    - the client is a company (or an individual client), never one of its
      contacts, and the line stays on it: moving a line to another client
      would add people to a map its author may not change (remove the line
      and add one on the other client instead);
    - our person is an internal user of the line's company.
    """

    _name = "key.account.map.mixin"
    _inherit = ["relationship.client.mixin"]
    _description = "Line of a Stakeholder Map"
    _client_from_contact = False

    partner_id = fields.Many2one(ondelete="cascade")
    user_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain=[("share", "=", False)],
    )

    def _frozen_fields(self):
        reason = _(
            "A line of a stakeholder map stays on its client and its "
            "company: remove it and add one on the other client instead."
        )
        return {"partner_id": reason, "company_id": reason}

    def write(self, vals):
        # Writing the client or the company it already has (a form or an
        # import sending every column) changes nothing: not a move.
        unchanged = [
            name
            for name in self._frozen_fields()
            if name in vals
            and isinstance(vals[name], int)
            and not isinstance(vals[name], bool)
            and all(record[name].id == vals[name] for record in self)
        ]
        if unchanged:
            vals = {
                name: value for name, value in vals.items() if name not in unchanged
            }
        return super().write(vals)

    @api.constrains("user_id")
    def _check_user_internal(self):
        for record in self:
            if record.user_id.share:
                raise ValidationError(
                    _(
                        "%(user)s is not one of our people (a portal or "
                        "public user): a stakeholder map names internal users "
                        "on our side.",
                        user=record.user_id.display_name,
                    )
                )
