# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Window actions the buttons of the three add-ons return."""


def records_action(records, name, view_modes=("list", "form"), context=None):
    """The action that opens ``records``: one, in its form; several (or
    none), in the views of ``view_modes`` restricted to them."""
    action = {
        "type": "ir.actions.act_window",
        "name": name,
        "res_model": records._name,
    }
    if context:
        action["context"] = context
    if len(records) == 1:
        action.update(
            {"res_id": records.id, "view_mode": "form", "views": [[False, "form"]]}
        )
    else:
        action.update(
            {
                "domain": [("id", "in", records.ids)],
                "view_mode": ",".join(view_modes),
                "views": [[False, mode] for mode in view_modes],
            }
        )
    return action
