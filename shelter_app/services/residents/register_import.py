"""Bringing in the shelter's old register (.xlsx or .csv): read it safely, map its
columns, check it (the dry run: what would be created, the duplicates, every bad row),
then import it all in one transaction, audited once, or nothing at all.

The rules are the intake's: each row is checked by fields.py, duplicates are found as
records.find_duplicates finds them (the same NIK, or a similar name with the same sex
and a birth year within two), a hidden identity is compared only for a user holding
the managers' key, and case numbers are made as at intake. What differs is the scale:
the records compared against are read once, not queried for each row, and the new rows
are inserted in bulk (as records.bulk_load does), so 10,000 rows take seconds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import (
    Bed,
    BedAssignment,
    Contact,
    IdentityCheck,
    Person,
    Room,
    StageMove,
    Stay,
)
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import COUNSELLING_ROOM, CaseStage
from shelter_app.i18n import N_, _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.residents import protected, records
from shelter_app.services.residents import register_mapping as rm
from shelter_app.services.residents import rooms as rooms_service
from shelter_app.services.residents.register_rows import (
    BadRow,
    NameKey,
    PersonRows,
    gather,
    read_row,
    similar_among,
)
from shelter_app.services.shared import audit, identity
from shelter_app.services.shared import sealed_identity as sealed
from shelter_app.services.shared.settings import shelter_today
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import search_index, spreadsheet_reader
from shelter_app.storage.spreadsheet_reader import Table

CLOSE_YEARS = protected.CLOSE_BIRTH_YEARS
LONG_PRESENT_DAYS = 30  # an open stay older than this is noted: has the person left?
# The profile's fields a register does not have, which get the intake's default values
# (staff complete the profiles): said in the dry run and the README.
DEFAULTED_FIELDS = (N_("risk level (medium)"), N_("citizenship (Indonesia)"),
                    N_("language (Indonesian)"), N_("children (0)"), N_("pregnant (no)"),
                    N_("LPSK protection (no)"))


@dataclass(frozen=True)
class OnRecord:
    """A person of the register who may be someone already on record: skipped."""

    rows: tuple[int, ...]
    case_number: str
    shown_name: str
    same_nik: bool


@dataclass(frozen=True)
class Plan:
    """What an import would do (the dry run), or did."""

    data_rows: int
    persons: int
    stays: int
    contacts: int
    beds: int
    bad_rows: list[BadRow]
    on_record: list[OnRecord]
    in_file: list[tuple[int, ...]]  # rows of different persons who may be the same one
    warnings: list[BadRow]
    ignored_columns: list[str]
    present: int = 0  # new persons with no date of discharge: in the shelter today
    register_numbers: dict[int, str] = field(default_factory=dict)  # row -> its "No"

    @property
    def ok(self) -> bool:
        return not self.bad_rows and self.data_rows > 0

    @property
    def creates(self) -> bool:
        """The import would create someone (else there is nothing to import)."""
        return self.ok and self.persons > 0

    def row_label(self, row: int) -> str:
        """The spreadsheet's row number, with the register's own "No" when it has one:
        "6 (No 5)"."""
        number = self.register_numbers.get(row, "")
        return _("{row} (No {number})").format(row=row, number=number) if number \
            else str(row)

    def rows_label(self, rows) -> str:
        return ", ".join(self.row_label(row) for row in rows)


def defaulted_fields() -> str:
    return ", ".join(_(name) for name in DEFAULTED_FIELDS)


@dataclass(frozen=True)
class ImportedPerson:
    rows: tuple[int, ...]
    case_number: str
    stays: int
    contacts: int
    bed: str  # "room bed" of the open stay, or ""


@dataclass(frozen=True)
class Imported:
    plan: Plan
    people: list[ImportedPerson] = field(default_factory=list)


def open_register(path, keep: rm.Mapping | None = None) -> tuple[Table, rm.Mapping]:
    """The register's rows (read safely from disk, every time) and its columns as matched
    by their headers; `keep`: the columns chosen before (the same file chosen or checked
    again) stay as chosen where their headers are still there."""
    table = spreadsheet_reader.read_file(path)
    mapping = rm.guess_mapping(table.rows)
    if keep is not None:
        mapping = rm.apply_saved(mapping, rm.choices_of(keep))
    return table, mapping


def check(workspace: Workspace, table: Table, mapping: rm.Mapping) -> Plan:
    """The dry run: nothing is written."""
    workspace.require(Permission.IMPORT_RESIDENTS)
    _require_columns(mapping)
    with workspace.reading() as session:
        return _Planner(workspace, session, table, mapping).plan


def import_register(workspace: Workspace, table: Table, mapping: rm.Mapping) -> Imported:
    """All or nothing, in one transaction: refused while a row is bad. Persons who may be
    on record already are skipped (never merged) and listed."""
    workspace.require(Permission.IMPORT_RESIDENTS)
    _require_columns(mapping)
    with workspace.session() as session:
        planner = _Planner(workspace, session, table, mapping)  # again, inside the write
        if not planner.plan.ok:
            raise InputError(_("The register has rows with problems: check it and correct "
                               "them first. Nothing was imported."), "file")
        people = _write(workspace, session, planner)
        workspace.audit(session, audit.Action.RESIDENTS_IMPORT, "register",
                        planner.plan.data_rows)
    return Imported(planner.plan, people)


def _require_columns(mapping: rm.Mapping) -> None:
    missing = [rm.field_label(name) for name in ("full_name", "sex", "admission_date")
               if mapping.column_of(name) is None]
    if mapping.column_of("birth_date") is None and mapping.column_of("age") is None:
        missing.append(rm.field_label("birth_date"))
    if missing:
        raise InputError(_("Choose the register's column for: {fields}.").format(
            fields=", ".join(missing)), "mapping")


class _Planner:
    """The dry run's work, shared by the import (which runs it again in its transaction)."""

    def __init__(self, workspace: Workspace, session: Session, table: Table,
                 mapping: rm.Mapping):
        self.workspace, self.session = workspace, session
        today = shelter_today(workspace, session)
        read, bad = [], []
        data = [(n, v) for n, v in table.rows if n > mapping.header_row]
        for number, values in data:
            person, problems = read_row(number, values, mapping, today)
            bad += problems
            if person is not None:
                read.append(person)
        self.persons, conflicts = gather(read)
        bad = sorted(bad + conflicts, key=lambda b: b.row)
        self.on_record = self._on_record()
        skipped = {r for found in self.on_record for r in found.rows}
        self.new = [p for p in self.persons if p.rows[0] not in skipped]
        self.warnings: list[BadRow] = []
        self.beds = self._beds(today)
        present = [p for p in self.new if p.open_stay is not None]
        column = mapping.column_of("discharge_date")
        self._long_present(present, today, mapping.headers[column] if column is not None
                           and mapping.headers[column] else rm.field_label("discharge_date"))
        self.warnings.sort(key=lambda w: w.row)
        column = mapping.column_of("register_number")
        numbers = {} if column is None else {
            n: rm.cell_text(v[column]) for n, v in data if column < len(v)
            and rm.cell_text(v[column])}
        self.plan = Plan(len(data), len(self.new), sum(len(p.stays) for p in self.new),
                         sum(len(p.contacts) for p in self.new), len(self.beds), bad,
                         self.on_record, _in_file(self.persons), self.warnings,
                         mapping.ignored, len(present), numbers)

    def _long_present(self, present: list[PersonRows], today: dt.date, column: str
                      ) -> None:
        """A note for each open stay that began long ago: the register may not say the
        person left, and they would count as present (not refused: they may be)."""
        for person in present:
            stay = person.open_stay
            if (today - stay.admission).days > LONG_PRESENT_DAYS:
                self.warnings.append(BadRow(stay.row, column, _(
                    "No date of discharge: will count as present since {day}; write the "
                    "date of discharge if the person has left.").format(
                    day=format_date(stay.admission))))

    def _on_record(self) -> list[OnRecord]:
        """find_duplicates' rule, against records read once."""
        keys = sealed.keys(self.workspace)
        by_nik, by_birth = {}, defaultdict(lambda: ([], []))  # (name keys, their owners)
        for known in _known_persons(self.session, keys):
            if known["nik"]:
                by_nik[known["nik"]] = known
            if known["born"] is not None:
                names, owners = by_birth[(known["sex"], known["born"].year)]
                names += known["keys"]
                owners += [known] * len(known["keys"])
        found = []
        for person in self.persons:
            nik, born = person.columns["nik"], person.columns["birth_date"]
            match = by_nik.get(nik) if nik else None
            for year in range(born.year - CLOSE_YEARS, born.year + CLOSE_YEARS + 1):
                if match is not None:
                    break
                names, owners = by_birth.get((person.columns["sex"], year), ([], []))
                similar = similar_among(person.name, names)
                match = owners[similar[0]] if similar else None
            if match is not None:
                found.append(OnRecord(tuple(person.rows), match["case_number"],
                                      identity.shown_name(self.workspace, match["name"],
                                                          match["hidden"], match["pseudonym"]),
                                      bool(nik) and match["nik"] == nik))
        return found

    def _beds(self, today: dt.date) -> dict[int, tuple[int, str]]:
        """First row of a person -> (bed id, "room bed") for an open stay whose room has a
        free bed; a warning for the others that name a room."""
        rooms, names = defaultdict(list), {}
        for bed_id, room, label, designation in self.session.execute(
                select(Bed.id, Room.name, Bed.label, Room.designation).join(Room)
                .where(Room.designation != COUNSELLING_ROOM).order_by(Room.name, Bed.id)):
            rooms[rm.normal_header(room)].append((bed_id, f"{room} {label}", designation))
            names[room] = None
        busy_until = _beds_busy_until(self.session)
        given = {}
        for person in self.new:
            stay = person.open_stay
            if stay is None or not stay.room:
                continue
            beds = rooms.get(rm.normal_header(stay.room))
            if not beds:
                self.warnings.append(BadRow(stay.row, rm.field_label("room"), _(
                    "There is no room called \"{room}\" (the rooms: {rooms}): the person "
                    "comes in without a bed.").format(room=stay.room[:40],
                                                      rooms=", ".join(names) or "-")))
                continue
            free = next((bed for bed in beds if busy_until.get(bed[0], dt.date.min)
                         <= stay.admission), None)
            if free is None:
                self.warnings.append(BadRow(stay.row, rm.field_label("room"), _(
                    "No bed is free in {room}: the person comes in without a bed.").format(
                    room=stay.room[:40])))
                continue
            busy_until[free[0]] = dt.date.max
            given[person.rows[0]] = free[:2]
            # the intake's warnings: the bed is given, the shelter decides
            self.warnings += [BadRow(stay.row, rm.field_label("room"), warning)
                              for warning in rooms_service.allocation_warnings(
                                  free[2], person.columns["sex"],
                                  person.columns["birth_date"], stay.admission)]
        return given


