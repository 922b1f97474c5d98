"""The audit chain's head against its copy beside the key file (storage/audit_anchor.py):
written at each commit that appends events (Workspace.session), compared when the
database is opened (login, unlock) and by `check`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_app.domain.audit_chain import GENESIS
from shelter_app.domain.models import AuditEvent, Setting
from shelter_app.services.shared import notices
from shelter_app.services.shared.audit import ANCHOR_FROM, ANCHOR_TO, ANCHORED_KEY, Action
from shelter_app.storage.audit_anchor import Anchor, AnchorUnreadable, read


def pending_from(session: Session) -> Anchor | None:
    """The anchor for the events this transaction appended (None: it appended none)."""
    last = session.info.get(ANCHOR_TO)
    if last is None:
        return None
    session.flush()
    previous_id, previous_head = session.info[ANCHOR_FROM]
    return Anchor(last.id, last.hash, previous_id, previous_head)


def chain_end(session: Session) -> tuple[int, str]:
    row = session.execute(select(AuditEvent.id, AuditEvent.hash)
                          .order_by(AuditEvent.id.desc()).limit(1)).first()
    return (row.id, row.hash) if row is not None else (0, GENESIS)


@dataclass(frozen=True)
class AnchorProblem:
    kind: str  # notices.AUDIT_LOG_CUT or notices.AUDIT_ANCHOR_LOST
    expected_id: int | None
    found_id: int

    def notice(self) -> notices.Notice:
        if self.kind == notices.AUDIT_LOG_CUT:
            return notices.Notice(self.kind, {"expected": self.expected_id,
                                              "found": self.found_id})
        return notices.Notice(self.kind)


def compare(session: Session, anchor_path, master_key, installation_id: str
            ) -> AnchorProblem | None:
    found_id, found_head = chain_end(session)
    try:
        anchor = read(anchor_path, master_key, installation_id)
    except AnchorUnreadable:
        return AnchorProblem(notices.AUDIT_ANCHOR_LOST, None, found_id)
    if anchor is None:
        anchored = session.get(Setting, ANCHORED_KEY) is not None
        return AnchorProblem(notices.AUDIT_ANCHOR_LOST, None, found_id) if anchored else None
    if anchor.allows(found_id, found_head):
        return None
    return AnchorProblem(notices.AUDIT_LOG_CUT, anchor.last_id, found_id)


def check_at_open(workspace) -> AnchorProblem | None:
    """At login and unlock, before anything else is written: a chain that does not end
    where its copy says is recorded (an event, and a notice for the next administrator);
    the commit then anchors the chain as it is, so the next cut is caught too."""
    with workspace.session() as session:
        problem = compare(session, workspace.data_dir.audit_anchor, workspace.master_key,
                          workspace.key_file.installation_id)
        if session.get(Setting, ANCHORED_KEY) is None:
            session.add(Setting(key=ANCHORED_KEY, value="1"))
        if problem is not None:
            workspace.audit(session, Action.AUDIT_LOG_CUT, "audit_log",
                            problem.expected_id or "")
            notice = problem.notice()
            notices.add_for_admins(session, notice.kind, **notice.values)
    return problem


def cuts_since_last_check(session: Session) -> list[dt.datetime]:
    """When logins found the log cut since `check` last ran (check reports them once)."""
    last_check = session.scalar(select(func.max(AuditEvent.id))
                                .where(AuditEvent.action == Action.CHECK.value)) or 0
    return list(session.scalars(select(AuditEvent.at).where(
        AuditEvent.action == Action.AUDIT_LOG_CUT.value, AuditEvent.id > last_check)))
