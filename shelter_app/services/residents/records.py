"""Residents and their cases: intake (penerimaan), returning persons, the profile, family
and contacts, case stages and discharge. Every write is one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Integer, cast, delete, func, insert, or_, select, text
from sqlalchemy.orm import Session

from shelter_app.domain import rules
from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.domain.models import (
    BedAssignment,
    CaseTransfer,
    Contact,
    Person,
    StageMove,
    Stay,
)
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import CaseStage, DischargeReason
from shelter_app.i18n import _
from shelter_app.services.residents import protected, rooms
from shelter_app.services.residents.fields import (
    ContactData,
    PersonData,
    StayData,
    birth,
    contact_columns,
    contact_flags,
    normal_nik,
    person_columns,
    person_data_of,
    stay_columns,
)
from shelter_app.services.shared import audit, identity
from shelter_app.services.shared import sealed_identity as sealed
from shelter_app.services.shared.concurrency import claim
from shelter_app.services.shared.settings import shelter_today
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import search_index

CLOSE_BIRTH_YEARS = protected.CLOSE_BIRTH_YEARS


@dataclass(frozen=True)
class Overview:
    persons: int
    present_today: int


@dataclass(frozen=True)
class Admitted:
    person_id: int
    case_number: str
    stay_id: int


@dataclass(frozen=True)
class PossibleDuplicate:
    person_id: int
    case_number: str
    shown_name: str
    sex: str
    birth_year: int | None
    same_nik: bool
    can_admit_again: bool  # False while the person is in the shelter


@dataclass(frozen=True)
class StayInfo:
    stay_id: int
    admission_date: dt.date
    discharge_date: dt.date | None
    discharge_reason: str
    discharge_destination: str
    evacuated_on: dt.date | None
    evacuated_from: str
    evacuated_by: str
    referred_by: str
    beds: list[tuple[str, str, dt.date, dt.date | None]]  # room, bed, from, to


@dataclass(frozen=True)
class ContactInfo:
    contact_id: int
    name: str
    relation: str
    phone: str
    safe: bool
    must_not_visit: bool
    note: str
    version: int = 0  # what the form read: given back when it saves (see concurrency.py)
    id_number: str = ""  # blanked, as the name and phone, when the identity is hidden


@dataclass(frozen=True)
class TransferInfo:
    """The case came from another shelter ("in") or was moved to one ("out")."""

    direction: str
    on: dt.date
    other_shelter: str
    other_case_number: str  # theirs; empty for "out"
    consent: str  # "recorded" or "override" (without the person's consent)


@dataclass(frozen=True)
class Profile:
    person_id: int
    case_number: str
    shown_name: str
    identity_visible: bool
    data: PersonData  # identity fields blanked when not visible (see `profile`)
    stage: str
    stage_history: list[tuple[str, dt.date, str]]
    stays: list[StayInfo]
    contacts: list[ContactInfo] = field(default_factory=list)
    today: dt.date | None = None
    age: int | None = None  # today; also when the birth date is withheld
    age_group: str = ""
    birth_year: int | None = None
    version: int = 0  # the person's, as read: given back by an edit (see concurrency.py)
    transfers: list[TransferInfo] = field(default_factory=list)  # oldest first

    @property
    def open_stay(self) -> StayInfo | None:
        return next((s for s in self.stays if s.discharge_date is None), None)

    @property
    def can_admit_again(self) -> bool:
        return rules.can_admit_again(s.discharge_date for s in self.stays)

    @property
    def bed(self) -> tuple[str, str] | None:
        stay = self.open_stay
        if stay and stay.beds and stay.beds[-1][3] is None:
            return stay.beds[-1][0], stay.beds[-1][1]
        return None


def overview(workspace: Workspace) -> Overview:
    """Counts only: no record is opened, so nothing to audit."""
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        today = shelter_today(workspace, session)
        persons = session.scalar(select(func.count(Person.id)))
        present = session.scalar(select(func.count(Stay.id)).where(
            Stay.admission_date <= today,
            or_(Stay.discharge_date.is_(None), Stay.discharge_date > today)))
    return Overview(persons or 0, present or 0)


def find_duplicates(workspace: Workspace, data: PersonData) -> list[PossibleDuplicate]:
    """People already on record who may be this one: the same NIK, or a similar name with
    the same sex and a birth year within two years. Shown to the user, never merged.
    A protected (hidden) record is compared only for a user holding the managers' key:
    nobody else may learn from a name or a NIK that such a person is or was here (a
    manager is told later, see services/residents/protected.py)."""
    workspace.require(Permission.EDIT_RESIDENTS)
    nik = normal_nik(data.nik)
    keys = sealed.keys(workspace)
    with workspace.session() as session:
        today = shelter_today(workspace, session)
        born = None
        if data.birth_date is not None or data.estimated_age is not None:
            born, _estimated = birth(data, today)
        conditions = []
        if nik:
            conditions.append(Person.nik == nik)
            if keys is not None:
                conditions.append(Person.id.in_(
                    protected.hidden_ids_matching(session, keys, [nik])))
        if born is not None and data.sex:
            conditions.append((Person.sex == data.sex) & Person.birth_date.between(
                dt.date(born.year - CLOSE_BIRTH_YEARS, 1, 1),
                dt.date(born.year + CLOSE_BIRTH_YEARS, 12, 31)))
        if not conditions:
            return []
        wanted = protected.name_key(data.full_name)
        found = []
        query = select(Person).where(or_(*conditions))
        if keys is None:
            query = query.where(Person.hidden_identity.is_(False))
        for person in session.scalars(query):
            real = protected.real_identity(keys, person)
            same_nik = bool(nik) and real.nik == nik
            if not same_nik and not protected.similar_name(wanted, real.full_name,
                                                           real.alias):
                continue
            found.append(PossibleDuplicate(
                person.id, person.case_number,
                identity.shown_name(workspace, real.full_name, person.hidden_identity,
                                    person.pseudonym), person.sex,
                person.birth_date.year if person.birth_date else None, same_nik,
                rules.can_admit_again(s.discharge_date for s in person.stays)))
        return found


def next_case_number(session: Session, year: int) -> str:
    prefix = f"RA-{year}-"
    last = session.scalar(select(func.max(cast(func.substr(Person.case_number,
                                                           len(prefix) + 1), Integer)))
                          .where(Person.case_number.like(prefix + "%")))
    return f"{prefix}{(last or 0) + 1:04d}"


def index_for_search(session: Session, person: Person,
                     keys: sealed.Keys | None = None) -> None:
    """`keys`: the managers' (a hidden person's blind tokens are made with them; without
    them the ones indexed stay)."""
    tokens = protected.search_tokens(session, person, keys)
    visible, full = identity.search_texts(person.case_number, person.full_name,
                                          person.alias, person.hidden_identity,
                                          person.pseudonym, person.nik)
    delete_row, insert_row = search_index.row_statements()
    session.execute(text(delete_row), {"id": person.id})
    session.execute(text(insert_row),
                    {"id": person.id, "visible": visible, "full": full, "sealed": tokens})


def _split_identity(columns: dict) -> sealed.RealIdentity:
    return sealed.RealIdentity(columns.pop("full_name"), columns.pop("alias"),
                               columns.pop("nik"))


def admit_new(workspace: Workspace, person: PersonData, stay: StayData,
              contacts: list[ContactData] = ()) -> Admitted:
    """Intake of a person new to the shelter: the person, the case, the stay, the bed."""
    workspace.require(Permission.EDIT_RESIDENTS)
    with workspace.session() as session:
        today = shelter_today(workspace, session)
        columns = person_columns(person, today)
        stay_values = stay_columns(stay, today)
        if columns["birth_date"] > stay_values["admission_date"]:
            raise InputError(_("The admission cannot be before the date of birth."),
                             "admission_date")
        contact_rows = [contact_columns(contact) for contact in contacts]
        keys = protected.identity_keys(workspace, columns["hidden_identity"])
        record = add_person(workspace, session, columns, contact_rows, keys,
                            stage=CaseStage.APPROACH, since=stay_values["admission_date"])
        new_stay = Stay(person_id=record.id, **stay_values)
        session.add(new_stay)
        session.flush()
        if stay.bed_id is not None:
            rooms.place(session, new_stay, stay.bed_id, new_stay.admission_date)
        return Admitted(record.id, record.case_number, new_stay.id)


def add_person(workspace: Workspace, session: Session, columns: dict,
               contact_rows: list[dict], keys: sealed.Keys | None, *, stage: str,
               since: dt.date) -> Person:
    """A new person and case inside the caller's transaction, as the intake makes them
    (a case received from another shelter too): a case number of `since`'s year, the
    identity sealed when hidden (`keys`: the managers'), the first step of the stage
    history, the search words, a pending identity check, and the audit event. `columns`
    are person_columns(); the caller adds the stay."""
    protected.check_nik_free(session, columns["nik"], None, keys)
    columns = dict(columns)
    real = _split_identity(columns)
    record = Person(case_number=next_case_number(session, since.year),
                    created_at=workspace.clock(), stage=stage, full_name="", **columns)
    record.contacts = [Contact(**row) for row in contact_rows]
    session.add(record)
    session.flush()
    protected.store_identity(record, real, keys)  # sealed under its id when hidden
    session.add(StageMove(person_id=record.id, stage=stage, moved_on=since,
                          username=workspace.user.username))
    index_for_search(session, record, keys)
    protected.enqueue_check(session, record.id)
    workspace.audit(session, audit.Action.ADMIT, "person", record.id)
    return record


def readmit(workspace: Workspace, person_id: int, stay: StayData) -> int:
    """A returning person: a new stay of the same person (and case number)."""
    workspace.require(Permission.EDIT_RESIDENTS)
    with workspace.session() as session:
        today = shelter_today(workspace, session)
        person = _person(session, person_id)
        values = stay_columns(stay, today)
        if not rules.can_admit_again(s.discharge_date for s in person.stays):
            raise InputError(_("This person is in the shelter already: a second open stay "
                               "is not possible."), "admission_date")
        last = max((s.discharge_date for s in person.stays), default=None)
        if last is not None and values["admission_date"] < last:
            raise InputError(_("The new admission cannot be before the last discharge."),
                             "admission_date")
        new_stay = Stay(person_id=person.id, **values)
        session.add(new_stay)
        session.flush()
        if stay.bed_id is not None:
            rooms.place(session, new_stay, stay.bed_id, new_stay.admission_date)
        workspace.audit(session, audit.Action.ADMIT, "stay", new_stay.id)
        return new_stay.id


def update_person(workspace: Workspace, person_id: int, data: PersonData,
                  expected_version: int | None = None) -> None:
    """`expected_version`: the Profile's the form was filled from; RecordChanged when
    someone else saved the person since."""
    workspace.require(Permission.EDIT_RESIDENTS)
    with workspace.session() as session:
        person = _person(session, person_id)
        claim(person, expected_version)
        if not identity.sees_identity(workspace, person.hidden_identity):
            raise InputError(_("Only a manager can change a record whose identity is "
                               "hidden."))
        columns = person_columns(data, shelter_today(workspace, session))
        first = min((s.admission_date for s in person.stays), default=None)
        if first is not None and columns["birth_date"] > first:
            raise InputError(_("The admission cannot be before the date of birth."),
                             "birth_date")
        # un-hiding needs the seal opened, hiding needs it made: the managers' key both
        keys = protected.identity_keys(workspace, columns["hidden_identity"]
                                       or person.hidden_identity)
        protected.check_nik_free(session, columns["nik"], person.id, keys)
        hiding = columns["hidden_identity"] and not person.hidden_identity
        before = protected.real_identity(keys, person)
        real = _split_identity(columns)
        for name, value in columns.items():
            setattr(person, name, value)
        protected.store_identity(person, real, keys)  # hides or un-hides in this transaction
        index_for_search(session, person, keys)
        if real != before:
            protected.enqueue_check(session, person.id)
        workspace.audit(session, audit.Action.UPDATE, "person", person.id)
    if hiding:
        protected.drop_old_pages(workspace)


def discharge(workspace: Workspace, person_id: int, on: dt.date, reason: str,
              destination: str = "") -> None:
    workspace.require(Permission.EDIT_RESIDENTS)
    try:
        reason = DischargeReason(reason).value
    except ValueError:
        raise InputError(_("Choose the reason for the discharge."), "reason") from None
    with workspace.session() as session:
        today = shelter_today(workspace, session)
        stay = open_stay(session, person_id)
        if stay is None:
            raise InputError(_("This person is not in the shelter now."))
        if on > today:
            raise InputError(_("This date is in the future."), "date")
        end_stay(session, stay, on, reason, destination)
        workspace.audit(session, audit.Action.DISCHARGE, "stay", stay.id)


def open_stay(session: Session, person_id: int) -> Stay | None:
    return session.scalar(select(Stay).where(Stay.person_id == person_id,
                                             Stay.discharge_date.is_(None)))


def end_stay(session: Session, stay: Stay, on: dt.date, reason: str,
             destination: str) -> None:
    """The stay ends on `on` and its bed is freed, inside the caller's transaction (a
    discharge, a case moved to another shelter); the caller audits it."""
    if on < stay.admission_date:
        raise InputError(_("The discharge cannot be before the admission ({day}).")
                         .format(day=stay.admission_date.isoformat()), "date")
    bed_since = session.scalar(select(BedAssignment.start_date).where(
        BedAssignment.stay_id == stay.id, BedAssignment.end_date.is_(None)))
    if bed_since is not None and on < bed_since:
        raise InputError(_("The discharge cannot be before the person came to their "
                           "bed ({day}).").format(day=bed_since.isoformat()), "date")
    stay.discharge_date = on
    stay.discharge_reason = reason
    stay.discharge_destination = " ".join(destination.split())[:200]
    rooms.release(session, stay, on)


def move_stage(workspace: Workspace, person_id: int, stage: str,
               on: dt.date | None = None) -> None:
    workspace.require(Permission.MOVE_CASE_STAGE)
    try:
        stage = CaseStage(stage).value
    except ValueError:
        raise InputError(_("An unknown choice was given."), "stage") from None
    with workspace.session() as session:
        person = _person(session, person_id)
        today = shelter_today(workspace, session)
        on = on or today
        if on > today:
            raise InputError(_("This date is in the future."), "date")
        if stage == person.stage:
            raise InputError(_("The case is at this stage already."), "stage")
        person.stage = stage
        session.add(StageMove(person_id=person.id, stage=stage, moved_on=on,
                              username=workspace.user.username))
        workspace.audit(session, audit.Action.STAGE_MOVE, "person", person.id)


def add_contact(workspace: Workspace, person_id: int, data: ContactData) -> int:
    workspace.require(Permission.EDIT_RESIDENTS)
    values = contact_columns(data)
    with workspace.session() as session:
        person = _person(session, person_id)
        contact = Contact(person_id=person.id, **values)
        session.add(contact)
        session.flush()
        workspace.audit(session, audit.Action.CREATE, "contact", contact.id)
        return contact.id


def update_contact(workspace: Workspace, contact_id: int, data: ContactData,
                   expected_version: int | None = None) -> None:
    """Change everything about a contact. Refused (and audited) to a user who cannot see
    the person's identity: they see the contact's name and phone blanked, and writing the
    blanks back would wipe them. They change the flags with `set_contact_flags`.
    `expected_version`: the ContactInfo's the dialog showed."""
    workspace.require(Permission.EDIT_RESIDENTS)
    with workspace.session() as session:
        contact = _contact(session, contact_id)
        allowed = identity.sees_identity(workspace, contact.person.hidden_identity)
        if allowed:
            claim(contact, expected_version)
            for name, value in contact_columns(data).items():
                setattr(contact, name, value)
            workspace.audit(session, audit.Action.UPDATE, "contact", contact.id)
        else:
            workspace.audit(session, audit.Action.PERMISSION_DENIED, "contact", contact.id)
    if not allowed:
        raise PermissionDenied(_("The person's identity is hidden: only a manager can change "
                                 "a contact's name, relation, phone or note. You can mark "
                                 "whether the contact is safe or must not visit."))


