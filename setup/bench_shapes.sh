#!/usr/bin/env bash
# `make bench-shapes`: benchmark of the key account shape refresh (threads
# from the interaction log and the bow-tie / diamond classification) for each
# size N given (default 10000), on throwaway databases dropped on exit.
# Usage: setup/bench_shapes.sh [N ...]
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"
[ $# -gt 0 ] || set -- 10000
for n in "$@"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "N must be positive integers, got '$n'"
done
provision
ensure_template_db
cd "$REPO_DIR"
BASE="rh_bench_shapes_$(date +%Y%m%d%H%M%S)_$$"
CFG="$(mktemp --suffix=.conf)"
DBS=("$BASE")
cleanup() {
    local db
    for db in "${DBS[@]}"; do drop_db "$db"; done
    rm -f "$CFG"
}
trap cleanup EXIT
create_db_from_template "$BASE"
install_modules "$BASE" "$ADDONS" "$RH_CACHE/last-bench-install.log" \
    || die "installing our add-ons failed (log: $RH_CACHE/last-bench-install.log)"
for n in "$@"; do
    DB="${BASE}_n$n"
    DBS+=("$DB")
    copy_db "$BASE" "$DB"
    write_config "$CFG" "$DB"
    "$PY" tests/benchmarks/bench_shapes.py -c "$CFG" -d "$DB" -n "$n"
    drop_db "$DB"
done
