"""Documents in the office safe: a resident's KTP, passport, birth certificate, family
card, police report copies or medical results, received (when, from whom, where kept),
lent out to the police, a court or an embassy and returned, and handed back to the
resident, usually at discharge (the handover record lists them). Every movement is
one row with who recorded it and when, and has a receipt to be signed.

Who records movements: staff, managers and administrators, the roles that edit
residents' records (Permission.EDIT_RESIDENTS): the safe is kept by the same people who
do the intake and the discharge; counsellors see the list only. A holder's name shown
anywhere (the receipt, the dashboard) follows identity.shown_name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import Document, DocumentMovement, Person, Stay
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import coded
from shelter_app.i18n import N_, _, in_language
from shelter_app.services.shared import audit, identity
from shelter_app.services.shared.reporting import _letterhead, save
from shelter_app.services.shared.settings import shelter_today
from shelter_app.services.shared.staff_names import shown_names
from shelter_app.services.shared.workspace import Workspace

KEEPS = Permission.EDIT_RESIDENTS
# days: a loan is due back this long after it unless the lending says otherwise (the
# dialog's default); a loan recorded before loans had a due day is overdue after as long
LOAN_DAYS = 14

DocumentKind = coded("DocumentKind", {
    "ktp": N_("ID card (KTP)"), "passport": N_("Passport"),
    "birth": N_("Birth certificate"), "kk": N_("Family card (KK)"),
    "police": N_("Police report copy"), "medical": N_("Medical results"),
    "other": N_("Other document"),
})
Institution = coded("Institution", {
    "police": N_("Police"), "court": N_("Court"), "embassy": N_("Embassy or consulate"),
    "other": N_("Other"),
})

IN_SAFE, LENT, HANDED_BACK = "safe", "lent", "returned"
RECEIVED, LENT_OUT, RETURNED, GIVEN_BACK = "received", "lent", "returned", "handed_back"
MOVEMENTS = {RECEIVED: N_("Received into the safe"), LENT_OUT: N_("Lent out"),
             RETURNED: N_("Returned to the safe"), GIVEN_BACK: N_("Handed back")}


def movement_label(code: str) -> str:
    return _(MOVEMENTS.get(code, code))


@dataclass(frozen=True)
class DocumentData:
    kind: str
    received_on: dt.date
    received_from: str
    kept_at: str
    number: str = ""
    description: str = ""
    note: str = ""


@dataclass(frozen=True)
class DocumentRow:
    document_id: int
    kind: str
    number: str
    description: str
    received_on: dt.date
    received_from: str
    kept_at: str
    status: str
    lent_to: str
    lent_on: dt.date | None
    handed_back_on: dt.date | None
    lent_until: dt.date | None = None  # the day a lent document is due back

    def due_text(self, today: dt.date | None) -> str:
        """The list's due day of a lent document, said to be past on the dashboard's
        terms (due before today); "" for a document that is not lent."""
        from shelter_app.i18n.formatting import format_date

        due = self.due_on() if self.status == LENT else None
        if due is None:
            return ""
        if today is not None and due < today:
            return _("{day} (past due)").format(day=format_date(due, "short"))
        return format_date(due, "short")

    def due_on(self) -> dt.date | None:
        """The day a lent document is due back: its due day, or for a loan recorded
        before loans had one, LOAN_DAYS after the lending."""
        return due_day(self.lent_on, self.lent_until)

    @property
    def kind_label(self) -> str:
        label = DocumentKind(self.kind).label
        return f"{label}: {self.description}" if self.description else label

    @property
    def status_text(self) -> str:
        from shelter_app.i18n.formatting import format_date

        if self.status == LENT and self.lent_on is not None:
            return _("Lent to {whom} since {day}").format(
                whom=self.lent_to, day=format_date(self.lent_on, "short"))
        if self.status == HANDED_BACK and self.handed_back_on is not None:
            return _("Handed back on {day}").format(
                day=format_date(self.handed_back_on, "short"))
        return _("In the safe")


@dataclass(frozen=True)
class MovementRow:
    movement_id: int
    kind: str
    on: dt.date
    party: str
    institution: str
    note: str
    username: str
    recorded_at: dt.datetime
    recorded_by: str = ""  # the user's display name (staff_names.shown_names)

    @property
    def recorder(self) -> str:
        return self.recorded_by or self.username


@dataclass(frozen=True)
class HeldRow:
    """A line of the dashboard's lists."""

    person_id: int
    case_number: str
    shown_name: str
    kind: str
    since: dt.date  # left on (held for someone who left) or lent on
    lent_to: str = ""
    due_on: dt.date | None = None  # a loan's due day (the overdue list)

    @property
    def kind_label(self) -> str:
        return DocumentKind(self.kind).label


