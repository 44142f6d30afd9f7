"""central: every station's audit log, chained per station, under the same row-level security

Revision ID: c0003
Revises: c0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None

GROUP = "kiosk_station"


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("details", postgresql.JSONB(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_station", "audit_log", ["station"], unique=False)
    # A station adds its entries and reads its own; it never changes or deletes one.
    op.execute(f"GRANT SELECT, INSERT, UPDATE ON audit_log TO {GROUP}")
    op.execute("ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY own_rows ON audit_log TO {GROUP} "
        "USING (station = current_user) WITH CHECK (station = current_user)"
    )


def downgrade() -> None:
    op.drop_index("ix_audit_log_station", table_name="audit_log")
    op.drop_table("audit_log")
