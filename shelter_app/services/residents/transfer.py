"""Moving a case to another shelter, and receiving one.

Sending: only with the person's consent to share data (recorded at intake), or a
manager's override with a reason, audited on its own as for referrals. The case goes
into a passphrase-encrypted file (storage/transfer_file.py; what it holds and what never
leaves: services/residents/transfer_payload.py). The shelter records it as a discharge
("Moved to another shelter", the destination the receiving shelter) of the open stay,
with a CaseTransfer row and the audit events, in one transaction. The file is written
to a temp path first, the transaction commits, then the file is moved into place: a
failed write records nothing, a failed commit leaves no file.

Receiving: the file is opened and checked, the intake's duplicate check runs (the same
rules, hidden identities protected), and the person is admitted with a new case number
here, or as a returning person; the CaseTransfer row says where the case came from.

A hidden (protected) identity is opened with the managers' key to be sent, travels
marked as protected, and is sealed again on arrival: both ends need a user holding the
managers' key.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from shelter_app.domain import rules
from shelter_app.domain.errors import InputError, StorageError
from shelter_app.domain.models import CaseTransfer, Contact, Person, Stay
from shelter_app.domain.roles import Permission
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.residents import protected, records
from shelter_app.services.residents import transfer_payload as payloads
from shelter_app.services.residents.fields import (
    StayData,
    contact_columns,
    person_columns,
    stay_columns,
)
from shelter_app.services.residents.records import PossibleDuplicate
from shelter_app.services.residents.transfer_payload import IncomingCase
from shelter_app.services.shared import audit, identity
from shelter_app.services.shared import consent as consents
from shelter_app.services.shared import sealed_identity as sealed
from shelter_app.services.shared.settings import shelter_name, shelter_today
from shelter_app.services.shared.validation import free_text
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import kdf, transfer_file

SUFFIX = transfer_file.SUFFIX
REASONS = payloads.REASONS
MIN_PASSPHRASE = 8  # the backup passphrase's minimum (a test keeps them equal)


def secret_bytes(passphrase: str) -> bytes:
    """As a password: the same passphrase typed on any keyboard gives the same bytes."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


@dataclass(frozen=True)
class Sent:
    path: Path
    case_number: str
    discharged: bool  # False: the person was not in the shelter; the case alone moved
    consent: str  # "recorded" or "override"


@dataclass(frozen=True)
class EarlierReceipt:
    """This same case (the same shelter, the same case number there) was received
    before, as the case `case_number` here."""

    person_id: int
    case_number: str
    shown_name: str
    on: dt.date


@dataclass(frozen=True)
class Opened:
    """A transfer file read and checked, and the people on record it may be."""

    incoming: IncomingCase
    duplicates: list[PossibleDuplicate]
    received_before: list[EarlierReceipt] = field(default_factory=list)


@dataclass(frozen=True)
class Received:
    person_id: int
    case_number: str
    stay_id: int
    returning: bool


class DuplicatesFound(InputError):
    """People on record may be this one: the user says who (same_as) or new_person."""

    def __init__(self, found: list[PossibleDuplicate]):
        super().__init__(_("People on record may be this person. Choose the returning "
                           "person, or receive the case as a new person."), "duplicates")
        self.found = found


class AlreadyReceived(InputError):
    """This case was received from that shelter before: receive it again only when
    the user says so (again=True)."""

    def __init__(self, earlier: list[EarlierReceipt]):
        first = earlier[0]
        super().__init__(_("This case was received from the same shelter before, on {day}, "
                           "as {case} here. Receive it again only if that was a different "
                           "move.").format(day=format_date(first.on, "long"),
                                          case=first.case_number),
                         "again")
        self.earlier = earlier


