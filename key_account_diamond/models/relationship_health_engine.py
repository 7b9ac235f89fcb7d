# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools.translate import _lt

from odoo.addons.relationship_health.models.health import (
    HealthComponent,
)
from odoo.addons.relationship_health.tools.sql import pg_int_array

# Caps by shape: a bow-tie never looks healthy, however busy its one thread.
SHAPE_CAPS = {"bow_tie": 25, "developing": 75, "diamond": 100}


class StakeholderComponent(HealthComponent):
    """Shape and coverage of the relationship: many threads across many
    functions on both sides (a diamond) against a single one (a bow-tie).
    Reads the shape stored by the shape refresh (``key.account.shape``)."""

    key = "stakeholders"
    label = _lt("Stakeholder coverage")
    target_label = _lt("live threads")
    default_target = 4

    def measure(self, env, clients, line_by_client, now):
        """One query for the batch: the shapes stored by the refresh, with
        the thresholds of the clients' companies."""
        env["key.account.shape"].flush_model()
        env.cr.execute(
            """
            SELECT s.partner_id, s.shape, s.live_threads, s.their_functions,
                   s.our_functions, s.concentration,
                   COALESCE(p.company_id, %s)
              FROM key_account_shape s
              JOIN res_partner p ON p.id = s.partner_id
             WHERE s.partner_id = ANY(%s::int[])
            """,
            [env.company.id, pg_int_array(clients.ids)],
        )
        rows = env.cr.fetchall()
        companies = {
            company.id: company
            for company in env["res.company"].sudo().browse({row[6] for row in rows})
        }
        raw = {}
        for partner_id, shape, threads, their, our, share, company_id in rows:
            company = companies[company_id]
            raw[partner_id] = {
                "shape": shape,
                "threads": threads,
                "their": their,
                "our": our,
                "concentration": share,
                "min_their": company.kad_diamond_min_their_functions,
                "min_our": company.kad_diamond_min_our_functions,
            }
        return raw

    def score(self, raw, params):
        if not raw:
            return 0
        target = params["target"] or 1
        coverage = (
            min(1, raw["threads"] / target)
            + min(1, raw["their"] / max(raw["min_their"], 1))
            + min(1, raw["our"] / max(raw["min_our"], 1))
        ) / 3
        return min(round(100 * coverage), SHAPE_CAPS.get(raw["shape"], 0))

    def explain(self, env, raw, params):
        if not raw:
            return env._(
                "The stakeholder map of this client has not been computed yet."
            )
        shapes = {
            "bow_tie": env._("Bow-tie"),
            "developing": env._("Developing"),
            "diamond": env._("Diamond"),
        }
        return env._(
            "%(shape)s: %(threads)s live threads (target %(target)s), %(their)s "
            "of their functions and %(our)s of ours in contact; the busiest "
            "thread carries %(share)s%% of the interactions.",
            shape=shapes.get(raw["shape"], raw["shape"]),
            threads=raw["threads"],
            target=round(params["target"]),
            their=raw["their"],
            our=raw["our"],
            share=raw["concentration"],
        )


class RelationshipHealthEngine(models.AbstractModel):
    _inherit = "relationship.health.engine"

    def _health_components(self):
        components = super()._health_components()
        component = StakeholderComponent()
        components[component.key] = component
        return components