def _known_persons(session: Session, keys: sealed.Keys | None) -> list[dict]:
    """The persons on record as find_duplicates compares them: a hidden one only with the
    managers' key (then by its real, unsealed identity)."""
    known = []
    for case, name, alias, nik, sex, born, pseudonym in session.execute(
            select(Person.case_number, Person.full_name, Person.alias, Person.nik,
                   Person.sex, Person.birth_date, Person.pseudonym)
            .where(Person.hidden_identity.is_(False))):
        known.append({"case_number": case, "name": name, "nik": nik, "sex": sex,
                      "born": born, "hidden": False, "pseudonym": pseudonym,
                      "keys": _name_keys(name, alias)})
    if keys is not None:
        shown = {pid: (case, pseudonym) for pid, case, pseudonym in session.execute(
            select(Person.id, Person.case_number, Person.pseudonym)
            .where(Person.hidden_identity.is_(True)))}
        for pid, sex, born, real in protected.protected_records(session, keys):
            case, pseudonym = shown[pid]
            known.append({"case_number": case, "name": real.full_name, "nik": real.nik,
                          "sex": sex, "born": born, "hidden": True, "pseudonym": pseudonym,
                          "keys": _name_keys(real.full_name, real.alias)})
    return known


def _name_keys(*names: str) -> list[NameKey]:
    return [NameKey(key) for key in map(protected.name_key, names) if key]


