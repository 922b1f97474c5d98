"""Residents and cases, family and contacts, case stages, rooms, beds and the search index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_TEXT_COLUMNS = {  # persons: name -> length, all NOT NULL with an empty default
    "alias": 200, "pseudonym": 60, "languages": 200, "province": 8, "regency": 120,
    "disability": 200, "modus": 200, "exploitation_types": 400, "control_methods": 600,
    "recruitment_methods": 400, "exploitation_country": 2, "exploitation_place": 200,
    "police_report_number": 80, "consent_services_witness": 120,
    "consent_sharing_witness": 120,
}


def _text(name: str, length: int, default: str = "") -> sa.Column:
    return sa.Column(name, sa.String(length), nullable=False, server_default=default)


def _flag(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())


def upgrade() -> None:
    with op.batch_alter_table("persons") as batch:
        for name, length in _TEXT_COLUMNS.items():
            batch.add_column(_text(name, length))
        batch.add_column(_flag("hidden_identity"))
        batch.add_column(sa.Column("nik", sa.String(16), nullable=True))
        batch.add_column(_text("nationality", 2, "ID"))
        batch.add_column(_text("education", 16, "unknown"))
        batch.add_column(_text("marital_status", 16, "unknown"))
        batch.add_column(sa.Column("children", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(_flag("pregnant"))
        batch.add_column(_flag("lpsk_protection"))
        batch.add_column(sa.Column("consent_services_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("consent_sharing_on", sa.Date(), nullable=True))
        batch.add_column(_text("risk_level", 8, "medium"))
        batch.add_column(_text("stage", 1, "1"))
        batch.create_index("ix_persons_sex", ["sex"])
        batch.create_index("ix_persons_birth_date", ["birth_date"])
        batch.create_index("ix_persons_nik", ["nik"])
        batch.create_index("ix_persons_stage", ["stage"])
    with op.batch_alter_table("stays") as batch:
        batch.add_column(sa.Column("evacuated_on", sa.Date(), nullable=True))
        for name in ("evacuated_from", "evacuated_by", "referred_by",
                     "discharge_destination"):
            batch.add_column(_text(name, 200))
        batch.add_column(_text("discharge_reason", 32))
    op.create_index("one_open_stay_per_person", "stays", ["person_id"], unique=True,
                    sqlite_where=sa.text("discharge_date IS NULL"),
                    postgresql_where=sa.text("discharge_date IS NULL"))
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False,
                  index=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("relation", sa.String(16), nullable=False),
        sa.Column("phone", sa.String(32), nullable=False),
        sa.Column("safe", sa.Boolean(), nullable=False),
        sa.Column("must_not_visit", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_table(
        "stage_moves",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False,
                  index=True),
        sa.Column("stage", sa.String(1), nullable=False),
        sa.Column("moved_on", sa.Date(), nullable=False),
        sa.Column("username", sa.String(32), nullable=False),
    )
    op.create_table(
        "rooms",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(60), nullable=False, unique=True),
        sa.Column("designation", sa.String(16), nullable=False),
    )
    op.create_table(
        "beds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("room_id", sa.Integer(), sa.ForeignKey("rooms.id"), nullable=False,
                  index=True),
        sa.Column("label", sa.String(30), nullable=False),
    )
    op.create_table(
        "bed_assignments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("stay_id", sa.Integer(), sa.ForeignKey("stays.id"), nullable=False,
                  index=True),
        sa.Column("bed_id", sa.Integer(), sa.ForeignKey("beds.id"), nullable=False,
                  index=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
    )
    op.create_index("one_person_per_bed", "bed_assignments", ["bed_id"], unique=True,
                    sqlite_where=sa.text("end_date IS NULL"),
                    postgresql_where=sa.text("end_date IS NULL"))
    op.create_index("one_bed_per_stay", "bed_assignments", ["stay_id"], unique=True,
                    sqlite_where=sa.text("end_date IS NULL"),
                    postgresql_where=sa.text("end_date IS NULL"))
    # Search as the user types, by the start of any word (prefix indexes make one or two
    # letters as quick as a whole word): `visible` is what every role may search (no
    # real name of a hidden-identity person), `full` adds it for managers/admins.
    if op.get_bind().dialect.name == "postgresql":  # made whole by 0008b (search_index)
        op.execute("CREATE TABLE person_search (rowid integer PRIMARY KEY, visible text, "
                   '"full" text)')
    else:
        op.execute("CREATE VIRTUAL TABLE person_search USING fts5("
                   "visible, full, tokenize='unicode61', prefix='1 2 3')")
    op.execute('INSERT INTO person_search (rowid, visible, "full") SELECT id, '
               "lower(case_number || ' ' || full_name), "
               "lower(case_number || ' ' || full_name) FROM persons")


def downgrade() -> None:
    op.execute("DROP TABLE person_search")
    for table in ("bed_assignments", "beds", "rooms", "stage_moves", "contacts"):
        op.drop_table(table)
    op.drop_index("one_open_stay_per_person", "stays")
    with op.batch_alter_table("stays") as batch:
        for name in ("evacuated_on", "evacuated_from", "evacuated_by", "referred_by",
                     "discharge_destination", "discharge_reason"):
            batch.drop_column(name)
    with op.batch_alter_table("persons") as batch:
        for name in ("ix_persons_sex", "ix_persons_birth_date", "ix_persons_nik",
                     "ix_persons_stage"):
            batch.drop_index(name)
        for name in [*_TEXT_COLUMNS, "hidden_identity", "nik", "nationality", "education",
                     "marital_status", "children", "pregnant", "lpsk_protection",
                     "consent_services_on", "consent_sharing_on", "risk_level", "stage"]:
            batch.drop_column(name)
