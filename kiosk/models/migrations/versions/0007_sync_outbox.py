"""sync: an outbox of changed rows kept by triggers, and the state of the last syncs

Every insert, change or delete in a table whose rows go to the central database leaves the row's key in
sync_outbox (one entry per row, renumbered on each change). The rows already in the database are entered once
here, parents before children, so the first sync sends the whole history.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Frozen here: a later migration that syncs another table adds its own triggers.
SYNCED = (
    "user_account",
    "procedure",
    "procedure_version",
    "procedure_document",
    "dossier",
    "dossier_document",
    "dossier_event",
    "guidance",
    "survey_ticket",
    "survey_response",
    "survey_answer",
)
# A password or PIN change is not news for the central database.
WATCHED_COLUMNS = {"user_account": "username, full_name, role, active"}


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("tbl", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
        sa.UniqueConstraint("tbl", "row_id", name=op.f("uq_sync_outbox_tbl")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_pushed", sa.Integer(), nullable=False),
        sa.Column("last_pulled", sa.Integer(), nullable=False),
        sa.Column("catalog_publication", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_sync_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.execute("INSERT INTO sync_state (id, last_pushed, last_pulled, catalog_publication) VALUES (1, 0, 0, 0)")
    for table in SYNCED:
        columns = WATCHED_COLUMNS.get(table)
        update = f"UPDATE OF {columns}" if columns else "UPDATE"
        for name, event, row in (("insert", "INSERT", "NEW"), ("update", update, "NEW"), ("delete", "DELETE", "OLD")):
            op.execute(
                f"CREATE TRIGGER sync_{table}_{name} AFTER {event} ON {table} BEGIN "
                f"INSERT OR REPLACE INTO sync_outbox (tbl, row_id) VALUES ('{table}', {row}.id); END"
            )
        op.execute(f"INSERT INTO sync_outbox (tbl, row_id) SELECT '{table}', id FROM {table} ORDER BY rowid")


def downgrade() -> None:
    for table in SYNCED:
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER sync_{table}_{name}")
    op.drop_table("sync_state")
    op.drop_table("sync_outbox")
