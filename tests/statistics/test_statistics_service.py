"""The statistics export on a shelter's real records (SQLCipher and PostgreSQL): the
published counts are the true counts, nothing small is published, the threshold setting
holds, only managers and administrators export, and every export is audited once."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.domain.models import AuditEvent
from shelter_app.domain.small_cells import GRAND
from shelter_app.services.overview import statistics, statistics_files
from shelter_app.services.shared import settings
from shelter_app.services.shared.reporting import Period
from tests.statistics.conftest import FIRST, LAST

PERIOD = Period(FIRST, LAST)


def _expected_age_bands(residents):
    counts: dict[tuple[str, str], int] = {}
    for person, stay in residents:
        if FIRST <= stay["admission_date"] <= LAST:
            band = statistics.age_band(person["birth_date"], stay["admission_date"])
            key = (band, person["sex"])
            counts[key] = counts.get(key, 0) + 1
    return counts


def test_published_counts_are_the_true_counts_and_none_is_small(admin, residents):
    result = statistics.gather(admin, PERIOD)
    table = result.table("admissions_by_age_band")
    expected = _expected_age_bands(residents)
    admitted = sum(expected.values())
    assert table.value(GRAND) == admitted > 100
    for r, band in enumerate(table.rows):
        for c, sex in enumerate("FM"):
            shown = table.value(("cell", r, c))
            assert shown is None or shown == expected.get((band, sex), 0)
    assert table.value(("row", table.rows.index("Unknown"), 0)) in (None, sum(
        n for (band, _s), n in expected.items() if band == "Unknown"))
    for each in result.tables:
        assert all(v is None or not 0 < v < 11 for v in each.values.values()), each.name
    citizenship = result.table("admissions_by_citizenship")
    assert citizenship.value(("row", 0, 0)) == sum(  # Indonesians: many, so published
        1 for person, stay in residents
        if person["nationality"] == "ID" and FIRST <= stay["admission_date"] <= LAST)
    discharges = result.table("discharges_by_reason")
    assert discharges.value(GRAND) == sum(
        1 for _p, stay in residents
        if stay["discharge_date"] and FIRST <= stay["discharge_date"] <= LAST)


def test_the_threshold_setting_is_never_below_eleven_and_is_used(admin, residents):
    with pytest.raises(InputError, match="cannot be below 11"):
        settings.update_settings(admin, statistics_threshold=10)
    assert settings.get_settings(admin).statistics_threshold == 11
    settings.update_settings(admin, statistics_threshold=25, province="ID-NB")
    result = statistics.gather(admin, PERIOD)
    assert (result.threshold, result.province) == (25, "ID-NB")
    for each in result.tables:
        assert all(v is None or not 0 < v < 25 for v in each.values.values())


def test_only_managers_and_administrators_export_and_each_export_is_audited(
        admin, login_as, residents, tmp_path):
    with pytest.raises(PermissionDenied):
        statistics.gather(login_as("staff"), PERIOD)
    with pytest.raises(PermissionDenied):
        statistics.gather(login_as("counsellor"), PERIOD)
    manager = login_as("manager")
    for fmt in ("json", "csv", "pdf"):
        statistics.export(manager, PERIOD, tmp_path / f"s.{fmt}", fmt)
    with admin.session() as session:
        events = session.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "stats_export")).all()
    assert len(events) == 3


def test_an_export_reads_back_and_names_no_shelter(admin, residents, tmp_path):
    statistics.export(admin, PERIOD, tmp_path / "s.json", "json")
    statistics.export(admin, PERIOD, tmp_path / "s.csv", "csv")
    text = (tmp_path / "s.json").read_text()
    assert "Rumah Uji" not in text and "Rumah Uji" not in (tmp_path / "s.csv").read_text()
    document = json.loads(text)
    assert (document["period_from"], document["threshold"]) == ("2026-01-01", 11)
    hidden = [c for t in document["tables"] for c in t["counts"] if c["suppressed"]]
    assert hidden and all(c["count"] is None for c in hidden)
    from_json = statistics_files.read_export(tmp_path / "s.json")
    from_csv = statistics_files.read_export(tmp_path / "s.csv")
    assert from_json == from_csv
    assert from_json.tables == statistics.gather(admin, PERIOD).tables


def test_tables_of_the_admitted_show_and_hide_the_same_totals(admin, residents):
    """The age, citizenship and province tables count the same people: a total by sex
    hidden in one must not be shown by another."""
    result = statistics.gather(admin, Period(FIRST, FIRST.replace(month=2)))  # few people
    margins = {tuple(result.table(name).value(entry) for entry in (
        ("column", 0, 0), ("column", 0, 1), GRAND))
        for name in statistics.ADMISSIONS_BY_ONE_ROW
        if not result.table(name).withheld}
    assert len(margins) <= 1


def test_services_referrals_and_closures_are_counted_by_sex(admin, residents):
    """12 women each with a provision day (2 items), an individual session attended, a
    referral sent and a case closed; and what must not count: a draft referral, a
    session not held, a second closure of the same case."""
    import datetime as dt

    from shelter_app.domain.models import (
        CaseClosure,
        CounsellingSession,
        Institution,
        Provision,
        ProvisionItem,
        Referral,
        SessionParticipant,
        Stay,
    )

    day = dt.date(2026, 3, 10)
    women = [(person["id"], stay) for person, stay in residents
             if person["sex"] == "F"][:12]
    now = admin.clock()
    with admin.session() as session:
        items = session.scalars(select(ProvisionItem.id)).all()[:2]
        home = Institution(name="RSUD Uji", kind="hospital", services=",health_medical,",
                           created_at=now)
        session.add(home)
        session.flush()
        stay_of = dict(session.execute(select(Stay.person_id, Stay.id)).all())
        for number, (pid, _stay) in enumerate(women):
            session.add_all([Provision(stay_id=stay_of[pid], day=day, item_id=item,
                                       quantity=1, unit_cost_idr=1000, stage="1",
                                       given_by="admin", recorded_at=now) for item in items])
            for status in ("held", "cancelled"):
                session.add(CounsellingSession(
                    kind="individual", status=status, minutes=60, booked_by="admin",
                    starts_at=dt.datetime(2026, 3, 10, 3, tzinfo=dt.UTC), recorded_at=now,
                    participants=[SessionParticipant(person_id=pid, attended=True)]))
            for status in ("sent", "draft") if number == 0 else ("sent",):
                session.add(Referral(number=f"RJ-2026-{number:04d}{status[0]}", person_id=pid,
                                     institution_id=home.id, domain="health_medical",
                                     status=status, consent="recorded", created_on=day,
                                     created_by="admin", recorded_at=now))
            for _times in range(2 if number == 0 else 1):
                session.add(CaseClosure(person_id=pid, kind="closed", on=day, reason="x",
                                        username="admin", recorded_at=now))
    result = statistics.gather(admin, PERIOD)
    services = result.table("services_given")
    row = {code: n for n, code in enumerate(services.rows)}
    assert [services.value(("cell", row["provision_days"], c)) for c in (0, 1)] == [12, 0]
    assert [services.value(("cell", row["provision_items"], c)) for c in (0, 1)] == [24, 0]
    assert services.value(("row", row["counselling_individual"], 0)) == 12
    referrals = result.table("referrals_by_service")
    assert referrals.value(GRAND) == 12
    closed = result.table("cases_closed")
    assert (closed.value(("cell", 0, 0)), closed.value(GRAND)) == (12, 12)


def test_the_print_preview_is_audited_when_printed_or_saved(admin, login_as, residents,
                                                           tmp_path):
    """Preview and print, as every report: making the PDF writes and audits nothing;
    printing it and saving it from the preview are audited."""
    manager = login_as("manager")
    with pytest.raises(PermissionDenied):
        statistics.pdf(login_as("staff"), PERIOD)
    with pytest.raises(PermissionDenied):
        statistics.setup(login_as("staff"))
    assert statistics.setup(manager) == (11, "")
    settings.update_settings(admin, province="ID-JK")
    assert statistics.setup(manager) == (11, "ID-JK")

    def audited(action: str) -> list:
        with admin.session() as session:
            return session.scalars(select(AuditEvent.entity).where(
                AuditEvent.action == action)).all()

    pdf = statistics.pdf(manager, PERIOD, "id")
    assert pdf.startswith(b"%PDF") and not audited("stats_export")
    statistics.record_printed(manager, PERIOD)
    statistics.save_pdf(manager, PERIOD, tmp_path / "s.pdf", pdf)
    assert (tmp_path / "s.pdf").read_bytes() == pdf
    assert audited("print") == ["statistics"] and audited("stats_export") == ["statistics"]
