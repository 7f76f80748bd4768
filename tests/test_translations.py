"""Every string a person sees exists in German: the catalogue is complete and compiled."""

from pathlib import Path

import polib
from django.utils import translation

import verbund

LOCALE = Path(verbund.__file__).parent / "locale" / "de" / "LC_MESSAGES"


def test_german_catalogue_is_complete():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    missing = [entry.msgid for entry in catalogue if not entry.translated() and not entry.obsolete]
    assert missing == []


def test_compiled_catalogue_matches_source():
    source = polib.pofile(str(LOCALE / "django.po"))
    compiled = polib.mofile(str(LOCALE / "django.mo"))
    wanted = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in source.translated_entries()
    }
    have = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in compiled if e.msgid}
    assert {key: value for key, value in wanted.items() if have.get(key) != value} == {}


def test_formal_address_in_german():
    with translation.override("de"):
        text = translation.gettext("Please set up a second factor (TOTP) before using Verbund.")
    assert text == "Bitte richten Sie einen zweiten Faktor (TOTP) ein, bevor Sie Verbund nutzen."
