"""A register's rows read one by one with the intake's own checks (fields.py), then
gathered into persons: one row per stay is the usual layout, so the rows of one person
(the same NIK, else the same name, sex and birth date) become one person whose stays
must follow each other without overlapping."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

from shelter_app.domain import rules
from shelter_app.domain.errors import InputError
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.residents import protected
from shelter_app.services.residents import register_mapping as rm
from shelter_app.services.residents.fields import (
    ContactData,
    PersonData,
    StayData,
    contact_columns,
    person_columns,
    person_problems,
    stay_problems,
)

# The checks' field names (fields.py) -> the register field whose column is blamed.
_BLAMED = {"estimated_age": "age", "admission_date": "admission_date",
           "birth_date": "birth_date", "name": "contact_name", "phone": "contact_phone",
           "relation": "contact_relation", "reason": "discharge_reason"}


@dataclass(frozen=True)
class BadRow:
    row: int  # as the spreadsheet numbers it
    column: str  # the column's header (or the field's name)
    reason: str


@dataclass
class StayRow:
    row: int
    admission: dt.date
    discharge: dt.date | None
    reason: str
    destination: str
    room: str


@dataclass
class PersonRows:
    """One person of the register: the columns to store (checked), and their stays."""

    rows: list[int]
    columns: dict
    stays: list[StayRow] = field(default_factory=list)
    contacts: list[dict] = field(default_factory=list)
    name_key: str = ""
    name: NameKey | None = None  # for the many comparisons of the duplicate checks

    @property
    def open_stay(self) -> StayRow | None:
        return self.stays[-1] if self.stays and self.stays[-1].discharge is None else None


class _Row:
    """One spreadsheet row's problems, each blamed on a column."""

    def __init__(self, number: int, values: list, mapping: rm.Mapping):
        self.number, self.values, self.mapping = number, values, mapping
        self.bad: list[BadRow] = []

    def value(self, name: str):
        index = self.mapping.column_of(name)
        return self.values[index] if index is not None and index < len(self.values) else None

    def blame(self, name: str, reason: str) -> None:
        name = _BLAMED.get(name, name)
        index = self.mapping.column_of(name)
        column = (self.mapping.headers[index] if index is not None
                  and self.mapping.headers[index] else rm.field_label(name))
        if all(b.column != column for b in self.bad):
            self.bad.append(BadRow(self.number, column, reason))

    def parsed(self, parse, name: str, *args):
        try:
            return parse(self.value(name), *args)
        except InputError as error:
            self.blame(name, str(error))
            return None


def read_row(number: int, values: list, mapping: rm.Mapping, today: dt.date
             ) -> tuple[PersonRows | None, list[BadRow]]:
    """A row as a person with one stay, or its problems (every one, each column once)."""
    row = _Row(number, values, mapping)
    admission = row.parsed(rm.parse_date, "admission_date", "admission_date")
    discharge = row.parsed(rm.parse_date, "discharge_date", "discharge_date")
    born = row.parsed(rm.parse_date, "birth_date", "birth_date")
    age = row.parsed(rm.parse_age, "age")
    data = PersonData(full_name=rm.cell_text(row.value("full_name")),
                      sex=row.parsed(rm.parse_sex, "sex") or "",
                      nik=rm.cell_text(row.value("nik")),
                      province=row.parsed(rm.parse_province, "province") or "",
                      regency=rm.cell_text(row.value("regency")),
                      modus=row.parsed(rm.parse_modus, "modus") or [])
    if born is not None:
        data.birth_date = born
    elif age is not None and admission is not None and 0 <= age <= 110:
        # a register's age is the age at admission, not today's
        data.birth_date = rules.birth_date_from_age(age, admission)
        data.birth_date_estimated = True
    else:
        data.estimated_age = age
    try:
        columns = person_columns(data, today)
    except InputError:  # then every problem, not only the first
        columns = None
        for problem in person_problems(data, today):  # a column blamed keeps its first
            row.blame(problem.field or "full_name", str(problem))
    for problem in stay_problems(StayData(admission_date=admission), today):
        row.blame(problem.field, str(problem))
    reason = row.parsed(rm.parse_reason, "discharge_reason") or ""
    _check_stay(row, data, admission, discharge, reason, today)
    contacts = _contacts(row)
    if row.bad:
        return None, row.bad
    key = protected.name_key(data.full_name)
    person = PersonRows([number], columns, name_key=key,
                        name=NameKey(key))
    person.stays.append(StayRow(number, admission, discharge,
                                reason or ("other" if discharge else ""),
                                rm.cell_text(row.value("discharge_destination"))[:200],
                                rm.cell_text(row.value("room"))))
    person.contacts = contacts
    return person, []


