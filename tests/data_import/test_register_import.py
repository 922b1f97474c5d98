"""Bringing in the old register: the dry run, the import (all or nothing, one audit
event, a report without names), bad rows by row number, duplicates, beds, permissions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.domain.models import AuditEvent, BedAssignment, Contact, Person, Stay
from shelter_app.services.residents import records
from shelter_app.services.residents import register_import as ri
from shelter_app.services.residents.fields import PersonData, StayData
from tests.data_import.sheets import HEADER, row, write_xlsx

GOOD_NIK = "3201014403990001"


def _count(workspace, model) -> int:
    with workspace.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def _open(tmp_path, rows, **kwargs):
    return ri.open_register(write_xlsx(tmp_path / "register.xlsx", rows, **kwargs))


def test_the_dry_run_shows_what_would_come_in_and_writes_nothing(admin, tmp_path):
    table, mapping = _open(tmp_path, [
        row(nik=GOOD_NIK, admitted=dt.date(2024, 2, 1), discharged=dt.date(2024, 3, 1),
            reason="Kembali ke keluarga", contact="Ibu Sari", phone="0812-3456-7890",
            relation="Ibu"),
        row(nik=GOOD_NIK, admitted=dt.date(2025, 5, 1)),  # the same person again
        row(name="Budi Santoso", sex="L", born=None, age="17 tahun", province="DKI Jakarta",
            admitted=dt.date(2026, 1, 3), discharged="10/02/2026", reason="left")])
    assert mapping.header_row == 3
    assert {"full_name", "sex", "nik", "admission_date", "contact_phone"} <= set(
        mapping.columns.values())
    assert mapping.ignored == [] and mapping.column_of("register_number") == 0
    plan = ri.check(admin, table, mapping)
    assert plan.ok, plan.bad_rows
    assert (plan.data_rows, plan.persons, plan.stays, plan.contacts) == (3, 2, 3, 1)
    assert _count(admin, Person) == 0


def test_the_import_creates_persons_stays_and_contacts_with_one_audit_event(
        admin, house, tmp_path):
    table, mapping = _open(tmp_path, [
        row(nik=GOOD_NIK, admitted=dt.date(2024, 2, 1), discharged=dt.date(2024, 3, 1),
            reason="Kembali ke keluarga", contact="Ibu Sari", phone="081234567890",
            relation="Ibu"),
        row(nik=GOOD_NIK, admitted=dt.date(2025, 5, 1), room="Melati"),
        row(name="Budi Santoso", sex="L", born=None, age=17, admitted=dt.date(2026, 1, 3),
            room="Kenanga")])
    events = _count(admin, AuditEvent)
    imported = ri.import_register(admin, table, mapping)
    assert [p.case_number for p in imported.people] == ["RA-2024-0001", "RA-2026-0001"]
    assert imported.people[0].rows == (4, 5) and imported.people[0].stays == 2
    assert (_count(admin, Person), _count(admin, Stay), _count(admin, Contact)) == (2, 3, 1)
    assert _count(admin, BedAssignment) == 2
    assert _count(admin, AuditEvent) == events + 1
    with admin.reading() as session:
        assert session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc())
                              .limit(1)) == "residents_import"
    profile = records.profile(admin, _person_id(admin, "RA-2024-0001"))
    assert [(s.admission_date, s.discharge_date, s.discharge_reason) for s in profile.stays] \
        == [(dt.date(2024, 2, 1), dt.date(2024, 3, 1), "family_reintegration"),
            (dt.date(2025, 5, 1), None, "")]
    assert profile.contacts[0].phone == "+6281234567890"
    assert profile.bed[0] == "Melati"
    # the intake finds them as it finds anyone (the search index was filled)
    found = records.find_duplicates(admin, PersonData(full_name="Sari Wulandari", sex="F",
                                                      birth_date=dt.date(1999, 3, 4)))
    assert [d.case_number for d in found] == ["RA-2024-0001"]
    report = tmp_path / "report.csv"
    ri.save_report(admin, imported, report)
    text = report.read_text()
    assert "RA-2024-0001" in text and "Sari" not in text and "Budi" not in text


def _person_id(workspace, case_number: str) -> int:
    with workspace.reading() as session:
        return session.scalar(select(Person.id).where(Person.case_number == case_number))


def test_every_bad_row_is_reported_with_its_row_number_and_nothing_is_imported(
        admin, tmp_path):
    table, mapping = _open(tmp_path, [
        row(),
        row(name="Masa Depan", admitted=dt.date(2027, 1, 1)),  # row 5: a future admission
        row(name="Keluar Dulu", admitted=dt.date(2025, 5, 1),
            discharged=dt.date(2025, 4, 1), reason="left"),  # row 6
        row(name="Tanpa Kelamin", sex="X"),  # row 7
        row(name="NIK Salah", nik="1234"),  # row 8
        row(name="Tanggal Aneh", born="31/02/1990"),  # row 9
    ])
    plan = ri.check(admin, table, mapping)
    bad = {(b.row, b.column) for b in plan.bad_rows}
    assert bad == {(5, "Tanggal Masuk"), (6, "Tgl Keluar"), (7, "L/P"), (8, "NIK"),
                   (9, "Tgl Lahir")}
    assert next(b for b in plan.bad_rows if b.row == 9).reason == "This date does not exist."
    with pytest.raises(InputError, match="Nothing was imported"):
        ri.import_register(admin, table, mapping)
    assert _count(admin, Person) == 0


def test_overlapping_stays_of_one_person_are_bad_rows(admin, tmp_path):
    table, mapping = _open(tmp_path, [
        row(nik=GOOD_NIK, admitted=dt.date(2024, 2, 1), discharged=dt.date(2024, 3, 1),
            reason="left"),
        row(nik=GOOD_NIK, admitted=dt.date(2024, 2, 20))])
    plan = ri.check(admin, table, mapping)
    assert [(b.row, b.reason) for b in plan.bad_rows] == [
        (5, "This stay overlaps the stay on row 4.")]


def test_persons_already_on_record_are_skipped_and_listed_never_merged(admin, tmp_path):
    admitted = records.admit_new(admin, PersonData(full_name="Sari Wulandari", sex="F",
                                                   birth_date=dt.date(1998, 6, 1)),
                                 StayData(admission_date=dt.date(2026, 1, 1)))
    records.discharge(admin, admitted.person_id, dt.date(2026, 2, 1), "left")
    table, mapping = _open(tmp_path, [
        row(name="Sari Wulandari", admitted=dt.date(2025, 1, 1)),  # similar, born 1999
        row(name="Rina Marlina", admitted=dt.date(2025, 1, 1)),
        row(name="Rina Marlena", admitted=dt.date(2025, 2, 1), born=dt.date(2000, 1, 1)),
    ])
    plan = ri.check(admin, table, mapping)
    assert [(d.rows, d.case_number) for d in plan.on_record] == [((4,), admitted.case_number)]
    assert plan.in_file == [(5, 6)]
    imported = ri.import_register(admin, table, mapping)
    assert len(imported.people) == 2 and _count(admin, Person) == 3
    assert _count(admin, Stay) == 3


def test_an_open_stay_without_a_free_bed_comes_in_without_one(admin, house, tmp_path):
    table, mapping = _open(tmp_path, [
        row(name="Ani", sex="P", room="Anggrek"), row(name="Tuti", sex="P", room="Anggrek",
                                                      born=dt.date(1980, 1, 1)),
        row(name="Wati", sex="P", room="Dahlia", born=dt.date(1970, 1, 1))])
    plan = ri.check(admin, table, mapping)
    assert plan.ok and plan.beds == 1
    assert [(w.row, w.reason) for w in plan.warnings if w.column == "Bedroom"] == [
        (4, "This room is for children, and this person is an adult."),
        (5, "No bed is free in Anggrek: the person comes in without a bed."),
        (6, "There is no room called \"Dahlia\" (the rooms: {rooms}): the person comes in "
            "without a bed.".format(rooms=", ".join(sorted(house))))]


@pytest.mark.parametrize("role", ["staff", "counsellor"])
def test_staff_and_counsellors_may_not_import(login_as, tmp_path, role):
    table, mapping = _open(tmp_path, [row()])
    workspace = login_as(role)
    with pytest.raises(PermissionDenied):
        ri.check(workspace, table, mapping)
    with pytest.raises(PermissionDenied):
        ri.import_register(workspace, table, mapping)


def test_a_manager_may(login_as, tmp_path):
    table, mapping = _open(tmp_path, [row()])
    assert len(ri.import_register(login_as("manager"), table, mapping).people) == 1


def test_a_hidden_record_is_compared_only_with_the_managers_key(admin, tmp_path,
                                                                monkeypatch):
    hidden = records.admit_new(admin, PersonData(
        full_name="Sari Wulandari", sex="F", birth_date=dt.date(1999, 3, 4), nik=GOOD_NIK,
        hidden_identity=True, pseudonym="Mawar"), StayData(admission_date=dt.date(2026, 1, 1)))
    records.discharge(admin, hidden.person_id, dt.date(2026, 2, 1), "left")
    table, mapping = _open(tmp_path, [row(nik=GOOD_NIK, admitted=dt.date(2025, 1, 1))])
    plan = ri.check(admin, table, mapping)  # the administrator holds the managers' key
    assert [(d.case_number, d.same_nik) for d in plan.on_record] == [
        (hidden.case_number, True)]
    # Without the key nothing may tell that such a person is on record: not compared.
    monkeypatch.setattr(ri.sealed, "keys", lambda workspace: None)
    plan = ri.check(admin, table, mapping)
    assert plan.on_record == [] and plan.persons == 1


def test_one_nik_for_two_different_people_is_a_bad_row(admin, tmp_path):
    table, mapping = _open(tmp_path, [
        row(nik=GOOD_NIK, admitted=dt.date(2024, 1, 1), discharged=dt.date(2024, 2, 1)),
        row(name="Budi Santoso", sex="L", nik=GOOD_NIK, admitted=dt.date(2025, 1, 1))])
    plan = ri.check(admin, table, mapping)
    assert [(b.row, b.reason) for b in plan.bad_rows] == [
        (5, "Row 4 has this NIK for another person.")]


def test_a_csv_register_saved_by_excel_comes_in_the_same_way(admin, tmp_path):
    register = tmp_path / "register.csv"
    register.write_bytes(
        "Nama;Jenis Kelamin;Usia;Asal;Tgl Masuk;Tgl Keluar;Alasan Keluar\r\n"
        "Siti Aminah;Perempuan;24;Jawa Barat;3 Januari 2025;28-02-2025;Dipulangkan\r\n"
        ";;;;;;\r\n"
        "Désiré Manu;Laki-laki;31;Timor;2025-03-01;;\r\n".encode("cp1252"))
    table, mapping = ri.open_register(register)
    plan = ri.check(admin, table, mapping)
    assert [(b.row, b.column) for b in plan.bad_rows] == [(4, "Asal")]  # no such province
    register.write_bytes(register.read_bytes().replace(b"Timor", b"NTT"))
    table, mapping = ri.open_register(register)
    imported = ri.import_register(admin, table, mapping)
    assert [p.case_number for p in imported.people] == ["RA-2025-0001", "RA-2025-0002"]
    with admin.reading() as session:
        born, estimated = session.execute(select(Person.birth_date,
                                                 Person.birth_date_estimated)
                                          .order_by(Person.id)).first()
    assert estimated and born.year == 2000  # 24 at the admission in January 2025


@pytest.mark.file_only
@pytest.mark.parametrize(("header", "field"), [
    ("JK (L/P)", "sex"), ("Jenis Kelamin (L/P)", "sex"), ("L/P", "sex"),
    ("Tgl. Lahir (dd/mm/yyyy)", "birth_date"), ("Tanggal Masuk (dd/mm/yyyy)",
                                                 "admission_date"),
    ("No. HP/WA", "contact_phone"), ("No HP / WA Keluarga", "contact_phone"),
    ("Kabupaten/Kota", "regency"), ("No.", "register_number"), ("Nomor", "register_number"),
    ("Umur [tahun]", "age"),
    # no guess: two fields in one header, or nothing known
    ("Tgl Masuk/Keluar", ""), ("Catatan (L/P)", ""), ("Keterangan", "")])
def test_headers_are_matched_without_their_parenthesised_part_and_by_their_parts(
        header, field):
    from shelter_app.services.residents import register_mapping as rm

    mapping = rm.guess_mapping([(1, ["Nama", header])])
    assert mapping.columns.get(1, "") == field


def test_the_dry_run_counts_data_rows_and_says_who_would_be_present_today(admin, tmp_path):
    # the clock's today is 27/11/2026; the header is on row 3 below a title and a blank
    table, mapping = _open(tmp_path, [
        row(name="Lama Sekali", admitted=dt.date(2025, 6, 12)),  # open, long ago: a note
        row(name="Baru Masuk", sex="L", admitted=dt.date(2026, 11, 20)),  # open, recent
        row(name="Sudah Pulang", admitted=dt.date(2025, 1, 1),
            discharged=dt.date(2025, 2, 1), reason="left")])
    plan = ri.check(admin, table, mapping)
    assert plan.data_rows == 3 == ri.rm.data_row_count(table.rows, mapping)
    assert (plan.persons, plan.present) == (3, 2)
    assert [(w.row, w.column, w.reason) for w in plan.warnings] == [
        (4, "Tgl Keluar",
         "No date of discharge: will count as present since 12 June 2025; write the date "
         "of discharge if the person has left.")]
    assert plan.ok and plan.creates


def test_rows_are_named_with_the_registers_own_number(admin, tmp_path):
    table, mapping = _open(tmp_path, [row(), row(name="X", sex="?")])
    plan = ri.check(admin, table, mapping)
    assert plan.register_numbers == {4: "1", 5: "2"}
    assert [plan.row_label(b.row) for b in plan.bad_rows] == ["5 (No 2)"]
    assert plan.rows_label((4, 5)) == "4 (No 1), 5 (No 2)"
    # a register without that column: the spreadsheet's row alone
    header = ["Urut", *HEADER[1:]]
    table, mapping = _open(tmp_path, [row(name="X", sex="?")], header=header)
    plan = ri.check(admin, table, mapping)
    assert [plan.row_label(b.row) for b in plan.bad_rows] == ["4"]


def test_dates_in_messages_are_written_as_the_app_writes_dates(admin, tmp_path):
    table, mapping = _open(tmp_path, [row(admitted=dt.date(2025, 6, 12),
                                          discharged=dt.date(2025, 6, 1), reason="left")])
    plan = ri.check(admin, table, mapping)
    assert [b.reason for b in plan.bad_rows] == [
        "The discharge cannot be before the admission (12 June 2025)."]


def test_choosing_the_file_again_keeps_the_columns_chosen(tmp_path):
    path = write_xlsx(tmp_path / "register.xlsx", [row()])
    _table, mapping = ri.open_register(path)
    chosen = ri.rm.apply_saved(mapping, {"Kontak": "", "NIK": "contact_phone"})
    _table, again = ri.open_register(path, keep=chosen)
    assert again.columns == chosen.columns


def test_nothing_to_import_when_everyone_is_on_record(admin, tmp_path):
    table, mapping = _open(tmp_path, [row(admitted=dt.date(2025, 1, 1))])
    ri.import_register(admin, table, mapping)
    plan = ri.check(admin, table, mapping)
    assert plan.ok and plan.persons == 0 and not plan.creates


def test_the_report_names_the_registers_own_number(admin, tmp_path):
    table, mapping = _open(tmp_path, [row()])
    imported = ri.import_register(admin, table, mapping)
    report = tmp_path / "report.csv"
    ri.save_report(admin, imported, report)
    lines = report.read_text().splitlines()
    assert lines[0].startswith("rows,register_no,case_number")
    assert lines[1].startswith("4,1,RA-2025-0001")


@pytest.mark.parametrize(("written", "code"), [
    ("Reintegrasi keluarga", "family_reintegration"), ("Pulang", "family_reintegration"),
    ("Dipulangkan ke daerah asal", "repatriated"), ("Pulang sendiri", "left"),
    ("Pindah ke rumah aman lain", "transferred")])
def test_discharge_reasons_are_read_as_registers_write_them(written, code):
    """A tester's register said "Reintegrasi keluarga" and "Dipulangkan ke daerah asal":
    both were refused, with no word of what would do."""
    from shelter_app.services.residents import register_mapping

    assert register_mapping.parse_reason(written) == code


def test_an_unknown_reason_says_which_ones_are_known():
    from shelter_app.domain.errors import InputError
    from shelter_app.services.residents import register_mapping

    with pytest.raises(InputError, match="Returned to family; Referred to another"):
        register_mapping.parse_reason("Menikah")