def set_contact_flags(workspace: Workspace, contact_id: int, *, safe: bool,
                      must_not_visit: bool, expected_version: int | None = None) -> None:
    """Mark a contact safe or 'must not visit' without touching who they are: open to
    everyone who edits residents, a hidden person's contacts included."""
    workspace.require(Permission.EDIT_RESIDENTS)
    with workspace.session() as session:
        contact = _contact(session, contact_id)
        claim(contact, expected_version)
        for name, value in contact_flags(safe, must_not_visit).items():
            setattr(contact, name, value)
        workspace.audit(session, audit.Action.UPDATE, "contact", contact.id)


def _contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise InputError(_("This contact no longer exists."))
    return contact


def remove_contact(workspace: Workspace, contact_id: int) -> None:
    workspace.require(Permission.EDIT_RESIDENTS)
    with workspace.session() as session:
        session.execute(delete(Contact).where(Contact.id == contact_id))
        workspace.audit(session, audit.Action.DELETE, "contact", contact_id)


def profile(workspace: Workspace, person_id: int) -> Profile:
    """Everything the profile shows. Opening it is an audit event."""
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        person = _person(session, person_id)
        today = shelter_today(workspace, session)
        visible = identity.sees_identity(workspace, person.hidden_identity)
        data = person_data_of(person)
        born = person.birth_date
        if visible and person.hidden_identity:
            real = protected.real_identity(sealed.keys(workspace), person)
            data.full_name, data.alias, data.nik = real.full_name, real.alias, real.nik or ""
        elif not visible:
            # What identifies: the name, the NIK, the exact birth date (the age and year
            # stay), the regency and the police report.
            data.full_name, data.alias, data.nik = person.pseudonym, "", ""
            data.birth_date, data.regency, data.police_report_number = None, "", ""
        moves = session.execute(select(StageMove.stage, StageMove.moved_on,
                                       StageMove.username)
                                .where(StageMove.person_id == person.id)
                                .order_by(StageMove.id)).all()
        stays = []
        for stay in person.stays:
            beds = [(a.bed.room.name, a.bed.label, a.start_date, a.end_date)
                    for a in stay.beds]
            stays.append(StayInfo(stay.id, stay.admission_date, stay.discharge_date,
                                  stay.discharge_reason, stay.discharge_destination,
                                  stay.evacuated_on, stay.evacuated_from, stay.evacuated_by,
                                  stay.referred_by, beds))
        contacts = [ContactInfo(c.id, c.name if visible else "", c.relation,
                                c.phone if visible else "", c.safe, c.must_not_visit, c.note,
                                c.version, c.id_number if visible else "")
                    for c in person.contacts]
        transfers = [TransferInfo(*row) for row in session.execute(
            select(CaseTransfer.direction, CaseTransfer.on, CaseTransfer.other_shelter,
                   CaseTransfer.other_case_number, CaseTransfer.consent)
            .where(CaseTransfer.person_id == person.id).order_by(CaseTransfer.id))]
        workspace.audit(session, audit.Action.VIEW, "person", person.id)
        return Profile(person.id, person.case_number,
                       identity.shown_name(workspace, data.full_name,
                                           person.hidden_identity, person.pseudonym),
                       visible, data, person.stage, [tuple(m) for m in moves], stays,
                       contacts, today, rules.age_on(born, today) if born else None,
                       rules.age_group(born, today).value if born else "",
                       born.year if born else None, person.version, transfers)


