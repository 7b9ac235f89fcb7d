#!/usr/bin/env bash
# `make bench`: benchmark of the health score recompute, ORM against a
# hand-written SQL baseline, for each size N given (default 10000 100000).
# One throwaway database with our add-ons (and the template's demo data) is
# copied afresh for each N, so that every size starts from the same state;
# all of them are dropped on exit.
# Usage: setup/bench.sh [N ...]
# BENCH_PROFILE=1 also writes a cProfile of each ORM recompute (slower).
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"
[ $# -gt 0 ] || set -- 10000 100000
for n in "$@"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "N must be positive integers, got '$n'"
done
provision
ensure_template_db

cd "$REPO_DIR"
BASE="rh_bench_$(date +%Y%m%d%H%M%S)_$$"
CFG="$(mktemp --suffix=.conf)"
RESULTS="$(mktemp --suffix=.jsonl)"
DBS=("$BASE")
cleanup() {
    local db
    for db in "${DBS[@]}"; do drop_db "$db"; done
    rm -f "$CFG" "$RESULTS"
}
trap cleanup EXIT

say "installing $ADDONS on the throwaway database $BASE (with demo data)"
create_db_from_template "$BASE"
install_modules "$BASE" "$ADDONS" "$RH_CACHE/last-bench-health-install.log" \
    || die "installing our add-ons failed (log: $RH_CACHE/last-bench-health-install.log)"

for n in "$@"; do
    DB="${BASE}_n$n"
    DBS+=("$DB")
    copy_db "$BASE" "$DB"
    write_config "$CFG" "$DB"
    profile=()
    [ "${BENCH_PROFILE:-0}" = 1 ] && profile=(--profile "$RH_CACHE/bench-profile-$n.prof")
    "$PY" tests/benchmarks/bench_health.py -c "$CFG" -d "$DB" -n "$n" \
        --results "$RESULTS" "${profile[@]}"
    drop_db "$DB"
done
"$PY" tests/benchmarks/bench_health.py --summary --results "$RESULTS"
