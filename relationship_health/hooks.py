# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Open a stage period for every client that exists before the install.

    Partners created before the add-on get the default stage through the
    field's compute; their history starts when they were created.
    """
    env["res.partner"].with_context(active_test=False).search(
        [("relationship_stage", "!=", False)]
    )._relationship_sync_stage_history(from_create_date=True)
