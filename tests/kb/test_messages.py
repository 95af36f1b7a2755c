"""The .po catalogues are the source of the UI translations (translators edit them with any PO
editor): they hold every message of the code, none fuzzy or empty, and the committed .mo
files are compiled from them."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
LANGS = ("fr", "de", "it", "sl")


def catalogue(lang, base=LOCALE):
    return polib.pofile(str(base / lang / "LC_MESSAGES" / "django.po"))


def message_ids(po):
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in po if not e.obsolete}


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_and_reviewed(lang):
    po = catalogue(lang)
    assert [e.msgid for e in po.fuzzy_entries()] == [], "fuzzy: review, then drop the flag"
    assert [e.msgid for e in po.untranslated_entries()] == []


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_is_up_to_date(lang):
    po = catalogue(lang)
    mo = polib.mofile(str(LOCALE / lang / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo if e.msgid}
    source = {(e.msgctxt, e.msgid): (e.msgstr, {int(k): v for k, v in e.msgstr_plural.items()})
              for e in po if not e.obsolete and e.msgid}
    stale = sorted(k[1] for k in source if compiled.get(k) != source[k])
    assert stale == [], "run `make messages` (compilemessages) and commit the .mo files"


def test_catalogues_hold_exactly_the_messages_of_the_code(tmp_path):
    """A message added or changed in a template or in Python fails here until the .po files
    are updated (`make messages`) and translated."""
    require(shutil.which("xgettext") and shutil.which("msgmerge"),
            "gettext is needed (apt-get install gettext)")
    backup = tmp_path / "locale"
    shutil.copytree(LOCALE, backup)
    try:
        subprocess.run([sys.executable, "manage.py", "makemessages", *sum(
            (["-l", lang] for lang in LANGS), []), "--ignore=.venv", "--ignore=bench",
            "--no-obsolete", "-v0"], cwd=ROOT, check=True, capture_output=True, timeout=300)
        regenerated = {lang: message_ids(catalogue(lang)) for lang in LANGS}
    finally:
        shutil.rmtree(LOCALE)
        shutil.copytree(backup, LOCALE)
    for lang in LANGS:
        committed = message_ids(catalogue(lang))
        assert sorted(regenerated[lang] - committed, key=str) == [], f"{lang}: not in the .po"
        assert sorted(committed - regenerated[lang], key=str) == [], f"{lang}: no longer used"
