"""The audit log: who did what to which record, never what the record says."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from shelter_app.domain.audit_chain import GENESIS, event_hash
from shelter_app.domain.errors import StorageError
from shelter_app.domain.models import AuditEvent, Setting
from shelter_app.i18n import _

HEAD_KEY = "audit_head"
ANCHOR_FROM, ANCHOR_TO = "audit_anchor_from", "audit_anchor_to"
ANCHORED_KEY = "audit_anchored"  # set once the chain has a copy outside the database


class Action(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    ACCOUNT_LOCKED = "account_locked"
    LOCK = "lock"
    UNLOCK = "unlock"
    LOGOUT = "logout"
    PERMISSION_DENIED = "permission_denied"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    VIEW = "view"
    EXPORT = "export"
    PRINT = "print"
    USER_ADD = "user_add"
    USER_DISABLE = "user_disable"
    USER_ENABLE = "user_enable"
    PASSWORD_RESET = "password_reset"
    PASSWORD_CHANGE = "password_change"
    SETTINGS_CHANGE = "settings_change"
    CHECK = "check"
    SET_UP = "set_up"
    ADMIT = "admit"
    DISCHARGE = "discharge"
    TRANSFER = "transfer"
    STAGE_MOVE = "stage_move"
    BACKUP = "backup"
    RESTORE = "restore"
    REKEY = "rekey"
    PROVISIONS = "provisions"
    PROVISIONS_EDIT = "provisions_edit"
    DECISION = "decision"
    SESSION_BOOK = "session_book"
    SESSION_CHANGE = "session_change"
    SESSION_OUTCOME = "session_outcome"
    SESSION_NOTES = "session_notes"  # that notes were written, never what they say
    ASSESSMENT = "assessment"
    CONFERENCE = "conference"
    PLAN_UPDATE = "plan_update"
    INSTITUTION = "institution"
    INSTITUTIONS_IMPORT = "institutions_import"
    REFERRAL = "referral"
    REFERRAL_STATUS = "referral_status"
    CONSENT_OVERRIDE = "consent_override"
    FOLLOW_UP = "follow_up"
    CASE_CLOSE = "case_close"
    CASE_REOPEN = "case_reopen"
    GIVE_ACCESS = "give_access"  # a role key sealed to a new member (role_keys)
    AUDIT_LOG_CUT = "audit_log_cut"  # the chain does not end where its outside copy says
    ATTEMPTS_RESET = "attempts_reset"  # the failed-login file was deleted or replaced
    PASSWORD_CHECK_FAILED = "password_check_failed"  # a wrong password while logged in
    MOVED_TO_SERVER = "moved_to_server"  # the one-PC shelter copied onto a shared server
    RESIDENTS_IMPORT = "residents_import"  # an old register brought in (entity_id: rows)
    STATS_EXPORT = "stats_export"  # protected statistics for the province or the nation
    TRANSFER_OUT = "transfer_out"  # a case sent to another shelter
    TRANSFER_IN = "transfer_in"  # a case received from another shelter


def _stamp(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def start_chain(session: Session) -> None:
    session.add(Setting(key=HEAD_KEY, value=GENESIS))
    session.add(Setting(key=ANCHORED_KEY, value="1"))


def record(session: Session, *, at: dt.datetime, username: str, role: str, action: str,
           entity: str = "", entity_id: str | int = "") -> None:
    """Append one event in the caller's transaction (it commits with the work)."""
    if session.bind.dialect.name == "postgresql":
        _append_on_server(session, at, username, role, str(action), entity, str(entity_id))
        return
    head = session.scalar(select(Setting.value).where(Setting.key == HEAD_KEY))
    if head is None:
        raise StorageError(_("The audit log is missing its start. Run the database check."))
    entity_id = str(entity_id)
    if ANCHOR_FROM not in session.info:  # where the chain ended before this transaction,
        # for the copy outside the database (Workspace.session writes it at the commit)
        last_id = session.scalar(select(func.max(AuditEvent.id))) or 0
        session.info[ANCHOR_FROM] = (last_id, head)
    new_hash = event_hash(head, _stamp(at), username, role, str(action), entity, entity_id)
    event = AuditEvent(at=at, username=username, role=role, action=str(action),
                       entity=entity, entity_id=entity_id, prev_hash=head, hash=new_hash)
    session.add(event)
    session.info[ANCHOR_TO] = event
    moved = session.execute(
        update(Setting).where(Setting.key == HEAD_KEY, Setting.value == head)
        .values(value=new_hash)
    ).rowcount
    if moved != 1:  # someone else wrote an event since we read the head
        raise StorageError(_("Another window saved at the same moment. Please try again."))


def _append_on_server(session: Session, at: dt.datetime, username: str, role: str,
                      action: str, entity: str, entity_id: str) -> None:
    """On a shared server the database appends (storage/pg_schema.py): as the connected
    user, under one lock for every PC, so the chain stays one chain."""
    session.flush()  # the work first: a failure there must not leave an event behind
    session.execute(text("SELECT ra_audit_append(:at, :username, :role, :action, :entity, "
                         ":entity_id)"),
                    {"at": at.astimezone(dt.UTC).replace(tzinfo=None), "username": username,
                     "role": role, "action": action, "entity": entity,
                     "entity_id": entity_id})


@dataclass(frozen=True)
class ChainReport:
    events: int
    first_broken_id: int | None
    head_matches: bool

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None and self.head_matches


def verify_chain(session: Session) -> ChainReport:
    expected_prev = GENESIS
    count = 0
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)).yield_per(2000):
        count += 1
        recomputed = event_hash(event.prev_hash, _stamp(event.at), event.username, event.role,
                                event.action, event.entity, event.entity_id)
        if event.prev_hash != expected_prev or event.hash != recomputed:
            return ChainReport(count, event.id, False)
        expected_prev = event.hash
    head = session.scalar(select(Setting.value).where(Setting.key == HEAD_KEY))
    return ChainReport(count, None, head == expected_prev)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    username: str
    role: str
    action: str
    entity: str
    entity_id: str


def recent(session: Session, limit: int = 200) -> list[AuditRow]:
    rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit))
    return [AuditRow(e.id, e.at, e.username, e.role, e.action, e.entity, e.entity_id)
            for e in rows]
