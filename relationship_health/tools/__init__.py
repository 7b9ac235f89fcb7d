# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the scheduled work of the three add-ons shares: batches
(``batch``) and SQL helpers (``sql``). Import them from here:

    from odoo.addons.relationship_health.tools import batch, sql
"""

from . import batch, sql
