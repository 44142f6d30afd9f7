"""central: when a station erased a dossier's personal data (the erasure itself travels as the blanked row)

Revision ID: c0004
Revises: c0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0004"
down_revision = "c0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("dossier", sa.Column("personal_erased_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("dossier", "personal_erased_at")