class AlreadyMoved(InputError):
    """The case was moved to another shelter already: move it again only when the user
    says so (again=True)."""

    def __init__(self, to_shelter: str, on: dt.date):
        super().__init__(_("This case was moved to {shelter} already, on {day}. Move it "
                           "again only if that file was lost or went to the wrong "
                           "shelter.").format(shelter=to_shelter,
                                             day=format_date(on, "long")),
                         "again")
        self.to_shelter, self.on = to_shelter, on


def last_move_out(session, person_id: int) -> CaseTransfer | None:
    """The case's last transfer, when it moved the case out (not received back since)."""
    last = session.scalars(select(CaseTransfer).where(CaseTransfer.person_id == person_id)
                           .order_by(CaseTransfer.id.desc()).limit(1)).first()
    return last if last is not None and last.direction == "out" else None


def _received_before(workspace: Workspace, session, keys,
                     incoming: IncomingCase) -> list[EarlierReceipt]:
    """Earlier arrivals of this same case; a protected record only for whoever holds the
    managers' key (as find_duplicates)."""
    if not incoming.from_case_number:
        return []
    query = (select(CaseTransfer, Person).join(Person, Person.id == CaseTransfer.person_id)
             .where(CaseTransfer.direction == "in",
                    CaseTransfer.other_shelter == incoming.from_shelter,
                    CaseTransfer.other_case_number == incoming.from_case_number)
             .order_by(CaseTransfer.id))
    if keys is None:
        query = query.where(Person.hidden_identity.is_(False))
    found = []
    for row, person in session.execute(query):
        real = protected.real_identity(keys, person)
        found.append(EarlierReceipt(person.id, person.case_number, identity.shown_name(
            workspace, real.full_name, person.hidden_identity, person.pseudonym), row.on))
    return found


def _protected_needs_key(keys) -> None:
    if keys is None:
        raise InputError(_("This person's identity is protected. Only a manager holding the "
                           "managers' key can move the case to or from another shelter."),
                         "hidden_identity")


def _passphrase_key(workspace: Workspace, passphrase: str) -> transfer_file.PassphraseKey:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputError(_("A transfer passphrase needs at least {count} characters.").format(
            count=MIN_PASSPHRASE), "passphrase")
    params = getattr(workspace.key_file, "default_kdf", None) or kdf.calibrate()
    return transfer_file.passphrase_key(secret_bytes(passphrase), params)


def export_case(workspace: Workspace, person_id: int, to_shelter: str, target: Path,
                passphrase: str, *, override_reason: str = "",
                reason: str = "MigrationOrChangeOfLocation", details: str = "",
                again: bool = False) -> Sent:
    """Send the case to `to_shelter` as the file `target`; see the module's docstring.
    A case moved out already (and not received back) moves again only with `again`."""
    workspace.require(Permission.TRANSFER_CASES)
    destination = " ".join(free_text(to_shelter, "to_shelter", required=True,
                                     limit=200).split())
    override = free_text(override_reason, "override_reason")
    details = free_text(details, "details", limit=2000)
    if reason not in REASONS:
        raise InputError(_("An unknown choice was given."), "reason")
    target = Path(target)
    if target.is_dir() or not target.parent.is_dir():
        raise InputError(_("Choose a file name in a folder that exists."), "file")
    with workspace.session() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise InputError(_("This resident no longer exists."), "person")
        basis, hidden = consents.basis(person), person.hidden_identity
        moved = last_move_out(session, person.id)
        if moved is not None and not again:
            raise AlreadyMoved(moved.other_shelter, moved.on)
    if basis == consents.OVERRIDE:
        consents.require_override(workspace, override, _(
            "The resident has not agreed to share their data. Record their consent in the "
            "profile, or a manager gives the reason to move the case without it."))
    keys = sealed.keys(workspace)
    if hidden:
        _protected_needs_key(keys)
    key = _passphrase_key(workspace, passphrase)  # Argon2id: before the write lock
    temp = None
    try:
        with workspace.session() as session:
            person = session.get(Person, person_id)
            if consents.basis(person) != basis:  # consent changed in between: ask again
                raise InputError(_("The resident's consent changed meanwhile. Please try "
                                   "again."), "override_reason")
            today = shelter_today(workspace, session)
            plain = payloads.build(person, protected.real_identity(keys, person),
                                   person.contacts, shelter=shelter_name(session), on=today,
                                   consent=basis, reason=reason, details=details)
            stay = _discharge_for_transfer(session, person, today, destination)
            row = CaseTransfer(person_id=person.id, stay_id=stay.id if stay else None,
                               direction="out", on=today, other_shelter=destination,
                               other_case_number="", consent=basis,
                               override_reason=override if basis == "override" else "",
                               username=workspace.user.username,
                               recorded_at=workspace.clock())
            session.add(row)
            session.flush()
            if stay is not None:
                workspace.audit(session, audit.Action.DISCHARGE, "stay", stay.id)
            workspace.audit(session, audit.Action.TRANSFER_OUT, "person", person.id)
            if basis == "override":
                workspace.audit(session, audit.Action.CONSENT_OVERRIDE, "case_transfer",
                                row.id)
            temp = transfer_file.write_temp(target, transfer_file.seal(plain, key))
            case_number = person.case_number
        transfer_file.put_in_place(temp, target)
    except OSError as error:
        raise StorageError(_("The transfer file could not be written ({reason}). Nothing "
                             "was recorded.").format(
            reason=error.strerror or type(error).__name__)) from None
    finally:
        if temp is not None and temp.exists():
            transfer_file.discard(temp)  # the transaction failed: no file either
    return Sent(target, case_number, stay is not None, basis)


