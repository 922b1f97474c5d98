"""Protected (hidden) identities: storing one sealed, finding one by NIK for a manager,
and telling a manager when an admission may be the same person as a protected record.

Staff are never told that a typed name or NIK belongs to a protected record: their
duplicate check and errors see only unprotected records. Every admission (and every
change of a name or NIK) leaves an identity check; when a manager or an administrator
next opens the app, each check is compared with the protected records and deleted, and
the possible matches are kept in one note sealed under the managers' key (sealed again
whatever was found), so that nothing in the file tells staff whether there was a match.
A possible match is shown on the manager's dashboard, their first screen at login.
"""

from __future__ import annotations

import base64
import difflib
import json
from dataclasses import dataclass

from sqlalchemy import column, select, table, text
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import IdentityCheck, Person, Setting
from shelter_app.domain.roles import Permission
from shelter_app.i18n import _
from shelter_app.services.shared import sealed_identity as sealed
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import search_index
from shelter_app.storage.engine import BUSY_TIMEOUT_MS, without_transaction

SIMILAR_NAME = 0.82
CLOSE_BIRTH_YEARS = 2
NOTICES_SETTING = "protected_notices"  # sealed: what only managers are told
CHECKPOINT_WAIT_MS = 1000


@dataclass(frozen=True)
class ProtectedNotice:
    notice_id: int
    case_number: str  # the new admission
    protected_case_number: str
    protected_pseudonym: str
    same_nik: bool


def name_key(name: str) -> str:
    return " ".join(sealed.words(name))


def similar_name(wanted: str, name: str, alias: str) -> bool:
    """`wanted` (a name_key) is close to the name or the alias."""
    for candidate in (name, alias):
        key = name_key(candidate)
        if key and wanted:
            matcher = difflib.SequenceMatcher(None, wanted, key)
            if matcher.quick_ratio() >= SIMILAR_NAME and matcher.ratio() >= SIMILAR_NAME:
                return True
    return False


def store_identity(person: Person, real: sealed.RealIdentity,
                   keys: sealed.Keys | None) -> None:
    """Write a person's identity: sealed when it is hidden (the caller has checked that
    `keys` are there), in the plaintext columns otherwise. Hiding and un-hiding are this
    one step, inside the caller's transaction."""
    if person.hidden_identity:
        sealed.seal(keys, person, real)
    else:
        sealed.clear_seal(person, real)


def real_identity(keys: sealed.Keys | None, person: Person) -> sealed.RealIdentity:
    """What the person is really called, for whoever may know it."""
    if person.hidden_identity and keys is not None:
        return sealed.unseal(keys, person)
    return sealed.RealIdentity(person.full_name, person.alias, person.nik)


def search_tokens(session: Session, person: Person, keys: sealed.Keys | None) -> str:
    """The blind tokens of a hidden person (kept as they are when this user holds no
    managers' key); nothing for anyone else."""
    if not person.hidden_identity:
        return ""
    if keys is not None:
        return sealed.index_tokens(keys, sealed.unseal(keys, person))
    return session.scalar(text("SELECT sealed FROM person_search WHERE rowid = :id"),
                          {"id": person.id}) or ""


def hidden_ids_matching(session: Session, keys: sealed.Keys, words: list[str]) -> list[int]:
    """Hidden persons whose blind index holds every one of these words (as prefixes)."""
    if not words:
        return []
    query = [[("sealed", sealed.token(keys.index, word), False)] for word in words]
    condition = search_index.match_condition(session.bind.dialect.name, query)
    return list(session.scalars(select(column("rowid")).select_from(table("person_search"))
                                .where(condition)))


def hidden_with_nik(session: Session, keys: sealed.Keys, nik: str,
                    other_than: int | None = None) -> Person | None:
    """The hidden person with this NIK, for a manager (the token finds, the seal proves)."""
    for person_id in hidden_ids_matching(session, keys, [nik]):
        person = session.get(Person, person_id)
        if person is not None and person.id != other_than and person.hidden_identity \
                and sealed.unseal(keys, person).nik == nik:
            return person
    return None


def check_nik_free(session: Session, nik: str | None, person_id: int | None,
                   keys: sealed.Keys | None) -> None:
    """A NIK is one person's. A protected record's NIK is checked only for a user holding
    the managers' key: to anyone else it must not say that the person is on record."""
    if nik is None:
        return
    other = session.scalar(select(Person.case_number).where(
        Person.nik == nik, Person.id != (person_id or 0), Person.hidden_identity.is_(False)))
    if other is None and keys is not None:
        hidden = hidden_with_nik(session, keys, nik, person_id)
        other = hidden.case_number if hidden is not None else None
    if other is not None:
        raise InputError(_("This NIK belongs to case {case} already.").format(case=other),
                         "nik")


def identity_keys(workspace: Workspace, hiding: bool) -> sealed.Keys | None:
    """The managers' keys, which hiding an identity needs: refused to anyone else."""
    keys = sealed.keys(workspace)
    if hiding and keys is None:
        raise InputError(_("Only a manager can hide a person's identity. Save the record "
                           "without it and ask a manager to hide it."), "hidden_identity")
    return keys