def _beds_busy_until(session: Session) -> dict[int, dt.date]:
    """Each bed's last day taken (date.max while someone is in it): an open stay gets a
    bed free from its admission on."""
    busy = {}
    for bed_id, end in session.execute(select(BedAssignment.bed_id, BedAssignment.end_date)):
        end = end or dt.date.max
        busy[bed_id] = max(busy.get(bed_id, dt.date.min), end)
    return busy


def _in_file(persons: list[PersonRows]) -> list[tuple[int, ...]]:
    """Persons of the register who may be one person written twice (a similar name, the
    same sex, birth years within two): shown, left as they are."""
    by_birth = defaultdict(list)
    for person in persons:
        by_birth[(person.columns["sex"], person.columns["birth_date"].year)].append(person)
    found = set()
    for (sex, year), group in by_birth.items():
        for offset in range(CLOSE_YEARS + 1):  # each pair once: this year and later ones
            others = group if offset == 0 else by_birth.get((sex, year + offset), [])
            names = [other.name for other in others]
            for position, person in enumerate(group):
                for match in similar_among(person.name, names):
                    if offset or match > position:
                        found.add(tuple(sorted((person.rows[0], others[match].rows[0]))))
    return sorted(found)


def _write(workspace: Workspace, session: Session, planner: _Planner) -> list[ImportedPerson]:
    """The new persons, stays, beds and contacts in bulk; their case numbers as intake
    makes them (RA-year-NNNN by the year of the first admission)."""
    now, user = workspace.clock(), workspace.user.username
    next_number: dict[int, int] = {}
    persons = []
    for person in planner.new:
        year = person.stays[0].admission.year
        if year not in next_number:
            first = records.next_case_number(session, year)
            next_number[year] = int(first.rsplit("-", 1)[1])
        case_number = f"RA-{year}-{next_number[year]:04d}"
        next_number[year] += 1
        persons.append(person.columns | {"case_number": case_number, "created_at": now,
                                         "stage": CaseStage.APPROACH.value})
    if not persons:
        return []
    ids = {case: pid for pid, case in session.execute(
        insert(Person).returning(Person.id, Person.case_number,
                                 sort_by_parameter_order=True), persons)}
    stays, contacts, moves, index, checks, people = [], [], [], [], [], []
    for person, values in zip(planner.new, persons, strict=True):
        pid = ids[values["case_number"]]
        for stay in person.stays:
            stays.append({"person_id": pid, "admission_date": stay.admission,
                          "discharge_date": stay.discharge, "discharge_reason": stay.reason,
                          "discharge_destination": stay.destination})
        contacts += [contact | {"person_id": pid} for contact in person.contacts]
        moves.append({"person_id": pid, "stage": CaseStage.APPROACH.value,
                      "moved_on": person.stays[0].admission, "username": user})
        visible, full = identity.search_texts(values["case_number"], values["full_name"],
                                              values["alias"], False, "", values["nik"])
        index.append({"id": pid, "visible": visible, "full": full, "sealed": ""})
        checks.append({"person_id": pid})  # the managers' later look at protected records
        bed = planner.beds.get(person.rows[0])
        people.append(ImportedPerson(tuple(person.rows), values["case_number"],
                                     len(person.stays), len(person.contacts),
                                     bed[1] if bed else ""))
    stay_ids = session.execute(insert(Stay).returning(Stay.id, sort_by_parameter_order=True),
                               stays).scalars().all()
    open_stays = {row["person_id"]: sid for row, sid in zip(stays, stay_ids, strict=True)
                  if row["discharge_date"] is None}
    beds = [{"stay_id": open_stays[ids[values["case_number"]]], "bed_id": bed[0],
             "start_date": person.stays[-1].admission}
            for person, values in zip(planner.new, persons, strict=True)
            if (bed := planner.beds.get(person.rows[0]))]
    for table, rows in ((BedAssignment, beds), (Contact, contacts), (StageMove, moves),
                        (IdentityCheck, checks)):
        if rows:
            session.execute(insert(table), rows)
    session.execute(text(search_index.row_statements()[1]), index)
    return people


def save_report(workspace: Workspace, imported: Imported, path, fmt: str = "") -> None:
    """The import's written report (PDF, CSV or JSON, by `fmt` or the file's ending)."""
    from pathlib import Path

    from shelter_app.reports.residents import import_report
    from shelter_app.services.shared.reporting import render_as, save

    fmt = fmt or Path(path).suffix.lstrip(".").lower()
    data = render_as(workspace, imported, fmt, None, to_json=import_report.to_json,
                     to_csv=import_report.to_csv, render_pdf=import_report.render_pdf)
    save(workspace, Path(path), data, "report_register_import")
