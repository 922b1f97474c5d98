"""Every record of a shelter copied between the two kinds of database (one PC's SQLCipher
file and a shared PostgreSQL server), with a content hash per table computed the same
way on both sides: a copy is only called done when every table's hash matches.

The hash covers each row's values as the app reads them (SQLAlchemy's types, so a
boolean is a boolean and a time a UTC time on either side), in primary-key order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal

from sqlalchemy import column, func, select, table, text
from sqlalchemy.engine import Connection

from shelter_app.domain.models import Base

BATCH = 1000
# The search index is not a model (FTS5 in a file, a plain table on a server): copied as
# its columns.
SEARCH_INDEX = table("person_search", column("rowid"), column("visible"), column("full"),
                     column("sealed"))


def tables():
    """The models' tables, parents before children (foreign keys hold while copying)."""
    return [t for t in Base.metadata.sorted_tables if t.name != "alembic_version"]


def _plain(value):
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return value


def _rows(connection: Connection, source_table):
    if source_table is SEARCH_INDEX:
        query = select(SEARCH_INDEX).order_by(SEARCH_INDEX.c.rowid)
    else:
        query = select(source_table).order_by(*source_table.primary_key.columns)
    return connection.execute(query).mappings()


def content_hashes(connection: Connection) -> dict[str, tuple[int, str]]:
    """{table: (rows, sha256)} over every table and the search index."""
    found = {}
    for source_table in [*tables(), SEARCH_INDEX]:
        digest, count = hashlib.sha256(), 0
        for row in _rows(connection, source_table):
            digest.update(json.dumps([_plain(v) for v in row.values()],
                                     ensure_ascii=False).encode("utf-8"))
            count += 1
        found[source_table.name] = (count, digest.hexdigest())
    return found


def is_empty(connection: Connection) -> bool:
    return all(connection.execute(select(func.count()).select_from(t)).scalar() == 0
               for t in tables())


def copy_all(source: Connection, target: Connection) -> None:
    """Every row of every table, in the target's open transaction (all or nothing)."""
    for source_table in [*tables(), SEARCH_INDEX]:
        batch = []
        for row in _rows(source, source_table):
            batch.append(dict(row))
            if len(batch) >= BATCH:
                _insert(target, source_table, batch)
                batch = []
        if batch:
            _insert(target, source_table, batch)
    if target.dialect.name == "postgresql":
        _move_sequences_on(target)


def _insert(target: Connection, source_table, rows: list[dict]) -> None:
    if source_table is SEARCH_INDEX:
        target.execute(text('INSERT INTO person_search (rowid, visible, "full", sealed) '
                            "VALUES (:rowid, :visible, :full, :sealed)"), rows)
    else:
        target.execute(source_table.insert(), rows)


def _move_sequences_on(target: Connection) -> None:
    """Ids were copied as they were: each table's next id comes after the highest."""
    for copied in tables():
        key = [c for c in copied.primary_key.columns if c.autoincrement is not False
               and c.type.python_type is int] if len(copied.primary_key.columns) == 1 else []
        if not key:
            continue
        name = key[0].name
        target.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{copied.name}', '{name}'), "
            f"coalesce((SELECT max({name}) FROM {copied.name}), 0) + 1, false) "
            f"WHERE pg_get_serial_sequence('{copied.name}', '{name}') IS NOT NULL"))
