"""An index for a manager's login, which asks for hidden identities not sealed yet: without
it the question read every person (100,000 here, 43 MB of pages left in the cache).

Revision ID: 0009
Revises: 0008b
Create Date: 2026-11-30
"""

from alembic import op

revision = "0009"
down_revision = "0008b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_persons_hidden_unsealed", "persons",
                    ["hidden_identity", "sealed_full_name"])


def downgrade() -> None:
    op.drop_index("ix_persons_hidden_unsealed", table_name="persons")
