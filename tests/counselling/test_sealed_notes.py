"""Notes sealed under the counsellors' key (issue 13, finding 2): who gets the key, who
gives it, and what an administrator who adds or resets a counsellor can read."""

import datetime as dt
import json

import pytest
from sqlalchemy import select, text

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import CounsellingSession, SealedRoleKey
from shelter_app.domain.roles import Role
from shelter_app.services.administration import auth, backup, rekey, users
from shelter_app.services.counselling import booking, casework, session_notes
from shelter_app.services.counselling.booking import SessionDraft
from shelter_app.services.counselling.casework import AssessmentData
from shelter_app.services.counselling.sealing import NotesSealed
from shelter_app.services.shared import role_keys
from tests.conftest import ADMIN_PASSWORD
from tests.counselling.conftest import TODAY, at
from tests.security.attacker import break_in

MONDAY = dt.date(2026, 11, 23)
SECRET = "She named the agent in Batam"


@pytest.fixture
def noted(admin, people, data_dir, clock):
    """Rina (the first counsellor to log in: she makes the counsellors' key) wrote a note;
    returns (rina's workspace, the session's id)."""
    [sid] = booking.book(admin, SessionDraft("individual", at(MONDAY, 9), 60, ("rina",),
                                             (people.dewi,), room_id=people.melati))
    rina = auth.login(data_dir, "rina", ADMIN_PASSWORD, clock)
    session_notes.write(rina, sid, SECRET)
    yield rina, sid
    if not rina.is_locked:
        rina.close_database()


def login(data_dir, clock, username, password=ADMIN_PASSWORD):
    return auth.login(data_dir, username, password, clock)


def test_a_counsellor_added_by_an_administrator_waits_until_a_counsellor_gives_access(
        admin, noted, data_dir, clock):
    rina, sid = noted
    users.add_user(admin, "sari", Role.COUNSELLOR, ADMIN_PASSWORD, "Sari")
    sari = login(data_dir, clock, "sari")
    with pytest.raises(NotesSealed, match="give"):
        session_notes.read(sari, sid)
    with pytest.raises(NotesSealed):
        session_notes.write(sari, sid, "overwritten")
    assert not session_notes.readable(sari)
    # The administrator holds the managers' key, not the counsellors': nothing to give.
    assert all(p.role_key == "managers" for p in role_keys.pending(admin))
    with pytest.raises(InputError, match="Only someone who holds"):
        role_keys.give_access(admin, "counsellors", "sari")
    waiting = [(p.role_key, p.holder) for p in role_keys.pending(rina)]
    assert waiting == [("counsellors", "budi"), ("counsellors", "sari")]
    role_keys.give_access(rina, "counsellors", "sari")
    assert [(p.role_key, p.holder) for p in role_keys.pending(rina)] == [
        ("counsellors", "budi")]
    sari.close_database()
    assert session_notes.read(login(data_dir, clock, "sari"), sid) == SECRET


def test_a_password_set_by_an_administrator_brings_no_access(admin, noted, data_dir, clock):
    rina, sid = noted
    rina.close_database()
    users.reset_password(admin, "rina", "admin knows this")
    as_admin_knows = login(data_dir, clock, "rina", "admin knows this")
    with pytest.raises(NotesSealed):
        session_notes.read(as_admin_knows, sid)
    assert "rina" not in {r.holder for r in _copies(admin, "counsellors")}


def test_changing_ones_own_password_keeps_access(noted, data_dir, clock):
    rina, sid = noted
    users.change_own_password(rina, ADMIN_PASSWORD, "rina's new password")
    rina.close_database()
    assert session_notes.read(login(data_dir, clock, "rina", "rina's new password"),
                              sid) == SECRET


def test_disabling_a_counsellor_deletes_their_copy(admin, noted):
    users.disable_user(admin, "rina")
    assert "rina" not in {r.holder for r in _copies(admin, "counsellors")}


@pytest.mark.file_only
def test_with_no_counsellor_left_the_recovery_key_gives_access(admin, noted, shelter, data_dir,
                                                               clock):
    rina, sid = noted
    rina.close_database()
    users.disable_user(admin, "rina")
    users.add_user(admin, "sari", Role.COUNSELLOR, ADMIN_PASSWORD, "Sari")
    login(data_dir, clock, "sari").close_database()
    admin.close_database()
    assert users.grant_with_recovery_key(data_dir, shelter, "sari", clock) == ["counsellors"]
    assert session_notes.read(login(data_dir, clock, "sari"), sid) == SECRET


@pytest.mark.file_only
def test_the_recovery_key_resetting_a_counsellor_gives_the_key_back(admin, noted, shelter,
                                                                    data_dir, clock):
    rina, sid = noted
    rina.close_database()
    admin.close_database()
    users.reset_with_recovery_key(data_dir, shelter, "rina", "forgot the old one", clock)
    assert session_notes.read(login(data_dir, clock, "rina", "forgot the old one"),
                              sid) == SECRET


