"""central: every station's queue tickets, guide slips, feedback and feedback steps, under the same row-level security

Revision ID: c0005
Revises: c0004
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0005"
down_revision = "c0004"
branch_labels = None
depends_on = None

GROUP = "kiosk_station"
SYNCED = ("queue_ticket", "guide_slip", "feedback", "feedback_step")


def _station() -> sa.Column[str]:
    return sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "queue_ticket",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("group_key", sa.String(length=32), nullable=False),
        sa.Column("group_label", sa.String(length=100), nullable=False),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("ahead", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("last_called_at", sa.DateTime(), nullable=True),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.Column("counter", sa.String(length=100), nullable=True),
        sa.Column("called_by", sa.Uuid(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("dossier_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        _station(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_ticket")),
    )
    op.create_table(
        "guide_slip",
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("procedure_id", sa.Uuid(), nullable=False),
        sa.Column("procedure_version_id", sa.Uuid(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        _station(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_slip")),
    )
    op.create_table(
        "feedback",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("citizen_name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=15), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("personal_erased_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        _station(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    op.create_table(
        "feedback_step",
        sa.Column("feedback_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("office", sa.String(length=200), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        _station(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_step")),
    )
    for table in SYNCED:
        op.create_index(f"ix_{table}_station", table, ["station"], unique=False)
        op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {GROUP}")
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY own_rows ON {table} TO {GROUP} "
            "USING (station = current_user) WITH CHECK (station = current_user)"
        )


def downgrade() -> None:
    for table in reversed(SYNCED):
        op.drop_index(f"ix_{table}_station", table_name=table)
        op.drop_table(table)
