import pytest
from sqlalchemy import text

from shelter_app.domain.errors import StorageError
from shelter_app.services.administration import auth, setup
from shelter_app.storage import migrate
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.engine import PLAIN_SQLITE_HEADER, open_engine
from shelter_app.storage.keyfile import new_master_key
from tests.conftest import ADMIN_PASSWORD

MARKER = "ZQXMARKER-Rumah-Rahasia"


def test_database_has_no_plain_header_and_no_readable_shelter_name(data_dir, clock):
    result = setup.create_shelter(data_dir, shelter_name=MARKER, time_zone="Asia/Jakarta",
                                  admin_username="admin", admin_password=ADMIN_PASSWORD,
                                  clock=clock)
    auth.logout(result.workspace)
    workspace = auth.login(data_dir, "admin", ADMIN_PASSWORD, clock)
    workspace.close_database()

    database = DataDir(data_dir).database
    assert database.read_bytes()[:16] != PLAIN_SQLITE_HEADER
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), path.name
            assert MARKER.encode("utf-16-le") not in path.read_bytes(), path.name


def test_data_files_are_private_to_the_user(shelter, data_dir):
    for name in ("shelter.db", "keys.json"):
        assert (data_dir / name).stat().st_mode & 0o077 == 0


def test_a_plain_sqlite_file_is_refused(tmp_path):
    import sqlite3

    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("create table t(x)").connection.commit()
    with pytest.raises(StorageError, match="not encrypted"):
        open_engine(plain, new_master_key())


def test_another_key_cannot_open_the_database(shelter, data_dir):
    with pytest.raises(StorageError, match="cannot be opened"):
        open_engine(DataDir(data_dir).database, new_master_key())


def test_migrations_from_an_empty_database_reach_the_models(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from shelter_app.domain.models import Base

    path = tmp_path / "empty.db"
    engine = open_engine(path, new_master_key())
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine, path, tmp_path / "backups")
    assert migrate.current_revision(engine) == migrate.head_revision()
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    # The FTS5 search index and its shadow tables are made by raw SQL, unknown to the models.
    differences = [d for d in differences
                   if not (d[0] == "remove_table" and d[1].name.startswith("person_search"))]
    assert differences == []


def test_a_database_from_a_newer_version_is_refused_and_left_alone(shelter, data_dir, admin):
    with admin.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'ffff-future'"))
    admin.close_database()
    before = DataDir(data_dir).database.read_bytes()
    with pytest.raises(StorageError, match="newer version"):
        auth.login(data_dir, "admin", ADMIN_PASSWORD)
    assert DataDir(data_dir).database.read_bytes() == before


def test_the_copy_kept_before_an_upgrade_opens_with_the_same_key(shelter, data_dir, admin):
    layout = DataDir(data_dir)
    kept = migrate._keep_copy(admin.engine, layout.database, layout.backups, "0001")
    copy_engine = open_engine(kept, bytearray(admin.master_key))
    with copy_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM users")).scalar() == 1
    copy_engine.dispose()
    assert open(kept, "rb").read(16) != PLAIN_SQLITE_HEADER
