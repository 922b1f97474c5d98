"""Restore swaps the database and the key file with the same crash-safe journal as
rekey, and rekey works in a data folder whose path holds a quote (issue 13, finding 8)."""

import os

import pytest
from sqlalchemy import select

from shelter_app.domain.models import Person
from shelter_app.services.administration import auth, backup, rekey, setup
from shelter_app.services.administration.check import run_check
from tests.conftest import ADMIN_PASSWORD
from tests.safety.conftest import admit

PASSPHRASE = "a long backup passphrase"


def _names(workspace) -> set[str]:
    with workspace.reading() as session:
        return set(session.scalars(select(Person.full_name)))


def test_a_restore_stopped_between_its_renames_is_finished_at_the_next_start(
        filled, data_dir, tmp_path, clock, monkeypatch):
    made = backup.backup(filled, tmp_path, PASSPHRASE).path
    rekey.rekey(filled, ADMIN_PASSWORD)  # the backup's key is not today's
    admit(filled, "Sesudah Cadangan")
    filled.close_database()
    real_replace = os.replace

    def power_cut_before_the_key_file(source, target, *args, **kwargs):
        if os.path.basename(target) == "keys.json":
            raise SystemExit("the power went")
        return real_replace(source, target, *args, **kwargs)
    monkeypatch.setattr(os, "replace", power_cut_before_the_key_file)
    with pytest.raises(SystemExit):
        backup.restore(data_dir, made, passphrase=PASSPHRASE, clock=clock)
    monkeypatch.setattr(os, "replace", real_replace)
    workspace = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)  # the next start
    assert "Sesudah Cadangan" not in _names(workspace)
    assert workspace.notices == []
    assert all(finding.ok for finding in run_check(workspace))
    auth.logout(workspace)


def test_rekey_works_in_a_folder_whose_path_holds_a_quote(tmp_path, clock):
    folder = tmp_path / "Rumah O'Brien \"Aman\""
    result = setup.create_shelter(folder, shelter_name="Rumah Uji", time_zone="Asia/Jakarta",
                                  admin_username="admin", admin_password=ADMIN_PASSWORD,
                                  clock=clock)
    admit(result.workspace, "Dewi Lestari")
    assert rekey.rekey(result.workspace, ADMIN_PASSWORD).recovery_key
    auth.logout(result.workspace)
    workspace = auth.login(folder, "admin", ADMIN_PASSWORD, clock)
    assert "Dewi Lestari" in _names(workspace)
    auth.logout(workspace)
