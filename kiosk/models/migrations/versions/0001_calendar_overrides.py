"""calendar overrides, seeded with the confirmed 2026 New Year swap

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Letter 12729/VPCP-KGVX: Friday 2/1/2026 off, repaid by working Saturday 10/1/2026.
SEED = [
    (date(2026, 1, 2), "off", "Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)"),
    (date(2026, 1, 10), "working", "Làm bù cho ngày 02/01/2026"),
]


def upgrade() -> None:
    table = op.create_table(
        "calendar_override",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint("kind IN ('off', 'working')", name=op.f("ck_calendar_override_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_override")),
        sa.UniqueConstraint("day", name=op.f("uq_calendar_override_day")),
    )
    seeded_at = datetime(2026, 1, 1, tzinfo=UTC).replace(tzinfo=None)
    op.bulk_insert(
        table,
        [
            {
                "id": uuid.uuid4(),
                "day": day,
                "kind": kind,
                "note": note,
                "created_at": seeded_at,
                "created_by": "system",
            }
            for day, kind, note in SEED
        ],
    )


def downgrade() -> None:
    op.drop_table("calendar_override")
