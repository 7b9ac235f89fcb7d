# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RelationshipSegmentMixin(models.AbstractModel):
    """Records that apply to a segment of clients: a relationship type and/or
    a lifecycle stage (and optionally a company), the most specific winning.
    Used by health scorecards and care rules; the models declare the
    ``relationship_type``, ``relationship_stage`` and ``company_id`` fields."""

    _name = "relationship.segment.mixin"
    _description = "Client Segment"

    def _segment_overlap(self):
        """Another active record of the same model covering exactly the same
        segment as this one, or an empty recordset."""
        self.ensure_one()
        return self.search(
            [
                ("id", "!=", self.id),
                ("relationship_type", "=", self.relationship_type),
                ("relationship_stage", "=", self.relationship_stage),
                ("company_id", "=", self.company_id.id),
            ],
            limit=1,
        )

    def _segment_match(self, company_id, relationship_type, stage):
        """The most specific record of ``self`` for a client: type and stage,
        then type, then stage, then neither; a company-specific one before
        a shared one."""
        best, best_rank = self.browse(), None
        for record in self:
            if record.company_id and record.company_id.id != company_id:
                continue
            if (
                record.relationship_type
                and record.relationship_type != relationship_type
            ):
                continue
            if record.relationship_stage and record.relationship_stage != stage:
                continue
            rank = (
                bool(record.relationship_type) * 2
                + bool(record.relationship_stage)
                + bool(record.company_id) * 0.5
            )
            if best_rank is None or rank > best_rank:
                best, best_rank = record, rank
        return best
