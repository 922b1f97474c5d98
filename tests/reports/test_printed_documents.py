"""Every document the app prints comes from a service as the PDF's bytes (what the
preview shows and the printer gets), and printing it on paper is permission-checked and
audited by one service call."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from shelter_app.domain.errors import PermissionDenied
from shelter_app.services.administration import audit_log, setup
from shelter_app.services.counselling import reports as session_reports
from shelter_app.services.overview import monthly
from shelter_app.services.provisions import reports as provision_reports
from shelter_app.services.referrals import reports as referral_reports
from shelter_app.services.residents import reports as resident_reports
from shelter_app.services.shared import printing, reporting


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(data)).pages)


def test_each_report_is_made_as_pdf_bytes_for_its_period(demo_shelter):
    period = reporting.period(dt.date(2026, 9, 1), dt.date(2026, 11, 27))
    for make, title in ((resident_reports.occupancy_as_pdf, "Occupancy report"),
                        (provision_reports.pdf, "Provision report"),
                        (session_reports.pdf, "Counselling sessions report"),
                        (referral_reports.pdf, "Referrals report")):
        assert title in pdf_text(make(demo_shelter, period, "en"))
    november = monthly.month_of(dt.date(2026, 11, 1))
    assert "Laporan bulanan" in pdf_text(monthly.pdf(demo_shelter, november, "id"))


def test_the_recovery_sheet_is_made_in_memory_with_its_key(admin, shelter, tmp_path):
    sheet = setup.recovery_sheet(admin, shelter)
    assert shelter.replace("-", "") in pdf_text(sheet).replace(" ", "")
    assert not list(tmp_path.rglob("*.pdf"))  # nothing written anywhere


def test_printing_on_paper_is_audited_with_the_documents_permission(admin, login_as):
    printing.record_printed(admin, "report_occupancy")
    newest = audit_log.recent_events(admin, 1)[0]
    assert (newest.action, newest.entity, newest.username) == ("print", "report_occupancy",
                                                               "admin")
    staff = login_as("staff")
    printing.record_printed(staff, "form_intake")  # staff print the blank intake form
    printing.record_printed(staff, "letter_referral")
    with pytest.raises(PermissionDenied):
        printing.record_printed(staff, "report_occupancy")  # reports: managers only
    with pytest.raises(PermissionDenied):
        printing.record_printed(staff, "recovery_sheet")
    printed = [(e.username, e.entity) for e in audit_log.recent_events(admin, 30)
               if e.action == "print"]
    assert printed[:3] == [("staff", "letter_referral"), ("staff", "form_intake"),
                           ("admin", "report_occupancy")]


def test_the_previewed_bytes_are_saved_as_they_are_and_audited(admin, login_as, tmp_path):
    from shelter_app.services.residents import forms

    blank = forms.intake_form(admin)
    printing.save_pdf(admin, tmp_path / "form.pdf", blank, "form_intake")
    assert (tmp_path / "form.pdf").read_bytes() == blank
    newest = audit_log.recent_events(admin, 1)[0]
    assert (newest.action, newest.entity) == ("export", "form_intake")
    with pytest.raises(PermissionDenied):
        printing.save_pdf(login_as("staff"), tmp_path / "r.pdf", blank, "report_monthly")
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize("recovery_key", ["WWWWW-WWWWW-WWWWW-WWWWW-WWWWW-WWWWW",
                                          "HCY5P-85WH6-W8T63-D9XVW-7C3G7-86VT7"])
def test_every_letter_of_the_recovery_key_is_on_the_paper(recovery_key):
    """A tester's sheet ended at '…7C3G7 86': the key ran off the page, yet its text was
    in the PDF, so a text check passed. Each character's box must be inside the margins."""
    import pypdfium2

    from shelter_app.reports.administration import recovery_sheet

    document = pypdfium2.PdfDocument(recovery_sheet.render("Rumah Uji", recovery_key,
                                                           dt.date(2026, 11, 30)))
    try:
        _check_inside_the_margins(document[0], recovery_key)
    finally:
        document.close()


def _check_inside_the_margins(page, recovery_key: str) -> None:
    width = page.get_width()
    text = page.get_textpage()
    drawn = text.get_text_range()
    assert recovery_key.replace("-", "") in "".join(drawn.split())
    margin = 10  # points: the printer's unprintable edge
    for index in range(text.count_chars()):
        left, _bottom, right, _top = text.get_charbox(index)
        assert margin <= left and right <= width - margin, (index, left, right, width)
