#!/usr/bin/env bash
# Provisioning shared by `make run` and `make test`.
#
# Everything heavy lives in a per-machine cache outside the repository
# (RH_CACHE, default ~/.cache/relationship-addons), so that a fresh clone
# finds the Odoo source, the virtualenv and the test template again:
#   $RH_CACHE/odoo-18.0/   Odoo 18.0 Community source (unless ODOO_SRC is a checkout)
#   $RH_CACHE/venv/        one virtualenv per machine, stamped with its inputs
#   $RH_CACHE/data/        Odoo data dir (filestores)
# Source this file, then call the functions; each one is idempotent.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RH_CACHE="${RH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/relationship-addons}"
ODOO_BRANCH="${ODOO_BRANCH:-18.0}"
ODOO_OFFICIAL_URL="https://github.com/odoo/odoo"
ADDONS="relationship_health,customer_farewell,key_account_diamond"
# Odoo apps our add-ons read when they are installed, without depending on
# them: Invoicing (revenue, payments, invoice emails) and Sales (quotations,
# the thank-you after an order). Every database we build has them, so those
# paths run in `make test`; COMPANION_ADDONS= (empty) builds without them.
COMPANION_ADDONS="${COMPANION_ADDONS-account,sale}"
VENV="$RH_CACHE/venv"
PY="$VENV/bin/python"

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
    # Install Debian packages by name, once. Only possible as root with apt.
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! is_root || ! command -v apt-get >/dev/null; then
        die "missing system packages: ${missing[*]}; install them with your package manager and run again."
    fi
    say "installing system packages: ${missing[*]}"
    if [ ! -f "$RH_CACHE/.apt-updated" ]; then
        apt-get update -qq >/dev/null || die "apt-get update failed"
        mkdir -p "$RH_CACHE" && touch "$RH_CACHE/.apt-updated"
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
        || die "could not install ${missing[*]} from the distribution's packages."
}

# --------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------
psql_ok() { psql -X -d "${PGDATABASE:-postgres}" -tAc 'SELECT 1' >/dev/null 2>&1; }

ensure_postgres() {
    # The server named by the PG* variables, else the local one (installed and
    # started from the distribution's packages when there is none).
    command -v psql >/dev/null || apt_install postgresql-client
    if [ -z "${PGUSER:-}" ]; then
        PGUSER="$(id -un)"
        # Odoo refuses to run as the `postgres` role.
        [ "$PGUSER" = postgres ] && PGUSER=odoo
        export PGUSER
    fi
    [ "$PGUSER" = postgres ] && die "Odoo refuses the database role 'postgres': set PGUSER to another role."
    psql_ok && return 0
    if [ -n "${PGHOST:-}" ] && [ "${PGHOST}" != localhost ] && [ "${PGHOST}" != 127.0.0.1 ] \
        && [ "${PGHOST#/}" = "$PGHOST" ]; then
        die "cannot connect to PostgreSQL at PGHOST=$PGHOST as PGUSER=$PGUSER."
    fi
    if ! command -v pg_ctlcluster >/dev/null; then
        apt_install postgresql
    fi
    local cluster
    for cluster in $(pg_lsclusters -h 2>/dev/null | awk '$4 != "online" {print $1"/"$2}'); do
        say "starting PostgreSQL cluster $cluster"
        pg_ctlcluster --skip-systemctl-redirect "${cluster%/*}" "${cluster#*/}" start 2>/dev/null \
            || pg_ctlcluster "${cluster%/*}" "${cluster#*/}" start || true
    done
    psql_ok && return 0
    # The server runs but our role may not exist yet: create it as `postgres`.
    if is_root; then
        say "creating PostgreSQL role $PGUSER"
        su postgres -c "createuser --createdb --superuser '$PGUSER'" 2>/dev/null || true
    else
        psql -X -U postgres -d postgres -c "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB SUPERUSER" \
            >/dev/null 2>&1 || true
    fi
    psql_ok || die "cannot connect to PostgreSQL as role $PGUSER (set the PG* variables)."
}

