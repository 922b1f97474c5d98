"""Live refresh between PCs: every change to a record says so on one channel, with the
table's name and the record's id only (never what the record says).

`install` puts one trigger function and a trigger per table on the server (the owner
runs it with the grants, storage/pg_schema.py).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

CHANNEL = "rumah_aman_changes"
# Tables whose changes no screen shows, or that would only repeat another's notice.
QUIET_TABLES = frozenset({"alembic_version", "audit_events", "person_search",
                          "portable_slots", "sealed_role_keys", "public_keys"})

TRIGGER_FUNCTION = f"""
CREATE OR REPLACE FUNCTION ra_notify_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_row jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        'table', TG_TABLE_NAME, 'id', coalesce(v_row ->> 'id', ''), 'op', lower(TG_OP)
    )::text);
    RETURN NULL;
END $$;
"""


def install(connection: Connection) -> None:
    from shelter_app.storage.pg_schema import run_block

    run_block(connection, TRIGGER_FUNCTION)
    tables = connection.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars()
    for table in tables:
        if table in QUIET_TABLES:
            continue
        connection.exec_driver_sql(f'DROP TRIGGER IF EXISTS ra_notify ON "{table}"')
        connection.exec_driver_sql(
            f'CREATE TRIGGER ra_notify AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION ra_notify_change()")
