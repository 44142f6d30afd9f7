"""The audit log: who did what, append-only, each entry chained to the previous one by a hash.

Triggers refuse to change or delete an entry; an entry changed or deleted behind their back (the file edited with
another tool) breaks the chain, and ``kiosk audit verify`` says where. Entries name people by user name and
dossiers by code: never an ID number or a phone, so the log can outlive the personal data it points at.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models.base import Base, UuidKey


class AuditEntry(UuidKey, Base):
    __tablename__ = "audit_log"

    #: The position in the chain: 1, 2, 3 … with no gap.
    seq: Mapped[int] = mapped_column(unique=True)
    at: Mapped[datetime] = mapped_column(index=True)  # the clock guard reads the latest moment recorded
    actor: Mapped[str] = mapped_column(String(64))  # user name, or "cli" / "system"
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
