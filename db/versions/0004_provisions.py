"""Subsistence provisions: items with a price history, the daily package, what was given,
and the decisions (stage 2 review, extension) the windows need.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

from shelter_app.domain.models import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "provision_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(24), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("unit", sa.String(24), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("standard_quantity", sa.Integer(), nullable=False),
    )
    op.create_table(
        "item_prices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("provision_items.id"),
                  nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("unit_cost_idr", sa.Integer(), nullable=False),
    )
    op.create_index("one_price_a_day", "item_prices", ["item_id", "effective_from"],
                    unique=True)
    op.create_table(
        "provisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("stay_id", sa.Integer(), sa.ForeignKey("stays.id"), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("provision_items.id"),
                  nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_cost_idr", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(9), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("given_by", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )
    op.create_index("one_line_per_item_a_day", "provisions", ["stay_id", "day", "item_id"],
                    unique=True)
    op.create_index("ix_provisions_day", "provisions", ["day"])
    op.create_table(
        "stay_decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("stay_id", sa.Integer(), sa.ForeignKey("stays.id"), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("username", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_stay_decisions_stay_id", "stay_decisions", ["stay_id"])


def downgrade() -> None:
    for table in ("stay_decisions", "provisions", "item_prices", "provision_items"):
        op.drop_table(table)
