"""Moving a one-PC shelter onto the shelter's new server, whole and checked.

On the server, `server init --empty` makes the database and its grants and a one-time
migration login (a random password, printed once). On the PC holding the shelter, an
administrator runs `migrate-to-server`: every table is copied in one transaction on the
server, each table's content hash is compared with the file's before it commits, the
users get their database logins, and the migration login is closed. The data folder then
becomes a workstation; the encrypted file stays beside it, moved into a dated folder.

Users keep their passwords and their access to sealed records: their key slots move
with the records (each wraps the same master key), and a user whose password was typed
at the migration gets a database login with it. Anyone else is given a new password by
an administrator afterwards (the key slot for their old one cannot make a login).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from shelter_app.domain.clock import Clock, utc_now
from shelter_app.domain.errors import InputError, StorageError
from shelter_app.domain.models import PortableSlot, User
from shelter_app.domain.roles import Permission
from shelter_app.i18n import _
from shelter_app.services.administration import auth, server_setup
from shelter_app.services.administration.portable_slots import all_slots
from shelter_app.services.shared import audit
from shelter_app.storage import pg_engine, table_copy
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.keyfile import RECOVERY_SLOT, WrongSecret, user_slot_id
from shelter_app.storage.pg_schema import run_block, scram_verifier
from shelter_app.storage.server_keys import KEY_STORE_SETTING, ServerKeyFile

MIGRATION_LOGIN = "rumah_aman_migrate"


def open_for_migration(owner: Engine, database: str) -> str:
    """On the server: the schema and grants, and the one-time migration login. Returns
    its password (printed once). Refused where a shelter is set up already."""
    server_setup.upgrade(owner, database)
    if server_setup.is_set_up(owner):
        raise StorageError(_("A shelter is already set up in this server's database."))
    password = secrets.token_urlsafe(24)
    with owner.begin() as connection:
        verifier = scram_verifier(connection, MIGRATION_LOGIN, password)
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                                    {"r": MIGRATION_LOGIN}).first()
        verb = "ALTER" if exists else "CREATE"
        # a verifier holds ':' (no bind parameter) and only base64 and '$' (no quote)
        run_block(connection, f"{verb} ROLE {MIGRATION_LOGIN} LOGIN SUPERUSER "
                              f"PASSWORD '{verifier}'")
    return password


@dataclass
class MigrationReport:
    tables: int
    rows: int
    logins: list[str] = field(default_factory=list)
    need_new_password: list[str] = field(default_factory=list)
    kept_at: Path | None = None


def _check_passwords(key_file, slots: dict, passwords: dict[str, str]) -> None:
    for username, password in passwords.items():
        slot = slots.get(user_slot_id(username))
        probe = ServerKeyFile(key_file.installation_id, key_file.demo,
                              key_file.default_kdf, {user_slot_id(username): slot} if slot
                              else {})
        try:
            probe.open_slot(user_slot_id(username), auth.secret_bytes(password), None)
        except WrongSecret:
            raise InputError(_("The password typed for {username} is wrong.").format(
                username=username)) from None


def migrate_to_server(root: Path, username: str, password: str, *, host: str, port: int,
                      ca_file: Path, migration_password: str,
                      passwords: dict[str, str] | None = None, database: str = "rumah_aman",
                      clock: Clock = utc_now) -> MigrationReport:
    """`passwords`: other users' passwords, typed by them at the migration (optional)."""
    data_dir = DataDir(Path(root))
    if data_dir.is_server():
        raise InputError(_("This data folder already works on a server."))
    passwords = dict(passwords or {})
    workspace = auth.login(root, username, password, clock)
    try:
        workspace.require(Permission.MANAGE_BACKUPS)
        passwords[workspace.user.username] = password
        profile = pg_engine.ServerProfile(host, port, database, Path(ca_file),
                                          pg_engine.ca_fingerprint(ca_file))
        pg_engine.probe(profile, Path(ca_file))
        server = pg_engine.open_server_engine(profile, MIGRATION_LOGIN, migration_password)
        try:
            report = _copy(workspace, server, passwords, clock)
        finally:
            server.dispose()
    finally:
        workspace.close_database()
    report.kept_at = _become_workstation(data_dir, profile, Path(ca_file).read_bytes(), clock)
    return report


