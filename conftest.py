# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""pytest configuration for the whole repository."""

import logging


class _DropEarlyTestImportWarning(logging.Filter):
    """pytest-odoo imports Odoo's test framework a moment before it turns
    Odoo's test mode on, and Odoo logs that as an ERROR with a long stack.
    It is a false alarm here: drop that one message, keep everything else."""

    def filter(self, record):
        return not record.getMessage().startswith("Importing test framework")


logging.getLogger("odoo.tests.common").addFilter(_DropEarlyTestImportWarning())