def _check_stay(row: _Row, data: PersonData, admission, discharge, reason, today) -> None:
    if admission is not None and data.birth_date is not None and data.birth_date > admission:
        row.blame("admission_date", _("The admission cannot be before the date of birth."))
    if discharge is not None and discharge > today:
        row.blame("discharge_date", _("This date is in the future."))
    elif discharge is not None and admission is not None and discharge < admission:
        row.blame("discharge_date", _("The discharge cannot be before the admission "
                                      "({day}).").format(day=format_date(admission)))
    if reason and discharge is None and not row.bad:
        row.blame("discharge_reason", _("A reason for discharge is given, but no date of "
                                        "discharge."))


def _contacts(row: _Row) -> list[dict]:
    name = rm.cell_text(row.value("contact_name"))
    phone = rm.cell_text(row.value("contact_phone"))
    if not name and not phone:
        return []
    relation = row.parsed(rm.parse_relation, "contact_relation")
    if relation is None:
        return []
    try:
        return [contact_columns(ContactData(name=name, relation=relation, phone=phone))]
    except InputError as error:
        row.blame(error.field or "contact_name", str(error))
        return []


def person_key(person: PersonRows) -> tuple:
    """Rows with the same key are one person: the NIK, else name, sex and birth date
    (the birth year when it was worked out from an age)."""
    columns = person.columns
    if columns["nik"]:
        return ("nik", columns["nik"])
    born = columns["birth_date"]
    return ("name", person.name_key, columns["sex"],
            born.year if columns["birth_date_estimated"] else born)


def gather(read: list[PersonRows]) -> tuple[list[PersonRows], list[BadRow]]:
    """The rows' persons merged by person_key, each person's stays in order; a stay that
    overlaps another of the same person, or the same NIK under another sex or name, is
    a bad row."""
    persons: dict[tuple, list[PersonRows]] = {}
    for person in read:
        persons.setdefault(person_key(person), []).append(person)
    merged, bad = [], []
    for first, *others in persons.values():
        for other in others:
            if other.columns["sex"] != first.columns["sex"] or not similar(
                    first.name_key, other.name_key):  # only a NIK can join them
                bad.append(BadRow(other.rows[0], rm.field_label("nik"), _(
                    "Row {row} has this NIK for another person.").format(row=first.rows[0])))
            first.rows += other.rows
            first.stays += other.stays
            first.contacts += [c for c in other.contacts if c not in first.contacts]
        first.stays.sort(key=lambda stay: (stay.admission, stay.row))
        bad += _overlaps(first)
        merged.append(first)
    return merged, bad


def _overlaps(person: PersonRows) -> list[BadRow]:
    bad = []
    for before, after in zip(person.stays, person.stays[1:], strict=False):
        if before.admission == after.admission:
            reason = _("This stay is on row {row} already.").format(row=before.row)
        elif before.discharge is None or before.discharge > after.admission:
            reason = _("This stay overlaps the stay on row {row}.").format(row=before.row)
        else:
            continue
        bad.append(BadRow(after.row, rm.field_label("admission_date"), reason))
    return bad


class NameKey:
    """A name made a key once (protected.name_key), with what tells quickly that two keys
    cannot be similar: the import compares millions of pairs."""

    __slots__ = ("key", "size", "mask", "counts")

    def __init__(self, key: str):
        self.key, self.size = key, len(key)
        self.counts: dict[str, int] = {}
        self.mask = 0
        for char in key:
            self.counts[char] = self.counts.get(char, 0) + 1
            self.mask |= 1 << (ord(char) % 63)


def similar_keys(a: NameKey, b: NameKey) -> bool:
    """protected.similar_name's rule (SequenceMatcher's quick_ratio and ratio both at
    least SIMILAR_NAME), with cheaper bounds first that never reject a similar pair:
    quick_ratio >= t means `common` characters (as multisets) >= t * (|a| + |b|) / 2, and
    no more characters of a can lack in b than |a| - common (each distinct one lacking,
    as a bit of the mask, is at least one)."""
    if not a.size or not b.size:
        return False
    common = protected.SIMILAR_NAME * (a.size + b.size) / 2
    if min(a.size, b.size) < common:
        return False
    if ((a.mask & ~b.mask).bit_count() > a.size - common
            or (b.mask & ~a.mask).bit_count() > b.size - common):
        return False
    counts = b.counts
    if sum(min(n, counts.get(char, 0)) for char, n in a.counts.items()) < common:
        return False
    return difflib.SequenceMatcher(None, a.key, b.key).ratio() >= protected.SIMILAR_NAME


def similar_among(name: NameKey, others: list[NameKey]) -> list[int]:
    """The positions of `others` similar to `name`: similar_keys, with its cheapest
    bounds inlined here, where millions of pairs go by."""
    found = []
    half = protected.SIMILAR_NAME / 2
    size, mask = name.size, name.mask
    for position, other in enumerate(others):
        common = half * (size + other.size)
        if (mask & ~other.mask).bit_count() > size - common \
                or (other.mask & ~mask).bit_count() > other.size - common:
            continue
        if similar_keys(name, other):
            found.append(position)
    return found


def similar(wanted: str, key: str) -> bool:
    """similar_keys for two name keys."""
    return similar_keys(NameKey(wanted), NameKey(key))
