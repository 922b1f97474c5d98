"""Changing a session from its dialog: the booking, how it went and the notes are one
user action, so one call and one transaction: a part that is refused (a clash not
confirmed, notes by someone who is not a counsellor, an invalid outcome) leaves every
part as it was. Each kind of change is audited once, as when it is made alone; the
notes' text is never logged nor audited."""

from __future__ import annotations

from dataclasses import dataclass, replace

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import CounsellingSession
from shelter_app.domain.roles import Permission
from shelter_app.i18n import _
from shelter_app.services.counselling import booking, session_notes
from shelter_app.services.counselling.booking import SessionDraft
from shelter_app.services.shared.concurrency import Lock, claim, serialise
from shelter_app.services.shared.workspace import Workspace


@dataclass(frozen=True)
class Outcome:
    status: str
    # {participant id, as the session was loaded: whether they came}; for a held session
    attended: dict[int, bool] | None = None


@dataclass(frozen=True)
class SessionEdit:
    """What the user changed in one session; None leaves that part as it is."""

    session_id: int
    booking: SessionDraft | None = None  # the whole booking as it should now be
    confirm_clashes: bool = False
    outcome: Outcome | None = None
    notes: str | None = None  # counsellors only
    # the SessionView's the dialog showed: RecordChanged when it was saved since
    expected_version: int | None = None


def edit(workspace: Workspace, change: SessionEdit) -> None:
    """Apply the whole change, or nothing of it."""
    # Permissions first, each refusal audited in a transaction of its own.
    if change.booking is not None or change.outcome is not None:
        workspace.require(Permission.BOOK_SESSIONS)
    if change.notes is not None:
        workspace.require(Permission.SESSION_NOTES)
        session_notes.check_length(change.notes)
    with workspace.session() as session:
        if change.booking is not None:  # taken before the row's lock, as change() does
            serialise(session, Lock.BOOKINGS)
        row = booking.load_row(session, change.session_id)
        claim(row, change.expected_version)
        came = _who_came(row, change.outcome)
        if change.booking is not None:
            draft = replace(change.booking, session_id=row.id)
            if draft.weeks != 1 or not booking.same_booking(booking.draft_of(row),
                                                            draft):
                booking.apply_change(workspace, session, row, draft,
                                     change.confirm_clashes)
                session.flush()  # the people in it are new rows now, with new ids
        if change.outcome is not None:
            attended = {p.id: came[booking.participant_key(p)]
                        for p in row.participants if booking.participant_key(p) in came}
            booking.apply_outcome(workspace, session, row, change.outcome.status,
                                  attended)
        if change.notes is not None:
            session_notes.apply_notes(workspace, session, row, change.notes)


def _who_came(row: CounsellingSession, outcome: Outcome | None) -> dict[tuple[str, int], bool]:
    """The attendance by person, so it survives a booking change in the same edit."""
    if outcome is None or not outcome.attended:
        return {}
    keys = {p.id: booking.participant_key(p) for p in row.participants}
    if set(outcome.attended) - set(keys):
        raise InputError(_("An unknown participant was given."), "attendance")
    return {keys[pid]: came for pid, came in outcome.attended.items()}
