"""What the station still owes the central database, and how its last syncs went.

Triggers (migration 0007) put the key of every row inserted, changed or deleted in a synced table into the
outbox, one entry per row: a later change replaces the entry with a new, higher sequence number. The sync sends
the rows in sequence order and deletes the entries it sent only after the central database committed them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models.base import Base

#: The tables whose rows leave the PC, parents before children. The catalog goes too: the station's dossiers
#: point at its own procedure versions. Print jobs (the rendered paper) and the holiday overlay stay local.
SYNCED_TABLES = (
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
    "audit_log",
    "queue_ticket",
    "guide_slip",
    "feedback",
    "feedback_step",
)

#: Columns that never leave the PC.
PRIVATE_COLUMNS = {
    "user_account": ("password_hash", "pin_hash", "failed_logins", "locked_at", "must_change_password"),
}


class SyncOutbox(Base):
    __tablename__ = "sync_outbox"
    __table_args__ = (UniqueConstraint("tbl", "row_id"), {"sqlite_autoincrement": True})

    seq: Mapped[int] = mapped_column(primary_key=True)
    tbl: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(32))  # the row's UUID as SQLite stores it (32 hex digits)


class SyncState(Base):
    """One row: the last attempts of the sync, for the status bar and ``kiosk sync --status``."""

    __tablename__ = "sync_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    last_attempt_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    #: Rows sent and catalog entries or holidays taken in the last successful run.
    last_pushed: Mapped[int] = mapped_column(default=0)
    last_pulled: Mapped[int] = mapped_column(default=0)
    #: The central catalog's publication last applied here (0: none yet).
    catalog_publication: Mapped[int] = mapped_column(default=0)
