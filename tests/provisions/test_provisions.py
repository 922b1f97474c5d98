"""The daily round, the windows and their decisions, the catalog's price history, the
provision report, the export and the receipt."""

import csv
import datetime as dt
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from shelter_app.domain import rules
from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.domain.models import AuditEvent
from shelter_app.services.provisions import catalog, rounds
from shelter_app.services.provisions import reports as provision_reports
from shelter_app.services.residents import records
from shelter_app.services.residents.fields import PersonData, StayData
from shelter_app.services.shared import reporting

TODAY = dt.date(2026, 11, 27)
D = dt.timedelta


def test_the_windows_rule():
    admitted = dt.date(2026, 11, 1)
    assert rules.stay_day(admitted, admitted) == 1
    assert [rules.window(rules.stay_day(admitted, admitted + D(days=n)))
            for n in (0, 6, 7, 13, 14)] == ["1", "1", "2", "2", "extension"]
    assert rules.awaiting_decision("2", admitted, reviewed=False, extended_until=None)
    assert not rules.awaiting_decision("2", admitted, reviewed=True, extended_until=None)
    assert rules.awaiting_decision("extension", admitted, True, admitted - D(days=1))
    assert not rules.awaiting_decision("extension", admitted, True, admitted)


@pytest.fixture
def stays(admin):
    """Dewi: day 16 today (admitted 12 Nov); Agus: day 3; Sri: left on 20 Nov."""
    def admit(name, sex, admitted, born=dt.date(1990, 1, 1)):
        return records.admit_new(admin, PersonData(full_name=name, sex=sex, birth_date=born),
                                 StayData(admission_date=admitted))
    dewi = admit("Dewi Lestari", "F", TODAY - D(days=15))
    agus = admit("Agus Salim", "M", TODAY - D(days=2), born=dt.date(2010, 6, 1))
    sri = admit("Sri Wahyuni", "F", TODAY - D(days=20))
    records.discharge(admin, sri.person_id, TODAY - D(days=7), "referred")
    return {"dewi": dewi, "agus": agus, "sri": sri}


def package(admin):
    return {i.code: i.item_id for i in catalog.items(admin)}


def test_the_round_lists_who_is_present_with_the_package_and_saves_it(admin, stays):
    lines = rounds.daily_round(admin, TODAY)
    assert [(line.case_number, line.day_number, line.stage) for line in lines] == [
        ("RA-2026-0001", 16, "extension"), ("RA-2026-0002", 3, "1")]
    assert lines[0].awaiting_decision and not lines[1].awaiting_decision
    codes = package(admin)
    assert lines[1].quantities == {codes["MAKAN-PAGI"]: 1, codes["MAKAN-SIANG"]: 1,
                                   codes["MAKAN-MALAM"]: 1, codes["AIR-MINUM"]: 2}
    saved = rounds.confirm_round(admin, TODAY, {line.stay_id: line.quantities
                                                for line in lines})
    assert (saved.day, saved.residents, saved.given_nothing, saved.lines) == (TODAY, 2, 0, 8)
    again = rounds.daily_round(admin, TODAY)
    assert all(line.recorded for line in again)


def test_bad_rounds_are_refused_whole(admin, stays):
    lines = rounds.daily_round(admin, TODAY)
    codes = package(admin)
    good = {line.stay_id: {codes["MAKAN-PAGI"]: 1} for line in lines}
    with pytest.raises(InputError, match="whole number"):
        rounds.confirm_round(admin, TODAY, good | {lines[0].stay_id: {codes["OBAT"]: 1.5}})
    with pytest.raises(InputError, match="unknown item"):
        rounds.confirm_round(admin, TODAY, good | {lines[0].stay_id: {999: 1}})
    with pytest.raises(InputError, match="not in the shelter"):
        rounds.confirm_round(admin, TODAY, good | {stays["sri"].stay_id: {
            codes["MAKAN-PAGI"]: 1}})
    with pytest.raises(InputError, match="future"):
        rounds.confirm_round(admin, TODAY + D(days=1), good)
    assert provision_reports.gather(admin, reporting.period(TODAY, TODAY)).quantity == 0


