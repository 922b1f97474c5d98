"""The Indonesian a shelter worker speaks: one word per concept across screens, forms
and reports, and an age written the way staff write it."""

import datetime as dt
import re

import pytest
from babel.messages.pofile import read_po

from shelter_app import i18n
from shelter_app.i18n.catalogs import catalog_path
from shelter_app.i18n.formatting import format_age, format_date


def _indonesian() -> dict[str, str]:
    with catalog_path("id").open("rb") as handle:
        catalog = read_po(handle, locale="id")
    found = {}
    for message in catalog:
        if message.id:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            texts = message.string if isinstance(message.string, tuple) else (message.string,)
            found[ids[0]] = " ".join(texts)
    return found


# Words that read like a translation, and what staff say instead.
CALQUES = {
    r"\b[Pp]engeluaran\b": "a discharge is 'keluar', not spending",
    r"\b[Mm]engeluarkan\b": "a resident leaves (keluar), she is not thrown out",
    r"\b[Pp]utaran\b": "the daily round is 'pembagian harian'",
    r"\b[Kk]onfirmasi\b": "the round is saved ('Simpan pembagian')",
    r"\b[Mm]anajer\b": "the role is 'pimpinan'",
    r"\bnonlitigasi\b": "'non-litigasi'",
    r"\b[Kk]edaruratan\b": "a letter's urgency is its 'Sifat'",
    r"\bPC\b": "'komputer'",
    r"\b[Bb]ita\b": "'byte'",
    r"\bSurel\b|\bsurel\b": "'email'",
    r"\bKepada:": "a letter is addressed 'Kepada Yth.'",
    r"\bRuang\s+Ruang\b|\bKamar\s+Kamar\b": "a room is named once",
}


@pytest.mark.parametrize("pattern", CALQUES)
def test_no_indonesian_text_uses_a_word_staff_would_not(pattern):
    bad = {mid: text for mid, text in _indonesian().items() if re.search(pattern, text)}
    assert bad == {}, CALQUES[pattern]


def test_the_same_concept_has_the_same_word_on_every_screen():
    texts = _indonesian()
    assert texts["Discharge"] == "Akhiri masa tinggal"
    assert texts["&Discharge…"].replace("&", "") == "Akhiri masa tinggal…"
    assert texts["Daily round"] == "Pembagian harian"
    assert texts["Manager"] == "Pimpinan"
    assert texts["Urgency"] == "Sifat"
    assert (texts["Routine"], texts["Urgent"]) == ("Biasa", "Segera")
    assert (texts["Figure"], texts["Value"]) == ("Uraian", "Jumlah")
    assert texts["{count} lines, {cost}"] == "{count} pemberian, {cost}"


def test_an_estimated_age_is_written_as_staff_write_it():
    i18n.set_language("id")
    assert format_age(24, "adult", estimated=True) == "± 24 tahun (perkiraan) · Dewasa"
    assert format_age(15, "child") == "15 tahun · Anak"
    assert format_age(61, "elderly") == "61 tahun · Lansia"
    assert format_age(None, "adult") == "–"
    i18n.set_language("en")
    assert format_age(24, "adult", estimated=True) == "± 24 years (estimated) · Adult"
    i18n.set_language("id")


def test_a_day_is_written_without_a_leading_zero():
    i18n.set_language("id")
    assert format_date(dt.date(2026, 12, 1), "full") == "Selasa, 1 Desember 2026"
    assert format_date(dt.date(2026, 12, 1)) == "1 Desember 2026"
    i18n.set_language("en")
    assert format_date(dt.date(2026, 12, 1), "full") == "Tuesday, 1 December 2026"
    i18n.set_language("id")