def _text(value: str, limit: int, field: str, needed: str = "") -> str:
    value = " ".join(value.split())
    if needed and not value:
        raise InputError(needed, field)
    if len(value) > limit:
        raise InputError(_("At most {count} characters here.").format(count=limit), field)
    return value


def _note(value: str) -> str:
    value = value.strip()
    if len(value) > 2000:
        raise InputError(_("At most {count} characters here.").format(count=2000), "note")
    return value


def due_day(lent_on: dt.date | None, lent_until: dt.date | None) -> dt.date | None:
    if lent_until is not None or lent_on is None:
        return lent_until
    return default_due(lent_on)


def default_due(lent_on: dt.date) -> dt.date:
    """The lending dialog's due day: LOAN_DAYS after the lending."""
    return lent_on + dt.timedelta(days=LOAN_DAYS)


def _not_future(workspace: Workspace, session: Session, on: dt.date) -> None:
    if on > shelter_today(workspace, session):
        raise InputError(_("This date is in the future."), "on")


def _document(session: Session, document_id: int) -> Document:
    # locked on the server: two desks moving one document at once do it one after the other
    document = session.get(Document, document_id, with_for_update=True)
    if document is None:
        raise InputError(_("This document is not on record."))
    return document


def _move(workspace: Workspace, session: Session, document: Document, kind: str,
          on: dt.date, party: str = "", institution: str = "", note: str = "",
          due_on: dt.date | None = None) -> int:
    movement = DocumentMovement(document_id=document.id, kind=kind, on=on, party=party,
                                institution=institution, note=note, due_on=due_on,
                                username=workspace.user.username,
                                recorded_at=workspace.clock())
    session.add(movement)
    session.flush()
    workspace.audit(session, audit.Action.CREATE if kind == RECEIVED else audit.Action.UPDATE,
                    "document_" + kind, document.id)
    return movement.id


def _fields(data: DocumentData) -> DocumentData:
    try:
        kind = DocumentKind(data.kind).value
    except ValueError:
        raise InputError(_("An unknown choice was given."), "kind") from None
    return DocumentData(
        kind=kind, received_on=data.received_on,
        received_from=_text(data.received_from, 200, "received_from",
                            _("Say from whom the document was received.")),
        kept_at=_text(data.kept_at, 200, "kept_at", _("Say where the document is kept.")),
        number=_text(data.number, 64, "number"),
        description=_text(data.description, 200, "description",
                          _("Say what the document is.") if kind == "other" else ""),
        note=_note(data.note))


def validate(data: DocumentData) -> None:
    """Refuses what cannot be received, with one message (before any date check)."""
    _fields(data)


