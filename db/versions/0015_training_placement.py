"""Training and placement (issue 17, BAB III stages 4 and 5): courses and who took part,
placements by interest and how they went; a lent document's due day; the name a
visitor asked for.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from shelter_app.domain.models import UtcDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def _version() -> sa.Column:
    return sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("lent_until", sa.Date(), nullable=True))
    with op.batch_alter_table("document_movements") as batch:
        batch.add_column(sa.Column("due_on", sa.Date(), nullable=True))
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("asked_for", sa.String(200), nullable=False,
                                   server_default=""))
    op.create_table(
        "courses",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("skill", sa.String(16), nullable=False),
        sa.Column("institution_id", sa.Integer(), sa.ForeignKey("institutions.id"),
                  nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        _version(),
    )
    op.create_index("ix_courses_starts_on", "courses", ["starts_on"])
    op.create_table(
        "course_participants",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("course_id", sa.Integer(), sa.ForeignKey("courses.id"), nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("certificate", sa.Boolean(), nullable=False),
        sa.Column("certificate_number", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        _version(),
        sa.UniqueConstraint("course_id", "person_id", name="uq_course_participants"),
    )
    op.create_index("ix_course_participants_course_id", "course_participants",
                    ["course_id"])
    op.create_index("ix_course_participants_person_id", "course_participants",
                    ["person_id"])
    op.create_index("ix_course_participants_completed_on", "course_participants",
                    ["completed_on"])
    op.create_table(
        "placements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("institution_id", sa.Integer(), sa.ForeignKey("institutions.id"),
                  nullable=True),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("readiness", sa.Text(), nullable=False),
        sa.Column("startup_help", sa.Text(), nullable=False),
        sa.Column("startup_value", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        _version(),
    )
    op.create_index("ix_placements_person_id", "placements", ["person_id"])
    op.create_index("ix_placements_starts_on", "placements", ["starts_on"])
    op.create_table(
        "placement_checks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("placement_id", sa.Integer(), sa.ForeignKey("placements.id"),
                  nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(12), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("follow_up_id", sa.Integer(), sa.ForeignKey("follow_ups.id"),
                  nullable=True),
        sa.Column("username", sa.String(32), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_placement_checks_placement_id", "placement_checks",
                    ["placement_id"])


def downgrade() -> None:
    op.drop_index("ix_placement_checks_placement_id", "placement_checks")
    op.drop_table("placement_checks")
    op.drop_index("ix_placements_starts_on", "placements")
    op.drop_index("ix_placements_person_id", "placements")
    op.drop_table("placements")
    for name in ("completed_on", "person_id", "course_id"):
        op.drop_index(f"ix_course_participants_{name}", "course_participants")
    op.drop_table("course_participants")
    op.drop_index("ix_courses_starts_on", "courses")
    op.drop_table("courses")
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("asked_for")
    with op.batch_alter_table("document_movements") as batch:
        batch.drop_column("due_on")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("lent_until")
