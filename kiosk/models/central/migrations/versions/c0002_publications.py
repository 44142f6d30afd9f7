"""central: what the Department publishes for every station: the catalog and the holiday overlay

Revision ID: c0002
Revises: c0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None

GROUP = "kiosk_station"


def upgrade() -> None:
    op.create_table(
        "publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by", sa.String(length=200), nullable=False),
        sa.Column("procedures", sa.Integer(), nullable=False),
        sa.Column("holidays", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication")),
    )
    op.create_table(
        "published_holiday",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_published_holiday")),
    )
    op.create_table(
        "published_procedure",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("spec", postgresql.JSONB(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_published_procedure")),
    )

    for table in ("publication", "published_procedure", "published_holiday"):
        op.execute(f"GRANT SELECT ON {table} TO {GROUP}")


def downgrade() -> None:
    op.drop_table("published_holiday")
    op.drop_table("published_procedure")
    op.drop_table("publication")
