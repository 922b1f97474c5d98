"""Creating a shelter: the master key, the first administrator and the recovery key."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from shelter_app.domain.clock import Clock, utc_now
from shelter_app.domain.errors import StorageError
from shelter_app.domain.models import User
from shelter_app.domain.roles import Permission, Role
from shelter_app.i18n import _
from shelter_app.services.administration import portable_slots
from shelter_app.services.administration.auth import open_database, secret_bytes
from shelter_app.services.shared import audit, role_keys, validation
from shelter_app.services.shared.settings import SettingKey, write_initial_settings
from shelter_app.services.shared.workspace import CurrentUser, Workspace
from shelter_app.storage import device, kdf, recovery_key, sealed
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.keyfile import RECOVERY_SLOT, KeyFile, new_master_key, user_slot_id


@dataclass
class SetupResult:
    recovery_key: str
    device_bound: bool
    workspace: Workspace


def create_shelter(root: Path, *, shelter_name: str, time_zone: str, admin_username: str,
                   admin_password: str, demo: bool = False, clock: Clock = utc_now,
                   kdf_params: kdf.KdfParams | None = None) -> SetupResult:
    """`kdf_params` skips the calibration (a throwaway shelter: the self-test's)."""
    shelter_name = validation.shelter_name(shelter_name)
    time_zone = validation.time_zone(time_zone)
    admin_username = validation.username(admin_username)
    validation.password(admin_password, demo=demo)
    data_dir = DataDir(Path(root))
    data_dir.ensure_writable()
    if data_dir.is_set_up() or data_dir.database.exists():
        raise StorageError(_("A shelter is already set up in this data folder."))

    key_file = KeyFile.create(data_dir.key_file, kdf_params or kdf.calibrate(), demo=demo)
    master_key = new_master_key()
    device_secret = device.ensure_device_secret(key_file.installation_id)
    admin_private, recovery_private = sealed.new_private_key(), sealed.new_private_key()
    key_file.set_slot(user_slot_id(admin_username), secret_bytes(admin_password), master_key,
                      device_secret, admin_private)
    recovery = recovery_key.generate()
    key_file.set_slot(RECOVERY_SLOT, secret_bytes(recovery), master_key, None,
                      recovery_private)

    engine = None
    try:
        engine = open_database(data_dir, master_key)
        workspace = Workspace(data_dir, key_file, engine, master_key,
                              CurrentUser(admin_username, Role.ADMIN), clock)
        first_records(workspace, shelter_name, time_zone, admin_password, admin_private,
                      recovery_private)
        key_file.save()
        data_dir.tighten()  # the database file was made with the umask's mode
        from shelter_app.services.provisions.catalog import seed_default_catalog

        seed_default_catalog(workspace)
    except BaseException:
        if engine is not None:
            engine.dispose()
        _remove_half_made(data_dir)
        raise
    return SetupResult(recovery, device_secret is not None, workspace)


def first_records(workspace: Workspace, shelter_name: str, time_zone: str,
                  admin_password: str, admin_private: bytes, recovery_private: bytes) -> None:
    """The audit chain's start, the settings, the first administrator and the managers'
    key, in one transaction: in a new file or on a new server alike."""
    clock, admin_username = workspace.clock, workspace.user.username
    with workspace.session() as session:
        audit.start_chain(session)
        write_initial_settings(session, {
            SettingKey.SHELTER_NAME: shelter_name, SettingKey.TIME_ZONE: time_zone})
        session.add(User(username=admin_username, role=Role.ADMIN.value, display_name="",
                         disabled=False, created_at=clock()))
        session.flush()
        workspace.audit(session, audit.Action.SET_UP, "shelter", "")
        workspace.audit(session, audit.Action.USER_ADD, "user", admin_username)
        portable_slots.remember(session, workspace.key_file, admin_username, admin_password,
                                workspace.master_key, admin_private)
        # The managers' key, for the administrator and the recovery key; the
        # counsellors' key is made by the first counsellor at their first login.
        role_keys.register_public_key(session, role_keys.RECOVERY,
                                      sealed.public_key_of(recovery_private), clock())
        workspace.hold_role_keys(role_keys.unlock(session, admin_username, Role.ADMIN,
                                                  admin_private, clock()))


def _remove_half_made(data_dir: DataDir) -> None:
    """Nothing saved half: a failed set-up leaves the folder as it found it."""
    for path in (data_dir.database, data_dir.database.with_name("shelter.db-wal"),
                 data_dir.database.with_name("shelter.db-shm"), data_dir.key_file):
        with contextlib.suppress(OSError):
            path.unlink()


def recovery_sheet(workspace: Workspace, recovery_key: str) -> bytes:
    """The recovery sheet as a PDF in memory, to print at once: only during set-up, while
    the key is still on screen. Printing it is audited (printing.record_printed)."""
    from shelter_app.reports.administration import recovery_sheet as sheet
    from shelter_app.services.shared.settings import get_settings

    workspace.require(Permission.MANAGE_SETTINGS)
    settings = get_settings(workspace)
    return sheet.render(settings.shelter_name, recovery_key,
                        workspace.clock().astimezone(ZoneInfo(settings.time_zone)).date())


def save_recovery_sheet(workspace: Workspace, path: Path, recovery_key: str) -> None:
    """Save the recovery sheet to print later (the file is the key: delete it after)."""
    from shelter_app.reports.administration import recovery_sheet as sheet
    from shelter_app.services.shared.settings import get_settings

    workspace.require(Permission.MANAGE_SETTINGS)
    settings = get_settings(workspace)
    sheet.save(path, settings.shelter_name, recovery_key,
               workspace.clock().astimezone(ZoneInfo(settings.time_zone)).date())
    with workspace.session() as session:
        workspace.audit(session, audit.Action.PRINT, "recovery_sheet", "")
