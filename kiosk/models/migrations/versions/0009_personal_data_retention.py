"""retention: when a dossier's personal data were erased; events may have their personal details blanked

The events stay append-only, with one exception: an update that changes nothing but ``data``, to a value marked
``personal_data_erased`` (the retention purge blanking the names and numbers a correction recorded).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_SAME = " AND ".join(
    f"NEW.{c} IS OLD.{c}"
    for c in ("id", "dossier_id", "seq", "at", "user_id", "action", "from_state", "to_state", "reason", "form")
)


def upgrade() -> None:
    op.add_column("dossier", sa.Column("personal_erased_at", sa.DateTime(), nullable=True))
    op.execute("DROP TRIGGER dossier_event_no_update")
    op.execute(
        "CREATE TRIGGER dossier_event_no_update BEFORE UPDATE ON dossier_event "
        f"WHEN NOT ({_SAME} AND json_extract(NEW.data, '$.personal_data_erased') IS 1) "
        "BEGIN SELECT RAISE(ABORT, 'dossier events are append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER dossier_event_no_update")
    op.execute(
        "CREATE TRIGGER dossier_event_no_update BEFORE UPDATE ON dossier_event "
        "BEGIN SELECT RAISE(ABORT, 'dossier events are append-only'); END"
    )
    with op.batch_alter_table("dossier") as batch:
        batch.drop_column("personal_erased_at")
    # The batch rebuilt dossier without its triggers: put the sync's back, as 0007 made them.
    for name, event, row in (("insert", "INSERT", "NEW"), ("update", "UPDATE", "NEW"), ("delete", "DELETE", "OLD")):
        op.execute(
            f"CREATE TRIGGER IF NOT EXISTS sync_dossier_{name} AFTER {event} ON dossier BEGIN "
            f"INSERT OR REPLACE INTO sync_outbox (tbl, row_id) VALUES ('dossier', {row}.id); END"
        )
