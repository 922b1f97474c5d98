"""The monthly report agrees with the occupancy, provision, sessions and referrals reports
of the same month; the referrals report; the dashboard; their command lines."""

import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader

from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.services.counselling import reports as session_reports
from shelter_app.services.overview import dashboard, monthly
from shelter_app.services.provisions import reports as provision_reports
from shelter_app.services.referrals import reports as referral_reports
from shelter_app.services.residents import reports as resident_reports
from shelter_app.services.shared import reporting
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture
def demo_shelter(tmp_path, clock):
    from shelter_app.services.administration import demo

    workspace = demo.create_demo(tmp_path / "demo", residents=30, clock=clock)
    yield workspace
    if not workspace.is_locked:
        workspace.close_database()


def test_the_monthly_report_agrees_with_the_other_reports(demo_shelter):
    workspace = demo_shelter
    document = json.loads(monthly.render(
        workspace, monthly.gather(workspace, monthly.parse_month("2026-11")), "json"))
    # the demo's today is 27 November: the month so far, as the other reports of it
    month = reporting.period(dt.date(2026, 11, 1), dt.date.fromisoformat(document["to"]))
    assert month.last == dt.date(2026, 11, 27)
    occupancy = resident_reports.occupancy(workspace, month)
    assert document["residents"]["admissions"]["total"] == occupancy.admissions > 0
    assert document["residents"]["discharges"]["total"] == occupancy.discharges
    assert document["residents"]["resident_days"]["total"] == sum(occupancy.daily)
    assert sum(r["total"] for r in document["discharges_by_reason"]) == occupancy.discharges
    provisions = provision_reports.gather(workspace, month)
    assert {r["stage"]: (r["cost_idr"], r["quantity"]) for r in
            document["provisions_by_stage"]} == {s: provisions.by_stage.get(s, (0, 0))
                                                 for s in ("1", "2", "extension")}
    assert document["provision_cost_by_sex"]["total"] == provisions.cost_idr
    sessions = session_reports.gather(workspace, month)
    assert sum(r["sessions"] for r in document["sessions_by_type"]) == sessions.total > 0
    referral = referral_reports.gather(workspace, month)
    assert sum(r["referrals"] for r in document["referrals_by_domain_status"]) == \
        referral.total == document["referrals_by_sex"]["total"] > 0
    present = document["residents"]["present"]
    assert present["total"] == present["F"] + present["M"] == sum(
        r["total"] for r in document["present_by_age_group"])
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(
        monthly.render(workspace, monthly.gather(workspace, month), "pdf"))).pages).split())
    assert "Monthly report (laporan bulanan): November 2026" in text
    assert f"Admissions {document['residents']['admissions']['F']} " in text


def test_bad_months_are_refused(demo_shelter):
    with pytest.raises(InputError, match="future"):
        monthly.gather(demo_shelter, monthly.parse_month("2026-12"))
    for bad in ("2026-13", "11-2026", "next month"):
        with pytest.raises(InputError, match="YYYY-MM"):
            monthly.parse_month(bad)


def test_the_referrals_report(demo_shelter):
    period = reporting.period(dt.date(2026, 9, 1), dt.date(2026, 11, 27))
    report = referral_reports.gather(demo_shelter, period)
    document = json.loads(referral_reports.render(demo_shelter, report, "json"))
    assert document["totals"]["referrals"] == report.total > 0
    assert sum(r["referrals"] for r in document["by_sex"]) == report.total
    assert sum(r["referrals"] for r in document["by_institution_type"]) == report.total
    assert "Referrals report" in PdfReader(io.BytesIO(referral_reports.render(
        demo_shelter, report, "pdf"))).pages[0].extract_text()


def test_the_dashboard(demo_shelter, login_as_demo_staff=None):
    board = dashboard.snapshot(demo_shelter)
    today = dt.date(2026, 11, 27)
    occupancy = resident_reports.occupancy(demo_shelter, reporting.period(today, today))
    assert board.present == occupancy.daily[-1] and board.beds == 24
    assert len(board.census) == 30
    assert b"<svg" in board.census_svg and b"<svg" in board.referrals_svg
    assert board.provision_cost_month > 0 and board.sessions_week > 0
    # the same figures as the month's report (the dashboard counted records, the report
    # items: 1,615 against 1,991)
    month = monthly.gather(demo_shelter, monthly.parse_month("2026-11"))
    assert board.provision_items_month == sum(q for _c, q in month.provisions_by_stage.values())
    assert board.provision_cost_month == sum(c for c, _q in month.provisions_by_stage.values())
    assert sum(board.open_referrals.values()) > 0
    assert board.alerts


def test_staff_have_no_dashboard(tmp_path, clock):
    from shelter_app.services.administration import auth, demo

    auth.logout(demo.create_demo(tmp_path / "d", residents=3, clock=clock))
    staff = auth.login(tmp_path / "d", "staff", "demo", clock)
    with pytest.raises(PermissionDenied):
        dashboard.snapshot(staff)
    staff.close_database()


def test_the_command_lines(demo_shelter, tmp_path, run):
    folder = demo_shelter.data_dir.root
    demo_shelter.close_database()
    as_manager = run

    def run(*argv):
        return as_manager("--data-dir", str(folder), *argv, "--user", "manager",
                          SHELTER_PASSWORD="demo")

    code, out, _err = run("report", "monthly", "--month", "2026-11", "--out",
                          str(tmp_path / "m.json"))
    assert code == 0 and "Monthly report written" in out
    assert json.loads((tmp_path / "m.json").read_text())["month"] == "2026-11"
    code, _out, err = run("report", "monthly", "--month", "2027-01", "--out",
                          str(tmp_path / "m.pdf"))
    assert code == 2 and "future" in err
    code, out, _err = run("report", "referrals", "--from", "2026-09-01", "--to",
                          "2026-11-27", "--out", str(tmp_path / "r.csv"))
    assert code == 0 and (tmp_path / "r.csv").read_text().startswith("section,key")
    assert ADMIN_PASSWORD not in out
    code, out, _err = run("form", "referral", "--number", "RJ-2026-0001", "--out",
                          str(tmp_path / "letter.pdf"))
    assert code == 0 and (tmp_path / "letter.pdf").read_bytes().startswith(b"%PDF")
    code, _out, err = run("form", "referral", "--number", "RJ-1999-0001", "--out",
                          str(tmp_path / "x.pdf"))
    assert code == 2 and "No referral" in err
    (tmp_path / "list.csv").write_text("name,type,services\nPolda Contoh,police,"
                                       "legal_litigation\nRSUD Contoh,hospital,\n")
    code, out, _err = run("institutions", "import", str(tmp_path / "list.csv"))
    assert code == 0 and "1 institution added; 1 already" in out


def test_free_beds_are_the_beds_nobody_is_in(admin, house):
    """A resident admitted without a bed takes none (the dashboard once counted everyone
    present, and said the shelter was full while beds were free)."""
    from tests.services.test_search import admit

    beds = sum(len(ids) for ids in house.values())
    before = dashboard.snapshot(admin)
    assert before.free_beds == beds
    admit(admin, "Dewi Lestari", bed=house["Melati"][0])
    admit(admin, "Sri Wahyuni")  # no bed yet
    after = dashboard.snapshot(admin)
    assert after.present == 2
    assert after.free_beds == beds - 1