@pytest.mark.file_only
def test_assessments_are_sealed_and_others_see_only_that_a_version_exists(admin, noted,
                                                                         people, data_dir):
    rina, _sid = noted
    casework.record_assessment(rina, people.dewi, AssessmentData(
        TODAY, "Nightmares", {"legal": "Police report"}, "Debt", "Safety"))
    assert casework.assessments(rina, people.dewi)[0].data.needs == {"legal": "Police report"}
    [seen] = casework.assessments(admin, people.dewi)
    assert seen.sealed and seen.data.problems == "" and seen.assessed_by == "rina"
    with pytest.raises(NotesSealed, match="Only counsellors"):
        casework.record_assessment(admin, people.dewi, AssessmentData(TODAY, "x", {}, "", ""))
    loot = break_in(data_dir, "admin", ADMIN_PASSWORD)
    try:
        assert loot.places_of("Nightmares") == [] and loot.places_of("Police report") == []
    finally:
        loot.close()


@pytest.mark.file_only
def test_a_note_moved_to_another_session_does_not_open(admin, noted, people):
    rina, sid = noted
    [other] = booking.book(admin, SessionDraft("individual", at(MONDAY, 13), 60, ("rina",),
                                               (people.dewi,), room_id=people.melati))
    with admin.session() as session:
        sealed_note = session.scalar(select(CounsellingSession.notes)
                                     .where(CounsellingSession.id == sid))
        session.execute(text("UPDATE counselling_sessions SET notes = :n WHERE id = :i"),
                        {"n": sealed_note, "i": other})
    with pytest.raises(InputError, match="another key"):
        session_notes.read(rina, other)


@pytest.mark.file_only
def test_an_upgraded_shelter_seals_old_notes_at_the_first_counsellors_login(
        admin, people, data_dir, clock):
    """Before 0008: notes in the clear and slots without key pairs. The first counsellor
    to log in makes the counsellors' key and seals them."""
    [sid] = booking.book(admin, SessionDraft("individual", at(MONDAY, 9), 60, ("rina",),
                                             (people.dewi,), room_id=people.melati))
    long_note = f"{SECRET}. " + "Slept a little better this week. " * 300  # over 2 pages
    with admin.session() as session:  # as the app before sealed keys wrote it
        session.execute(text("UPDATE counselling_sessions SET notes = :n WHERE id = :i"),
                        {"n": long_note, "i": sid})
        session.execute(text("DELETE FROM sealed_role_keys"))
        session.execute(text("DELETE FROM role_keys"))
        session.execute(text("DELETE FROM public_keys"))
    master_key = bytes(admin.master_key)
    admin.close_database()
    _strip_key_pairs(data_dir / "keys.json", master_key)
    loot = break_in(data_dir, "admin", ADMIN_PASSWORD)
    assert loot.places_of(SECRET) == ["counselling_sessions.notes"]  # the finding, before
    assert loot.pages_containing(SECRET)  # the page reader finds it too
    loot.close()
    rina = login(data_dir, clock, "rina")
    assert session_notes.read(rina, sid) == long_note
    rina.close_database()
    assert "private_wrapped" in json.loads((data_dir / "keys.json").read_text())[
        "slots"]["user:rina"]
    for who in ("admin", "rina"):
        loot = break_in(data_dir, who, ADMIN_PASSWORD)
        try:
            assert loot.places_of(SECRET) == [], who
            assert loot.pages_containing(SECRET) == [], who  # not left in a freed page
        finally:
            loot.close()


@pytest.mark.file_only
def test_backup_restore_and_rekey_keep_the_notes_readable(admin, noted, shelter, data_dir,
                                                          tmp_path, clock):
    rina, sid = noted
    rina.close_database()
    target = tmp_path / "copy.rabackup"
    backup.backup(admin, target, passphrase="a long passphrase")
    admin.close_database()
    elsewhere = tmp_path / "elsewhere"
    backup.restore(elsewhere, target, typed_recovery_key=shelter, clock=clock)
    assert session_notes.read(login(elsewhere, clock, "rina"), sid) == SECRET
    # A new master key: rina needs a new password, and then the new recovery key.
    admin = login(data_dir, clock, "admin")
    assert rekey.needs_recovery_key(admin)
    with pytest.raises(rekey.RecoveryKeyNeeded):
        rekey.rekey(admin, ADMIN_PASSWORD)
    result = rekey.rekey(admin, ADMIN_PASSWORD, shelter)
    users.reset_password(admin, "rina", "rina after rekey")
    admin.close_database()
    users.grant_with_recovery_key(data_dir, result.recovery_key, "rina", clock)
    assert session_notes.read(login(data_dir, clock, "rina", "rina after rekey"),
                              sid) == SECRET


def _copies(workspace, name):
    with workspace.reading() as session:
        return session.scalars(select(SealedRoleKey)
                               .where(SealedRoleKey.role_key == name)).all()


def _strip_key_pairs(path, master_key: bytes):
    from shelter_app.storage.keyfile import KeyFile

    key_file = KeyFile.load(path)
    key_file.authenticate(master_key)  # as the app before sealed keys saved it
    for slot in key_file.slots.values():
        slot.private_nonce = slot.private_wrapped = b""
    key_file.save()


def test_locking_forgets_the_role_keys_and_unlocking_opens_them_again(noted):
    rina, sid = noted
    assert rina.role_key("counsellors") is not None
    auth.lock(rina)
    assert rina.role_key("counsellors") is None
    auth.unlock(rina, ADMIN_PASSWORD)
    assert session_notes.read(rina, sid) == SECRET