def test_a_bad_quantity_names_the_resident_and_the_item(admin, stays):
    """Staff see which cell of the round is wrong: the case number, the item, and what
    is wrong ("RA-2026-0002, Obat ringan: jumlah tidak boleh kurang dari 0"); the error
    carries the row and the column for the round to mark. A 0 is nothing of that item."""
    lines = rounds.daily_round(admin, TODAY)
    codes = package(admin)
    agus = lines[1]
    good = {line.stay_id: {codes["MAKAN-PAGI"]: 1} for line in lines}
    with pytest.raises(rounds.BadQuantity) as refused:
        rounds.confirm_round(admin, TODAY, good | {agus.stay_id: {
            codes["MAKAN-PAGI"]: 1, codes["OBAT"]: -1}})
    assert str(refused.value) == "RA-2026-0002, Obat ringan: the quantity cannot be less than 0."
    assert (refused.value.field, refused.value.stay_id, refused.value.item_id) == (
        "quantity", agus.stay_id, codes["OBAT"])
    with pytest.raises(rounds.BadQuantity, match="RA-2026-0001, Makan pagi: the quantity "
                                                     "can be 100 at most"):
        rounds.confirm_round(admin, TODAY, good | {lines[0].stay_id: {
            codes["MAKAN-PAGI"]: 101}})
    assert provision_reports.gather(admin, reporting.period(TODAY, TODAY)).quantity == 0
    saved = rounds.confirm_round(admin, TODAY, good | {agus.stay_id: {
        codes["MAKAN-PAGI"]: 1, codes["OBAT"]: 0}})
    assert (saved.residents, saved.given_nothing, saved.lines) == (2, 0, 2)
    saved = rounds.confirm_round(admin, TODAY, {lines[0].stay_id: {codes["OBAT"]: 0},
                                                agus.stay_id: {}})
    assert (saved.residents, saved.given_nothing, saved.lines) == (2, 2, 0)


def test_the_catalog_lists_meals_in_the_order_of_the_day(admin):
    """The round's columns follow the catalog: breakfast, lunch, dinner (not the
    alphabet's dinner, breakfast, lunch), meals first."""
    codes = [item.code for item in catalog.items(admin)]
    assert codes[:4] == ["MAKAN-PAGI", "MAKAN-SIANG", "MAKAN-MALAM", "AIR-MINUM"]
    new = catalog.add_item(admin, "SNACK", "Kudapan sore", "permakanan", "porsi", 5000)
    assert [item.item_id for item in catalog.items(admin)][4] == new  # after the meals


def test_decisions_clear_flags_and_past_edits_are_audited(admin, stays, login_as):
    dewi = stays["dewi"].stay_id
    codes = package(admin)
    for back in (8, 1):  # day 8 (stage 2) and day 15 (extension)
        rounds.confirm_round(admin, TODAY - D(days=back), {dewi: {codes["MAKAN-PAGI"]: 1}})
    report = provision_reports.gather(admin, reporting.period(TODAY - D(days=10), TODAY))
    assert report.flagged_count == 2
    counsellor = login_as("counsellor")
    assert rounds.record_stage_two_review(counsellor, dewi, TODAY - D(days=8)) == 1
    with pytest.raises(PermissionDenied):
        rounds.record_extension(counsellor, dewi, TODAY, "waiting")
    with pytest.raises(InputError, match="day 15"):
        rounds.record_extension(admin, dewi, TODAY - D(days=5), "waiting")
    assert rounds.record_extension(admin, dewi, TODAY + D(days=7), "waiting for RPTC") == 1
    report = provision_reports.gather(admin, reporting.period(TODAY - D(days=10), TODAY))
    assert report.flagged_count == 0
    with admin.session() as session:
        actions = session.scalars(select(AuditEvent.action).where(
            AuditEvent.entity == "provision_round")).all()
    assert actions == ["provisions_edit", "provisions_edit"]


