"""print jobs: every paper for the roll, stored with its rendered bytes before it is sent

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "print_job",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=True),
        sa.Column("guidance_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("printer", sa.String(length=200), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint("status IN ('queued', 'sent', 'failed')", name=op.f("ck_print_job_status")),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"], name=op.f("fk_print_job_dossier_id_dossier")),
        sa.ForeignKeyConstraint(["guidance_id"], ["guidance.id"], name=op.f("fk_print_job_guidance_id_guidance")),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_print_job_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_job")),
        sa.UniqueConstraint("number", name=op.f("uq_print_job_number")),
    )
    with op.batch_alter_table("print_job", schema=None) as batch_op:
        batch_op.create_index("ix_print_job_dossier", ["dossier_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("print_job", schema=None) as batch_op:
        batch_op.drop_index("ix_print_job_dossier")

    op.drop_table("print_job")
