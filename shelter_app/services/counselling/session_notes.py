"""Session notes: for counsellors only. The permission is checked here, the notes column
is deferred in the model so no list loads it, and the audit says only that notes were
written to a session, never what they say. Notes are stored sealed under the
counsellors' key (counselling/sealing.py): a counsellor who does not hold it yet is told
to ask a colleague for access."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import CounsellingSession
from shelter_app.domain.roles import Permission
from shelter_app.i18n import _
from shelter_app.services.counselling import sealing
from shelter_app.services.shared import audit
from shelter_app.services.shared.workspace import Workspace

MAX_NOTES = 20_000


def read(workspace: Workspace, session_id: int) -> str:
    workspace.require(Permission.SESSION_NOTES)
    key = sealing.counsellors_key(workspace)
    with workspace.reading() as session:
        notes = session.scalar(select(CounsellingSession.notes)
                               .where(CounsellingSession.id == session_id))
    if notes is None:
        raise InputError(_("This session no longer exists."), "session")
    return sealing.open_note(key, session_id, notes)


def readable(workspace: Workspace) -> bool:
    """Whether this user may read notes and holds the counsellors' key to open them."""
    return (workspace.may(Permission.SESSION_NOTES)
            and workspace.role_key(sealing.COUNSELLORS) is not None)


def write(workspace: Workspace, session_id: int, notes: str) -> None:
    workspace.require(Permission.SESSION_NOTES)
    check_length(notes)
    with workspace.session() as session:
        row = session.get(CounsellingSession, session_id)
        if row is None:
            raise InputError(_("This session no longer exists."), "session")
        apply_notes(workspace, session, row, notes)


def check_length(notes: str) -> None:
    if len(notes) > MAX_NOTES:
        raise InputError(_("Notes are at most {count} characters.").format(count=MAX_NOTES),
                         "notes")


def apply_notes(workspace: Workspace, session: Session, row: CounsellingSession,
                notes: str) -> None:
    """write() inside the caller's transaction (the permission already checked)."""
    check_length(notes)
    row.notes = sealing.seal_note(sealing.counsellors_key(workspace), row.id, notes)
    workspace.audit(session, audit.Action.SESSION_NOTES, "session", row.id)