def receive(workspace: Workspace, person_id: int, data: DocumentData) -> int:
    """A document comes into the safe; returns the movement (its receipt)."""
    workspace.require(KEEPS)
    data = _fields(data)
    kind, number, description = data.kind, data.number, data.description
    received_from, kept_at, note = data.received_from, data.kept_at, data.note
    with workspace.session() as session:
        if session.get(Person, person_id) is None:
            raise InputError(_("No resident has this case number."), "person")
        _not_future(workspace, session, data.received_on)
        admitted = session.scalar(select(func.min(Stay.admission_date))
                                  .where(Stay.person_id == person_id))
        if admitted is not None and data.received_on < admitted:
            raise InputError(_("The date of receipt is before the resident's admission."),
                             "on")
        document = Document(person_id=person_id, kind=kind, number=number,
                            description=description, received_on=data.received_on,
                            received_from=received_from, kept_at=kept_at, status=IN_SAFE,
                            lent_to="")
        session.add(document)
        session.flush()
        return _move(workspace, session, document, RECEIVED, data.received_on,
                     received_from, "", note)


def _last_on(session: Session, document: Document) -> dt.date:
    return session.scalar(select(func.max(DocumentMovement.on))
                          .where(DocumentMovement.document_id == document.id)) \
        or document.received_on


def _after_last(session: Session, document: Document, on: dt.date, message: str) -> None:
    if on < _last_on(session, document):
        raise InputError(message, "on")


def lend(workspace: Workspace, document_id: int, on: dt.date, institution: str, to: str,
         note: str = "", until: dt.date | None = None) -> int:
    """Lend a document in the safe to the police, a court, an embassy or another (`to`:
    the institution and the person by name), due back on `until` (by default LOAN_DAYS
    after `on`; not before it)."""
    workspace.require(KEEPS)
    until = default_due(on) if until is None else until
    if until < on:
        raise InputError(_("The document is due back before it is lent."), "until")
    try:
        institution = Institution(institution).value
    except ValueError:
        raise InputError(_("An unknown choice was given."), "institution") from None
    to = _text(to, 200, "to", _("Say to whom the document is lent."))
    note = _note(note)
    with workspace.session() as session:
        document = _document(session, document_id)
        if document.status == LENT:
            raise InputError(_("This document is lent out already: record its return "
                               "first."))
        if document.status != IN_SAFE:
            raise InputError(_("This document is not in the safe: it was handed back to "
                               "the resident."))
        _not_future(workspace, session, on)
        _after_last(session, document, on, _("The loan is dated before the document's "
                                            "last movement."))
        document.status, document.lent_to, document.lent_on = LENT, to, on
        document.lent_until = until
        return _move(workspace, session, document, LENT_OUT, on, to, institution, note,
                     due_on=until)


def give_back(workspace: Workspace, document_id: int, on: dt.date, returned_by: str = "",
              note: str = "") -> int:
    """A lent document comes back into the safe."""
    workspace.require(KEEPS)
    returned_by = _text(returned_by, 200, "returned_by")
    note = _note(note)
    with workspace.session() as session:
        document = _document(session, document_id)
        if document.status != LENT or document.lent_on is None:
            raise InputError(_("This document is not lent out: there is nothing to "
                               "return."))
        _not_future(workspace, session, on)
        if on < document.lent_on:
            raise InputError(_("The return is dated before the loan."), "on")
        party = returned_by or document.lent_to
        document.status, document.lent_to, document.lent_on = IN_SAFE, "", None
        document.lent_until = None
        return _move(workspace, session, document, RETURNED, on, party, "", note)


def hand_back(workspace: Workspace, document_id: int, on: dt.date, received_by: str = "",
              note: str = "") -> int:
    """The document goes back to the resident (`received_by`: who took it, when not the
    resident in person)."""
    workspace.require(KEEPS)
    received_by = _text(received_by, 200, "received_by")
    note = _note(note)
    with workspace.session() as session:
        document = _document(session, document_id)
        if document.status == HANDED_BACK:
            raise InputError(_("This document was handed back already."))
        if document.status == LENT:
            raise InputError(_("This document is lent out: record its return before "
                               "handing it back."))
        _not_future(workspace, session, on)
        _after_last(session, document, on, _("The handing back is dated before the "
                                             "document's last movement."))
        document.status, document.handed_back_on = HANDED_BACK, on
        return _move(workspace, session, document, GIVEN_BACK, on, received_by, "", note)


