import datetime as dt

from pypdf import PdfReader

from shelter_app import i18n
from shelter_app.reports.administration import recovery_sheet


def test_the_sheet_prints_the_key_in_the_chosen_language(tmp_path):
    i18n.set_language("id")
    path = tmp_path / "sheet.pdf"
    recovery_sheet.save(path, "Rumah Harapan", "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567",
                        dt.date(2026, 11, 27))
    text = PdfReader(path).pages[0].extract_text()
    assert "Lembar pemulihan" in text
    assert "27 November 2026" in text
    assert "ABCDE" in text and "34567" in text
    assert path.stat().st_mode & 0o077 == 0


def test_an_unwritable_target_gives_a_clear_message(tmp_path):
    import pytest

    from shelter_app.domain.errors import StorageError

    with pytest.raises(StorageError, match="could not be saved"):
        recovery_sheet.save(tmp_path / "missing" / "sheet.pdf", "R", "ABCDE", dt.date.today())