def _copy(workspace, server: Engine, passwords: dict[str, str], clock: Clock) -> MigrationReport:
    from shelter_app.services.administration.server_login import check_schema

    check_schema(server)
    key_file = workspace.key_file
    with workspace.engine.connect() as source, server.begin() as target:
        if target.execute(text("SELECT 1 FROM settings WHERE key = :k"),
                          {"k": KEY_STORE_SETTING}).first() is not None \
                or not table_copy.is_empty(target):
            raise StorageError(_("The server's database is not empty: a shelter was set up "
                                 "or moved there already. Nothing was copied."))
        slots = all_slots(source.execute(select(PortableSlot.slot_id,
                                                PortableSlot.slot_json)).all())
        _check_passwords(key_file, slots, passwords)
        expected = table_copy.content_hashes(source)
        table_copy.copy_all(source, target)
        if table_copy.content_hashes(target) != expected:
            raise StorageError(_("The copy on the server does not hold the same records. "
                                 "Nothing was copied; the shelter on this PC is unchanged."))
        header = ServerKeyFile(key_file.installation_id, key_file.demo,
                               key_file.default_kdf, {})
        target.execute(text("INSERT INTO settings (key, value) VALUES (:k, :v)"),
                       {"k": KEY_STORE_SETTING, "v": header.header_json()})
        recovery = key_file.slots.get(RECOVERY_SLOT)
        if recovery is not None:
            target.execute(text("SELECT ra_put_slot(:id, :body)"),
                           {"id": RECOVERY_SLOT, "body": json.dumps(recovery.to_json())})
        report = MigrationReport(len(expected), sum(rows for rows, _h in expected.values()))
        users = target.execute(select(User.username, User.role, User.disabled)
                               .order_by(User.username)).all()
        for name, role, disabled in users:
            typed = passwords.get(name)
            can_open = typed is not None and user_slot_id(name) in slots
            secret = typed if can_open else secrets.token_urlsafe(24)
            target.execute(text("SELECT ra_create_login(:u, :v, :r)"),
                           {"u": name, "v": scram_verifier(target, name, secret), "r": role})
            if disabled:
                target.execute(text("SELECT ra_enable_login(:u, false)"), {"u": name})
            elif can_open:
                report.logins.append(name)
            else:
                report.need_new_password.append(name)
        target.execute(text("SELECT ra_audit_append(:at, :u, :r, :a, 'shelter', '')"),
                       {"at": clock().astimezone(dt.UTC).replace(tzinfo=None),
                        "u": workspace.user.username, "r": workspace.user.role.value,
                        "a": audit.Action.MOVED_TO_SERVER.value})
        # the planner's statistics for the new rows (the search would guess without them)
        target.execute(text("ANALYZE"))
        # the one-time login closes with the copy: nobody can use it again
        target.execute(text(f"ALTER ROLE {MIGRATION_LOGIN} NOLOGIN PASSWORD NULL"))
    return report


def _become_workstation(data_dir: DataDir, profile: pg_engine.ServerProfile, ca_pem: bytes,
                        clock: Clock) -> Path:
    """The file, its key file and anchor go into a dated folder (kept, encrypted, as they
    were); the folder then holds the server's address and certificate."""
    kept = data_dir.root / f"moved-to-server-{clock().strftime('%Y%m%dT%H%M%S')}"
    kept.mkdir(mode=0o700)
    for name in ("shelter.db", "shelter.db-wal", "shelter.db-shm", "keys.json",
                 "audit-anchor.json"):
        source = data_dir.root / name
        if source.exists():
            shutil.move(str(source), str(kept / name))
    local = pg_engine.ServerProfile(profile.host, profile.port, profile.database,
                                    data_dir.root / pg_engine.CA_FILE, profile.ca_fingerprint)
    local.save(data_dir.root, ca_pem)
    return kept
