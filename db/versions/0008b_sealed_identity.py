"""A hidden person's real identity sealed under the managers' key (issue 13): sealed
columns for the full name, alias and NIK; the admissions to compare with protected
records; and the search index rebuilt so that no real name of a hidden person is in it
(its new `sealed` column holds the managers' blind tokens).

A migration holds only the database key, not the managers' key: a record hidden before
this version keeps its real identity in the plaintext columns until a manager or an
administrator next logs in, when it is sealed (services/residents/protected.py).

Revision ID: 0008b
Revises: 0008
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from shelter_app.storage import search_index

revision = "0008b"
down_revision = "0008"
branch_labels = None
depends_on = None

_VISIBLE = ("lower(case_number || ' ' || CASE WHEN hidden_identity THEN pseudonym "
            "ELSE full_name || ' ' || alias END)")
_FULL = ("lower(case_number || ' ' || CASE WHEN hidden_identity THEN pseudonym "
         "ELSE full_name || ' ' || alias || ' ' || pseudonym || ' ' || coalesce(nik, '') END)")


def upgrade() -> None:
    with op.batch_alter_table("persons") as batch:
        for name in ("sealed_full_name", "sealed_alias", "sealed_nik"):
            batch.add_column(sa.Column(name, sa.LargeBinary(), nullable=True))
    op.create_table(
        "identity_checks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False),
    )
    op.create_index("ix_identity_checks_person_id", "identity_checks", ["person_id"])
    op.execute("DROP TABLE person_search")
    for statement in search_index.create_statements(op.get_bind().dialect.name):
        op.execute(statement)
    op.execute(f'INSERT INTO person_search (rowid, visible, "full", sealed) '
               f"SELECT id, {_VISIBLE}, {_FULL}, '' FROM persons")


def downgrade() -> None:
    op.execute("DROP TABLE person_search")
    op.execute("CREATE VIRTUAL TABLE person_search USING fts5("
               "visible, full, tokenize='unicode61', prefix='1 2 3')")
    op.execute(f"INSERT INTO person_search (rowid, visible, full) "
               f"SELECT id, {_VISIBLE}, {_FULL} FROM persons")
    op.drop_index("ix_identity_checks_person_id", "identity_checks")
    op.drop_table("identity_checks")
    # A sealed identity cannot be opened here (no managers' key): it is lost. In place
    # (SQLite >= 3.35), since copying `persons` would break the stays' foreign keys.
    for name in ("sealed_full_name", "sealed_alias", "sealed_nik"):
        op.execute(f"ALTER TABLE persons DROP COLUMN {name}")
