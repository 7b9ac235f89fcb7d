#!/usr/bin/env bash
# `make run`: a demo database with our three add-ons and their demo data,
# served on http://localhost:8069. Idempotent: the database is created and
# the add-ons installed only once (RH_DB names it, default relationship_demo).
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"
provision
DB="${RH_DB:-relationship_demo}"
PORT="${RH_PORT:-8069}"
CFG="$RH_CACHE/$DB.conf"
write_config "$CFG" "$DB" "$PORT"
# The add-ons' code as installed: updated when it changes, not otherwise.
code_stamp="$(cd "$REPO_DIR" && find ${ADDONS//,/ } -type f -not -path '*/__pycache__/*' \
    -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
stamp_file="$RH_CACHE/$DB.code-stamp"
if ! modules_installed "$DB"; then
    drop_db "$DB"
    ensure_template_db
    create_db_from_template "$DB"
    say "installing $ADDONS with demo data on $DB"
    install_modules "$DB" "$ADDONS" "$RH_CACHE/$DB-install.log" \
        || { drop_db "$DB"; die "installing our add-ons failed (log: $RH_CACHE/$DB-install.log)"; }
    printf '%s\n' "$code_stamp" > "$stamp_file"
elif [ "$(cat "$stamp_file" 2>/dev/null)" != "$code_stamp" ]; then
    say "the add-ons changed: updating them on $DB"
    odoo_bin -c "$CFG" -d "$DB" -u "$ADDONS" --stop-after-init --no-http --log-level=warn \
        >"$RH_CACHE/$DB-update.log" 2>&1 \
        || die "updating our add-ons failed (log: $RH_CACHE/$DB-update.log)"
    printf '%s\n' "$code_stamp" > "$stamp_file"
fi
say "Odoo 18.0 is starting on http://localhost:$PORT (database $DB)"
say "log in as admin / admin (the manager), or as a demo salesperson,"
say "whose password is the login (README, \"The demo\", tells each one's Monday):"
# The demo users our add-ons ship, as they are in this database.
psql -X -d "$DB" -tAc "SELECT u.login FROM res_users u
    JOIN ir_model_data d ON d.model = 'res.users' AND d.res_id = u.id
    WHERE d.module = ANY(string_to_array('$ADDONS', ',')) AND u.active
    ORDER BY d.id" | while read -r login; do
    if [ -n "$login" ]; then say "    $login / $login"; fi
done
say "stop with Ctrl+C"
exec "$PY" "$ODOO_DIR/odoo-bin" -c "$CFG" -d "$DB"
