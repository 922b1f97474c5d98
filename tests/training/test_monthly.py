"""Training and placement in the monthly report, by sex: the figures, JSON, CSV and the
PDF's table read back."""

import datetime as dt
import io

from pypdf import PdfReader

from shelter_app.reports.overview import monthly as monthly_report
from shelter_app.services.counselling import training
from shelter_app.services.overview import monthly
from shelter_app.services.referrals import placements
from shelter_app.services.referrals.placements import PlacementData
from tests.training.conftest import TODAY


def test_the_monthly_report_counts_training_and_placement_by_sex(admin, people, clock):
    dewi = training.enrol(admin, people.course, people.dewi)
    training.enrol(admin, people.course, people.agus)
    training.record_result(admin, dewi, "completed", completed_on=TODAY, certificate=True)
    placements.add_placement(admin, people.dewi, PlacementData(
        "business", place="Warung", starts_on=TODAY, startup_help="Modal",
        startup_value=1_250_000))
    placements.add_placement(admin, people.agus, PlacementData(
        "work", place="Pabrik roti", starts_on=TODAY - dt.timedelta(days=1)))
    report = monthly.gather(admin, monthly.month_of(TODAY))
    document = monthly_report.to_dict(report)
    assert document["training"]["took_part"] == {"F": 1, "M": 1, "total": 2}
    assert document["training"]["certificates"] == {"F": 1, "M": 0, "total": 1}
    assert {"kind": "work", "F": 0, "M": 1, "total": 1} in document["placements_by_kind"]
    assert document["placement_startup_help_idr"]["F"] == 1_250_000
    csv = monthly_report.to_csv(report).replace("\r", "")
    assert "training,completed,,1,0,1" in csv and "placements_by_kind,business,,1,0,1" in csv
    pdf = monthly_report.render_pdf(report, shelter_name="X", made_at=clock(),
                                    made_by="admin", time_zone="Asia/Jakarta")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Training and placement" in text and "Placed: Own business" in text
    assert "1.250.000" in text or "1,250,000" in text


def test_a_month_not_over_counts_up_to_today(admin, people):
    """The tester's report of 1 December counted 31 days of residents and a placement
    planned for the 22nd: the month so far stops at today, and says so."""
    placements.add_placement(admin, people.agus, PlacementData(
        "work", place="Pabrik roti", starts_on=TODAY + dt.timedelta(days=2)))
    report = monthly.gather(admin, monthly.month_of(TODAY))
    assert report.last == TODAY and len(report.census) == TODAY.day
    document = monthly_report.to_dict(report)
    assert document["to"] == TODAY.isoformat() and document["complete"] is False
    assert document["residents"]["resident_days"]["total"] == 3 * 11  # admitted 10 days ago
    assert {"kind": "work", "F": 0, "M": 0, "total": 0} in document["placements_by_kind"]
    assert "so far" in monthly_report.so_far(report)
    last_month = monthly.gather(admin, monthly.month_of(TODAY.replace(day=1)
                                                        - dt.timedelta(days=1)))
    assert monthly_report.so_far(last_month) is None
