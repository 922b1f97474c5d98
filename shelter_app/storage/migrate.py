"""Bring the database to the newest schema at start-up, keeping a copy first.

Alembic is loaded only when there is something to do: a login to an up-to-date database
compares the stored revision with SCHEMA_HEAD and goes on. Alembic and its script
directory cost 22 MB of memory on a PC that may have 4 GB; a test keeps SCHEMA_HEAD
equal to Alembic's own head.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from shelter_app.domain.errors import StorageError, storage_fault
from shelter_app.i18n import _
from shelter_app.paths import migrations_dir
from shelter_app.storage.engine import for_reading, without_transaction

if TYPE_CHECKING:
    from alembic.config import Config

SCHEMA_HEAD = "0015"  # the newest file in db/versions: raise it with every new migration


class DatabaseTooNew(StorageError):
    pass


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: a new, empty database)."""
    with for_reading(engine).connect() as connection:
        if engine.dialect.name == "postgresql":
            if connection.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None:
                return None
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError:  # no such table yet (SQLite)
            return None


def upgrade(engine: Engine, db_path: Path, backups_dir: Path) -> str | None:
    """Upgrade to head. Returns the path of the copy kept beforehand, if one was needed."""
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    config = _config()
    scripts = ScriptDirectory.from_config(config)
    if current is not None:
        try:
            scripts.get_revision(current)
        except CommandError:
            raise DatabaseTooNew(
                _("This database was made by a newer version of Rumah Aman. Install that version.")
            ) from None
    kept = None
    if current is not None:
        kept = _keep_copy(engine, db_path, backups_dir, current)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return kept


def _keep_copy(engine: Engine, db_path: Path, backups_dir: Path, revision: str) -> str:
    with without_transaction(engine).connect() as connection:  # a checkpoint runs alone
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir / f"before-upgrade-{revision}-{stamp}.db"
    try:
        backups_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copy2(db_path, target)  # still encrypted with the same master key
    except OSError as error:
        with contextlib.suppress(OSError):
            target.unlink()  # no half copy left to be mistaken for a whole one
        raise storage_fault(error, records=True) or error from None
    return str(target)


def is_known_revision(revision: str) -> bool:
    """Whether this version of the app has the migration `revision` (older or same)."""
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic's several "no such revision" errors
        return False