def _row(document: Document) -> DocumentRow:
    return DocumentRow(document.id, document.kind, document.number, document.description,
                       document.received_on, document.received_from, document.kept_at,
                       document.status, document.lent_to, document.lent_on,
                       document.handed_back_on, document.lent_until)


def documents_of(workspace: Workspace, person_id: int) -> list[DocumentRow]:
    """The resident's documents, in the order received."""
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.reading() as session:
        return [_row(d) for d in session.scalars(
            select(Document).where(Document.person_id == person_id)
            .order_by(Document.received_on, Document.id))]


def _movement_row(movement: DocumentMovement, names: dict[str, str]) -> MovementRow:
    return MovementRow(movement.id, movement.kind, movement.on, movement.party,
                       movement.institution, movement.note, movement.username,
                       movement.recorded_at, names.get(movement.username, movement.username))


def movements_of(workspace: Workspace, document_id: int) -> list[MovementRow]:
    """The document's movements, oldest first, each with who recorded it by display
    name."""
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.reading() as session:
        moves = list(session.scalars(
            select(DocumentMovement).where(DocumentMovement.document_id == document_id)
            .order_by(DocumentMovement.on, DocumentMovement.id)))
        names = shown_names(session, (m.username for m in moves))
        return [_movement_row(m, names) for m in moves]


def last_movement(workspace: Workspace, document_id: int) -> int:
    """The movement whose receipt the profile prints by default: the document's last."""
    moves = movements_of(workspace, document_id)
    if not moves:
        raise InputError(_("This document is not on record."))
    return moves[-1].movement_id


def handed_back_since(workspace: Workspace, person_id: int, since: dt.date
                      ) -> list[tuple[str, str]]:
    """(document, number) handed back to the person on or after `since`: the handover
    record of a discharge lists them."""
    with workspace.reading() as session:
        rows = session.execute(select(Document.kind, Document.description, Document.number)
                               .where(Document.person_id == person_id,
                                      Document.status == HANDED_BACK,
                                      Document.handed_back_on >= since)
                               .order_by(Document.handed_back_on, Document.id)).all()
    return [(f"{DocumentKind(kind).label}: {description}" if description
             else DocumentKind(kind).label, number) for kind, description, number in rows]


def _holder(workspace: Workspace, person: Person) -> str:
    """The holder's name as this user may see it: a hidden identity's real name is
    sealed and opened only with the managers' key."""
    if not identity.sees_identity(workspace, person.hidden_identity):
        return person.pseudonym or "?"
    if person.hidden_identity:
        from shelter_app.services.residents import protected
        from shelter_app.services.shared import sealed_identity

        return protected.real_identity(sealed_identity.keys(workspace), person).full_name
    return person.full_name


def held_after_leaving(workspace: Workspace, session: Session) -> list[HeldRow]:
    """Documents still held (in the safe or lent) for people who are not staying here:
    the dashboard's first list. One query: documents not handed back whose person has no
    open stay, with the person's last discharge."""
    open_stay = select(Stay.person_id).where(Stay.discharge_date.is_(None))
    left = (select(Stay.person_id, func.max(Stay.discharge_date).label("left_on"))
            .group_by(Stay.person_id).subquery())
    rows = session.execute(
        select(Document.kind, Document.lent_to, Person, left.c.left_on)
        .join(Person, Person.id == Document.person_id)
        .join(left, left.c.person_id == Document.person_id)
        .where(Document.status != HANDED_BACK, Document.person_id.not_in(open_stay))
        .order_by(left.c.left_on, Person.case_number, Document.id)).all()
    return [HeldRow(person.id, person.case_number, _holder(workspace, person), kind, left_on,
                    lent_to) for kind, lent_to, person, left_on in rows]


