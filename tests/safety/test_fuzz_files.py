"""Every file the app reads from disk, fed random and mutated bytes: the key file,
backups, the login-attempts file and preferences. Only a clear, translated error may
come out: no crash, no hang, and nothing replaced. (CSV imports arrive with the
referrals issue; their fuzzing comes with them.)"""

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shelter_app.domain.errors import ShelterError
from shelter_app.services.administration import backup
from shelter_app.storage.attempts import LoginAttempts
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.keyfile import KeyFile

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def mutated(original: bytes):
    """Random bytes, or the real file with bytes flipped, cut, or inserted."""
    return st.one_of(
        st.binary(max_size=400),
        st.tuples(st.integers(0, max(len(original) - 1, 0)), st.integers(1, 255)).map(
            lambda change: original[:change[0]] + bytes([original[change[0]] ^ change[1]])
            + original[change[0] + 1:]),
        st.integers(0, len(original)).map(lambda cut: original[:cut]),
        st.tuples(st.integers(0, len(original)), st.binary(min_size=1, max_size=20)).map(
            lambda insert: original[:insert[0]] + insert[1] + original[insert[0]:]),
    )


def test_the_key_file_never_crashes_the_app(shelter, data_dir, tmp_path):
    original = DataDir(data_dir).key_file.read_bytes()

    @FUZZ
    @given(mutated(original))
    def load(data):
        path = tmp_path / "keys.json"
        path.write_bytes(data)
        try:
            KeyFile.load(path)
        except ShelterError as error:
            assert str(error)

    load()


def test_backups_never_crash_restore_nor_replace_anything(filled, tmp_path):
    original = backup.backup(filled, tmp_path / "good.rabackup", "kunci cadangan").path
    good = original.read_bytes()
    filled.close_database()

    @settings(max_examples=40, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(mutated(good[:3000]).map(lambda head: head + good[3000:]))
    def restore(data):
        candidate = tmp_path / "candidate.rabackup"
        candidate.write_bytes(data)
        live = filled.data_dir.database.read_bytes()
        try:
            backup.restore(filled.data_dir.root, candidate, passphrase="kunci cadangan")
        except ShelterError as error:
            assert str(error)
            assert filled.data_dir.database.read_bytes() == live
        else:  # the header or chunks survived intact in substance: it restores whole
            assert data[3000:] == good[3000:]

    restore()


@FUZZ
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                    lambda children: st.lists(children, max_size=4)
                    | st.dictionaries(st.text(max_size=10), children, max_size=4),
                    max_leaves=20))
def test_a_tampered_login_attempts_file_is_ignored_not_trusted(tmp_path_factory, document):
    path = tmp_path_factory.mktemp("attempts") / "login-attempts.json"
    path.write_text(json.dumps({"users": {"admin": document}, "pending_events": document}))
    attempts = LoginAttempts(path)
    now = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    attempts.locked_until("admin", now)
    attempts.record_failure("admin", now, known_user=True)
    assert all(isinstance(e, dict) for e in attempts.pending_events())


@FUZZ
@given(st.binary(max_size=200))
def test_preferences_of_any_shape_are_read_as_nothing(tmp_path_factory, data):
    folder = DataDir(tmp_path_factory.mktemp("prefs"))
    folder.preferences_file.write_bytes(data)
    assert isinstance(folder.read_preferences(), dict)
