"""A version on every record a screen edits (issue 15): SQLAlchemy's `version_id_col`
makes each UPDATE say which version it changes, so a save made on another computer in
between is refused instead of overwritten. Existing records start at version 1.

Not versioned: the audit log and the records only ever added (stage moves, prices,
decisions, referral steps, closures, conferences, assessments, which keep versions of
their own), the key material, the settings (key and value), the provisions, which a
round replaces as a whole (services/provisions/rounds.py checks the round instead), and
the users: no form saves an account from an earlier read (disable, enable and reset are
whole actions), and logins read the table before an upgrade has run.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("persons", "stays", "contacts", "rooms", "beds", "bed_assignments",
          "provision_items", "counselling_sessions", "plan_goals", "institutions",
          "referrals", "follow_ups")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:  # SQLite adds the column in place
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False,
                                       server_default="1"))


def downgrade() -> None:
    # In place (SQLite >= 3.35): copying a table would break the foreign keys to it.
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")
