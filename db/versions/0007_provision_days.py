"""The daily round records "nothing given" (a resident's day recorded with no lines), and
items given on arrival (day 1 of a stay) besides the daily package.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from shelter_app.domain.models import UtcDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The starting catalog's arrival items (services/provisions/catalog.DEFAULT_CATALOG): a
# shelter that kept them gets the hygiene kit and clothes on day 1; the manager can change it.
ARRIVAL_ITEMS = ("KEBERSIHAN", "PAKAIAN")


def upgrade() -> None:
    op.create_table(
        "provision_days",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("stay_id", sa.Integer(), sa.ForeignKey("stays.id"), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )
    op.create_index("one_record_per_stay_a_day", "provision_days", ["stay_id", "day"],
                    unique=True)
    op.create_index("ix_provision_days_day", "provision_days", ["day"])
    with op.batch_alter_table("provision_items") as batch:
        batch.add_column(sa.Column("arrival_quantity", sa.Integer(), nullable=False,
                                   server_default="0"))
    items = sa.table("provision_items", sa.column("code", sa.String),
                     sa.column("arrival_quantity", sa.Integer))
    op.execute(items.update().where(items.c.code.in_(ARRIVAL_ITEMS))
               .values(arrival_quantity=1))


def downgrade() -> None:
    with op.batch_alter_table("provision_items") as batch:
        batch.drop_column("arrival_quantity")
    op.drop_table("provision_days")
