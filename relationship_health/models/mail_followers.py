# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    @api.model
    def _relationship_follow(self, model, res_ids, partner_ids):
        """Make ``partner_ids`` follow the records ``res_ids`` of ``model``,
        with the default subtypes Odoo's ``message_subscribe`` gives them;
        those already following are left as they are.

        Safe when someone else subscribes the same person to the same record
        at the same moment (a salesperson logging an interaction while the
        nightly care gives them an activity on that client): Odoo's
        ``message_subscribe`` reads the followers, then inserts the missing
        ones, and the second transaction fails on the unique follower
        constraint, which Odoo does not retry. Here the insert skips the
        followers already there; one committed by a transaction this one
        cannot see yet is a serialization failure, which Odoo's request
        handling and ``run_in_batches`` retry. Returns the new followers.
        """
        res_ids, partner_ids = list(set(res_ids)), list(set(partner_ids))
        if not res_ids or not partner_ids:
            return self.browse()
        self.flush_model(["res_model", "res_id", "partner_id"])
        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO mail_followers (res_model, res_id, partner_id)
                SELECT %s, res_id, partner_id
                  FROM unnest(%s::int[]) AS record(res_id)
                 CROSS JOIN unnest(%s::int[]) AS person(partner_id)
                ON CONFLICT DO NOTHING
                RETURNING id, partner_id
                """,
                model,
                res_ids,
                partner_ids,
            )
        )
        if rows:
            default, _internal, external = self.env[
                "mail.message.subtype"
            ].default_subtypes(model)
            share = set(
                self.env["res.partner"]
                .sudo()
                .browse(partner_ids)
                .filtered("partner_share")
                .ids
            )
            pairs = [
                (follower_id, subtype_id)
                for follower_id, partner_id in rows
                for subtype_id in (external if partner_id in share else default).ids
            ]
            field = self._fields["subtype_ids"]
            if pairs:
                self.env.cr.execute(
                    SQL(
                        "INSERT INTO %s (%s, %s)"
                        " SELECT * FROM unnest(%s::int[], %s::int[])"
                        " ON CONFLICT DO NOTHING",
                        SQL.identifier(field.relation),
                        SQL.identifier(field.column1),
                        SQL.identifier(field.column2),
                        [pair[0] for pair in pairs],
                        [pair[1] for pair in pairs],
                    )
                )
        self.invalidate_model()
        Model = self.env[model]
        Model.browse(res_ids).invalidate_recordset(
            [
                name
                for name in ("message_follower_ids", "message_partner_ids")
                if name in Model._fields
            ]
        )
        return self.browse([row[0] for row in rows])
