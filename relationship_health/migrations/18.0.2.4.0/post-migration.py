# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.4.0: the client's own voice and the money.

- The shipped care rules ask satisfaction on their cadence (their data is
  noupdate: the new field is set here, where nobody set it).
- The shipped scorecards hear the client's own voice and read the money
  (satisfaction, revenue trend, payment behaviour). They are data the
  administrator may have tuned (noupdate): a shipped scorecard gets its new
  lines only when its lines are still the ones it was shipped with; a tuned
  one is left as it is, and the log says so."""

import logging

from odoo import SUPERUSER_ID, Command, api

_logger = logging.getLogger(__name__)

SATISFACTION_DAYS = {
    "cadence_rule_standard": 180,
    "cadence_rule_dedicated": 90,
    "cadence_rule_long_term": 180,
    "cadence_rule_transactional": 365,
    "cadence_rule_self_service": 365,
    "cadence_rule_automated": 365,
}

# {xml id[+variant]: (the lines as shipped before, the lines now)}; a line
# is (component, weight, target, window_days). A scorecard whose lines are
# none of its variants' "before" was tuned, and is left alone.
SCORECARDS = {
    "scorecard_standard": (
        {
            ("recency", 25, 30, 0),
            ("visit", 15, 90, 0),
            ("depth", 20, 30, 180),
            ("breadth", 15, 3, 180),
            ("trend", 15, 100, 90),
            ("problems", 10, 90, 180),
        },
        [
            ("recency", 20, 30, 0),
            ("visit", 10, 90, 0),
            ("depth", 15, 30, 180),
            ("breadth", 10, 3, 180),
            ("trend", 10, 100, 90),
            ("problems", 10, 90, 180),
            ("satisfaction", 10, 5, 365),
            ("revenue", 10, 100, 365),
            ("payment", 5, 15, 365),
        ],
    ),
    "scorecard_dedicated": (
        {
            ("recency", 25, 14, 0),
            ("visit", 25, 45, 0),
            ("depth", 25, 40, 180),
            ("breadth", 15, 4, 180),
            ("trend", 10, 100, 90),
        },
        [
            ("recency", 20, 14, 0),
            ("visit", 20, 45, 0),
            ("depth", 20, 40, 180),
            ("breadth", 10, 4, 180),
            ("trend", 5, 100, 90),
            ("satisfaction", 15, 5, 365),
            ("revenue", 5, 100, 365),
            ("payment", 5, 15, 365),
        ],
    ),
    # As key_account_diamond's install left it (stakeholder coverage).
    "scorecard_dedicated+stakeholders": (
        {
            ("recency", 20, 14, 0),
            ("visit", 20, 45, 0),
            ("depth", 20, 40, 180),
            ("breadth", 10, 4, 180),
            ("trend", 10, 100, 90),
            ("stakeholders", 20, 4, 0),
        },
        [
            ("recency", 15, 14, 0),
            ("visit", 15, 45, 0),
            ("depth", 15, 40, 180),
            ("breadth", 10, 4, 180),
            ("trend", 5, 100, 90),
            ("stakeholders", 20, 4, 0),
            ("satisfaction", 10, 5, 365),
            ("revenue", 5, 100, 365),
            ("payment", 5, 15, 365),
        ],
    ),
    "scorecard_transactional": (
        {
            ("recency", 50, 90, 0),
            ("trend", 30, 100, 90),
            ("problems", 20, 90, 180),
        },
        [
            ("recency", 35, 90, 0),
            ("trend", 20, 100, 90),
            ("problems", 15, 90, 180),
            ("satisfaction", 10, 5, 365),
            ("revenue", 10, 100, 365),
            ("payment", 10, 15, 365),
        ],
    ),
}


def _satisfaction_cadences(env):
    for xmlid, days in SATISFACTION_DAYS.items():
        rule = env.ref(f"relationship_health.{xmlid}", False)
        if rule and not rule.satisfaction_days:
            rule.satisfaction_days = days


def _scorecards(env):
    variants = {}
    for key, (before, after) in SCORECARDS.items():
        variants.setdefault(key.split("+")[0], []).append((before, after))
    for xmlid, shapes in variants.items():
        card = env.ref(f"relationship_health.{xmlid}", raise_if_not_found=False)
        if not card:
            continue
        lines = {
            (line.component, line.weight, round(line.target), line.window_days or 0)
            for line in card.line_ids
        }
        after = next((new for old, new in shapes if old == lines), None)
        if after is None:
            _logger.info(
                "Scorecard %s was tuned: satisfaction, revenue and payment are "
                "left for the administrator to add.",
                card.name,
            )
            continue
        # The lines kept are updated, not recreated: another add-on's line
        # (stakeholders) has no component in this registry yet.
        existing = {line.component: line for line in card.line_ids}
        commands = []
        for sequence, (component, weight, target, window_days) in enumerate(
            after, start=1
        ):
            if component in existing:
                commands.append(
                    Command.update(
                        existing[component].id,
                        {"weight": weight, "sequence": sequence},
                    )
                )
            else:
                commands.append(
                    Command.create(
                        {
                            "component": component,
                            "weight": weight,
                            "target": target,
                            "window_days": window_days,
                            "sequence": sequence,
                        }
                    )
                )
        card.write({"line_ids": commands})


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    _satisfaction_cadences(env)
    _scorecards(api.Environment(cr, SUPERUSER_ID, {"active_test": False}))
