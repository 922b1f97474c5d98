"""Sealed keys (issue 13, finding 2): users' public keys, the role keys (counsellors',
managers') and each holder's sealed copy.

A migration holds no user's key, so it cannot seal the notes already written: the first
counsellor to log in after the upgrade makes the counsellors' key (when none exists yet)
and seals every note and assessment text still in the clear in the same transaction
(services/shared/role_keys.seal_plaintext). Until then they stay as they were.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from shelter_app.domain.models import UtcDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "public_keys",
        sa.Column("holder", sa.String(40), primary_key=True),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("registered_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "role_keys",
        sa.Column("name", sa.String(16), primary_key=True),
        sa.Column("created_by", sa.String(40), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "sealed_role_keys",
        sa.Column("role_key", sa.String(16), sa.ForeignKey("role_keys.name"),
                  primary_key=True),
        sa.Column("holder", sa.String(40), primary_key=True),
        sa.Column("recipient_key", sa.LargeBinary(), nullable=False),
        sa.Column("box", sa.LargeBinary(), nullable=False),
        sa.Column("sealed_by", sa.String(40), nullable=False),
        sa.Column("sealed_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sealed_role_keys")
    op.drop_table("role_keys")
    op.drop_table("public_keys")
