"""What the server's database enforces itself, whoever connects: roles, grants, row-level
security, and the functions through which the audit log and the logins change.

Run by the server's owner after every migration (`apply`, idempotent). The grants come
from domain/roles.py: each app role is a group role (`ra_<role>`), each app user a login
role of the same name in its group. What the services keep from a role, the database
keeps from it too, where it matters for people's safety:

- counselling notes and assessment texts: only roles with SESSION_NOTES / CASE_WORK read
  those columns (they are sealed under the counsellors' key anyway), and administrators,
  who back everything up and hold no counsellors' key;
- a hidden person's sealed identity and the search index's real names and blind tokens:
  only roles with VIEW_HIDDEN_IDENTITY;
- the user table: an administrator sees every account; others their own, the
  counsellors' (whom sessions are booked with) and, for managers, the managers';
- key slots: each login reads only its own (row-level security; administrators all, for
  the backup: each opens only with its own password) and changes it through a
  checked function; an administrator writes a new user's slot (the copies of role keys
  need no such rule: each is sealed to its holder's public key);
- the audit log: nobody inserts, changes or deletes rows; `ra_audit_append` adds an
  event, as the connected user, under one advisory lock, so concurrent writers make one
  chain. Only VIEW_AUDIT roles read it;
- logins: only administrators create, disable and reset them, through functions that
  accept a SCRAM verifier (the password itself never reaches the server).

Workstations hold no shared password: every connection is a person's own login.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from shelter_app.domain.roles import Permission, Role, may

AUDIT_LOCK = 74_201  # the advisory lock of the audit chain (any number, the same everywhere)


def group_of(role: Role) -> str:
    return f"ra_{role.value}"


# Columns a role reads only with the permission named.
SECRET_COLUMNS: dict[str, dict[str, Permission]] = {
    "counselling_sessions": {"notes": Permission.SESSION_NOTES},
    "assessments": {name: Permission.CASE_WORK
                    for name in ("problems", "needs_json", "root_cause", "priorities")},
    "persons": {name: Permission.VIEW_HIDDEN_IDENTITY
                for name in ("sealed_full_name", "sealed_alias", "sealed_nik")},
    # the stored words of each column are as secret as the column
    "person_search": {name: Permission.VIEW_HIDDEN_IDENTITY
                      for name in ("full", "sealed", "full_words", "sealed_words")},
}
# Rows the services delete (all others are only added and changed), and who may.
DELETABLE: dict[str, Permission | None] = {
    "contacts": Permission.EDIT_RESIDENTS, "beds": Permission.MANAGE_ROOMS,
    "identity_checks": Permission.VIEW_HIDDEN_IDENTITY,
    "provisions": Permission.RECORD_PROVISIONS, "provision_days": Permission.RECORD_PROVISIONS,
    "session_counsellors": Permission.BOOK_SESSIONS,
    "session_participants": Permission.BOOK_SESSIONS,
    "conference_cases": Permission.CASE_WORK, "referral_events": Permission.REFER,
    "person_search": Permission.EDIT_RESIDENTS,  # a record's words, replaced on each save
    "incident_persons": Permission.EDIT_RESIDENTS,  # who was involved, as edited
    "course_participants": Permission.CASE_WORK,  # put in a course by mistake
    "sealed_role_keys": None,  # row-level security decides
}
# Settings others' work writes (every other setting is the administrators'), and whose:
# the notices for administrators and the failed-login file's name (any login), that old
# notes were sealed (the first counsellor), the managers' sealed notices.
SHARED_SETTINGS = {"admin_notices": None, "login_attempts_generation": None,
                   "counselling_sealed": Role.COUNSELLOR, "protected_notices": Role.MANAGER}
AUDIT_READERS = Permission.VIEW_AUDIT
BACKUP_READERS = Permission.MANAGE_BACKUPS
NO_WRITES = ("audit_events", "alembic_version")


def _tables(connection: Connection) -> list[str]:
    return list(connection.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    )).scalars())


def _columns(connection: Connection, table: str) -> list[str]:
    return list(connection.execute(text(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND table_name = :t ORDER BY ordinal_position"), {"t": table}).scalars())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def grant_statements(connection: Connection, database: str) -> list[str]:
    tables = _tables(connection)
    groups = [group_of(role) for role in Role]
    everyone = ", ".join(groups)
    statements = [
        f"REVOKE ALL ON DATABASE {_quote(database)} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {_quote(database)} TO {everyone}",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {everyone}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {everyone}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {everyone}",
    ]
    for role in Role:
        group = group_of(role)
        for table in tables:
            if table == "alembic_version":
                statements.append(f"GRANT SELECT ON alembic_version TO {group}")
                continue
            if table == "audit_events":
                if may(role, AUDIT_READERS):
                    statements.append(f"GRANT SELECT ON audit_events TO {group}")
                continue
            statements.append(f"GRANT INSERT, UPDATE ON {table} TO {group}")
            if table in DELETABLE and (DELETABLE[table] is None
                                       or may(role, DELETABLE[table])):
                statements.append(f"GRANT DELETE ON {table} TO {group}")
            secret = SECRET_COLUMNS.get(table, {})
            # an administrator backs everything up: what they may not read is sealed
            hidden = {name for name, permission in secret.items()
                      if not may(role, permission) and not may(role, BACKUP_READERS)}
            if not hidden:
                statements.append(f"GRANT SELECT ON {table} TO {group}")
            else:
                visible = [_quote(c) for c in _columns(connection, table) if c not in hidden]
                statements.append(f"GRANT SELECT ({', '.join(visible)}) ON {table} TO {group}")
    return statements


_ADMIN = group_of(Role.ADMIN)
_MANAGER = group_of(Role.MANAGER)

_shared_settings = " OR ".join(
    f"key = '{key}'" + (f" AND pg_has_role(session_user, '{group_of(role)}', 'MEMBER')"
                        if role is not None else "")
    for key, role in SHARED_SETTINGS.items())
ROW_SECURITY = f"""
ALTER TABLE portable_slots ENABLE ROW LEVEL SECURITY;
ALTER TABLE portable_slots FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_slot ON portable_slots;
CREATE POLICY own_slot ON portable_slots FOR SELECT USING (slot_id = 'user:' || session_user);
-- a backup carries every slot (each opens only with its own password or the recovery key)
DROP POLICY IF EXISTS backup_reads_slots ON portable_slots;
CREATE POLICY backup_reads_slots ON portable_slots FOR SELECT TO {_ADMIN} USING (true);
REVOKE INSERT, UPDATE, DELETE ON portable_slots FROM ra_admin, ra_manager, ra_staff, ra_counsellor;

