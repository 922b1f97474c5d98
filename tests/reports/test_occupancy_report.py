"""The occupancy report end to end: a known house, its figures by hand, the PDF, JSON and
CSV agreeing, and the command line obeying the same rules as the GUI."""

import csv
import datetime as dt
import json

import pytest
from pypdf import PdfReader

from shelter_app.services.residents import records, reports
from shelter_app.services.residents.fields import PersonData, StayData
from shelter_app.services.shared import reporting

D = dt.date


@pytest.fixture
def known_house(admin, house):
    """November 2026: an adult woman 1-11 (10 days), a boy turning 18 on 5 Nov, present
    from 1 Oct; a man admitted 20 Nov and still here; a woman who left in October."""
    def admit(name, sex, born, admitted, bed=None):
        return records.admit_new(admin, PersonData(full_name=name, sex=sex,
                                                   birth_date=born),
                                 StayData(admission_date=admitted, bed_id=bed)).person_id

    woman = admit("Dewi Lestari", "F", D(1990, 3, 1), D(2026, 11, 1), house["Melati"][0])
    records.discharge(admin, woman, D(2026, 11, 11), "family_reintegration")
    admit("Budi Santoso", "M", D(2008, 11, 5), D(2026, 10, 1), house["Anggrek"][0])
    admit("Agus Salim", "M", D(1980, 1, 1), D(2026, 11, 20), house["Kenanga"][0])
    old = admit("Sri Wahyuni", "F", D(1985, 1, 1), D(2026, 10, 1))
    records.discharge(admin, old, D(2026, 10, 15), "referred")
    return admin


def test_the_figures_follow_the_census_rules(known_house):
    report = reports.occupancy(known_house, reporting.period(D(2026, 11, 1), D(2026, 11, 27)))
    assert report.daily[0] == 2 and report.daily[-1] == 2  # Dewi + Budi; Budi + Agus
    assert report.present_start == 1  # Budi on 31 Oct: Dewi came on the 1st, an admission
    assert report.present_start + report.admissions - report.discharges == report.present_end
    assert report.resident_days == 10 + 27 + 8
    assert (report.admissions, report.discharges) == (2, 1)
    assert str(report.average_length_of_stay) == "10.0"
    assert str(report.bed_utilisation) == str(round(45 * 100 / (4 * 27), 1))
    groups = {(g.sex, g.age_group): g for g in report.groups}
    assert groups["M", "child"].resident_days == 4  # 1-4 Nov, before his 18th birthday
    assert groups["M", "adult"].resident_days == 23 + 8
    assert groups["F", "adult"].discharges == 1
    assert str(groups["F", "adult"].average_length_of_stay) == "10.0"
    assert (groups["M", "child"].present_start, groups["M", "child"].present_end) == (1, 0)
    assert groups["M", "adult"].present_end == 2
    assert [f.label for f in report.present_at_end] == ["B.S.", "A.S."]


def test_pdf_json_and_csv_carry_the_same_figures(known_house, tmp_path):
    period = reporting.period(D(2026, 11, 1), D(2026, 11, 27))
    for fmt in reporting.FORMATS:
        reports.write_occupancy(known_house, period, tmp_path / f"r.{fmt}", fmt, "en")
    document = json.loads((tmp_path / "r.json").read_text())
    assert document["report"] == "occupancy" and document["from"] == "2026-11-01"
    assert document["totals"] == {
        "resident_days": 45, "admissions": 2, "discharges": 1, "present_start": 1,
        "present_end": 2, "average_length_of_stay_days": 10.0,
        "bed_utilisation_pct": 41.7}
    assert {"sex", "age_group", "resident_days", "admissions", "discharges"} <= set(
        document["by_sex_age"][0])
    assert len(document["daily"]) == 27
    rows = list(csv.DictReader((tmp_path / "r.csv").open()))
    assert {r["measure"]: r["value"] for r in rows if r["section"] == "totals"}[
        "resident_days"] == "45"
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages)
    assert "Occupancy report" in text and "41.7" in text and "Resident-days" in text
    assert "Dewi" not in text and "Budi" not in text and "B.S." in text
    assert "midnight census" in " ".join(text.split())


