"""Visitors at the gate (issue 17): a contact's ID number, which the gate checks a
visitor against, and the visits: who came, for whom, and whether they were stopped,
refused by the resident or let in.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from shelter_app.domain.models import UtcDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("id_number", sa.String(32), nullable=False,
                                   server_default=""))
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("visitor_name", sa.String(200), nullable=False),
        sa.Column("id_number", sa.String(32), nullable=False),
        sa.Column("phone", sa.String(32), nullable=False),
        sa.Column("relation", sa.String(16), nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=True),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("agreement_asked_by", sa.String(120), nullable=False),
        sa.Column("agreed", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("left_at", UtcDateTime(), nullable=True),
        sa.Column("recorded_by", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_visits_at", "visits", ["at"])
    op.create_index("ix_visits_person_id", "visits", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_visits_person_id", "visits")
    op.drop_index("ix_visits_at", "visits")
    op.drop_table("visits")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("id_number")
