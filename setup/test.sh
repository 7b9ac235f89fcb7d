#!/usr/bin/env bash
# `make test`: lint, a fresh throwaway database with our add-ons, every test
# with pytest-odoo (browser tours included), then the database is dropped.
# Usage: setup/test.sh [pytest arguments, e.g. a test file]
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"
provision
command -v chromium >/dev/null || command -v google-chrome >/dev/null \
    || command -v chromium-browser >/dev/null || apt_install chromium

cd "$REPO_DIR"
lint_status=0
if [ "${SKIP_LINT:-0}" != 1 ]; then
    say "lint: ruff and pylint-odoo (mandatory checks)"
    bash setup/lint.sh || lint_status=$?
fi

ensure_template_db
DB="rh_test_$(date +%Y%m%d%H%M%S)_$$"
CFG="$(mktemp --suffix=.conf)"
cleanup() { drop_db "$DB"; rm -f "$CFG"; }
trap cleanup EXIT
create_db_from_template "$DB"
say "installing $ADDONS on the throwaway database $DB"
install_modules "$DB" "$ADDONS" "$RH_CACHE/last-test-install.log" \
    || die "installing our add-ons failed (log: $RH_CACHE/last-test-install.log)"
write_config "$CFG" "$DB" "$(free_port)"

[ $# -gt 0 ] || set -- relationship_health customer_farewell key_account_diamond tests
test_status=0
"$PY" -m pytest -p no:cacheprovider --odoo-config="$CFG" --odoo-database="$DB" \
    --odoo-http --odoo-log-level="${ODOO_LOG_LEVEL:-warn}" \
    "$@" || test_status=$?
if [ "$lint_status" != 0 ] && [ "$test_status" = 0 ]; then
    echo "lint failed (see above): the test command fails" >&2
    exit "$lint_status"
fi
exit "$test_status"
