"""Incidents (issue 17): security and care incidents, their severity, who was involved, what was done, who was told, and the follow-up.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from shelter_app.domain.models import UtcDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("action_taken", sa.Text(), nullable=False),
        sa.Column("told", sa.String(64), nullable=False),
        sa.Column("told_detail", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("follow_up_done_on", sa.Date(), nullable=True),
        sa.Column("handled_by", sa.String(32), nullable=False),
        sa.Column("handled_at", UtcDateTime(), nullable=True),
        sa.Column("recorded_by", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")),
    )
    op.create_index("ix_incidents_at", "incidents", ["at"])
    op.create_index("ix_incidents_handled_at", "incidents", ["handled_at"])
    op.create_table(
        "incident_persons",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("incident_id", sa.Integer(), sa.ForeignKey("incidents.id"),
                  nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False),
    )
    op.create_index("ix_incident_persons_incident_id", "incident_persons", ["incident_id"])
    op.create_index("ix_incident_persons_person_id", "incident_persons", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_incident_persons_person_id", "incident_persons")
    op.drop_index("ix_incident_persons_incident_id", "incident_persons")
    op.drop_table("incident_persons")
    op.drop_index("ix_incidents_handled_at", "incidents")
    op.drop_index("ix_incidents_at", "incidents")
    op.drop_table("incidents")