db_exists() {
    [ "$(psql -X -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

# --------------------------------------------------------------------------
# Odoo source
# --------------------------------------------------------------------------
odoo_tree_ok() {
    # An Odoo 18.0 source tree: odoo-bin and release 18.0.
    [ -f "$1/odoo-bin" ] && grep -qE '^version_info = \(18, 0,' "$1/odoo/release.py" 2>/dev/null
}

clone_odoo() {
    # clone_odoo URL DEST: shallow, branch 18.0 when the repository has one,
    # otherwise its default branch (then checked to be 18.0).
    local url="$1" dest="$2" tmp="$2.partial"
    rm -rf "$tmp"
    say "fetching Odoo $ODOO_BRANCH from $url (shallow)"
    case "$url" in /*) [ -d "$url" ] && url="file://$url" ;; esac
    if ! GIT_TERMINAL_PROMPT=0 git clone -q --depth 1 --branch "$ODOO_BRANCH" "$url" "$tmp" 2>/dev/null; then
        rm -rf "$tmp"
        GIT_TERMINAL_PROMPT=0 git clone -q --depth 1 "$url" "$tmp" 2>/dev/null || { rm -rf "$tmp"; return 1; }
    fi
    odoo_tree_ok "$tmp" || { rm -rf "$tmp"; return 1; }
    printf '%s\n' "$1" > "$tmp/.rh-origin"
    rm -rf "$dest" && mv "$tmp" "$dest"
}

ensure_odoo_src() {
    local cached="$RH_CACHE/odoo-$ODOO_BRANCH"
    mkdir -p "$RH_CACHE"
    if [ -n "${ODOO_SRC:-}" ] && [ -d "$ODOO_SRC" ] && [ -f "$ODOO_SRC/odoo-bin" ]; then
        odoo_tree_ok "$ODOO_SRC" || die "ODOO_SRC=$ODOO_SRC is not an Odoo 18.0 source tree; set ODOO_SRC to an Odoo 18.0 Community checkout or git URL."
        ODOO_DIR="$(cd "$ODOO_SRC" && pwd)"
    elif [ -n "${ODOO_SRC:-}" ]; then
        if ! odoo_tree_ok "$cached" || [ "$(cat "$cached/.rh-origin" 2>/dev/null)" != "$ODOO_SRC" ]; then
            clone_odoo "$ODOO_SRC" "$cached" \
                || die "could not obtain the Odoo 18.0 source from ODOO_SRC=$ODOO_SRC; set ODOO_SRC to an Odoo 18.0 Community checkout or git URL."
        fi
        ODOO_DIR="$cached"
    else
        if ! odoo_tree_ok "$cached"; then
            clone_odoo "$ODOO_OFFICIAL_URL" "$cached" \
                || die "could not obtain the Odoo 18.0 source from $ODOO_OFFICIAL_URL; set ODOO_SRC to a local Odoo 18.0 Community checkout or git URL and run again."
        fi
        ODOO_DIR="$cached"
    fi
    # Odoo's own checkout keeps add-ons in addons/; some trees keep them all
    # under odoo/addons. Both go on the path, ours first.
    ADDONS_PATH="$REPO_DIR"
    [ -d "$ODOO_DIR/addons/web" ] && ADDONS_PATH="$ADDONS_PATH,$ODOO_DIR/addons"
    ADDONS_PATH="$ADDONS_PATH,$ODOO_DIR/odoo/addons"
    export ODOO_DIR ADDONS_PATH
}

# --------------------------------------------------------------------------
# Virtualenv
# --------------------------------------------------------------------------
pick_python() {
    local cand
    for cand in "${PYTHON:-}" python3.12 python3.11 python3.10 python3; do
        [ -n "$cand" ] && command -v "$cand" >/dev/null || continue
        if "$cand" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' 2>/dev/null; then
            command -v "$cand"; return 0
        fi
    done
    die "Odoo 18.0 needs Python 3.10 to 3.12; none found (set PYTHON)."
}

venv_pip() {
    # cbor2==5.4.2 (pinned by Odoo) only builds with setuptools<70 in pip's
    # build environment: PIP_CONSTRAINT says so to pip < 25.3, and
    # PIP_BUILD_CONSTRAINT to newer ones, where constraints no longer reach
    # build environments. Set for these pip runs only, never exported.
    PIP_CONSTRAINT="$REPO_DIR/setup/constraints.txt" \
        PIP_BUILD_CONSTRAINT="$REPO_DIR/setup/constraints.txt" \
        "$PY" -m pip "$1" -q --disable-pip-version-check "${@:2}"
}

ensure_venv() {
    # Rebuilt only when its inputs change: Odoo's pinned requirements, ours,
    # the constraints and the interpreter.
    local python stamp
    python="$(pick_python)"
    stamp="$( { "$python" --version 2>&1; cat "$ODOO_DIR/requirements.txt" \
        "$REPO_DIR/requirements.txt" "$REPO_DIR/setup/constraints.txt"; } | sha256sum | cut -c1-16)"
    if [ -x "$PY" ] && [ "$(cat "$VENV/.rh-stamp" 2>/dev/null)" = "$stamp" ]; then
        return 0
    fi
    # Headers that Odoo's pinned packages compile against.
    apt_install build-essential python3-dev libpq-dev libxml2-dev libxslt1-dev \
        libldap2-dev libsasl2-dev libjpeg-dev zlib1g-dev
    say "building the virtualenv in $VENV (first time only)"
    [ -x "$PY" ] || "$python" -m venv "$VENV" || die "could not create a virtualenv with $python"
    venv_pip install --upgrade pip "setuptools<70" wheel \
        || die "pip could not upgrade itself in $VENV"
    venv_pip install -r "$ODOO_DIR/requirements.txt" \
        || die "pip could not install Odoo's requirements (see above)"
    venv_pip install -r "$REPO_DIR/requirements.txt" \
        || die "pip could not install requirements.txt (see above)"
    printf '%s\n' "$stamp" > "$VENV/.rh-stamp"
}

link_odoo() {
    # Make `import odoo` resolve to the source tree in use (cheap, every run).
    local site
    site="$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    printf '%s\n' "$ODOO_DIR" > "$site/rh_odoo_src.pth"
}

write_config() {
    # write_config FILE DBNAME [HTTP_PORT]
    local file="$1" db="$2" port="${3:-8069}"
    mkdir -p "$RH_CACHE/data"
    cat > "$file" <<CFG
[options]
addons_path = $ADDONS_PATH
data_dir = $RH_CACHE/data
db_name = $db
dbfilter = ^$db\$
db_host = ${PGHOST:-False}
db_port = ${PGPORT:-False}
db_user = $PGUSER
db_password = ${PGPASSWORD:-False}
http_port = $port
list_db = False
without_demo = False
CFG
}

odoo_bin() { "$PY" "$ODOO_DIR/odoo-bin" "$@"; }

free_port() {
    # A TCP port nobody listens on now: test runs side by side (and a
    # `make run` on 8069) do not fight over Odoo's HTTP port.
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

provision() {
    ensure_postgres
    ensure_odoo_src
    ensure_venv
    link_odoo
}

# --------------------------------------------------------------------------
# Databases
# --------------------------------------------------------------------------
our_dependencies() {
    # The add-ons ours depend on, outside this repository (from the
    # manifests), and the companion apps.
    "$PY" - "$REPO_DIR" "$ADDONS" "$COMPANION_ADDONS" <<'PYEOF'
import ast, pathlib, sys
repo, ours = pathlib.Path(sys.argv[1]), sys.argv[2].split(",")
deps = {name for name in sys.argv[3].split(",") if name}
for name in ours:
    manifest = ast.literal_eval((repo / name / "__manifest__.py").read_text())
    deps.update(manifest.get("depends", []))
print(",".join(sorted(deps - set(ours))))
PYEOF
}

copy_filestore() {
    local src="$RH_CACHE/data/filestore/$1" dst="$RH_CACHE/data/filestore/$2"
    rm -rf "$dst"
    [ -d "$src" ] && cp -a "$src" "$dst"
    return 0
}

copy_db() {
    # copy_db SOURCE TARGET: a database and its filestore, for one size of a
    # benchmark (the add-ons installed once in SOURCE).
    createdb -T "$1" "$2" || die "could not create the database $2"
    copy_filestore "$1" "$2"
}

drop_db() {
    dropdb --if-exists "$1" >/dev/null 2>&1 || true
    rm -rf "$RH_CACHE/data/filestore/$1"
}

install_modules() {
    # install_modules DB MODULES LOGFILE: fails on any error or warning
    # logged (Odoo installs a module whose demo data fails with a warning).
    local db="$1" modules="$2" log="$3" cfg
    cfg="$(mktemp)"
    write_config "$cfg" "$db"
    if ! odoo_bin -c "$cfg" -d "$db" -i "$modules" --stop-after-init --no-http \
        --log-level=warn >"$log" 2>&1 || grep -qE ' (WARNING|ERROR|CRITICAL) ' "$log"; then
        rm -f "$cfg"
        grep -E -A30 ' (WARNING|ERROR|CRITICAL) ' "$log" | head -80 >&2 || tail -40 "$log" >&2
        return 1
    fi
    rm -f "$cfg"
}

ensure_template_db() {
    # A database with everything our add-ons depend on (demo data included),
    # built once per Odoo tree and dependency list, then copied for each run.
    local deps key tmpl
    deps="$(our_dependencies)"
    # Keyed on the Odoo tree, the dependencies and this cache (which holds
    # the template's filestore).
    key="$( { cat "$ODOO_DIR/odoo/release.py"; git -C "$ODOO_DIR" rev-parse HEAD 2>/dev/null || true; \
        echo "$deps"; echo "$RH_CACHE"; } | sha256sum | cut -c1-10)"
    tmpl="rh_tmpl_$key"
    if ! db_exists "$tmpl"; then
        say "building the template database $tmpl with $deps (once per Odoo tree)"
        drop_db "${tmpl}_partial"
        install_modules "${tmpl}_partial" "$deps" "$RH_CACHE/$tmpl.log" \
            || die "installing Odoo's add-ons $deps failed (log: $RH_CACHE/$tmpl.log)"
        psql -X -d postgres -qc "ALTER DATABASE \"${tmpl}_partial\" RENAME TO \"$tmpl\"" \
            || die "could not finish the template database $tmpl"
        rm -rf "$RH_CACHE/data/filestore/$tmpl"
        [ -d "$RH_CACHE/data/filestore/${tmpl}_partial" ] \
            && mv "$RH_CACHE/data/filestore/${tmpl}_partial" "$RH_CACHE/data/filestore/$tmpl"
    fi
    TEMPLATE_DB="$tmpl"
}

create_db_from_template() {
    createdb -T "$TEMPLATE_DB" "$1" || die "could not create the database $1"
    copy_filestore "$TEMPLATE_DB" "$1"
}

modules_installed() {
    # modules_installed DB: 0 when all our add-ons are installed there.
    local n
    n="$(psql -X -d "$1" -tAc "SELECT count(*) FROM ir_module_module
        WHERE state = 'installed' AND name = ANY(string_to_array('$ADDONS', ','))" 2>/dev/null || echo 0)"
    [ "$n" = "$(tr ',' '\n' <<<"$ADDONS" | wc -l)" ]
}
