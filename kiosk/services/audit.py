"""The audit log: record who did what in the same transaction as the deed, and check the chain.

Each entry's hash covers the previous entry's hash and every field of its own, so an entry edited or deleted
outside the kiosk (the triggers refuse it inside) breaks the chain from there on. Cutting entries off the end
leaves a sound but shorter chain: the copies at the central database and in the backups are what reveal that.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.models import AuditEntry, Database, new_id

GENESIS = "0" * 64


def entry_hash(
    prev_hash: str, seq: int, entry_id: str, at: datetime, actor: str, action: str, target: str, details: Any
) -> str:
    stamp = at.astimezone(UTC).isoformat(timespec="microseconds")
    body = [prev_hash, seq, entry_id, stamp, actor, action, target, details]
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class AuditView:
    seq: int
    at: datetime
    actor: str
    action: str
    target: str
    details: dict[str, Any]


@dataclass(frozen=True)
class AuditCheck:
    entries: int
    problems: list[str]

    @property
    def sound(self) -> bool:
        return not self.problems


class AuditLog:
    def __init__(self, db: Database | None, clock: Clock) -> None:
        self._db_or_none = db
        self._clock = clock

    @classmethod
    def appender(cls, clock: Clock) -> AuditLog:
        """An audit log that only appends in sessions it is given (a database opened outside the kiosk's engine)."""
        return cls(None, clock)

    def record_in(
        self, session: Session, actor: str, action: str, target: str = "", details: dict[str, Any] | None = None
    ) -> None:
        """Append an entry in the caller's write transaction: it stands or falls with the deed it records."""
        last = session.execute(select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)).first()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        entry_id = new_id()
        at = self._clock.now()
        facts = details or {}
        digest = entry_hash(prev, seq, entry_id.hex, at, actor, action, target[:200], facts)
        session.add(
            AuditEntry(
                id=entry_id,
                seq=seq,
                at=at,
                actor=actor,
                action=action,
                target=target[:200],
                details=facts,
                prev_hash=prev,
                hash=digest,
            )
        )
        session.flush()

    def record(self, actor: str, action: str, target: str = "", details: dict[str, Any] | None = None) -> None:
        """Append an entry in a transaction of its own (a login, an export: nothing else is written)."""
        with self._db.write() as session:
            self.record_in(session, actor, action, target, details)

    @property
    def _db(self) -> Database:
        assert self._db_or_none is not None, "this audit log only appends in the sessions it is given"
        return self._db_or_none

    def recent(self, *, limit: int = 50, action: str | None = None) -> list[AuditView]:
        rows = max(-1, min(limit, 2**63 - 1))  # what SQLite's LIMIT holds (a negative one: no limit)
        query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(rows)
        if action:
            query = query.where(AuditEntry.action == action)
        with self._db.read() as session:
            return [
                AuditView(e.seq, e.at, e.actor, e.action, e.target, dict(e.details)) for e in session.scalars(query)
            ]

    def count(self) -> int:
        with self._db.read() as session:
            return session.scalar(select(func.count()).select_from(AuditEntry)) or 0

    def verify(self) -> AuditCheck:
        """Walk the chain from the first entry: every link, every hash, no number missing."""
        problems: list[str] = []
        expected_seq, prev = 1, GENESIS
        count = 0
        with self._db.connect() as conn:
            rows = conn.execute(
                select(
                    AuditEntry.seq,
                    AuditEntry.id,
                    AuditEntry.at,
                    AuditEntry.actor,
                    AuditEntry.action,
                    AuditEntry.target,
                    AuditEntry.details,
                    AuditEntry.prev_hash,
                    AuditEntry.hash,
                ).order_by(AuditEntry.seq)
            )
            for seq, entry_id, at, actor, action, target, details, prev_hash, digest in rows:
                count += 1
                if seq != expected_seq:
                    problems.append(_missing(expected_seq, seq))
                elif prev_hash != prev:
                    problems.append(f"Mục số {seq} không nối với mục trước nó: chuỗi nhật ký đã bị thay đổi.")
                if entry_hash(prev_hash, seq, entry_id.hex, at, actor, action, target, details) != digest:
                    problems.append(f"Mục số {seq} ({action}, {at:%d/%m/%Y %H:%M}) đã bị sửa sau khi ghi.")
                expected_seq, prev = seq + 1, digest
        return AuditCheck(count, problems)


def _missing(expected: int, found: int) -> str:
    if found < expected:
        return f"Mục số {found} xuất hiện lại: chuỗi nhật ký đã bị thay đổi."
    gap = f"số {expected}" if found == expected + 1 else f"từ số {expected} đến {found - 1}"
    return f"Thiếu mục {gap} của nhật ký: đã bị xoá."
