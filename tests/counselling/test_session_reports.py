"""The sessions report (PDF, JSON, CSV), the weekly schedule and the command line."""

import csv
import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader

from shelter_app.domain.errors import PermissionDenied
from shelter_app.services.counselling import (
    booking,
    session_notes,
    session_views,
)
from shelter_app.services.counselling import (
    reports as session_reports,
)
from shelter_app.services.counselling.booking import SessionDraft
from shelter_app.services.shared import reporting
from tests.counselling.conftest import at

MONDAY = dt.date(2026, 11, 23)
SECRET = "Agent in Batam kept her passport"


@pytest.fixture
def week(admin, people, login_as):
    """Five sessions: held (2 of 2 came), held (family, 1 of 2 came), no-show, cancelled,
    and one still planned."""
    def book(kind, day, hour, counsellors, residents, family=()):
        return booking.book(admin, SessionDraft(kind, at(day, hour), 60, counsellors,
                                                residents, family), True)[0]
    group = book("group", MONDAY, 9, ("rina", "budi"), (people.dewi, people.agus))
    family = book("family", MONDAY, 13, ("rina",), (people.dewi,), (people.mother,))
    missed = book("individual", MONDAY + dt.timedelta(1), 9, ("budi",), (people.agus,))
    cancelled = book("individual", MONDAY + dt.timedelta(2), 9, ("rina",), (people.dewi,))
    book("individual", MONDAY + dt.timedelta(4), 15, ("rina",), (people.dewi,))
    came = [p.id for p in session_views.detail(admin, group)[0].participants]
    booking.record_outcome(admin, group, "held", dict.fromkeys(came, True))
    fam = session_views.detail(admin, family)[0].participants
    booking.record_outcome(admin, family, "held", {fam[0].id: True, fam[1].id: False})
    booking.record_outcome(admin, missed, "no_show")
    booking.record_outcome(admin, cancelled, "cancelled")
    session_notes.write(login_as("counsellor"), group, SECRET)
    return reporting.period(MONDAY, MONDAY + dt.timedelta(days=6))


def test_the_figures(admin, week):
    report = session_reports.gather(admin, week)
    assert report.total == 5
    assert report.by_kind_status == {("group", "held"): 1, ("family", "held"): 1,
                                     ("individual", "no_show"): 1,
                                     ("individual", "cancelled"): 1,
                                     ("individual", "planned"): 1}
    assert [(c.name, c.sessions, c.held, c.cancelled, c.no_show, c.held_minutes)
            for c in report.counsellors] == [("Budi Pekerja Sosial", 2, 1, 0, 1, 60),
                                             ("Rina Psikolog", 4, 2, 1, 0, 120)]
    assert (report.expected, report.attended) == (5, 3)
    assert str(report.attendance_percent) == "60.0"
    assert report.by_sex_age == {("F", "adult"): 1, ("M", "adult"): 1}


def test_the_json_carries_what_the_pdf_shows_and_no_notes(admin, week):
    report = session_reports.gather(admin, week)
    document = json.loads(session_reports.render(admin, report, "json"))
    assert document["totals"] == {"sessions": 5, "planned": 1, "held": 2, "cancelled": 1,
                                  "no_show": 1}
    assert document["attendance"] == {"expected": 5, "attended": 3, "rate_percent": "60.0"}
    assert document["by_counsellor"][1]["held_hours"] == "2"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(
        session_reports.render(admin, report, "pdf"))).pages)
    assert "Counselling sessions report" in text
    assert "Rina Psikolog" in text and "60 %" in text.replace("60.0 %", "60 %")
    rows = list(csv.DictReader(io.StringIO(session_reports.render(admin, report, "csv")
                                           .decode())))
    assert {"section": "attendance", "key": "", "detail": "", "measure": "attended",
            "value": "3"} in rows
    everything = session_reports.render(admin, report, "json").decode() + text
    assert SECRET not in everything and "Dewi" not in everything


def test_the_weekly_schedule_lists_each_day_without_names_or_notes(admin, week):
    pdf = session_reports.schedule(admin, MONDAY + dt.timedelta(days=3))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
                    .split())
    assert "Counsellors' weekly schedule" in text
    assert "09:00–10:00" in text and "Group therapy" in text
    assert "RA-2026-0001 D.L." in text and "Parent (family)" in text
    assert SECRET not in text and "Dewi" not in text and "Ibu" not in text
    mine = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(
        session_reports.schedule(admin, MONDAY, counsellor="budi"))).pages)
    assert "Weekly schedule of Budi Pekerja Sosial" in mine and "Family counselling" not in mine


def test_staff_cannot_print_the_sessions_report(week, login_as):
    with pytest.raises(PermissionDenied):
        session_reports.gather(login_as("staff"), week)



def test_the_command_line(admin, week, data_dir, tmp_path, run):
    admin.close_database()
    base = ("--data-dir", str(data_dir))
    out = tmp_path / "sessions.json"
    code, printed, _err = run(*base, "report", "sessions", "--from", "2026-11-23", "--to",
                              "2026-11-29", "--out", str(out), "--user", "admin")
    assert code == 0 and "5 sessions, 3 of 5 participants came" in printed
    assert json.loads(out.read_text())["totals"]["sessions"] == 5
    code, _printed, err = run(*base, "report", "sessions", "--from", "2026-11-29", "--to",
                              "2026-11-23", "--out", str(out), "--user", "admin")
    assert code == 2 and "ends before it starts" in err
    pdf = tmp_path / "week.pdf"
    code, printed, _err = run(*base, "report", "schedule", "--week", "2026-11-25", "--out",
                              str(pdf), "--user", "admin")
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")

    book = (*base, "sessions", "book", "--kind", "individual", "--start", "2026-11-23T09:30",
            "--counsellor", "rina", "--case", "RA-2026-0002", "--room", "melati",
            "--user", "admin")
    code, printed, _err = run(*book, "--check-only")
    assert code == 3 and "Rina Psikolog already has a session on 23 November 2026 at 09:00" \
        in printed
    code, _printed, err = run(*book)
    assert code == 2 and "This booking clashes" in err and "Rina Psikolog" in err
    code, printed, _err = run(*book, "--confirm-clashes")
    assert code == 0 and "The session is booked." in printed
    code, _printed, err = run(*base, "sessions", "book", "--kind", "individual", "--start",
                              "2026-11-23T17:00", "--minutes", "-15", "--counsellor", "rina",
                              "--case", "RA-2026-0001", "--user", "admin")
    assert code == 2 and "ends before it starts" in err
    code, _printed, err = run(*base, "sessions", "book", "--kind", "individual", "--start",
                              "23/11/2026", "--counsellor", "rina", "--case", "RA-2026-0001",
                              "--user", "admin")
    assert code == 2 and "YYYY-MM-DDTHH:MM" in err