def _discharge_for_transfer(session, person: Person, today: dt.date,
                            destination: str) -> Stay | None:
    """The open stay ends today, "moved to another shelter"; None when there is none."""
    stay = records.open_stay(session, person.id)
    if stay is not None:
        records.end_stay(session, stay, today, "transferred", destination)
    return stay


def describe_duplicate(candidate: PossibleDuplicate) -> str:
    """One person on record the case may be, as the dialog and the command line list
    them (the shown name: a hidden identity stays hidden)."""
    from shelter_app.domain.vocab import Sex

    reason = _("same NIK") if candidate.same_nik else _("similar name")
    line = _("{case}: {name}, {sex}, born {year} ({reason})").format(
        case=candidate.case_number, name=candidate.shown_name,
        sex=Sex(candidate.sex).label, year=candidate.birth_year or "?", reason=reason)
    if not candidate.can_admit_again:
        line += " · " + _("in the shelter now")
    return line


def open_incoming(workspace: Workspace, path: Path, passphrase: str) -> Opened:
    """Read and check a transfer file, and look for the person on record (nothing is
    written: `receive` does that, after the user has chosen)."""
    workspace.require(Permission.TRANSFER_CASES)
    incoming = payloads.parse(transfer_file.open_file(Path(path), secret_bytes(passphrase)))
    if incoming.protected:
        _protected_needs_key(sealed.keys(workspace))
    keys = sealed.keys(workspace)
    with workspace.reading() as session:
        today = shelter_today(workspace, session)
        earlier = _received_before(workspace, session, keys, incoming)
    _check_values(incoming, today)
    return Opened(incoming, records.find_duplicates(workspace, incoming.person), earlier)


def _check_values(incoming: IncomingCase, today: dt.date) -> None:
    """The intake's own rules on what the file holds: one message naming the field."""
    try:
        person_columns(incoming.person, today)
        for contact in incoming.contacts:
            contact_columns(contact)
    except InputError as error:
        raise payloads.bad_value(error) from None


