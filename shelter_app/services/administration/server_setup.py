"""Setting a shelter up on a shared server, and keeping its schema and grants current.

Run on the server by its owner (the cluster's own superuser, storage/pg_server.py): the
migrations, then what the database enforces (storage/pg_schema.py), then the same first
records as on one PC, with the first administrator's database login."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from shelter_app.domain.clock import Clock, utc_now
from shelter_app.domain.errors import StorageError
from shelter_app.domain.roles import Role
from shelter_app.i18n import _
from shelter_app.services.administration import portable_slots, server_login
from shelter_app.services.administration.auth import secret_bytes
from shelter_app.services.administration.setup import first_records
from shelter_app.services.shared import validation
from shelter_app.services.shared.workspace import CurrentUser, Workspace
from shelter_app.storage import kdf, pg_schema, recovery_key, sealed
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.keyfile import RECOVERY_SLOT, new_master_key
from shelter_app.storage.server_keys import KEY_STORE_SETTING, ServerKeyFile


def owner_engine(connect_kwargs: dict) -> Engine:
    import psycopg
    from sqlalchemy import create_engine

    return create_engine("postgresql+psycopg://", hide_parameters=True,
                         creator=lambda: psycopg.connect(**connect_kwargs))


def upgrade(engine: Engine, database: str) -> None:
    """The newest schema, then the grants over it (new tables get theirs too)."""
    from alembic import command

    from shelter_app.storage import migrate

    current = migrate.current_revision(engine)
    if current is not None and not migrate.is_known_revision(current):
        raise migrate.DatabaseTooNew(_("This database was made by a newer version of Rumah "
                                       "Aman. Install that version."))
    with engine.begin() as connection:
        if current != migrate.SCHEMA_HEAD:
            config = migrate._config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        pg_schema.apply(connection, database)


def is_set_up(engine: Engine) -> bool:
    with engine.connect() as connection:
        exists = connection.execute(text("SELECT to_regclass('settings')")).scalar()
        return exists is not None and connection.execute(
            text("SELECT 1 FROM settings WHERE key = :k"), {"k": KEY_STORE_SETTING}
        ).first() is not None


def create_server_shelter(engine: Engine, database: str, *, shelter_name: str,
                          time_zone: str, admin_username: str, admin_password: str,
                          demo: bool = False, clock: Clock = utc_now,
                          kdf_params: kdf.KdfParams | None = None,
                          workspace_dir: Path | None = None) -> tuple[str, Workspace]:
    """(the recovery key, a workspace as the first administrator on the owner's
    connection, for the demo's records). `workspace_dir`: any folder (nothing is
    written there); the workspace only needs to know it works on a server."""
    shelter_name = validation.shelter_name(shelter_name)
    time_zone = validation.time_zone(time_zone)
    admin_username = validation.username(admin_username)
    validation.password(admin_password, demo=demo)
    upgrade(engine, database)
    if is_set_up(engine):
        raise StorageError(_("A shelter is already set up in this server's database."))
    key_file = ServerKeyFile.create_header(kdf_params or kdf.calibrate(), demo)
    master_key = new_master_key()
    key_file.authenticate(master_key)
    admin_private, recovery_private = sealed.new_private_key(), sealed.new_private_key()
    recovery = recovery_key.generate()
    workspace = Workspace(DataDir(Path(workspace_dir or ".")), key_file, engine, master_key,
                          CurrentUser(admin_username, Role.ADMIN), clock, server=True)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO settings (key, value) VALUES (:k, :v)"),
                           {"k": KEY_STORE_SETTING, "v": key_file.header_json()})
    first_records(workspace, shelter_name, time_zone, admin_password, admin_private,
                  recovery_private)
    with workspace.session() as session:
        # the recovery key's slot: only the server's owner reads it (shelter-app server
        # reset-password, on the server, with the key)
        slot = key_file.make_slot(RECOVERY_SLOT, secret_bytes(recovery), master_key, None,
                                  recovery_private)
        portable_slots.put(session, RECOVERY_SLOT, slot)
        server_login.set_login(session, admin_username, admin_password, Role.ADMIN.value)
    from shelter_app.services.provisions.catalog import seed_default_catalog

    seed_default_catalog(workspace)
    return recovery, workspace
