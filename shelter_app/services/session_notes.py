"""Session notes: for counsellors only. The permission is checked here, the notes column
is deferred in the model so no list loads it, and the audit says only that notes were
written to a session, never what they say."""

from __future__ import annotations

from sqlalchemy import select

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import CounsellingSession
from shelter_app.domain.roles import Permission
from shelter_app.i18n import _
from shelter_app.services import audit
from shelter_app.services.workspace import Workspace

MAX_NOTES = 20_000


def read(workspace: Workspace, session_id: int) -> str:
    workspace.require(Permission.SESSION_NOTES)
    with workspace.session() as session:
        notes = session.scalar(select(CounsellingSession.notes)
                               .where(CounsellingSession.id == session_id))
    if notes is None:
        raise InputError(_("This session no longer exists."), "session")
    return notes


def write(workspace: Workspace, session_id: int, notes: str) -> None:
    workspace.require(Permission.SESSION_NOTES)
    if len(notes) > MAX_NOTES:
        raise InputError(_("Notes are at most {count} characters.").format(count=MAX_NOTES),
                         "notes")
    with workspace.session() as session:
        row = session.get(CounsellingSession, session_id)
        if row is None:
            raise InputError(_("This session no longer exists."), "session")
        row.notes = notes
        workspace.audit(session, audit.Action.SESSION_NOTES, "session", session_id)
