# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Repository check: each add-on's .pot holds exactly the strings Odoo
exports for it today, and its Spanish es.po translates every one of them,
keeping the placeholders."""

import re
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

REPO = Path(__file__).resolve().parent.parent
ADDONS = sorted(path.parent.name for path in REPO.glob("*/__manifest__.py"))
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def _pot(self, addon):
        path = REPO / addon / "i18n" / f"{addon}.pot"
        self.assertTrue(path.is_file(), f"{path} is missing")
        return polib.pofile(str(path))

    def test_pot_is_current(self):
        for addon in ADDONS:
            with self.subTest(addon=addon):
                exported = {
                    source
                    for _module, _type, _name, _res_id, source, _value, _comments in (
                        TranslationModuleReader(self.env.cr, modules=[addon])
                    )
                    if source
                }
                in_pot = {entry.msgid for entry in self._pot(addon)}
                self.assertFalse(
                    exported - in_pot,
                    f"{addon}.pot lacks strings: re-export it (see README)",
                )
                self.assertFalse(
                    in_pot - exported,
                    f"{addon}.pot has strings the add-on no longer has",
                )

    def test_spanish_is_complete(self):
        for addon in ADDONS:
            with self.subTest(addon=addon):
                path = REPO / addon / "i18n" / "es.po"
                self.assertTrue(path.is_file(), f"{path} is missing")
                spanish = {e.msgid: e.msgstr for e in polib.pofile(str(path))}
                for entry in self._pot(addon):
                    translated = spanish.get(entry.msgid)
                    self.assertTrue(
                        translated, f"{addon}/es.po: untranslated {entry.msgid!r}"
                    )
                    self.assertEqual(
                        sorted(PLACEHOLDER.findall(entry.msgid)),
                        sorted(PLACEHOLDER.findall(translated)),
                        f"{addon}/es.po: placeholders differ in {entry.msgid!r}",
                    )
