"""Things a user must be told when they log in: kept as a kind and plain values (never
a sentence in one language), worded when shown, in the language of the one who reads.

Some are for the user logging in now (the credential store did not answer); some wait
in the database for the next administrator to log in (the audit log was cut short, the
failed-login file was deleted, failed logins since the last time)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.domain.models import Setting
from shelter_app.i18n import _

ADMIN_NOTICES_KEY = "admin_notices"
MOST_KEPT = 50  # a flood of failed logins must not grow the settings row without end

AUDIT_LOG_CUT = "audit_log_cut"
AUDIT_ANCHOR_LOST = "audit_anchor_lost"
ATTEMPTS_RESET = "attempts_reset"
FAILED_LOGINS = "failed_logins"
KEYRING_SILENT = "keyring_silent"


def _texts() -> dict:
    return {
        AUDIT_LOG_CUT: _(
            "The audit log was cut short outside Rumah Aman: it had reached event {expected}, "
            "but now ends at event {found}. Run the database check, and find out who had "
            "the data folder."),
        AUDIT_ANCHOR_LOST: _(
            "The audit log's copy beside the key file was deleted or changed outside Rumah "
            "Aman, so newest events may have been removed unseen. Run the database check."),
        ATTEMPTS_RESET: _(
            "The record of failed logins was deleted or replaced outside Rumah Aman: "
            "lockouts started again from zero."),
        FAILED_LOGINS: _(
            "Failed logins since an administrator last logged in: {count} ({users}). "
            "The audit log has each one."),
        KEYRING_SILENT: _(
            "This PC's credential store did not answer. You are logged in, but users whose "
            "key needs it may be refused until it answers again; nothing was replaced. "
            "Restart the PC if this stays."),
    }


@dataclass(frozen=True)
class Notice:
    kind: str
    values: dict = field(default_factory=dict)

    def text(self) -> str:
        return _texts()[self.kind].format(**self.values)


def add_for_admins(session: Session, kind: str, **values) -> None:
    """Kept for the next administrator's login, in the caller's transaction."""
    waiting = _waiting(session)
    waiting.append({"kind": kind, "values": values})
    session.merge(Setting(key=ADMIN_NOTICES_KEY, value=json.dumps(waiting[-MOST_KEPT:])))


def add_failed_logins(session: Session, usernames: list[str]) -> None:
    """Failed logins (and passwords typed wrong while logged in) for the next
    administrator: one notice, however many logins moved them into the audit log."""
    waiting = _waiting(session)
    earlier = next((item for item in waiting if item["kind"] == FAILED_LOGINS), None)
    count, users = len(usernames), set(usernames)
    if earlier is not None:
        waiting.remove(earlier)
        count += int(earlier["values"].get("count", 0))
        users |= set(str(earlier["values"].get("users", "")).split(", ")) - {""}
    waiting.append({"kind": FAILED_LOGINS,
                    "values": {"count": count, "users": ", ".join(sorted(users))}})
    session.merge(Setting(key=ADMIN_NOTICES_KEY, value=json.dumps(waiting[-MOST_KEPT:])))


def take_for_admin(session: Session) -> list[Notice]:
    """The notices waiting for an administrator; shown to this one, they wait no more
    (the audit log keeps what happened)."""
    waiting = _waiting(session)
    if waiting:
        session.merge(Setting(key=ADMIN_NOTICES_KEY, value="[]"))
    return [Notice(item["kind"], item["values"]) for item in waiting]


def _waiting(session: Session) -> list[dict]:
    text = session.scalar(select(Setting.value).where(Setting.key == ADMIN_NOTICES_KEY))
    try:
        items = json.loads(text) if text else []
    except ValueError:
        return []
    known = _texts()
    return [item for item in items if isinstance(item, dict) and item.get("kind") in known
            and isinstance(item.get("values"), dict)]
