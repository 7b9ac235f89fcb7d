# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Seed 002: a gesture of gratitude should be valuable, unexpected,
# singular, eloquent and memorable. Each quality is rated from 0 to 5.
GESTURE_QUALITIES = ("valuable", "unexpected", "singular", "eloquent", "memorable")
QUALITY_RATINGS = [
    ("0", "Not at all"),
    ("1", "Barely"),
    ("2", "Somewhat"),
    ("3", "Quite"),
    ("4", "Very"),
    ("5", "Extremely"),
]
# A gesture is "well rated", and suggested, from this rating (out of 25).
DEFAULT_MIN_RATING = 15


class RelationshipGesture(models.Model):
    """A gesture of gratitude of the catalog, rated on the five qualities."""

    _name = "relationship.gesture"
    _inherit = ["relationship.rules.mixin"]
    _description = "Gratitude Gesture"
    _order = "rating desc, sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to offer this gesture in every company."
    )
    valuable = fields.Selection(
        QUALITY_RATINGS,
        default="0",
        required=True,
        help="A tangible benefit for who receives it, not the same for everyone.",
    )
    unexpected = fields.Selection(
        QUALITY_RATINGS,
        default="0",
        required=True,
        help="A surprise: a sign of our courtesy.",
    )
    singular = fields.Selection(
        QUALITY_RATINGS,
        default="0",
        required=True,
        help="Uncommon, our own, with a personal touch.",
    )
    eloquent = fields.Selection(
        QUALITY_RATINGS,
        default="0",
        required=True,
        help="Says much more than what is given: we truly care about them.",
    )
    memorable = fields.Selection(
        QUALITY_RATINGS,
        default="0",
        required=True,
        help="So remarkable they will want to tell others about it.",
    )
    rating = fields.Integer(
        compute="_compute_rating",
        store=True,
        aggregator="avg",
        help="The sum of the five qualities, out of 25.",
    )
    cost = fields.Monetary(
        string="Indicative Cost",
        currency_field="currency_id",
        help="What it usually costs. It need not be expensive: useful, fun "
        "or interesting matters more.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    log_ids = fields.One2many("relationship.gesture.log", "gesture_id", string="Given")
    given_count = fields.Integer(string="Times Given", compute="_compute_given_count")

    @api.depends(*GESTURE_QUALITIES)
    def _compute_rating(self):
        for gesture in self:
            gesture.rating = sum(int(gesture[q] or 0) for q in GESTURE_QUALITIES)

    def _compute_given_count(self):
        counts = dict(
            self.env["relationship.gesture.log"]._read_group(
                [("gesture_id", "in", self.ids)], ["gesture_id"], ["__count"]
            )
        )
        for gesture in self:
            gesture.given_count = counts.get(gesture, 0)

    @api.constrains("cost")
    def _check_cost(self):
        for gesture in self:
            if gesture.cost < 0:
                raise ValidationError(
                    _(
                        "The indicative cost of %(gesture)s cannot be negative.",
                        gesture=gesture.name,
                    )
                )

    @api.model
    def _min_rating(self):
        """The rating from which a gesture is suggested (system parameter
        ``relationship_health.gesture_min_rating``)."""
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("relationship_health.gesture_min_rating", DEFAULT_MIN_RATING)
        )

    @api.model
    def _suggestions(self, clients, limit=5):
        """{client id: the best-rated gestures not given to it yet}, in two
        queries for all the clients."""
        gestures = self.search([("rating", ">=", self._min_rating())])
        given = {}
        # Which gestures a client received is not confidential (the log's
        # details stay protected): every gesture given counts, whoever gave
        # it, so that a client is not suggested one it already got.
        Log = self.env["relationship.gesture.log"].sudo()
        for client, gesture_ids in Log._read_group(
            [("partner_id", "in", clients.ids)],
            ["partner_id"],
            ["gesture_id:array_agg"],
        ):
            given[client.id] = set(gesture_ids)
        suggestions = {}
        for client in clients:
            done = given.get(client.id, set())
            company = client.company_id
            suggestions[client.id] = gestures.filtered(
                lambda g, done=done, company=company: (
                    g.id not in done and (not g.company_id or g.company_id == company)
                )
            )[:limit]
        return suggestions

    def action_relationship_give(self):
        """Button on a suggestion: record this gesture for the client."""
        self.ensure_one()
        client_id = self.env.context.get("relationship_client_id")
        client = self.env["res.partner"].browse(client_id).exists()
        if not client:
            return False
        return client._relationship_gesture_form({"default_gesture_id": self.id})
