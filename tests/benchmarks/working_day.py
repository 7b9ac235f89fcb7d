# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The working day, for ``make bench-night``: the screens salespeople use
most, read as the web client reads them, timed and counted in queries, on
a database with our add-ons and on one without them (the same clients).

- the client's form: ``web_read`` with the form's full field specification
  (sub-lists included), as the web client builds it from the view;
- the contacts list: 80 rows of the Contacts app's list view;
- the clients' kanban: with our add-ons, "Clients by Stage" grouped by
  lifecycle stage (the groups, then each column's first 40 cards); without
  them, the Contacts kanban of the same companies (80 cards), the screen
  it stands for;
- logging an interaction (with our add-ons only): ``web_save`` of a new
  interaction from the client's dialog.

Each is repeated (the median kept), every request in a fresh cache as the
web client's requests are.
"""

import statistics
import time

from lxml import etree

SAMPLES = 25


def _spec_from_arch(arch, fields_info, models_info):
    """The field specification the web client reads a view with."""
    spec = {}
    root = etree.fromstring(arch) if isinstance(arch, str) else arch
    for node in root.iter("field"):
        # Fields of a sub-view belong to their x2many, below.
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue
        name = node.get("name")
        info = fields_info.get(name)
        if not info:
            continue
        if info["type"] == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif info["type"] in ("one2many", "many2many"):
            comodel = info["relation"]
            sub_fields = models_info.get(comodel, {}).get("fields", {})
            sub = {}
            for child in node.iter("field"):
                if child is node:
                    continue
                child_info = sub_fields.get(child.get("name"))
                if not child_info:
                    continue
                if child_info["type"] == "many2one":
                    sub[child.get("name")] = {"fields": {"display_name": {}}}
                elif child_info["type"] not in ("one2many", "many2many"):
                    sub[child.get("name")] = {}
            if node.get("widget") == "many2many_tags" or not sub:
                sub = {"display_name": {}}
            spec[name] = {"fields": sub, "limit": 40}
        else:
            spec[name] = {}
    return spec


def view_spec(Model, view_type, view_id=False):
    result = Model.get_views([(view_id, view_type)])
    view = result["views"][view_type]
    models_info = result["models"]
    return _spec_from_arch(
        view["arch"], models_info[Model._name]["fields"], models_info
    )


def _timed(env, call):
    """(seconds, queries) of ``call()`` in a fresh cache."""
    env.invalidate_all()
    before = env.cr.sql_log_count
    t0 = time.perf_counter()
    call()
    env.flush_all()
    seconds = time.perf_counter() - t0
    return seconds, env.cr.sql_log_count - before


def _median(env, calls):
    runs = [_timed(env, call) for call in calls]
    return {
        "ms": 1000 * statistics.median(seconds for seconds, _ in runs),
        "queries": statistics.median(queries for _, queries in runs),
    }


def measure(env, user, client_ids, ours):
    """The screens' figures as ``user``, on ``client_ids`` (companies)."""
    env = env(user=user, context={"lang": "en_US", "tz": "UTC"})
    Partner = env["res.partner"]
    sample = client_ids[:: max(1, len(client_ids) // SAMPLES)][:SAMPLES]
    form_spec = view_spec(Partner, "form")
    list_spec = view_spec(Partner, "list", env.ref("base.view_partner_tree").id)
    figures = {
        "form": _median(
            env,
            [lambda cid=cid: Partner.browse(cid).web_read(form_spec) for cid in sample],
        ),
        "list": _median(
            env,
            [
                lambda offset=offset: Partner.web_search_read(
                    [], list_spec, offset=offset, limit=80
                )
                for offset in range(0, 80 * SAMPLES, 80)
            ],
        ),
    }
    companies = [("is_company", "=", True)]
    if ours:
        kanban = env.ref("relationship_health.res_partner_view_kanban_relationship")
        kanban_spec = view_spec(Partner, "kanban", kanban.id)

        def stage_kanban():
            groups = Partner.web_read_group(
                companies, ["relationship_stage"], ["relationship_stage"], limit=80
            )
            for group in groups["groups"]:
                Partner.web_search_read(group["__domain"], kanban_spec, limit=40)

        figures["kanban"] = _median(env, [stage_kanban] * SAMPLES)
        Interaction = env["relationship.interaction"]
        interaction_spec = view_spec(Interaction, "form")
        figures["log_interaction"] = _median(
            env,
            [
                lambda cid=cid: Interaction.with_context(
                    default_partner_id=cid
                ).web_save(
                    {"name": "Call about the next order", "partner_id": cid},
                    interaction_spec,
                )
                for cid in sample
            ],
        )
    else:
        kanban_spec = view_spec(Partner, "kanban")
        figures["kanban"] = _median(
            env,
            [
                lambda offset=offset: Partner.web_search_read(
                    companies, kanban_spec, offset=offset, limit=80
                )
                for offset in range(0, 80 * SAMPLES, 80)
            ],
        )
    env.cr.rollback()
    return figures