def test_the_report_prints_in_indonesian_too(known_house, tmp_path):
    period = reporting.period(D(2026, 11, 1), D(2026, 11, 27))
    reports.write_occupancy(known_house, period, tmp_path / "r.pdf", "pdf", "id")
    text = PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    assert "Laporan hunian" in text and "41,7" in text


def test_staff_cannot_print_reports(login_as, tmp_path):
    from shelter_app.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        reports.occupancy(login_as("staff"), reporting.period(D(2026, 11, 1), D(2026, 11, 2)))



def test_the_command_line_report_and_export(known_house, data_dir, tmp_path, run):
    known_house.close_database()
    out = tmp_path / "occ.json"
    code, printed, _err = run("--data-dir", str(data_dir), "report", "occupancy", "--from",
                              "2026-11-01", "--to", "2026-11-27", "--out", str(out),
                              "--user", "admin")
    assert code == 0 and "45 resident-days" in printed
    assert json.loads(out.read_text())["totals"]["admissions"] == 2
    code, _out, err = run("--data-dir", str(data_dir), "report", "occupancy", "--from",
                          "2026-11-31", "--to", "2026-11-27", "--out", str(out),
                          "--user", "admin")
    assert code == 2 and "YYYY-MM-DD" in err
    code, _out, err = run("--data-dir", str(data_dir), "report", "occupancy", "--from",
                          "2026-11-20", "--to", "2026-11-01", "--out", str(out),
                          "--user", "admin")
    assert code == 2 and "ends before it starts" in err
    stays = tmp_path / "stays.csv"
    code, printed, _err = run("--data-dir", str(data_dir), "export", "stays", "--out",
                              str(stays), "--user", "admin")
    assert code == 0 and "4 stays" in printed
    rows = list(csv.DictReader(stays.open()))
    assert list(rows[0]) == list(reports.STAY_COLUMNS)
    assert rows[0]["room"] == "Melati" and rows[0]["discharge_reason"] == "family_reintegration"
    content = stays.read_text()
    assert "Dewi" not in content and "Lestari" not in content


def test_a_full_disk_leaves_no_half_report(known_house, tmp_path, monkeypatch):
    import errno

    from shelter_app.domain.errors import StorageError

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("shelter_app.services.shared.reporting.atomic_write", full)
    with pytest.raises(StorageError, match="No space left"):
        reports.write_occupancy(known_house, reporting.period(D(2026, 11, 1), D(2026, 11, 2)),
                                tmp_path / "r.pdf", "pdf")
    assert not (tmp_path / "r.pdf").exists()


def test_the_average_stay_is_a_dash_not_a_zero_when_nobody_left(known_house, tmp_path):
    """20-27 Nov: Agus and Budi stay on, nobody left. An average of 0 days read as "people
    leave at once"; the report says "–" and the files carry no figure (null, empty)."""
    period = reporting.period(D(2026, 11, 20), D(2026, 11, 27))
    for fmt in reporting.FORMATS:
        reports.write_occupancy(known_house, period, tmp_path / f"r.{fmt}", fmt, "en")
    totals = json.loads((tmp_path / "r.json").read_text())["totals"]
    assert totals["discharges"] == 0 and totals["average_length_of_stay_days"] is None
    notes = " ".join(json.loads((tmp_path / "r.json").read_text())["notes"])
    assert "nobody has left" in notes
    rows = list(csv.DictReader((tmp_path / "r.csv").open()))
    assert {r["measure"]: r["value"] for r in rows if r["section"] == "totals"}[
        "average_length_of_stay_days"] == ""
    text = " ".join(" ".join(page.extract_text() for page in
                             PdfReader(tmp_path / "r.pdf").pages).split())
    assert "Average length of stay (days) –" in text
    assert "Average length of stay (days) 0" not in text
    assert "nobody has left" in text


def test_the_average_stay_counts_only_stays_that_ended(known_house, tmp_path):
    period = reporting.period(D(2026, 11, 1), D(2026, 11, 27))
    report = reports.occupancy(known_house, period)
    groups = {(g.sex, g.age_group): g for g in report.groups}
    assert groups["M", "adult"].average_length_of_stay is None  # Budi and Agus stay on
    assert str(groups["F", "adult"].average_length_of_stay) == "10.0"
