"""audit log (hash-chained, append-only, synced) and account lockout

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_log_seq")),
    )
    op.create_index(op.f("ix_audit_log_action"), "audit_log", ["action"], unique=False)
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"], unique=False)
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_log_no_{operation.lower()} BEFORE {operation} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )
    # Entries go to the central database like the other synced rows (they are never changed or deleted).
    for name, row in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
        op.execute(
            f"CREATE TRIGGER sync_audit_log_{name} AFTER {name.upper()} ON audit_log BEGIN "
            f"INSERT OR REPLACE INTO sync_outbox (tbl, row_id) VALUES ('audit_log', {row}.id); END"
        )
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default="0"))
    _user_sync_triggers()


def downgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("must_change_password")
        batch.drop_column("locked_at")
        batch.drop_column("failed_logins")
    _user_sync_triggers()
    for name in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER sync_audit_log_{name}")
    op.execute("DROP TRIGGER audit_log_no_delete")
    op.execute("DROP TRIGGER audit_log_no_update")
    op.drop_index(op.f("ix_audit_log_at"), table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_action"), table_name="audit_log")
    op.drop_table("audit_log")


def _user_sync_triggers() -> None:
    """A batch rebuilds user_account without its triggers: put the sync's back, as 0007 made them."""
    for name, event, row in (
        ("insert", "INSERT", "NEW"),
        ("update", "UPDATE OF username, full_name, role, active", "NEW"),
        ("delete", "DELETE", "OLD"),
    ):
        op.execute(
            f"CREATE TRIGGER IF NOT EXISTS sync_user_account_{name} AFTER {event} ON user_account BEGIN "
            f"INSERT OR REPLACE INTO sync_outbox (tbl, row_id) VALUES ('user_account', {row}.id); END"
        )
