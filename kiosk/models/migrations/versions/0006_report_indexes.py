"""reports: find the dossiers still open at a past moment without scanning the table

A report counts the dossiers received before a moment and not yet resolved or ended by then. Those resolved or
ended after it are found by the result / end time; carrying the receipt time in the same index lets SQLite keep
only those received before the moment without reading their rows. The end time had no index at all.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_dossier_result_ready_at", table_name="dossier")
    op.create_index("ix_dossier_result_ready_at", "dossier", ["result_ready_at", "received_at"], unique=False)
    op.create_index("ix_dossier_ended_at", "dossier", ["ended_at", "received_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_dossier_ended_at", table_name="dossier")
    op.drop_index("ix_dossier_result_ready_at", table_name="dossier")
    op.create_index("ix_dossier_result_ready_at", "dossier", ["result_ready_at"], unique=False)