def test_a_new_price_never_rewrites_past_costs(admin, stays):
    codes = package(admin)
    agus = stays["agus"].stay_id
    rounds.confirm_round(admin, TODAY - D(days=1), {agus: {codes["MAKAN-SIANG"]: 1}})
    with pytest.raises(InputError, match="already costed"):
        catalog.set_price(admin, codes["MAKAN-SIANG"], 25000, TODAY - D(days=2))
    catalog.set_price(admin, codes["MAKAN-SIANG"], 25000, TODAY)
    rounds.confirm_round(admin, TODAY, {agus: {codes["MAKAN-SIANG"]: 1}})
    report = provision_reports.gather(admin, reporting.period(TODAY - D(days=1), TODAY))
    assert report.cost_idr == 20000 + 25000
    with pytest.raises(InputError, match="whole number"):
        catalog.set_price(admin, codes["MAKAN-SIANG"], 25000.5, TODAY)


def test_alerts_for_day_7_and_14_and_flags(admin, stays):
    admitted = TODAY - D(days=5)  # day 6 today: day 7 tomorrow
    records.admit_new(admin, PersonData(full_name="Rina", sex="F",
                                        birth_date=dt.date(1999, 1, 1)),
                      StayData(admission_date=admitted))
    rounds.confirm_round(admin, TODAY, {stays["dewi"].stay_id: {package(admin)["OBAT"]: 1}})
    found = {(a.case_number, a.kind) for a in rounds.alerts(admin)}
    assert ("RA-2026-0004", "day7") in found
    assert ("RA-2026-0001", "flagged") in found


@pytest.mark.file_only  # SQLite's typeof
def test_windows_and_decisions_are_stored_as_the_same_strings(admin, stays):
    from sqlalchemy import text

    codes = package(admin)
    dewi, agus = stays["dewi"].stay_id, stays["agus"].stay_id
    rounds.confirm_round(admin, TODAY, {dewi: {codes["OBAT"]: 1}, agus: {codes["OBAT"]: 1}})
    rounds.record_stage_two_review(admin, dewi, TODAY - D(days=7))
    rounds.record_extension(admin, dewi, TODAY + D(days=3), "Menunggu rujukan")
    with admin.session() as session:
        stored = session.execute(text("SELECT stage, typeof(stage) FROM provisions")).all()
        kinds = session.execute(text("SELECT kind FROM stay_decisions ORDER BY id")).scalars()
        assert sorted(map(tuple, stored)) == [("1", "text"), ("extension", "text")]
        assert list(kinds) == ["stage2", "extension"]


def test_the_dashboard_counts_residents_awaiting_a_decision_as_the_status_bar_does(
        admin, stays):
    """It said "3 provisions await a decision" beside a status bar counting residents."""
    from shelter_app.services.overview import dashboard

    codes = package(admin)
    rounds.confirm_round(admin, TODAY, {stays["dewi"].stay_id: {
        codes["OBAT"]: 1, codes["MAKAN-PAGI"]: 1, codes["PAKAIAN"]: 1}})
    alerts = rounds.alerts(admin)
    assert sum(alert.count for alert in alerts if alert.kind == "flagged") == 3
    board = dashboard.snapshot(admin)
    assert "1 resident awaits a decision." in board.alerts
    assert not any("provision" in alert for alert in board.alerts)
    assert board.residents_awaiting_decision == rounds.residents_awaiting_decision(alerts) == 1


