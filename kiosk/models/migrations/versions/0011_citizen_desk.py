"""citizen desk: queue tickets numbered per day, guide slips printed, feedback and its handling steps (all synced);
an index for the citizen's look-up by the code's last digits

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# Frozen here: the tables this revision adds to the sync, each with the three triggers 0007 gave the others.
SYNCED = ("queue_ticket", "guide_slip", "feedback", "feedback_step")


def upgrade() -> None:
    op.create_table('guide_slip',
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('procedure_id', sa.Uuid(), nullable=False),
    sa.Column('procedure_version_id', sa.Uuid(), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("source IN ('screen', 'desk')", name=op.f('ck_guide_slip_source')),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_guide_slip_procedure_id_procedure')),
    sa.ForeignKeyConstraint(['procedure_version_id'], ['procedure_version.id'], name=op.f('fk_guide_slip_procedure_version_id_procedure_version')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_guide_slip_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guide_slip'))
    )
    with op.batch_alter_table('guide_slip', schema=None) as batch_op:
        batch_op.create_index('ix_guide_slip_at', ['at'], unique=False)

    op.create_table('feedback',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('citizen_name', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=15), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('dossier_id', sa.Uuid(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('personal_erased_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("channel IN ('phone', 'in_person', 'written', 'electronic')", name=op.f('ck_feedback_channel')),
    sa.CheckConstraint("kind IN ('complaint', 'suggestion')", name=op.f('ck_feedback_kind')),
    sa.CheckConstraint("state IN ('open', 'answered')", name=op.f('ck_feedback_state')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_feedback_dossier_id_dossier')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_feedback_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback')),
    sa.UniqueConstraint('year', 'number', name=op.f('uq_feedback_year'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_received_at', ['received_at'], unique=False)
        batch_op.create_index('ix_feedback_state_due', ['state', 'due_date'], unique=False)

    op.create_table('queue_ticket',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('group_key', sa.String(length=32), nullable=False),
    sa.Column('group_label', sa.String(length=100), nullable=False),
    sa.Column('priority', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('ahead', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=8), nullable=False),
    sa.Column('called_at', sa.DateTime(), nullable=True),
    sa.Column('last_called_at', sa.DateTime(), nullable=True),
    sa.Column('calls', sa.Integer(), nullable=False),
    sa.Column('counter', sa.String(length=100), nullable=True),
    sa.Column('called_by', sa.Uuid(), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('dossier_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("source IN ('screen', 'desk')", name=op.f('ck_queue_ticket_source')),
    sa.CheckConstraint("state IN ('waiting', 'called', 'served', 'absent')", name=op.f('ck_queue_ticket_state')),
    sa.CheckConstraint('ahead >= 0', name=op.f('ck_queue_ticket_ahead')),
    sa.CheckConstraint('number >= 1', name=op.f('ck_queue_ticket_number')),
    sa.ForeignKeyConstraint(['called_by'], ['user_account.id'], name=op.f('fk_queue_ticket_called_by_user_account')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_queue_ticket_dossier_id_dossier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queue_ticket')),
    sa.UniqueConstraint('day', 'number', name=op.f('uq_queue_ticket_day'))
    )
    with op.batch_alter_table('queue_ticket', schema=None) as batch_op:
        batch_op.create_index('ix_queue_ticket_issued_at', ['issued_at'], unique=False)

    op.create_table('feedback_step',
    sa.Column('feedback_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('action', sa.String(length=12), nullable=False),
    sa.Column('office', sa.String(length=200), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("action IN ('received', 'forwarded', 'note', 'answered')", name=op.f('ck_feedback_step_action')),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], name=op.f('fk_feedback_step_feedback_id_feedback')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_feedback_step_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_step')),
    sa.UniqueConstraint('feedback_id', 'seq', name=op.f('uq_feedback_step_feedback_id'))
    )
    op.create_index("ix_dossier_day_seq", "dossier", ["day_seq", "receipt_day"], unique=False)
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER feedback_step_no_{operation.lower()} BEFORE {operation} ON feedback_step "
            "BEGIN SELECT RAISE(ABORT, 'feedback steps are append-only'); END"
        )
    for table in SYNCED:
        for name, row in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
            op.execute(
                f"CREATE TRIGGER sync_{table}_{name} AFTER {name.upper()} ON {table} BEGIN "
                f"INSERT OR REPLACE INTO sync_outbox (tbl, row_id) VALUES ('{table}', {row}.id); END"
            )


def downgrade() -> None:
    for table in SYNCED:
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER sync_{table}_{name}")
        op.execute(f"DELETE FROM sync_outbox WHERE tbl = '{table}'")
    op.drop_index("ix_dossier_day_seq", table_name="dossier")

    op.drop_table('feedback_step')
    with op.batch_alter_table('queue_ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_queue_ticket_issued_at')

    op.drop_table('queue_ticket')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_state_due')
        batch_op.drop_index('ix_feedback_received_at')

    op.drop_table('feedback')
    with op.batch_alter_table('guide_slip', schema=None) as batch_op:
        batch_op.drop_index('ix_guide_slip_at')

    op.drop_table('guide_slip')
