"""Password-only key slots inside the database, for restoring backups on another PC.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portable_slots",
        sa.Column("slot_id", sa.String(64), primary_key=True),
        sa.Column("slot_json", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("portable_slots")
