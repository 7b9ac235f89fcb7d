#!/usr/bin/env bash
# Lint exactly as CI does: ruff (lint + format check) and pylint-odoo's
# mandatory checks, on our add-ons and root tests, with the virtualenv's
# pinned tools (requirements.txt).
#
#   setup/lint.sh                 every check, nothing changed (`make lint`)
#
# The pre-commit hooks (.pre-commit-config.yaml) run the same checks one by
# one, fixing what ruff can fix:
#   setup/lint.sh ruff FILE...    ruff check --fix
#   setup/lint.sh format FILE...  ruff format
#   setup/lint.sh pylint          pylint-odoo's mandatory checks
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RH_CACHE="${RH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/relationship-addons}"
BIN="$RH_CACHE/venv/bin"
ADDON_DIRS=(relationship_health customer_farewell key_account_diamond)
if [ ! -x "$BIN/ruff" ] || [ ! -x "$BIN/pylint" ]; then
    echo "lint: no virtualenv with ruff and pylint-odoo in $BIN: run \`make test\` once (it builds it)." >&2
    exit 1
fi

pylint_odoo() { "$BIN/pylint" --rcfile=.pylintrc-mandatory "${ADDON_DIRS[@]}"; }

case "${1:-all}" in
    all)
        status=0
        "$BIN/ruff" check . || status=1
        "$BIN/ruff" format --check . || status=1
        pylint_odoo || status=1
        exit $status
        ;;
    ruff) shift; exec "$BIN/ruff" check --fix --exit-non-zero-on-fix "$@" ;;
    format) shift; exec "$BIN/ruff" format "$@" ;;
    pylint) pylint_odoo ;;
    *) echo "usage: setup/lint.sh [ruff FILE...|format FILE...|pylint]" >&2; exit 2 ;;
esac
