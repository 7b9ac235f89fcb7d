#!/usr/bin/env bash
# Lint exactly as CI does: ruff (lint + format check) and pylint-odoo's
# mandatory checks, on our add-ons and root tests.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RH_CACHE="${RH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/relationship-addons}"
BIN="$RH_CACHE/venv/bin"
status=0
"$BIN/ruff" check . || status=1
"$BIN/ruff" format --check . || status=1
"$BIN/pylint" --rcfile=.pylintrc-mandatory relationship_health customer_farewell key_account_diamond \
    || status=1
exit $status