def drop_old_pages(workspace: Workspace) -> None:
    """After a stored real name was sealed: the write-ahead log's older copies of its
    pages go (copied into the file, the log emptied), as readable as the file to whoever
    has the key. In the file itself, the space a replaced value leaves is zeroed
    (SQLCipher's secure_delete, on by default). Best effort: a reader holding the log
    open keeps it until the next checkpoint. (A server has no such log on this PC.)"""
    if workspace.engine.dialect.name != "sqlite":
        return
    with without_transaction(workspace.engine).connect() as connection:
        # wait a moment for readers, not the half minute a writer would
        connection.execute(text(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}"))
        try:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        finally:
            connection.execute(text(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}"))


def enqueue_check(session: Session, person_id: int) -> None:
    session.add(IdentityCheck(person_id=person_id))


def settle(workspace: Workspace) -> int:
    """For a user holding the managers' key, at login and on the dashboard: seal the
    identities hidden before they were sealed, then run the identity checks waiting.
    Every check ran is deleted, and the managers' notices are sealed again whatever the
    checks found, so what changes in the file is the same with or without a match.
    Returns how many checks ran. Does nothing for anyone else."""
    keys = sealed.keys(workspace)
    if keys is None:
        return 0
    with workspace.session() as session:
        sealed_now = _seal_left_open(session, keys)
    if sealed_now:
        drop_old_pages(workspace)
    with workspace.session() as session:
        waiting = session.scalars(select(IdentityCheck).order_by(IdentityCheck.id)).all()
        if not waiting:
            return 0
        protected = protected_records(session, keys)
        kept = _open_notices(session, keys)
        for check in waiting:
            person = session.get(Person, check.person_id)
            match = _match(keys, person, protected) if person is not None else None
            if match is not None:
                kept.append({"id": check.id, "new": check.person_id, "protected": match[0],
                             "same_nik": match[1]})
            session.delete(check)
        _seal_notices(session, keys, kept)
        return len(waiting)


def _seal_left_open(session: Session, keys: sealed.Keys) -> bool:
    """Seal the identities hidden before this version; whether there were any."""
    left = session.scalars(select(Person).where(
        Person.hidden_identity.is_(True), Person.sealed_full_name.is_(None))).all()
    if not left:  # nearly always: records (phone numbers, countries, NIK rules) not loaded
        return False
    from shelter_app.services.residents.records import index_for_search

    for person in left:
        sealed.seal(keys, person, sealed.RealIdentity(person.full_name, person.alias,
                                                      person.nik))
        index_for_search(session, person, keys)
    return bool(left)


def protected_records(session: Session, keys: sealed.Keys) -> list[tuple]:
    rows = session.execute(select(Person.id, Person.sex, Person.birth_date,
                                  Person.sealed_full_name, Person.sealed_alias,
                                  Person.sealed_nik)
                           .where(Person.hidden_identity.is_(True))).all()
    return [(pid, sex, born, sealed.open_row(keys, pid, name, alias, nik))
            for pid, sex, born, name, alias, nik in rows]


def _match(keys: sealed.Keys, person: Person, protected: list[tuple]
           ) -> tuple[int, bool] | None:
    """The protected record this person may be: (its id, whether by the NIK)."""
    real = real_identity(keys, person)
    wanted = name_key(real.full_name)
    for pid, sex, born, other in protected:
        if pid == person.id:
            continue
        if real.nik and other.nik == real.nik:
            return pid, True
        close = (born is not None and person.birth_date is not None
                 and abs(born.year - person.birth_date.year) <= CLOSE_BIRTH_YEARS)
        if sex == person.sex and close and (similar_name(wanted, other.full_name, other.alias)
                                            or similar_name(name_key(real.alias),
                                                            other.full_name, other.alias)):
            return pid, False
    return None


def _open_notices(session: Session, keys: sealed.Keys) -> list[dict]:
    stored = session.scalar(select(Setting.value).where(Setting.key == NOTICES_SETTING))
    if not stored:
        return []
    return json.loads(sealed.open_note(keys.seal, NOTICES_SETTING,
                                       base64.b64decode(stored)))


def _seal_notices(session: Session, keys: sealed.Keys, kept: list[dict]) -> None:
    blob = sealed.seal_note(keys.seal, NOTICES_SETTING, json.dumps(kept, sort_keys=True))
    session.merge(Setting(key=NOTICES_SETTING, value=base64.b64encode(blob).decode()))


def notices(workspace: Workspace) -> list[ProtectedNotice]:
    """The admissions that may be the same person as a protected record, not dismissed:
    for managers and administrators (empty for everyone else)."""
    keys = sealed.keys(workspace)
    if keys is None or not workspace.may(Permission.VIEW_HIDDEN_IDENTITY):
        return []
    found = []
    with workspace.reading() as session:
        for notice in _open_notices(session, keys):
            new = session.get(Person, notice["new"])
            old = session.get(Person, notice["protected"])
            if new is None or old is None:
                continue
            found.append(ProtectedNotice(notice["id"], new.case_number, old.case_number,
                                         old.pseudonym, notice["same_nik"]))
    return found


def dismiss(workspace: Workspace, notice_ids: list[int]) -> None:
    """The manager has looked at them: these notices go. Not audited: only a possible
    match can be dismissed, and the audit log is readable with any user's password and
    the data folder."""
    workspace.require(Permission.VIEW_HIDDEN_IDENTITY)
    keys = sealed.keys(workspace)
    if keys is None:
        return
    with workspace.session() as session:
        kept = [n for n in _open_notices(session, keys) if n["id"] not in notice_ids]
        _seal_notices(session, keys, kept)