def test_the_report_export_and_receipt(admin, stays, tmp_path):
    codes = package(admin)
    dewi, agus = stays["dewi"].stay_id, stays["agus"].stay_id
    for back in range(3):
        rounds.confirm_round(admin, TODAY - D(days=back), {
            dewi: {codes["MAKAN-PAGI"]: 1}, agus: {codes["MAKAN-PAGI"]: 1,
                                                   codes["PAKAIAN"]: 1}})
    period = reporting.period(TODAY - D(days=2), TODAY)
    for fmt in reporting.FORMATS:
        provision_reports.write(admin, period, tmp_path / f"p.{fmt}", fmt, "en")
    document = json.loads((tmp_path / "p.json").read_text())
    assert document["totals"] == {"cost_idr": 3 * 15000 * 2 + 3 * 85000, "quantity": 9,
                                  "flagged_count": 3, "flagged_cost_idr": 45000}
    assert {row["stage"]: row["cost_idr"] for row in document["by_stage"]} == {
        "1": 3 * (15000 + 85000), "2": 15000, "extension": 30000}  # Dewi: days 14-16
    assert {(r["sex"], r["age_group"]): r["cost_idr"] for r in document["by_sex_age"]
            if r["cost_idr"]} == {("F", "adult"): 45000, ("M", "child"): 300000}
    assert document["residents"][0]["days"] == {"1": 0, "2": 1, "extension": 2}
    text = " ".join(PdfReader(tmp_path / "p.pdf").pages[0].extract_text().split())
    assert "Provision report" in text and "Dewi" not in text
    provision_reports.export(admin, tmp_path / "e.csv")
    rows = list(csv.DictReader((tmp_path / "e.csv").open()))
    assert list(rows[0]) == list(provision_reports.EXPORT_COLUMNS) and len(rows) == 9
    assert "Dewi" not in (tmp_path / "e.csv").read_text()
    provision_reports.save_receipt(admin, tmp_path / "r.pdf", stays["agus"].person_id, "1",
                                   "id")
    receipt = " ".join(PdfReader(tmp_path / "r.pdf").pages[0].extract_text().split())
    assert "Agus Salim" in receipt and "Rp" in receipt
    with pytest.raises(InputError, match="Nothing was given"):
        provision_reports.receipt(admin, stays["agus"].person_id, "2")


def test_the_command_line_says_the_cost_in_rupiah(admin, stays, data_dir, tmp_path, run):
    """It printed '345000 rupiah': amounts are formatted as everywhere else."""
    codes = package(admin)
    rounds.confirm_round(admin, TODAY, {stays["agus"].stay_id: {codes["PAKAIAN"]: 15}})
    admin.close_database()
    code, printed, _err = run("--data-dir", str(data_dir), "report", "provisions", "--from",
                              TODAY.isoformat(), "--to", TODAY.isoformat(), "--out",
                              str(tmp_path / "p.pdf"), "--user", "admin")
    assert code == 0 and "IDR1,275,000" in printed, printed


def test_an_18th_birthday_inside_the_period_splits_the_cost_by_age_group(admin):
    turning = rules.birthday(TODAY - D(days=1), -18)  # 18 yesterday
    result = records.admit_new(admin, PersonData(full_name="Putri", sex="F",
                                                 birth_date=turning),
                               StayData(admission_date=TODAY - D(days=3)))
    codes = package(admin)
    for back in range(4):
        rounds.confirm_round(admin, TODAY - D(days=back),
                             {result.stay_id: {codes["MAKAN-PAGI"]: 1}})
    report = provision_reports.gather(admin, reporting.period(TODAY - D(days=3), TODAY))
    assert report.by_sex_age == {("F", "child"): 2 * 15000, ("F", "adult"): 2 * 15000}


def test_an_unticked_resident_is_recorded_as_given_nothing(admin, stays):
    """Unticking a resident on a day already recorded replaces her lines with nothing:
    the round shows her empty (not the package), and the report no longer counts her."""
    lines = rounds.daily_round(admin, TODAY)
    dewi, agus = stays["dewi"].stay_id, stays["agus"].stay_id
    rounds.confirm_round(admin, TODAY, {line.stay_id: line.quantities for line in lines})
    period = reporting.period(TODAY, TODAY)
    both = provision_reports.gather(admin, period).cost_idr
    rounds.confirm_round(admin, TODAY, {dewi: {}, agus: lines[1].quantities})
    again = {line.stay_id: line for line in rounds.daily_round(admin, TODAY)}
    assert again[dewi].recorded and again[dewi].quantities == {}
    assert not again[dewi].given and again[dewi].package == lines[0].quantities
    assert again[agus].given and again[agus].quantities == lines[1].quantities
    report = provision_reports.gather(admin, period)
    assert report.cost_idr == both - sum(
        quantity * item.unit_cost_idr for item in catalog.items(admin)
        for item_id, quantity in lines[0].quantities.items() if item_id == item.item_id)
    assert [line.stay_id for line in rounds.of_person(admin, stays["dewi"].person_id)[0]
            if line.day == TODAY] == []
    with admin.session() as session:
        actions = session.scalars(select(AuditEvent.action).where(
            AuditEvent.entity == "provision_round")).all()
    assert actions == ["provisions", "provisions_edit"]


