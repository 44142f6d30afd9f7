"""ledger: the procedure's field on each dossier, and one index per ledger filter

The ledger lists dossiers newest first under a filter (state, procedure, field, clerk); an index that starts
with the filtered column and ends with the receipt time lets each page be read in order without sorting. The
dossier keeps the field its procedure version had, so filtering by field needs no join. No table is rebuilt:
the column is added in place (SQLite ALTER TABLE) and filled from the versions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_dossier_state_received": ["state", "received_at"],
    "ix_dossier_procedure_received": ["procedure_id", "received_at"],
    "ix_dossier_field_received": ["procedure_field", "received_at"],
    "ix_dossier_clerk_received": ["clerk_id", "received_at"],
    "ix_dossier_returned_at": ["returned_at"],
    "ix_dossier_result_ready_at": ["result_ready_at"],
}


def upgrade() -> None:
    op.add_column("dossier", sa.Column("procedure_field", sa.String(length=200), nullable=False, server_default=""))
    op.execute(
        "UPDATE dossier SET procedure_field = "
        "(SELECT field FROM procedure_version WHERE procedure_version.id = dossier.procedure_version_id)"
    )
    op.drop_index("ix_dossier_clerk_id", table_name="dossier")
    op.drop_index("ix_dossier_procedure_id", table_name="dossier")
    for name, columns in INDEXES.items():
        op.create_index(name, "dossier", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="dossier")
    op.create_index("ix_dossier_procedure_id", "dossier", ["procedure_id"], unique=False)
    op.create_index("ix_dossier_clerk_id", "dossier", ["clerk_id"], unique=False)
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_column("procedure_field")
