"""The monthly report's modus table counts a case under each of its modus operandi: when
its rows add up to more than the admissions, a note under it says why."""

import datetime as dt
import io

from pypdf import PdfReader

from shelter_app.services.overview import monthly
from shelter_app.services.residents import records
from shelter_app.services.residents.fields import PersonData, StayData

NOTE = "A case may have more than one modus operandi"


def _admit(admin, name, modus, day):
    records.admit_new(admin, PersonData(full_name=name, sex="F",
                                        birth_date=dt.date(1995, 1, 1), modus=modus),
                      StayData(admission_date=day))


def _text(admin, month: str) -> str:
    data = monthly.render(admin, monthly.gather(admin, monthly.parse_month(month)), "pdf")
    return " ".join(" ".join(page.extract_text() for page in
                             PdfReader(io.BytesIO(data)).pages).split())


def test_the_note_appears_when_the_modus_rows_add_up_to_more(admin):
    _admit(admin, "Dewi Lestari", ["migrant_labour", "forced_labour"], dt.date(2026, 10, 5))
    _admit(admin, "Sri Wahyuni", ["sexual"], dt.date(2026, 10, 9))
    text = _text(admin, "2026-10")
    assert NOTE in text
    assert "the rows add up to 3 for 2 admissions" in text


def test_no_note_when_each_case_has_one_modus(admin):
    _admit(admin, "Dewi Lestari", ["migrant_labour"], dt.date(2026, 10, 5))
    _admit(admin, "Sri Wahyuni", [], dt.date(2026, 10, 9))  # not known yet
    assert NOTE not in _text(admin, "2026-10")