def test_the_profile_names_who_gave_by_display_name(admin, stays, data_dir, clock):
    """The profile's provisions said "staff" on every row, the login name."""
    from shelter_app.domain.roles import Role
    from shelter_app.services.administration import auth, users
    from tests.conftest import ADMIN_PASSWORD

    users.add_user(admin, "sari", Role.STAFF, ADMIN_PASSWORD, display_name="Sari Wulandari")
    sari = auth.login(data_dir, "sari", ADMIN_PASSWORD, clock)
    try:
        lines = rounds.daily_round(sari, TODAY)
        rounds.confirm_round(sari, TODAY, {line.stay_id: line.package for line in lines})
        given = rounds.of_person(admin, stays["dewi"].person_id)[0]
        assert given and {line.given_by for line in given} == {"Sari Wulandari"}
    finally:
        sari.close_database()


def test_a_day_recorded_with_nothing_for_everyone_stays_recorded(admin, stays):
    lines = rounds.daily_round(admin, TODAY)
    assert rounds.confirm_round(admin, TODAY, {line.stay_id: {}
                                               for line in lines}).lines == 0
    again = rounds.daily_round(admin, TODAY)
    assert [(line.recorded, line.given, line.quantities) for line in again] == [
        (True, False, {}), (True, False, {})]
    assert provision_reports.gather(admin, reporting.period(TODAY, TODAY)).cost_idr == 0


def test_a_resident_left_out_of_a_round_keeps_what_she_had(admin, stays):
    """A round that did not know a resident (she arrived after it was opened) leaves
    her alone: she is still to be recorded, with her package."""
    dewi, agus = stays["dewi"].stay_id, stays["agus"].stay_id
    lines = {line.stay_id: line for line in rounds.daily_round(admin, TODAY)}
    rounds.confirm_round(admin, TODAY, {dewi: lines[dewi].quantities})
    again = {line.stay_id: line for line in rounds.daily_round(admin, TODAY)}
    assert not again[agus].recorded and again[agus].given
    assert again[agus].quantities == lines[agus].quantities


def test_a_new_arrival_gets_the_arrival_items_on_day_one_only(admin, stays):
    codes = package(admin)
    arrival = {i.code: i.arrival_quantity for i in catalog.items(admin) if i.arrival_quantity}
    assert arrival == {"KEBERSIHAN": 1, "PAKAIAN": 1}
    rina = records.admit_new(admin, PersonData(full_name="Rina", sex="F",
                                               birth_date=dt.date(1999, 1, 1)),
                             StayData(admission_date=TODAY)).stay_id
    daily = {codes["MAKAN-PAGI"]: 1, codes["MAKAN-SIANG"]: 1, codes["MAKAN-MALAM"]: 1,
             codes["AIR-MINUM"]: 2}
    lines = {line.stay_id: line for line in rounds.daily_round(admin, TODAY)}
    assert lines[rina].day_number == 1
    assert lines[rina].quantities == daily | {codes["KEBERSIHAN"]: 1, codes["PAKAIAN"]: 1}
    assert lines[stays["agus"].stay_id].quantities == daily  # day 3
    catalog.set_standard_package(admin, {codes["AIR-MINUM"]: 3},
                                 arrival={codes["PAKAIAN"]: 0, codes["AIR-MINUM"]: 1})
    lines = {line.stay_id: line for line in rounds.daily_round(admin, TODAY)}
    assert lines[rina].quantities == daily | {codes["AIR-MINUM"]: 4, codes["KEBERSIHAN"]: 1}
    assert lines[stays["agus"].stay_id].quantities[codes["AIR-MINUM"]] == 3
