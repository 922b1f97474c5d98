"""Session notes and the free text of assessments, sealed under the counsellors' key
(services/shared/role_keys.py): whoever has only the database's master key (any staff
password and the data folder) sees ciphertext. Each value's associated data names its
table, row and field, so a sealed value moved elsewhere does not open."""

from __future__ import annotations

import json

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import Assessment, CounsellingSession, Setting
from shelter_app.domain.roles import Role
from shelter_app.i18n import _
from shelter_app.services.shared.role_keys import COUNSELLORS
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import sealed

ASSESSMENT_FIELDS = ("problems", "needs_json", "root_cause", "priorities")
SEALED_FLAG = "counselling_sealed"  # a setting: every note from before sealing is sealed


class NotesSealed(InputError):
    """This user holds no counsellors' key (yet): a counsellor must give access."""


def counsellors_key(workspace: Workspace) -> bytes:
    key = workspace.role_key(COUNSELLORS)
    if key is not None:
        return key
    if workspace.user.role == Role.COUNSELLOR:
        raise NotesSealed(_("Counselling notes are sealed for counsellors, and you do not "
                            "have access yet: a counsellor who has it gives it to you (it is "
                            "offered at the bottom of their window)."), "notes")
    raise NotesSealed(_("Only counsellors can read or write this: it is sealed with the "
                        "counsellors' key."), "notes")


def _context(table: str, row_id: int, field: str) -> str:
    return f"{table}|{row_id}|{field}"


def seal_note(key: bytes, session_id: int, notes: str) -> str:
    if not notes:
        return ""
    return sealed.seal_text(key, notes, _context("counselling_sessions", session_id, "notes"))


def open_note(key: bytes, session_id: int, value: str) -> str:
    return _open(key, value, _context("counselling_sessions", session_id, "notes"))


def seal_assessment(key: bytes, row: Assessment) -> None:
    """Seal the row's free text in place (the row has its id: flushed)."""
    for field in ASSESSMENT_FIELDS:
        value = getattr(row, field)
        if value and not sealed.is_sealed(value):
            setattr(row, field, sealed.seal_text(
                key, value, _context("assessments", row.id, field)))


def open_assessment(key: bytes, row: Assessment) -> tuple[str, dict[str, str], str, str]:
    problems, needs, cause, priorities = (
        _open(key, getattr(row, field), _context("assessments", row.id, field))
        for field in ASSESSMENT_FIELDS)
    return problems, json.loads(needs or "{}"), cause, priorities


def _open(key: bytes, value: str, context: str) -> str:
    try:
        return sealed.open_text(key, value, context)
    except sealed.NotForThisKey:
        raise InputError(_("This text was sealed with another key and cannot be "
                           "opened.")) from None


def seal_plaintext(session: Session, key: bytes) -> int:
    """Seal every note and assessment text written before sealing (once, by the first
    counsellor who logs in after the upgrade). secure_delete overwrites the old text in
    the database's pages as it is replaced. Returns how many rows were sealed."""
    if session.get(Setting, SEALED_FLAG) is not None:
        return 0
    file_database = session.bind.dialect.name == "sqlite"
    if file_database:  # a server's old row versions go with VACUUM, on the server
        session.execute(text("PRAGMA secure_delete = ON"))
    try:
        count = 0
        notes = session.execute(
            select(CounsellingSession.id, CounsellingSession.notes)
            .where(CounsellingSession.notes != "")).all()
        for session_id, value in notes:
            if not sealed.is_sealed(value):
                session.execute(CounsellingSession.__table__.update()
                                .where(CounsellingSession.id == session_id)
                                .values(notes=seal_note(key, session_id, value)))
                count += 1
        for row in session.scalars(select(Assessment)):
            if any(getattr(row, f) and not sealed.is_sealed(getattr(row, f))
                   for f in ASSESSMENT_FIELDS):
                seal_assessment(key, row)
                count += 1
        session.add(Setting(key=SEALED_FLAG, value="1"))
        session.flush()
    finally:
        if file_database:
            session.execute(text("PRAGMA secure_delete = OFF"))
    return count
