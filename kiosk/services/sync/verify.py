"""Comparing the station with the central database: per table and per day, a count and a checksum.

Both sides read the same columns through the same types and the checksum is computed here, the same way, from
each row's every travelling column: a row missing, extra or different on either side shows as a difference on
its day. The central side is read through row-level security, so only this station's rows are compared.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Select, Table, select

from kiosk.models import Base, Database, UtcDateTime
from kiosk.models.central.tables import MIRRORS
from kiosk.models.sync import SYNCED_TABLES
from kiosk.services.sync.push import columns

#: The day each table's rows are counted under: a column of its own, or of the parent row (column, parent, key).
DAYS: dict[str, tuple[str, str | None, str | None]] = {
    "user_account": ("created_at", None, None),
    "procedure": ("created_at", None, None),
    "procedure_version": ("effective_from", None, None),
    "procedure_document": ("effective_from", "procedure_version", "version_id"),
    "dossier": ("receipt_day", None, None),
    "dossier_document": ("receipt_day", "dossier", "dossier_id"),
    "dossier_event": ("at", None, None),
    "guidance": ("at", None, None),
    "survey_ticket": ("issued_at", None, None),
    "survey_response": ("answered_on", None, None),
    "survey_answer": ("answered_on", "survey_response", "response_id"),
    "audit_log": ("at", None, None),
    "queue_ticket": ("day", None, None),
    "guide_slip": ("at", None, None),
    "feedback": ("received_at", None, None),
    "feedback_step": ("at", None, None),
}
TABLE_LABELS = {
    "user_account": "người dùng",
    "procedure": "thủ tục",
    "procedure_version": "phiên bản thủ tục",
    "procedure_document": "giấy tờ của thủ tục",
    "dossier": "hồ sơ",
    "dossier_document": "giấy tờ của hồ sơ",
    "dossier_event": "bước xử lý hồ sơ",
    "guidance": "lượt hướng dẫn, từ chối",
    "survey_ticket": "lượt mời đánh giá",
    "survey_response": "phiếu đánh giá",
    "survey_answer": "câu trả lời đánh giá",
    "audit_log": "nhật ký thao tác",
    "queue_ticket": "số thứ tự",
    "guide_slip": "phiếu hướng dẫn thủ tục",
    "feedback": "phản ánh, kiến nghị",
    "feedback_step": "bước xử lý phản ánh, kiến nghị",
}


@dataclass(frozen=True)
class DayTally:
    count: int = 0
    checksum: int = 0


@dataclass(frozen=True)
class Difference:
    table: str
    day: date | None
    station: DayTally
    central: DayTally

    def describe(self) -> str:
        day = f"{self.day:%d/%m/%Y}" if self.day else "không rõ ngày"
        label = TABLE_LABELS[self.table]
        if self.station.count != self.central.count:
            return f"{label}, ngày {day}: trên máy {self.station.count}, trên máy chủ {self.central.count}"
        return f"{label}, ngày {day}: cùng {self.station.count} dòng nhưng nội dung khác nhau"


@dataclass(frozen=True)
class VerifyReport:
    tables: dict[str, int]  # rows compared per table (the station's count)
    differences: list[Difference]

    @property
    def matches(self) -> bool:
        return not self.differences


def tallies(conn: Connection, tables: dict[str, Table], since: date | None) -> dict[str, dict[date | None, DayTally]]:
    """Per table, per day: how many rows and the sum of their fingerprints."""
    result: dict[str, dict[date | None, DayTally]] = {}
    for name in SYNCED_TABLES:
        counts: dict[date | None, list[int]] = {}
        for day, fingerprint in _fingerprints(conn, tables, name, since):
            entry = counts.setdefault(day, [0, 0])
            entry[0] += 1
            entry[1] += fingerprint
        result[name] = {day: DayTally(c, s) for day, (c, s) in counts.items()}
    return result


def compare(
    station: dict[str, dict[date | None, DayTally]], central: dict[str, dict[date | None, DayTally]]
) -> VerifyReport:
    differences = []
    for name in SYNCED_TABLES:
        ours, theirs = station.get(name, {}), central.get(name, {})
        for day in sorted(set(ours) | set(theirs), key=lambda d: d or date.min):
            a, b = ours.get(day, DayTally()), theirs.get(day, DayTally())
            if a != b:
                differences.append(Difference(name, day, a, b))
    counts = {name: sum(t.count for t in station.get(name, {}).values()) for name in SYNCED_TABLES}
    return VerifyReport(counts, differences)


def local_tallies(db: Database, since: date | None) -> dict[str, dict[date | None, DayTally]]:
    with db.connect() as conn:
        return tallies(conn, dict(Base.metadata.tables), since)


def central_tallies(conn: Connection, since: date | None) -> dict[str, dict[date | None, DayTally]]:
    return tallies(conn, dict(MIRRORS), since)


def _fingerprints(
    conn: Connection, tables: dict[str, Table], name: str, since: date | None
) -> Iterator[tuple[date | None, int]]:
    table = tables[name]
    day_column, parent_name, key = DAYS[name]
    wanted = [table.c[c] for c in columns(name)]
    if parent_name is None:
        day = table.c[day_column]
        query: Select[Any] = select(day, *wanted)
    else:
        assert key is not None
        parent = tables[parent_name]
        day = parent.c[day_column]
        query = select(day, *wanted).join(parent, parent.c.id == table.c[key])
    if since is not None:
        start = datetime.combine(since, time(0), tzinfo=UTC) if isinstance(day.type, UtcDateTime) else since
        query = query.where(day >= start)
    result = conn.execution_options(stream_results=True, yield_per=5_000).execute(query)
    for row in result:
        yield _day(row[0]), _fingerprint(row[1:])


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _fingerprint(values: Iterable[object]) -> int:
    text = "\x1f".join(_canonical(v) for v in values)
    return int(hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()[:15], 16)


def _canonical(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, UUID):
        return value.hex
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)
