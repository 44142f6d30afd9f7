"""survey: single-use tickets per dossier, responses and answers kept apart from them; a PIN for supervisors

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 15:23:30.822294
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "survey_response",
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("official_id", sa.Uuid(), nullable=True),
        sa.Column("procedure_field", sa.String(length=200), nullable=True),
        sa.Column("walk_in", sa.Boolean(), nullable=False),
        sa.Column("scale", sa.Integer(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=True),
        sa.Column("agencies", sa.Integer(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint("agencies IS NULL OR agencies BETWEEN 1 AND 3", name=op.f("ck_survey_response_agencies")),
        sa.CheckConstraint("scale IN (3, 5)", name=op.f("ck_survey_response_scale")),
        sa.CheckConstraint("visits IS NULL OR visits BETWEEN 1 AND 3", name=op.f("ck_survey_response_visits")),
        sa.ForeignKeyConstraint(
            ["official_id"], ["user_account.id"], name=op.f("fk_survey_response_official_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
    )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index("ix_survey_response_answered_on", ["answered_on"], unique=False)

    op.create_table(
        "survey_answer",
        sa.Column("response_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("criterion", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "level IN ('very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied', 'not_applicable')",
            name=op.f("ck_survey_answer_level"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"], ["survey_response.id"], name=op.f("fk_survey_answer_response_id_survey_response")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answer")),
        sa.UniqueConstraint("response_id", "criterion", name=op.f("uq_survey_answer_response_id")),
    )
    op.create_table(
        "survey_ticket",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "status IN ('issued', 'answered', 'partial', 'no_answer')", name=op.f("ck_survey_ticket_status")
        ),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"], name=op.f("fk_survey_ticket_dossier_id_dossier")),
        sa.ForeignKeyConstraint(
            ["issued_by"], ["user_account.id"], name=op.f("fk_survey_ticket_issued_by_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_ticket")),
        sa.UniqueConstraint("dossier_id", name=op.f("uq_survey_ticket_dossier_id")),
        sa.UniqueConstraint("token", name=op.f("uq_survey_ticket_token")),
    )
    with op.batch_alter_table("survey_ticket", schema=None) as batch_op:
        batch_op.create_index("ix_survey_ticket_issued_at", ["issued_at"], unique=False)

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pin_hash", sa.String(length=255), nullable=True))


def downgrade() -> None:

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("pin_hash")

    with op.batch_alter_table("survey_ticket", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_ticket_issued_at")

    op.drop_table("survey_ticket")
    op.drop_table("survey_answer")
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_response_answered_on")

    op.drop_table("survey_response")
