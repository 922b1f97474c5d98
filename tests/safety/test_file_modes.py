"""Backups and the data folder are for this user's account only (issue 13, finding 8)."""

import stat

from shelter_app.services.administration import auth, backup
from shelter_app.storage.datadir import DataDir
from tests.conftest import ADMIN_PASSWORD


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_backup_is_written_readable_by_its_owner_only(admin, tmp_path):
    report = backup.backup(admin, tmp_path, None)
    assert report.path.name.endswith(".rabackup")
    assert mode(report.path) == 0o600


def test_a_too_open_data_folder_is_closed_at_the_next_start(shelter, data_dir, clock):
    layout = DataDir(data_dir)
    data_dir.chmod(0o755)
    for path in (layout.database, layout.key_file):
        path.chmod(0o644)
    layout.backups.mkdir(exist_ok=True)
    layout.backups.chmod(0o777)
    workspace = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    assert mode(data_dir) == 0o700
    assert mode(layout.database) == 0o600 and mode(layout.key_file) == 0o600
    assert mode(layout.backups) == 0o700
    auth.logout(workspace)

