"""print jobs: a job being sent is marked so first, a job cut off while sending "may have printed", and the
rendered bytes of a printed job may be dropped (they are made again from its document when needed); when the last
attempt to send began

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_OLD = "status IN ('queued', 'sent', 'failed')"
_NEW = "status IN ('queued', 'sending', 'sent', 'failed', 'unsure')"


def upgrade() -> None:
    with op.batch_alter_table("print_job") as batch:
        batch.drop_constraint("status", type_="check")
        batch.create_check_constraint("status", _NEW)
        batch.alter_column("payload", existing_type=sa.LargeBinary(), nullable=True)
        batch.add_column(sa.Column("attempted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.execute("UPDATE print_job SET status = 'failed' WHERE status IN ('sending', 'unsure')")
    op.execute("DELETE FROM print_job WHERE payload IS NULL")
    with op.batch_alter_table("print_job") as batch:
        batch.drop_constraint("status", type_="check")
        batch.create_check_constraint("status", _OLD)
        batch.alter_column("payload", existing_type=sa.LargeBinary(), nullable=False)
        batch.drop_column("attempted_at")
