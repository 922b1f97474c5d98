"""Logging in to an up-to-date database never loads Alembic (22 MB on a 4 GB PC), so the
head the app knows by heart must be Alembic's own."""

import os
import subprocess
import sys
import textwrap

from shelter_app.storage import kdf, migrate


def test_the_schema_head_the_app_knows_is_alembics_head():
    assert migrate.SCHEMA_HEAD == migrate.head_revision(), (
        "a new migration in db/versions: raise SCHEMA_HEAD in shelter_app/storage/migrate.py")


def test_a_new_database_is_at_the_head(admin):
    assert migrate.current_revision(admin.engine) == migrate.SCHEMA_HEAD


def test_logging_in_to_an_up_to_date_database_loads_no_alembic(no_keyring, shelter, data_dir):
    script = textwrap.dedent(f"""
        import sys
        from shelter_app.services.administration import auth
        workspace = auth.login({str(data_dir)!r}, "admin", {"correct horse"!r})
        auth.logout(workspace)
        print("alembic" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True,
                         env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
                              kdf.FLOOR_ENVIRONMENT: os.environ[kdf.FLOOR_ENVIRONMENT]})
    assert out.stdout.strip() == "False"