def past_due(workspace: Workspace, session: Session, today: dt.date) -> list[HeldRow]:
    """Documents lent out and not back by their due day (lent_until before today; a loan
    recorded before loans had a due day: lent over LOAN_DAYS days ago): the dashboard's
    second list, the longest overdue first. One query on the lent documents (the status
    is indexed: a handful at any time, however old the shelter)."""
    overdue = or_(Document.lent_until < today,
                  and_(Document.lent_until.is_(None),
                       Document.lent_on < today - dt.timedelta(days=LOAN_DAYS)))
    rows = session.execute(
        select(Document.kind, Document.lent_to, Document.lent_on, Document.lent_until,
               Person)
        .join(Person, Person.id == Document.person_id)
        .where(Document.status == LENT, overdue)).all()
    found = [HeldRow(person.id, person.case_number, _holder(workspace, person), kind,
                     lent_on, lent_to, due_day(lent_on, until))
             for kind, lent_to, lent_on, until, person in rows]
    return sorted(found, key=lambda row: (row.due_on, row.since, row.case_number))


def receipt(workspace: Workspace, movement_id: int, language: str | None = None) -> bytes:
    """The receipt of one movement, to be signed."""
    from shelter_app.reports.residents import document_receipt

    workspace.require(KEEPS)
    with workspace.reading() as session:
        movement = session.get(DocumentMovement, movement_id)
        if movement is None:
            raise InputError(_("This document is not on record."))
        document = session.get(Document, movement.document_id)
        person = session.get(Person, document.person_id)
        holder, case = _holder(workspace, person), person.case_number
        row = _row(document)
        # each loan keeps its own due day, so a reprinted receipt of an earlier loan
        # says the day that loan was due
        due = movement.due_on if movement.kind == LENT_OUT else None
        names = shown_names(session, (movement.username, workspace.user.username))
        move = _movement_row(movement, names)
        made_by = names.get(workspace.user.username, workspace.user.username)
    name, zone = _letterhead(workspace)
    with in_language(language):
        return document_receipt.render(
            shelter_name=name, made_at=workspace.clock(), made_by=made_by,
            time_zone=zone, case_number=case, shown_name=holder,
            kind=row.kind_label, number=row.number, kept_at=row.kept_at,
            movement=move, movement_label=movement_label(move.kind),
            institution=Institution(move.institution).label if move.institution else "",
            due_on=due)


def receipt_file_name(workspace: Workspace, movement_id: int) -> str:
    """The receipt's file name: what happened, the case, the day and the movement's
    number, e.g. tanda-terima-dipinjamkan-RA-2026-0012-2026-11-27-m41.pdf (never a name:
    a file list is seen by anyone at the desk)."""
    workspace.require(KEEPS)
    with workspace.reading() as session:
        found = session.execute(
            select(DocumentMovement.kind, DocumentMovement.on, Person.case_number)
            .join(Document, Document.id == DocumentMovement.document_id)
            .join(Person, Person.id == Document.person_id)
            .where(DocumentMovement.id == movement_id)).first()
    if found is None:
        raise InputError(_("This document is not on record."))
    kind, on, case = found
    safe_case = "".join(c if c.isalnum() or c == "-" else "-" for c in case)
    return f"tanda-terima-{_FILE_WORDS.get(kind, kind)}-{safe_case}-{on:%Y-%m-%d}" \
           f"-m{movement_id}.pdf"


# file names are the same in every language (as laporan-bulanan-…): the Indonesian words
_FILE_WORDS = {RECEIVED: "diterima", LENT_OUT: "dipinjamkan", RETURNED: "kembali",
               GIVEN_BACK: "diserahkan"}


def save_receipt(workspace: Workspace, path: Path, movement_id: int,
                 language: str | None = None) -> None:
    save(workspace, path, receipt(workspace, movement_id, language), "receipt_document")


def safe_today(workspace: Workspace) -> dt.date:
    """Today at the shelter: the dialogs' default date and their latest."""
    with workspace.reading() as session:
        return shelter_today(workspace, session)