def receive(workspace: Workspace, incoming: IncomingCase, *, same_as: int | None = None,
            new_person: bool = False, again: bool = False) -> Received:
    """Admit the case: as the returning person `same_as`, or as a new person (with a new
    case number). Without either, DuplicatesFound when people on record may be her.
    A case received from that shelter before (the same case number there) comes in
    again only with `again` (else AlreadyReceived)."""
    workspace.require(Permission.TRANSFER_CASES)
    workspace.require(Permission.EDIT_RESIDENTS)
    keys = sealed.keys(workspace)
    if incoming.protected:
        _protected_needs_key(keys)
    if not again:
        with workspace.reading() as session:
            earlier = _received_before(workspace, session, keys, incoming)
        if earlier:
            raise AlreadyReceived(earlier)
    if same_as is None and not new_person:
        found = records.find_duplicates(workspace, incoming.person)
        if found:
            raise DuplicatesFound(found)
    with workspace.session() as session:
        today = shelter_today(workspace, session)
        _check_values(incoming, today)
        stay_values = stay_columns(StayData(admission_date=today,
                                            referred_by=incoming.from_shelter), today)
        if same_as is not None:
            person, hiding = _returning(session, keys, incoming, same_as, today)
        else:
            person, hiding = _new_person(workspace, session, keys, incoming, today), False
        stay = Stay(person_id=person.id, **stay_values)
        session.add(stay)
        session.flush()
        session.add(CaseTransfer(person_id=person.id, stay_id=stay.id, direction="in",
                                 on=today, other_shelter=incoming.from_shelter,
                                 other_case_number=incoming.from_case_number,
                                 consent=incoming.consent, override_reason="",
                                 username=workspace.user.username,
                                 recorded_at=workspace.clock()))
        if same_as is not None:
            workspace.audit(session, audit.Action.ADMIT, "stay", stay.id)
        workspace.audit(session, audit.Action.TRANSFER_IN, "person", person.id)
        received = Received(person.id, person.case_number, stay.id, same_as is not None)
    if hiding:
        protected.drop_old_pages(workspace)
    return received


def _new_person(workspace: Workspace, session, keys, incoming: IncomingCase,
                today: dt.date) -> Person:
    """As the intake admits, inside this transaction: the case starts here at the stage
    it had, with a case number of this shelter."""
    return records.add_person(
        workspace, session, person_columns(incoming.person, today),
        [contact_columns(contact) for contact in incoming.contacts], keys,
        stage=incoming.stage, since=today)


def _returning(session, keys, incoming: IncomingCase, person_id: int,
               today: dt.date) -> tuple[Person, bool]:
    """A person on record comes back through another shelter: a new stay of the same
    case. Contacts she did not have here are added, and a "must not visit" from the
    other shelter is kept (safety wins), as is an ID number ours lacked. A protected identity is hidden here too."""
    person = session.get(Person, person_id)
    if person is None:
        raise InputError(_("This resident no longer exists."), "same_as")
    if person.hidden_identity and keys is None:
        raise InputError(_("This resident no longer exists."), "same_as")  # says nothing
    if not rules.can_admit_again(s.discharge_date for s in person.stays):
        raise InputError(_("This person is in the shelter already: a second open stay is "
                           "not possible."), "same_as")
    last = max((s.discharge_date for s in person.stays), default=None)
    if last is not None and today < last:
        raise InputError(_("The new admission cannot be before the last discharge."),
                         "same_as")
    known = {(" ".join(c.name.lower().split()), c.relation): c for c in person.contacts}
    for contact in incoming.contacts:
        values = contact_columns(contact)
        same = known.get((" ".join(values["name"].lower().split()), values["relation"]))
        if same is None:
            person.contacts.append(Contact(**values))
            continue
        if values["must_not_visit"]:
            same.must_not_visit, same.safe = True, False
        if values["id_number"] and not same.id_number:
            same.id_number = values["id_number"]  # the gate checks visitors by it
    hiding = incoming.protected and not person.hidden_identity
    if hiding:
        real = protected.real_identity(keys, person)
        person.hidden_identity = True
        person.pseudonym = person.pseudonym or incoming.person.pseudonym
        protected.store_identity(person, real, keys)
        records.index_for_search(session, person, keys)
    return person, hiding
