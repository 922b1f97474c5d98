"""The database's "in use" lock between processes: shared by every window that has the
database open, exclusive for the one that replaces it, gone with a process however it
ends (SIGKILL included)."""

import subprocess
import sys

import pytest

from shelter_app.domain.errors import StorageError
from shelter_app.services.administration import auth
from shelter_app.storage import in_use
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.in_use import EXCLUSIVE, SHARED, InUse, OpenElsewhere, SwapUnderway
from tests.conftest import ADMIN_PASSWORD

HOLDER = ("import sys\n"
          "from shelter_app.storage.in_use import InUse\n"
          "claim = getattr(InUse, sys.argv[2])(sys.argv[1])\n"
          "print('held', flush=True)\n"
          "sys.stdin.readline()\n")


@pytest.fixture
def database(tmp_path):
    return tmp_path / "shelter.db"


def _holder(database, kind: str) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(database), kind],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def _kill(holder: subprocess.Popen) -> None:
    holder.kill()  # SIGKILL: the process releases nothing itself
    holder.wait(30)


def test_a_process_that_has_it_open_keeps_others_from_replacing_it_until_killed(database):
    holder = _holder(database, "shared")
    try:
        with pytest.raises(OpenElsewhere):
            InUse.exclusive(database)
        InUse.shared(database, wait=0).release()  # opening beside it is fine
    finally:
        _kill(holder)
    InUse.exclusive(database).release()


def test_a_process_replacing_it_keeps_others_out_until_killed(database):
    holder = _holder(database, "exclusive")
    try:
        with pytest.raises(SwapUnderway, match="Wait until it has finished"):
            InUse.shared(database, wait=0.2)
        with pytest.raises(OpenElsewhere):
            InUse.exclusive(database)
    finally:
        _kill(holder)
    InUse.shared(database, wait=0).release()


def test_a_refused_change_to_exclusive_keeps_the_claim_shared(database):
    mine, other = InUse.shared(database), InUse.shared(database)
    with pytest.raises(OpenElsewhere):
        mine.make_exclusive()
    assert mine.kind == SHARED
    other.release()
    with pytest.raises(OpenElsewhere):  # still held by `mine`
        InUse.exclusive(database)
    mine.make_exclusive()
    assert mine.kind == EXCLUSIVE
    with pytest.raises(SwapUnderway):
        InUse.shared(database, wait=0)
    mine.make_shared()
    InUse.shared(database, wait=0).release()
    mine.release()
    InUse.exclusive(database).release()


def test_a_login_while_another_window_replaces_the_database_says_so(shelter, data_dir, clock,
                                                                     monkeypatch):
    monkeypatch.setattr(in_use, "OPEN_WAIT_S", 0.2)
    swapping = InUse.exclusive(DataDir(data_dir).database)
    try:
        with pytest.raises(StorageError, match="restoring a backup") as refused:
            auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
        assert not refused.value.offers_restore
    finally:
        swapping.release()
    auth.logout(auth.login(data_dir, "admin", ADMIN_PASSWORD, clock))
