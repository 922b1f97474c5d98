"""Counselling: sessions with their counsellors and participants, assessments (every
version kept), case conferences and the goals of each resident's empowerment plan.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

from shelter_app.domain.models import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "counselling_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("starts_at", UtcDateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), sa.ForeignKey("rooms.id"), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("series", sa.String(32), nullable=False),
        sa.Column("clash_confirmed", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("booked_by", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_counselling_sessions_starts_at", "counselling_sessions",
                    ["starts_at"])
    op.create_index("ix_counselling_sessions_status", "counselling_sessions", ["status"])
    op.create_table(
        "session_counsellors",
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("counselling_sessions.id"),
                  primary_key=True),
        sa.Column("username", sa.String(32), primary_key=True),
    )
    op.create_index("ix_session_counsellors_username", "session_counsellors", ["username"])
    op.create_table(
        "session_participants",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("counselling_sessions.id"),
                  nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=True),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id"), nullable=True),
        sa.Column("attended", sa.Boolean(), nullable=True),
    )
    op.create_index("ix_session_participants_session_id", "session_participants",
                    ["session_id"])
    op.create_index("ix_session_participants_person_id", "session_participants",
                    ["person_id"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessed_by", sa.String(32), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("needs_json", sa.Text(), nullable=False),
        sa.Column("root_cause", sa.Text(), nullable=False),
        sa.Column("priorities", sa.Text(), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )
    op.create_index("one_assessment_version", "assessments", ["person_id", "version"],
                    unique=True)
    op.create_table(
        "case_conferences",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_case_conferences_held_on", "case_conferences", ["held_on"])
    op.create_table(
        "conference_cases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("conference_id", sa.Integer(), sa.ForeignKey("case_conferences.id"),
                  nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
    )
    op.create_index("ix_conference_cases_conference_id", "conference_cases",
                    ["conference_id"])
    op.create_index("ix_conference_cases_person_id", "conference_cases", ["person_id"])
    op.create_table(
        "plan_goals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("domain", sa.String(16), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("actions", sa.Text(), nullable=False),
        sa.Column("responsible", sa.String(200), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("conference_id", sa.Integer(), sa.ForeignKey("case_conferences.id"),
                  nullable=True),
        sa.Column("updated_on", sa.Date(), nullable=False),
    )
    op.create_index("ix_plan_goals_person_id", "plan_goals", ["person_id"])


def downgrade() -> None:
    for table in ("plan_goals", "conference_cases", "case_conferences", "assessments",
                  "session_participants", "session_counsellors", "counselling_sessions"):
        op.drop_table(table)