def age_today(profile: Profile) -> int | None:
    return profile.age


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise InputError(_("This resident no longer exists."))
    return person


def bulk_load(session: Session, persons: list[dict], stays: list[dict],
              keys: sealed.Keys | None = None) -> None:
    """Bulk load generated records (demo and benchmarks) without the ORM's per-row cost;
    `persons` carry their ids. The search index is made by the same rule as one by one;
    hidden identities are sealed with `keys` (in the given dicts; without keys, at a
    manager's next login)."""
    rows = []
    for person in persons:
        tokens = ""
        if person.get("hidden_identity") and keys is not None:
            real = sealed.RealIdentity(person["full_name"], person.get("alias", ""),
                                       person.get("nik"))
            person.update({f"sealed_{name}": sealed.seal_value(
                keys.seal, person["id"], name, getattr(real, name) or "")
                for name in sealed.FIELDS})
            person.update(full_name=person.get("pseudonym", ""), alias="", nik=None)
            tokens = sealed.index_tokens(keys, real)
        visible, full = identity.search_texts(
            person["case_number"], person["full_name"], person.get("alias", ""),
            person.get("hidden_identity", False), person.get("pseudonym", ""),
            person.get("nik"))
        rows.append({"id": person["id"], "visible": visible, "full": full, "sealed": tokens})
    session.execute(insert(Person), persons)
    session.execute(insert(Stay), stays)
    session.execute(text(search_index.row_statements()[1]), rows)
