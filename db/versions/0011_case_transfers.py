"""Cases moved between shelters (issue 16): each one sent or received, with the other
shelter, its case number there, and on what consent it was sent.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from shelter_app.domain.models import UtcDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_transfers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("stay_id", sa.Integer(), sa.ForeignKey("stays.id"), nullable=True),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("other_shelter", sa.String(200), nullable=False),
        sa.Column("other_case_number", sa.String(32), nullable=False),
        sa.Column("consent", sa.String(10), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("username", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_case_transfers_person_id", "case_transfers", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_case_transfers_person_id", "case_transfers")
    op.drop_table("case_transfers")
