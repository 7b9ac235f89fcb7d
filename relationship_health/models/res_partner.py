# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client's lifecycle and its interactions: stage (with its history),
relationship type and account owner, which contacts take from their
company, and the interaction log's figures on the client."""

from datetime import date

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ..tools.read_group import read_groups
from .relationship_stage_history import RELATIONSHIP_STAGES, RELATIONSHIP_TYPES

# Fields a contact of a company takes from its company instead of carrying
# its own value.
FOLLOWED_FIELDS = (
    "relationship_stage",
    "relationship_type",
    "relationship_owner_id",
)


# Dates of a relationship's life before this are typing mistakes.
OLDEST_DAY = date(1900, 1, 1)


class ResPartner(models.Model):
    _name = "res.partner"
    # Our fields hold their rules on every path: derived values (health,
    # shape, counts) are not writable, values are checked before the
    # database.
    _inherit = ["res.partner", "relationship.rules.mixin"]

    relationship_stage = fields.Selection(
        RELATIONSHIP_STAGES,
        string="Lifecycle Stage",
        compute="_compute_relationship_stage",
        store=True,
        readonly=False,
        recursive=True,
        index=True,
        tracking=True,
        group_expand=True,
        help="Where the relationship with this client stands: Exploration, "
        "Awareness, Expansion, Commitment or Dissolution. Contacts of a "
        "company follow the company's stage.",
        groups="base.group_user",
    )
    relationship_type = fields.Selection(
        RELATIONSHIP_TYPES,
        compute="_compute_relationship_type",
        store=True,
        readonly=False,
        recursive=True,
        index=True,
        tracking=True,
        help="The kind of relationship this client expects from us; it sets "
        "the care the relationship needs.",
        groups="base.group_user",
    )
    relationship_owner_id = fields.Many2one(
        "res.users",
        string="Account Owner",
        compute="_compute_relationship_owner_id",
        store=True,
        readonly=False,
        recursive=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
        check_company=True,
        help="Who answers for this relationship. Defaults to the salesperson.",
        groups="base.group_user",
    )
    relationship_stage_date = fields.Datetime(
        string="In Stage Since",
        copy=False,
        help="When the client entered its current lifecycle stage. Editable "
        "to record the real date of clients brought in from elsewhere.",
        groups="base.group_user",
    )
    relationship_stage_history_ids = fields.One2many(
        "relationship.stage.history",
        "partner_id",
        string="Stage History",
        groups="base.group_user",
    )
    relationship_stage_timeline = fields.Html(
        string="Lifecycle",
        compute="_compute_relationship_stage_timeline",
        sanitize=False,
        help="The stages the client went through and the days spent in each.",
        groups="base.group_user",
    )
    relationship_interaction_ids = fields.One2many(
        "relationship.interaction",
        "partner_id",
        string="Interactions",
        groups="relationship_health.group_relationship_user",
    )
    relationship_interaction_count = fields.Integer(
        string="Interaction Count",
        compute="_compute_relationship_summary",
        groups="relationship_health.group_relationship_user",
    )
    relationship_last_interaction_date = fields.Date(
        string="Last Interaction",
        compute="_compute_relationship_summary",
        groups="relationship_health.group_relationship_user",
    )
    relationship_follows_parent = fields.Boolean(
        compute="_compute_relationship_follows_parent",
        help="Technical: a contact of a company takes its lifecycle stage, "
        "relationship type and account owner from the company.",
        groups="base.group_user",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _relationship_follows(self):
        """Return the partners of ``self`` that follow their parent company.

        Extension point: a contact (not a company) with a parent follows it,
        as Odoo's commercial entity does.
        """
        return self.filtered(lambda p: p.parent_id and not p.is_company)

    def _relationship_commercial_of(self):
        """``{partner: its commercial entity}`` for the partners of ``self``;
        companies and people of no company are their own, without reading
        ``commercial_partner_id`` (a form reads one client: this saves the
        query fetching the rest of its row)."""
        followers = self._relationship_follows()
        return {
            partner: partner.commercial_partner_id if partner in followers else partner
            for partner in self
        }

    @api.depends("parent_id", "is_company")
    def _compute_relationship_follows_parent(self):
        followers = self._relationship_follows()
        for partner in self:
            partner.relationship_follows_parent = partner in followers

    @api.depends("parent_id.relationship_stage", "is_company")
    def _compute_relationship_stage(self):
        followers = self._relationship_follows()
        for partner in self:
            if partner in followers:
                partner.relationship_stage = partner.parent_id.relationship_stage
            elif not partner.relationship_stage:
                partner.relationship_stage = "exploration"

    @api.depends("parent_id.relationship_type", "is_company")
    def _compute_relationship_type(self):
        for partner in self._relationship_follows():
            partner.relationship_type = partner.parent_id.relationship_type

    @api.depends("parent_id.relationship_owner_id", "is_company", "user_id")
    def _compute_relationship_owner_id(self):
        followers = self._relationship_follows()
        for partner in self:
            if partner in followers:
                partner.relationship_owner_id = partner.parent_id.relationship_owner_id
            elif not partner.relationship_owner_id and partner.user_id:
                partner.relationship_owner_id = partner.user_id

    def _compute_relationship_summary(self):
        """The counts and dates of the client's buttons and alerts, of every
        add-on, in ONE query (``tools.read_group``): each concern lists
        what it counts (``_relationship_summary_requests``) and sets its
        fields from the answers (``_relationship_summary_set``). The form
        of a client reads them all at once."""
        requests = self._relationship_summary_requests()
        answers = read_groups(requests.values())
        self._relationship_summary_set(dict(zip(requests, answers, strict=True)))

    def _relationship_summary_requests(self):
        """What the summary counts: ``{key: (model, domain, groupby,
        aggregates)}``, as ``Model._read_group`` takes them, only on models
        the user may read. Extension point: add yours (prefix your keys)."""
        requests = {}
        Interaction = self.env["relationship.interaction"]
        if Interaction.has_access("read"):
            requests["interactions"] = (
                Interaction,
                [("partner_id", "in", self.ids)],
                ["partner_id"],
                ["__count", "date:max"],
            )
            # Contacts (not clients) count the interactions they took part in.
            contact_ids = self._relationship_follows().ids
            if contact_ids:
                requests["interactions_of_contacts"] = (
                    Interaction,
                    [("contact_ids", "in", contact_ids)],
                    ["contact_ids"],
                    ["__count", "date:max"],
                )
        return requests

    def _relationship_summary_set(self, answers):
        """Set the summary's fields from ``answers`` (``{key: the rows
        _read_group returns}``; a key not requested is missing). Extension
        point: set yours, then call super()."""
        by_client = {
            partner.id: (count, last)
            for partner, count, last in answers.get("interactions", [])
        }
        by_contact = {
            contact.id: (count, last)
            for contact, count, last in answers.get("interactions_of_contacts", [])
        }
        for partner in self:
            count, last = (
                by_client.get(partner.id) or by_contact.get(partner.id) or (0, False)
            )
            partner.relationship_interaction_count = count
            partner.relationship_last_interaction_date = (
                last and fields.Datetime.context_timestamp(partner, last).date()
            )

    @api.depends("relationship_stage_history_ids.date_start")
    @api.depends_context("lang")
    def _compute_relationship_stage_timeline(self):
        """The stage periods as a line of badges, read in one query."""
        periods = self.env["relationship.stage.history"].search_fetch(
            [("partner_id", "in", self.ids)],
            ["partner_id", "stage", "date_start", "date_end", "duration_days"],
            order="date_start, id",
        )
        labels = dict(
            self._fields["relationship_stage"]._description_selection(self.env)
        )
        by_partner = {}
        for period in periods:
            by_partner.setdefault(period.partner_id.id, []).append(
                Markup("<span class='badge rounded-pill %s me-1 mb-1'>%s · %s</span>")
                % (
                    "text-bg-primary" if not period.date_end else "text-bg-light",
                    labels.get(period.stage, period.stage),
                    _("%(days)s days", days=round(period.duration_days)),
                )
            )
        for partner in self:
            badges = by_partner.get(partner.id)
            partner.relationship_stage_timeline = (
                Markup("<div class='o_relationship_timeline'>%s</div>")
                % Markup("").join(badges)
                if badges
                else False
            )

    def action_relationship_stage_history(self):
        """Button: the full stage history of this client."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relationship_health.relationship_stage_history_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(*FOLLOWED_FIELDS, "parent_id", "is_company")
    def _check_relationship_follows_company(self):
        for partner in self._relationship_follows():
            parent = partner.parent_id
            if any(partner[name] != parent[name] for name in FOLLOWED_FIELDS):
                raise ValidationError(
                    _(
                        "%(contact)s is a contact of %(company)s: the lifecycle "
                        "stage, relationship type and account owner come from "
                        "the company. Change them on %(company)s.",
                        contact=partner.display_name,
                        company=parent.display_name,
                    )
                )

    @api.constrains("relationship_owner_id")
    def _check_relationship_owner(self):
        for partner in self.filtered("relationship_owner_id"):
            owner = partner.relationship_owner_id
            if partner.company_id and partner.company_id not in owner.company_ids:
                raise ValidationError(
                    _(
                        "%(user)s cannot own the relationship with %(client)s: "
                        "they do not work for %(company)s.",
                        user=owner.name,
                        client=partner.display_name,
                        company=partner.company_id.name,
                    )
                )
            if owner.share:
                raise ValidationError(
                    _(
                        "%(user)s cannot own the relationship with %(client)s: "
                        "an account owner is one of our people, not a portal "
                        "or public user.",
                        user=partner.relationship_owner_id.name,
                        client=partner.display_name,
                    )
                )

    @api.constrains("relationship_stage_date")
    def _check_relationship_stage_date(self):
        now = fields.Datetime.now()
        for partner in self:
            if partner.relationship_stage_date and (
                partner.relationship_stage_date > now
                or partner.relationship_stage_date.date() < OLDEST_DAY
            ):
                raise ValidationError(
                    _(
                        "%(client)s cannot have entered its stage in the "
                        "future, nor before 1900.",
                        client=partner.display_name,
                    )
                )

    def _track_prepare(self, fields_iter):
        """Track stage, type and owner on clients only: on their contacts
        these values are copies of the company's, and a change on a company
        with many contacts would flood every contact's chatter."""
        followers = self._relationship_follows()
        if not followers:
            return super()._track_prepare(fields_iter)
        fnames = set(fields_iter)
        super(ResPartner, self - followers)._track_prepare(fnames)
        return super(ResPartner, followers)._track_prepare(
            fnames - set(FOLLOWED_FIELDS)
        )

    # ------------------------------------------------------------------
    # CRUD: the stage history follows every change of stage
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._relationship_sync_stage_history()
        return partners

    def write(self, vals):
        if {"parent_id", "is_company"} & set(vals):
            # Settle pending values first: a contact leaving its company keeps
            # the stage, type and owner it had through the company.
            for name in FOLLOWED_FIELDS:
                self.mapped(name)
        res = super().write(vals)
        if {"relationship_stage", "parent_id", "is_company"} & set(vals):
            self._relationship_sync_stage_history()
        if "relationship_stage_date" in vals and not self.env.context.get(
            "relationship_stage_sync"
        ):
            self._relationship_move_stage_start()
        return res

    def _relationship_sync_stage_history(self, from_create_date=False):
        """Close and open stage periods so that each client has exactly one
        open period, in its current stage. Batched: one search for all.

        :param from_create_date: open missing periods at the partner's
            creation date instead of now (used at install).
        """
        followers = self._relationship_follows()
        clients = (self - followers).filtered("relationship_stage")
        if not self:
            return
        # The history is maintained by the system, not typed by users: it is
        # written as superuser after the user's own write of the stage went
        # through the normal access checks.
        History = self.env["relationship.stage.history"].sudo()
        open_periods = History.search(
            [("partner_id", "in", self.ids), ("date_end", "=", False)]
        )
        open_by_partner = {period.partner_id.id: period for period in open_periods}
        now = fields.Datetime.now()
        # A client that became a contact of a company stops having its own.
        to_close = open_periods.filtered(lambda p: p.partner_id in followers)
        new_periods = []
        moved = self.browse()
        for client in clients:
            current = open_by_partner.get(client.id)
            if current and current.stage == client.relationship_stage:
                continue
            if current:
                to_close |= current
            start = (
                client.create_date if from_create_date and client.create_date else now
            )
            new_periods.append(
                {
                    "partner_id": client.id,
                    "stage": client.relationship_stage,
                    "date_start": start,
                }
            )
            moved |= client
        # A period never ends before it starts (clock skew, a corrected
        # "In stage since" in the future of now).
        for start, periods in to_close.grouped(
            lambda p: max(p.date_start, now)
        ).items():
            periods.write({"date_end": start})
        History.create(new_periods)
        for start, partners in moved.grouped(
            lambda p: p.create_date if from_create_date and p.create_date else now
        ).items():
            partners.with_context(relationship_stage_sync=True).write(
                {"relationship_stage_date": start}
            )

    def _relationship_move_stage_start(self):
        """The user corrected "In stage since": move the open period's start."""
        History = self.env["relationship.stage.history"].sudo()
        periods = History.search(
            [("partner_id", "in", self.ids), ("date_end", "=", False)]
        )
        for period in periods:
            start = period.partner_id.relationship_stage_date
            if not start:
                continue
            previous = History.search(
                [("partner_id", "=", period.partner_id.id), ("id", "!=", period.id)],
                order="date_start desc",
                limit=1,
            )
            if previous and previous.date_end and start < previous.date_start:
                raise ValidationError(
                    _(
                        "%(client)s was in stage %(stage)s until %(date)s: it "
                        "cannot have entered its current stage before that.",
                        client=period.partner_id.display_name,
                        stage=dict(RELATIONSHIP_STAGES)[previous.stage],
                        date=fields.Datetime.to_string(previous.date_start),
                    )
                )
            period.date_start = start
            if previous and previous.date_end and previous.date_end > start:
                previous.date_end = start

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _relationship_client(self):
        """The client a partner stands for: its commercial entity."""
        self.ensure_one()
        return self.commercial_partner_id

    def action_relationship_interactions(self):
        """Stat button: the interactions of this client, or of this contact."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relationship_health.relationship_interaction_action"
        )
        if self.relationship_follows_parent:
            action["domain"] = [("contact_ids", "in", self.ids)]
        else:
            action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self._relationship_client().id,
        }
        return action

    def action_relationship_log_interaction(self):
        """Open a new interaction for this client in a dialog."""
        self.ensure_one()
        client = self._relationship_client()
        context = {"default_partner_id": client.id}
        if self != client:
            context["default_contact_ids"] = [self.id]
        return {
            "type": "ir.actions.act_window",
            "name": _("Log an Interaction"),
            "res_model": "relationship.interaction",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    @api.model
    def _relationship_log_tracking(self, field_name, changes):
        """Log field changes written in SQL by a batch job as tracking
        messages in the chatter, like ``tracking=True`` does for ORM writes,
        but in one batch: ``changes`` is ``{partner_id: (old, new)}``.

        Used by the health recompute (and by other add-ons' batch jobs) where
        a write() per client would cost several queries per client.
        """
        if not changes:
            return self.env["mail.message"]
        field = self._fields[field_name]
        labels = dict(field._description_selection(self.env))
        field_id = self.env["ir.model.fields"]._get(self._name, field_name).id
        # _message_log_batch does not check access (it writes as superuser):
        # the caller is a batch job that already computed these values.
        messages = self.browse(list(changes))._message_log_batch(
            bodies=dict.fromkeys(changes, "")
        )
        self.env["mail.tracking.value"].sudo().create(
            [
                {
                    "mail_message_id": message.id,
                    "field_id": field_id,
                    "old_value_char": labels.get(changes[message.res_id][0], "") or "",
                    "new_value_char": labels.get(changes[message.res_id][1], "") or "",
                }
                for message in messages
            ]
        )
        return messages

    @api.model
    def _relationship_search_derived(self, model, fname, operator, value):
        """A condition on a client's field read from a narrow table of
        derived data (``model``, one row per client in ``partner_id``: the
        health, the shape) as a condition on the client's id. Clients
        without a row match "is not set" and the negative operators, as
        they would on a stored field."""
        positive = operator not in expression.NEGATIVE_TERM_OPERATORS
        if not positive:
            operator = expression.TERM_OPERATORS_NEGATION[operator]
        if operator == "=" and value is False:
            positive, operator = not positive, "!="
        # sudo: derived data of clients is searched like their other fields;
        # the partner search applies the partner's access rules.
        query = self.env[model].sudo()._search([(fname, operator, value)])
        return [("id", "in" if positive else "not in", query.subselect("partner_id"))]
