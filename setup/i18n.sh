#!/usr/bin/env bash
# `make i18n`: re-export each add-on's .pot from a throwaway database and
# merge new strings into its es.po (existing translations are kept; new ones
# are left empty for a translator, and `make test` fails until they are done).
# Usage: setup/i18n.sh [addon,addon...]   (default: all three)
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"
provision
ensure_template_db
DB="rh_i18n_$$"
CFG="$(mktemp --suffix=.conf)"
cleanup() { drop_db "$DB"; rm -f "$CFG"; }
trap cleanup EXIT
create_db_from_template "$DB"
install_modules "$DB" "$ADDONS" "$RH_CACHE/last-i18n-install.log" \
    || die "installing our add-ons failed (log: $RH_CACHE/last-i18n-install.log)"
write_config "$CFG" "$DB"
TMP_POT_DIR="$(mktemp -d)"
EXPORT="${1:-$ADDONS}"
for addon in ${EXPORT//,/ }; do
    mkdir -p "$REPO_DIR/$addon/i18n"
    odoo_bin -c "$CFG" -d "$DB" --no-http --stop-after-init --log-level=warn \
        --i18n-export="$TMP_POT_DIR/$addon.pot" --modules="$addon" 2>/dev/null \
        || die "exporting $addon.pot failed"
    "$PY" - "$REPO_DIR/$addon/i18n" "$addon" "$TMP_POT_DIR/$addon.pot" <<'PYEOF'
import pathlib, shutil, sys
import polib
folder, addon, fresh = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
pot_path, po_path = folder / f"{addon}.pot", folder / "es.po"
pot = polib.pofile(fresh)
def keys(catalog):
    return sorted((e.msgid, tuple(sorted(e.occurrences))) for e in catalog)
# Rewrite only when the strings changed: no churn from export dates.
if not pot_path.exists() or keys(polib.pofile(str(pot_path))) != keys(pot):
    shutil.copy(fresh, pot_path)
po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
before = [(e.msgid, e.msgstr) for e in po]
po.merge(pot)
po[:] = [entry for entry in po if not entry.obsolete]
po.metadata.update(
    {"Language": "es", "Plural-Forms": "nplurals=2; plural=(n != 1);",
     "Content-Type": "text/plain; charset=UTF-8"}
)
if not po_path.exists() or [(e.msgid, e.msgstr) for e in po] != before:
    po.save(str(po_path))
missing = sum(1 for entry in po if not entry.msgstr)
print(f"{addon}: {len(pot)} strings, {missing} to translate in es.po")
PYEOF
done
rm -rf "$TMP_POT_DIR"
