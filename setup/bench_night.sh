#!/usr/bin/env bash
# `make bench-night`: benchmark of every scheduled action of the three
# add-ons at scale, for each size N given (default 10000 100000), on
# throwaway databases dropped on exit; the last line sums up the largest N.
# Usage: setup/bench_night.sh [N ...]
# BENCH_KEEP=1 keeps the databases (the state after the nights and the
# crowd) for a closer look; BENCH_PROFILE=file writes a cProfile.
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"
[ $# -gt 0 ] || set -- 10000 100000
for n in "$@"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "N must be positive integers, got '$n'"
done
provision
ensure_template_db
cd "$REPO_DIR"
BASE="rh_bench_night_$(date +%Y%m%d%H%M%S)_$$"
CFG="$(mktemp --suffix=.conf)"
RESULTS="$(mktemp --suffix=.jsonl)"
DBS=("$BASE")
cleanup() {
    local db
    if [ -n "${BENCH_KEEP:-}" ]; then
        say "kept for a closer look (BENCH_KEEP): ${DBS[*]}; dropdb each when done"
        DBS=()
    fi
    for db in "${DBS[@]}"; do drop_db "$db"; done
    rm -f "$CFG" "$RESULTS"
}
trap cleanup EXIT
say "installing $ADDONS on the throwaway database $BASE (with demo data)"
create_db_from_template "$BASE"
install_modules "$BASE" "$ADDONS" "$RH_CACHE/last-bench-night-install.log" \
    || die "installing our add-ons failed (log: $RH_CACHE/last-bench-night-install.log)"
for n in "$@"; do
    DB="${BASE}_n$n"
    DBS+=("$DB")
    copy_db "$BASE" "$DB"
    write_config "$CFG" "$DB"
    extra=()
    [ -n "${BENCH_PROFILE:-}" ] && extra+=(--profile "$BENCH_PROFILE")
    # Many users at once, on the largest size only.
    [ "$n" = "${*: -1}" ] && extra+=(--crowd "$ODOO_DIR/odoo-bin")
    "$PY" tests/benchmarks/bench_night.py -c "$CFG" -d "$DB" -n "$n" \
        --results "$RESULTS" "${extra[@]}"
    [ -n "${BENCH_KEEP:-}" ] || drop_db "$DB"
done
# The working day against the same clients in a database without our add-ons.
largest="${*: -1}"
PLAIN="${BASE}_plain"
DBS+=("$PLAIN")
create_db_from_template "$PLAIN"
write_config "$CFG" "$PLAIN"
"$PY" tests/benchmarks/bench_night.py -c "$CFG" -d "$PLAIN" -n "$largest" \
    --results "$RESULTS" --plain
[ -n "${BENCH_KEEP:-}" ] || drop_db "$PLAIN"
"$PY" tests/benchmarks/bench_night.py --summary --results "$RESULTS"
