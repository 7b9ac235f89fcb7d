#!/usr/bin/env bash
# `make screenshots`: README's screenshots (docs/screenshots/*.png), taken
# from a fresh demo database through headless Chromium, so they can be redone
# whenever the screens change. The database and the server are its own
# (RH_SCREENSHOTS_DB, default rh_screenshots, on RH_SCREENSHOTS_PORT, default
# 8070): `make run` can keep serving its demo on 8069 meanwhile. Both are
# gone when it ends.
# Usage: setup/screenshots.sh [NAME...]   (default: every screenshot)
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"
provision
command -v chromium >/dev/null || command -v google-chrome >/dev/null \
    || command -v chromium-browser >/dev/null || apt_install chromium

DB="${RH_SCREENSHOTS_DB:-rh_screenshots}"
PORT="${RH_SCREENSHOTS_PORT:-8070}"
OUT="$REPO_DIR/docs/screenshots"
CFG="$(mktemp --suffix=.conf)"
LOG="$RH_CACHE/$DB-server.log"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    drop_db "$DB"
    rm -f "$CFG"
}
trap cleanup EXIT

ensure_template_db
drop_db "$DB"
create_db_from_template "$DB"
say "installing $ADDONS with demo data on $DB"
install_modules "$DB" "$ADDONS" "$RH_CACHE/$DB-install.log" \
    || die "installing our add-ons failed (log: $RH_CACHE/$DB-install.log)"
write_config "$CFG" "$DB" "$PORT"
# Odoo itself in the background (not through a shell function: its pid is
# the one to stop).
"$PY" "$ODOO_DIR/odoo-bin" -c "$CFG" -d "$DB" --log-level=warn >"$LOG" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do
    "$PY" -c "import urllib.request; urllib.request.urlopen('http://localhost:$PORT/web/login')" \
        2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || die "Odoo did not start (log: $LOG)"
    sleep 1
done
say "taking the screenshots from http://localhost:$PORT into docs/screenshots"
"$PY" "$REPO_DIR/setup/screenshots.py" "http://localhost:$PORT" "$DB" "$OUT" "$@" \
    || die "the screenshots failed (server log: $LOG)"
