# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The partners a record of a client can be about: companies, and
# individuals who are not a contact of a company.
CLIENT_DOMAIN = "['|', ('is_company', '=', True), ('parent_id', '=', False)]"


class RelationshipClientMixin(models.AbstractModel):
    """A record that belongs to a client: an interaction, a problem, a
    gesture given, a plan, an assessment, a departure, a thread...

    It gives the client field (a company, or an individual who is not a
    contact of a company), the account owner stored for access rules and
    grouping, the company, and the rules these follow on every path (form,
    import, RPC, another add-on):

    - a contact chosen as the client stands for its company, and is kept as
      the record's contact (``_client_contact_field``: a Many2one or a
      Many2many to ``res.partner``, or None);
    - the client is given by its id, and exists;
    - the record takes the client's company when it has one, and its
      relational fields must agree with the record's company
      (``_check_company_auto``, fields with ``check_company=True``);
    - the contacts of the record are people of the client.

    A model redefines ``partner_id`` with what it adds (``ondelete``,
    ``tracking``...): Odoo merges the definitions.
    """

    _name = "relationship.client.mixin"
    _inherit = ["relationship.rules.mixin"]
    _description = "Record of a Client"
    _check_company_auto = True
    # The field that keeps the contact chosen as the client, or None.
    _client_contact_field = None
    # Whether a contact chosen as the client stands for its company (an
    # interaction with Ana is one with her company); False: refused (a
    # departure of Ana is not one of her company).
    _client_from_contact = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        check_company=True,
        domain=CLIENT_DOMAIN,
    )
    owner_id = fields.Many2one(
        related="partner_id.relationship_owner_id",
        string="Account Owner",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # The clients of the whole batch are looked up at once: capturing
        # many emails costs the same queries as capturing one.
        given = {
            v.get("partner_id")
            for v in vals_list
            if isinstance(v.get("partner_id"), int)
            and not isinstance(v.get("partner_id"), bool)
        }
        existing = set(self.env["res.partner"].browse(given).exists().ids)
        for vals in vals_list:
            self._normalize_client(vals, creating=True, existing=existing)
        return super().create(vals_list)

    def write(self, vals):
        if "partner_id" in vals:
            vals = dict(vals)
            self._normalize_client(vals)
        return super().write(vals)

    @api.model
    def _normalize_client(self, vals, creating=False, existing=None):
        """Check the client of ``vals`` and record it as its commercial
        entity, through the ORM: a contact chosen as the client stands for
        its company and becomes the record's contact; the record takes the
        client's company when it has one and none is given. ``existing``:
        the ids already known to exist (a batch checked at once)."""
        value = vals.get("partner_id")
        if isinstance(value, models.BaseModel):
            value = vals["partner_id"] = value.id
        if not value:
            if creating or "partner_id" in vals:
                raise ValidationError(self._client_missing_message())
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(
                _(
                    "The client must be given by its id (a number), not %(value)r.",
                    value=value,
                )
            )
        partner = self.env["res.partner"].browse(value)
        if existing is None or value not in existing:
            partner = partner.exists()
        if not partner:
            raise ValidationError(_("There is no client with id %(id)s.", id=value))
        client = partner.commercial_partner_id
        if client != partner:
            if not self._client_from_contact:
                raise ValidationError(self._client_is_contact_message(partner))
            vals["partner_id"] = client.id
            self._client_keep_contact(vals, partner)
        if creating and "company_id" not in vals and client.company_id:
            vals["company_id"] = client.company_id.id

    @api.model
    def _client_keep_contact(self, vals, contact):
        """The contact chosen as the client is kept as the record's contact."""
        fname = self._client_contact_field
        if not fname:
            return
        if self._fields[fname].type == "many2many":
            vals[fname] = list(vals.get(fname) or []) + [
                fields.Command.link(contact.id)
            ]
        else:
            vals.setdefault(fname, contact.id)

    @api.model
    def _client_is_contact_message(self, partner):
        return _(
            "%(partner)s is a contact of %(company)s, not a client: choose "
            "%(company)s.",
            partner=partner.display_name,
            company=partner.commercial_partner_id.display_name,
        )

    @api.model
    def _client_missing_message(self):
        return _(
            "%(record)s: choose the client it is about.",
            record=self.env["ir.model"]._get(self._name).name,
        )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("partner_id")
    def _check_client_is_commercial_entity(self):
        for record in self:
            if record.partner_id != record.partner_id.commercial_partner_id:
                raise ValidationError(
                    self._client_is_contact_message(record.partner_id)
                )

    @api.constrains("partner_id")
    def _check_client_is_not_us(self):
        """Our own companies and our people are never clients."""
        ours = self.env["relationship.interaction"]._internal_partners(self.partner_id)
        for record in self:
            if record.partner_id in ours:
                raise ValidationError(
                    _(
                        "%(partner)s is one of us (our company or our "
                        "people), not a client.",
                        partner=record.partner_id.display_name,
                    )
                )

    @api.constrains(
        lambda self: (
            ["partner_id"]
            + ([self._client_contact_field] if self._client_contact_field else [])
        )
    )
    def _check_client_contacts(self):
        fname = self._client_contact_field
        if not fname:
            return
        for record in self:
            client = record.partner_id.commercial_partner_id
            strangers = record[fname].filtered(
                lambda c, client=client: c.commercial_partner_id != client
            )
            if strangers:
                raise ValidationError(
                    _(
                        "%(contacts)s: not one of the people of %(client)s, "
                        "they belong elsewhere. Choose people of %(client)s.",
                        client=client.display_name,
                        contacts=", ".join(strangers.mapped("display_name")),
                    )
                )
