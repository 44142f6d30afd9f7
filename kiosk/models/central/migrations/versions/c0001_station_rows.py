"""central: every station's rows, each station limited to its own by its role and row-level security

Revision ID: c0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None

GROUP = "kiosk_station"
SYNCED = (
    "user_account",
    "procedure",
    "procedure_version",
    "procedure_document",
    "dossier",
    "dossier_document",
    "dossier_event",
    "guidance",
    "survey_ticket",
    "survey_response",
    "survey_answer",
)


def upgrade() -> None:
    op.create_table(
        "dossier",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("receipt_day", sa.Date(), nullable=False),
        sa.Column("day_seq", sa.Integer(), nullable=False),
        sa.Column("ledger_year", sa.Integer(), nullable=False),
        sa.Column("ledger_number", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Uuid(), nullable=False),
        sa.Column("procedure_version_id", sa.Uuid(), nullable=False),
        sa.Column("procedure_field", sa.String(length=200), nullable=False),
        sa.Column("applicant_kind", sa.String(length=16), nullable=False),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("name_folded", sa.String(length=200), nullable=False),
        sa.Column("given_name_folded", sa.String(length=60), nullable=False),
        sa.Column("id_number", sa.String(length=12), nullable=True),
        sa.Column("tax_code", sa.String(length=14), nullable=True),
        sa.Column("phone", sa.String(length=15), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("vneid_checked", sa.Boolean(), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("delivery", sa.String(length=16), nullable=False),
        sa.Column("external_ref", sa.String(length=64), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("counted_from", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("original_due_date", sa.Date(), nullable=True),
        sa.Column("reappointed_at", sa.DateTime(), nullable=True),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("office", sa.String(length=200), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("outcome_reason", sa.Text(), nullable=True),
        sa.Column("result_ready_at", sa.DateTime(), nullable=True),
        sa.Column("timeliness", sa.String(length=8), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("collector", sa.String(length=200), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("clerk_id", sa.Uuid(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.Column("void_supervisor", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier")),
        sa.UniqueConstraint("code", name="uq_dossier_code"),
    )
    op.create_index("ix_dossier_station", "dossier", ["station"], unique=False)
    op.create_table(
        "dossier_document",
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("form", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("from_catalog", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_document")),
    )
    op.create_index("ix_dossier_document_station", "dossier_document", ["station"], unique=False)
    op.create_table(
        "dossier_event",
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("from_state", sa.String(length=24), nullable=True),
        sa.Column("to_state", sa.String(length=24), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("data", postgresql.JSONB(), nullable=False),
        sa.Column("form", sa.String(length=32), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_event")),
    )
    op.create_index("ix_dossier_event_station", "dossier_event", ["station"], unique=False)
    op.create_table(
        "guidance",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("procedure_id", sa.Uuid(), nullable=True),
        sa.Column("procedure_version_id", sa.Uuid(), nullable=True),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=15), nullable=True),
        sa.Column("missing", postgresql.JSONB(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("slip", sa.String(length=32), nullable=False),
        sa.Column("slip_printed_at", sa.DateTime(), nullable=True),
        sa.Column("contact_erased_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guidance")),
    )
    op.create_index("ix_guidance_station", "guidance", ["station"], unique=False)
    op.create_table(
        "procedure",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure")),
    )
    op.create_index("ix_procedure_station", "procedure", ["station"], unique=False)
    op.create_table(
        "procedure_document",
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("form", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("optional", sa.Boolean(), nullable=False),
        sa.Column("condition", sa.String(length=300), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure_document")),
    )
    op.create_index("ix_procedure_document_station", "procedure_document", ["station"], unique=False)
    op.create_table(
        "procedure_version",
        sa.Column("procedure_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("field", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("national_code", sa.String(length=40), nullable=True),
        sa.Column("limit_kind", sa.String(length=16), nullable=False),
        sa.Column("legal_days", sa.Integer(), nullable=True),
        sa.Column("committed_days", sa.Integer(), nullable=True),
        sa.Column("cutoff_mode", sa.String(length=8), nullable=False),
        sa.Column("cutoff_time", sa.Time(), nullable=True),
        sa.Column("fee_note", sa.String(length=500), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("result_note", sa.String(length=500), nullable=False),
        sa.Column("quality", sa.String(length=1), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure_version")),
    )
    op.create_index("ix_procedure_version_station", "procedure_version", ["station"], unique=False)
    op.create_table(
        "station",
        sa.Column("role", sa.String(length=63), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("role", name=op.f("pk_station")),
        sa.UniqueConstraint("name", name=op.f("uq_station_name")),
    )
    op.create_table(
        "survey_answer",
        sa.Column("response_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("criterion", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answer")),
    )
    op.create_index("ix_survey_answer_station", "survey_answer", ["station"], unique=False)
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
        sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
    )
    op.create_index("ix_survey_response_station", "survey_response", ["station"], unique=False)
    op.create_table(
        "survey_ticket",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_ticket")),
    )
    op.create_index("ix_survey_ticket_station", "survey_ticket", ["station"], unique=False)
    op.create_table(
        "user_account",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("station", sa.Text(), server_default=sa.text("current_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
    )
    op.create_index("ix_user_account_station", "user_account", ["station"], unique=False)

    # The group holds the privileges; each station logs in with its own member role (kiosk central add-station).
    # Roles belong to the whole server, so a second kiosk database on it shares the group.
    op.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{GROUP}') "
        f"THEN CREATE ROLE {GROUP} NOLOGIN; END IF; END $$"
    )
    op.execute(
        f"DO $$ BEGIN EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO {GROUP}', current_database()); END $$"
    )
    op.execute(f"GRANT USAGE ON SCHEMA public TO {GROUP}")
    op.execute(f"GRANT SELECT ON alembic_version TO {GROUP}")
    for table in SYNCED:
        op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {GROUP}")
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY own_rows ON {table} TO {GROUP} "
            "USING (station = current_user) WITH CHECK (station = current_user)"
        )
    # Row-level security hides which code a refused dossier collided with; this says it, and nothing more.
    op.execute(
        "CREATE FUNCTION taken_dossier_codes(codes text[]) RETURNS TABLE (code text, station text) "
        "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ "
        "SELECT d.code::text, coalesce(s.name, d.station) FROM dossier d LEFT JOIN station s ON s.role = d.station "
        "WHERE d.code = ANY(codes) AND d.station <> session_user $$"
    )
    op.execute("REVOKE ALL ON FUNCTION taken_dossier_codes(text[]) FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION taken_dossier_codes(text[]) TO {GROUP}")
    op.execute(f"GRANT SELECT ON station TO {GROUP}")
    op.execute("ALTER TABLE station ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY own_row ON station TO {GROUP} USING (role = current_user)")


def downgrade() -> None:
    # The group role stays: other kiosk databases on the server may use it.
    op.execute("DROP FUNCTION taken_dossier_codes(text[])")
    op.drop_table("station")
    for table in reversed(SYNCED):
        op.drop_table(table)
    op.execute(f"DO $$ BEGIN EXECUTE format('REVOKE ALL ON DATABASE %I FROM {GROUP}', current_database()); END $$")
    op.execute(f"REVOKE ALL ON SCHEMA public FROM {GROUP}")