-- who holds which role key is no secret (each copy is sealed to its holder's public
-- key); only the key's own members (and administrators) add, change or drop copies
ALTER TABLE sealed_role_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE sealed_role_keys FORCE ROW LEVEL SECURITY;
ALTER TABLE role_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE role_keys FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS read_copies ON sealed_role_keys;
CREATE POLICY read_copies ON sealed_role_keys FOR SELECT USING (true);
DROP POLICY IF EXISTS members_write_copies ON sealed_role_keys;
CREATE POLICY members_write_copies ON sealed_role_keys FOR ALL
    USING (ra_holds_role_key(role_key)) WITH CHECK (ra_holds_role_key(role_key));
DROP POLICY IF EXISTS read_keys ON role_keys;
CREATE POLICY read_keys ON role_keys FOR SELECT USING (true);
DROP POLICY IF EXISTS members_write_keys ON role_keys;
CREATE POLICY members_write_keys ON role_keys FOR ALL
    USING (ra_holds_role_key(name)) WITH CHECK (ra_holds_role_key(name));

-- a public key is registered by its holder, or by an administrator (a new user's)
ALTER TABLE public_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE public_keys FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS read_public_keys ON public_keys;
CREATE POLICY read_public_keys ON public_keys FOR SELECT USING (true);
DROP POLICY IF EXISTS own_public_key ON public_keys;
CREATE POLICY own_public_key ON public_keys FOR ALL
    USING (holder = session_user OR pg_has_role(session_user, '{_ADMIN}', 'MEMBER'))
    WITH CHECK (holder = session_user OR pg_has_role(session_user, '{_ADMIN}', 'MEMBER'));

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS see_users ON users;
CREATE POLICY see_users ON users FOR SELECT USING (
    username = session_user OR role = 'counsellor'
    OR pg_has_role(session_user, '{_ADMIN}', 'MEMBER')
    OR (pg_has_role(session_user, '{_MANAGER}', 'MEMBER') AND role IN ('manager', 'admin')));
DROP POLICY IF EXISTS admin_writes_users ON users;
CREATE POLICY admin_writes_users ON users FOR ALL TO {_ADMIN} USING (true) WITH CHECK (true);

ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE settings FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS read_settings ON settings;
CREATE POLICY read_settings ON settings FOR SELECT USING (true);
DROP POLICY IF EXISTS write_settings ON settings;
CREATE POLICY write_settings ON settings FOR ALL
    USING (key NOT IN ('audit_head', 'key_store') AND (
        pg_has_role(session_user, '{_ADMIN}', 'MEMBER') OR {_shared_settings}))
    WITH CHECK (key NOT IN ('audit_head', 'key_store') AND (
        pg_has_role(session_user, '{_ADMIN}', 'MEMBER') OR {_shared_settings}));
"""

# The hash is the one domain/audit_chain.py makes: sha256 of the compact JSON array
# [prev, at, user, role, action, entity, entity_id] (to_json escapes as Python's json does).
AUDIT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION ra_audit_append(p_at timestamp, p_username text, p_role text,
        p_action text, p_entity text, p_entity_id text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_head text;
    v_hash text;
    v_user text := session_user;
    v_role text;
BEGIN
    PERFORM pg_advisory_xact_lock({AUDIT_LOCK});
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        v_user := p_username;  -- the owner, at set-up: it writes for the first admin
        v_role := p_role;
    ELSE
        -- failed logins, counted on the PC where they were typed, are written by the
        -- next login there: only those may name another user
        IF p_username <> session_user AND p_action NOT IN
                ('login_failed', 'account_locked', 'attempts_reset') THEN
            RAISE EXCEPTION 'audit events are written as the connected user only';
        END IF;
        IF p_username = session_user THEN
            SELECT role INTO v_role FROM users WHERE username = session_user;
        END IF;
        v_user := p_username;
        v_role := coalesce(v_role, p_role);
    END IF;
    SELECT value INTO v_head FROM settings WHERE key = 'audit_head' FOR UPDATE;
    IF v_head IS NULL THEN
        RAISE EXCEPTION 'the audit log is missing its start';
    END IF;
    v_hash := encode(sha256(convert_to('[' || to_json(v_head)::text || ','
        || to_json(to_char(p_at, 'YYYY-MM-DD"T"HH24:MI:SS.US'))::text || ','
        || to_json(v_user)::text || ',' || to_json(v_role)::text || ','
        || to_json(p_action)::text || ',' || to_json(p_entity)::text || ','
        || to_json(p_entity_id)::text || ']', 'UTF8')), 'hex');
    INSERT INTO audit_events (at, username, role, action, entity, entity_id, prev_hash, hash)
        VALUES (p_at, v_user, v_role, p_action, p_entity, p_entity_id, v_head, v_hash);
    UPDATE settings SET value = v_hash WHERE key = 'audit_head';
END $$;
REVOKE ALL ON FUNCTION ra_audit_append(timestamp, text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ra_audit_append(timestamp, text, text, text, text, text)
    TO {", ".join(group_of(r) for r in Role)};
"""

LOGIN_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION ra_holds_role_key(p_name text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT pg_has_role(session_user, '{_ADMIN}', 'MEMBER')
        OR (p_name = 'counsellors' AND pg_has_role(session_user, 'ra_counsellor', 'MEMBER'))
        OR (p_name = 'managers' AND pg_has_role(session_user, '{_MANAGER}', 'MEMBER'))
$$;

CREATE OR REPLACE FUNCTION ra_create_login(p_username text, p_verifier text, p_role text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_role NOT IN ('admin', 'manager', 'staff', 'counsellor') THEN
        RAISE EXCEPTION 'unknown role';
    END IF;
    IF p_username !~ '^[a-z0-9._-]{{1,32}}$' OR p_username LIKE 'ra\\_%'
            OR p_username LIKE 'pg\\_%' THEN
        RAISE EXCEPTION 'not a user name';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_username) THEN
        IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = p_username) THEN
            RAISE EXCEPTION 'not a user name';
        END IF;
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', p_username, p_verifier);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_username, p_verifier);
    END IF;
    EXECUTE format('REVOKE ra_admin, ra_manager, ra_staff, ra_counsellor FROM %I',
                   p_username);
    EXECUTE format('GRANT %I TO %I', 'ra_' || p_role, p_username);
END $$;

CREATE OR REPLACE FUNCTION ra_set_login_password(p_username text, p_verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_username <> session_user AND NOT pg_has_role(session_user, '{_ADMIN}', 'MEMBER')
            AND (SELECT NOT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RAISE EXCEPTION 'permission denied';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM users WHERE username = p_username) THEN
        RAISE EXCEPTION 'no such user';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', p_username, p_verifier);
END $$;

CREATE OR REPLACE FUNCTION ra_enable_login(p_username text, p_enabled boolean)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM users WHERE username = p_username) THEN
        RAISE EXCEPTION 'no such user';
    END IF;
    IF p_enabled THEN
        EXECUTE format('ALTER ROLE %I LOGIN', p_username);
    ELSE
        EXECUTE format('ALTER ROLE %I NOLOGIN', p_username);
    END IF;
END $$;
CREATE OR REPLACE FUNCTION ra_put_slot(p_slot_id text, p_body text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_slot_id <> 'user:' || session_user
            AND NOT pg_has_role(session_user, '{_ADMIN}', 'MEMBER')
            AND (SELECT NOT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RAISE EXCEPTION 'permission denied';
    END IF;
    INSERT INTO portable_slots (slot_id, slot_json) VALUES (p_slot_id, p_body)
        ON CONFLICT (slot_id) DO UPDATE SET slot_json = EXCLUDED.slot_json;
END $$;

CREATE OR REPLACE FUNCTION ra_drop_slot(p_slot_id text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT pg_has_role(session_user, '{_ADMIN}', 'MEMBER')
            AND (SELECT NOT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RAISE EXCEPTION 'permission denied';
    END IF;
    DELETE FROM portable_slots WHERE slot_id = p_slot_id;
END $$;
REVOKE ALL ON FUNCTION ra_put_slot(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION ra_drop_slot(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ra_put_slot(text, text) TO {", ".join(group_of(r) for r in Role)};
GRANT EXECUTE ON FUNCTION ra_drop_slot(text) TO {_ADMIN};
REVOKE ALL ON FUNCTION ra_create_login(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION ra_enable_login(text, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION ra_set_login_password(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ra_create_login(text, text, text) TO {_ADMIN};
GRANT EXECUTE ON FUNCTION ra_enable_login(text, boolean) TO {_ADMIN};
GRANT EXECUTE ON FUNCTION ra_set_login_password(text, text)
    TO {", ".join(group_of(r) for r in Role)};
"""


def create_groups(connection: Connection) -> None:
    for role in Role:
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                                    {"r": group_of(role)}).first()
        if exists is None:
            connection.execute(text(f"CREATE ROLE {group_of(role)} NOLOGIN"))


def apply(connection: Connection, database: str) -> None:
    """Everything above, on the owner's connection, after the migrations (idempotent)."""
    create_groups(connection)
    for statement in grant_statements(connection, database):
        connection.execute(text(statement))
    for block in (LOGIN_FUNCTIONS, ROW_SECURITY, AUDIT_FUNCTION):
        run_block(connection, block)
    from shelter_app.storage import pg_notify

    pg_notify.install(connection)


def run_block(connection: Connection, sql: str) -> None:
    """Several statements at once, on the driver's cursor (no parameters: a `%` in a
    function body is no placeholder), in the connection's transaction."""
    with connection.connection.dbapi_connection.cursor() as cursor:
        cursor.execute(sql)


def scram_verifier(connection: Connection, username: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier libpq makes on this PC: only it goes to the server."""
    pgconn = connection.connection.dbapi_connection.pgconn
    return pgconn.encrypt_password(password.encode("utf-8"), username.encode("utf-8"),
                                   b"scram-sha-256").decode("ascii")

