"""Documents held in the office safe for residents (issue 17): received, kept, lent out and returned, handed back; each movement who and when.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from shelter_app.domain.models import UtcDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("received_from", sa.String(200), nullable=False),
        sa.Column("kept_at", sa.String(200), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("lent_to", sa.String(200), nullable=False),
        sa.Column("lent_on", sa.Date(), nullable=True),
        sa.Column("handed_back_on", sa.Date(), nullable=True),
    )
    op.create_index("ix_documents_person_id", "documents", ["person_id"])
    op.create_index("ix_documents_status", "documents", ["status"])
    op.create_table(
        "document_movements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"),
                  nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("party", sa.String(200), nullable=False),
        sa.Column("institution", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("username", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_document_movements_document_id", "document_movements",
                    ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_document_movements_document_id", "document_movements")
    op.drop_table("document_movements")
    op.drop_index("ix_documents_status", "documents")
    op.drop_index("ix_documents_person_id", "documents")
    op.drop_table("documents")
