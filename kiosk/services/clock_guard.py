"""Trusting the PC's clock: codes, due dates and the ledger all take their date from it.

The clock is suspect when it reads earlier than the latest moment already recorded (a flat CMOS battery, a
wrong manual change) or far later than it (a jump of weeks). Registration then waits until a supervisor confirms
the time; the detection and the confirmation go into the audit log, and the confirmation stays valid for that
situation only (a later anomaly needs its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import select, text

from kiosk.clock import Clock
from kiosk.errors import KioskError
from kiosk.models import AuditEntry, Database, Role
from kiosk.services.audit import AuditLog
from kiosk.services.users import Actor

#: A clock read this much earlier than the latest record is wrong (a few minutes of drift correction is not).
BACKWARDS_TOLERANCE = timedelta(minutes=5)
#: No kiosk ran before this: a clock reading earlier has been reset.
EPOCH = datetime(2025, 1, 1, tzinfo=UTC)

#: The latest moment recorded: a dossier received, or anything the audit log holds (both indexed). A clock that
#: went back reads earlier than this.
_LATEST = text("SELECT max(x) FROM (SELECT max(received_at) AS x FROM dossier UNION ALL SELECT max(at) FROM audit_log)")
#: The latest moment known to be right: a dossier received (registration waits while the clock is suspect). A
#: clock that jumped ahead reads far later than this (or than a supervisor's confirmation); log-ins and the guard's
#: own entries, written at whatever time the clock shows, do not move it.
_TRUSTED = text("SELECT max(received_at) FROM dossier")


class ClockSuspect(KioskError):
    """Registration waits: the PC's clock needs a supervisor's confirmation."""

    exit_code = 4


class Verdict(StrEnum):
    OK = "ok"
    BACKWARDS = "backwards"
    AHEAD = "ahead"


@dataclass(frozen=True)
class ClockCheck:
    verdict: Verdict
    now: datetime
    latest: datetime | None

    def describe(self, zone: ZoneInfo) -> str:
        now = f"{self.now.astimezone(zone):%H:%M ngày %d/%m/%Y}"
        latest = f"{self.latest.astimezone(zone):%H:%M ngày %d/%m/%Y}" if self.latest else "chưa có"
        if self.verdict is Verdict.BACKWARDS:
            return (
                f"Đồng hồ máy tính đang chỉ {now}, sớm hơn lần ghi gần nhất ({latest}): có thể đồng hồ bị lùi. "
                "Mã hồ sơ và ngày hẹn lấy theo đồng hồ này. Hãy sửa giờ máy tính, hoặc nhờ lãnh đạo xác nhận giờ "
                "đúng trước khi tiếp nhận hồ sơ."
            )
        if self.verdict is Verdict.AHEAD:
            return (
                f"Đồng hồ máy tính đang chỉ {now}, muộn hơn nhiều so với lần ghi gần nhất ({latest}): có thể đồng hồ "
                "bị nhảy. Hãy kiểm tra giờ máy tính, hoặc nhờ lãnh đạo xác nhận giờ đúng trước khi tiếp nhận hồ sơ."
            )
        return f"Đồng hồ máy tính: {now}; lần ghi gần nhất: {latest}."


class ClockGuard:
    def __init__(self, db: Database, clock: Clock, audit: AuditLog, zone: ZoneInfo, max_gap_days: int = 45) -> None:
        self._db = db
        self._clock = clock
        self._audit = audit
        self.zone = zone
        self.max_gap = timedelta(days=max_gap_days)

    def check(self) -> ClockCheck:
        now = self._clock.now()
        with self._db.connect() as conn:
            latest = _instant(conn.execute(_LATEST).scalar())
            trusted = _instant(conn.execute(_TRUSTED).scalar())
        if now < EPOCH or (latest is not None and now < latest - BACKWARDS_TOLERANCE):
            return ClockCheck(Verdict.BACKWARDS, now, latest)
        confirmed = self._last("clock_confirmed")
        if confirmed is not None and isinstance(confirmed.get("now"), str):
            moment = datetime.fromisoformat(str(confirmed["now"]))
            trusted = moment if trusted is None else max(trusted, moment)
        if trusted is not None and now > trusted + self.max_gap:
            return ClockCheck(Verdict.AHEAD, now, trusted)
        return ClockCheck(Verdict.OK, now, latest)

    def require_trusted(self) -> None:
        """ClockSuspect (and an audit entry, once per situation) unless the clock is fine or was confirmed."""
        found = self.check()
        if found.verdict is Verdict.OK or self._confirmed(found):
            return
        situation = {"verdict": found.verdict.value, "latest": _iso(found.latest), "now": _iso(found.now)}
        last = self._last("clock_suspect")
        if last is None or last.get("latest") != situation["latest"] or last.get("verdict") != situation["verdict"]:
            self._audit.record("system", "clock_suspect", "", situation)
        raise ClockSuspect(found.describe(self.zone))

    def confirm(self, *, by: Actor) -> ClockCheck:
        """A supervisor says the clock shows the right time now; registration goes on."""
        by.require(Role.SUPERVISOR)
        found = self.check()
        situation = {"verdict": found.verdict.value, "latest": _iso(found.latest), "now": _iso(found.now)}
        self._audit.record(by.username, "clock_confirmed", "", situation)
        return found

    def _confirmed(self, found: ClockCheck) -> bool:
        last = self._last("clock_confirmed")
        return last is not None and last.get("latest") == _iso(found.latest) and last.get("verdict") == found.verdict

    def _last(self, action: str) -> dict[str, object] | None:
        with self._db.read() as session:
            entry = session.scalars(
                select(AuditEntry.details).where(AuditEntry.action == action).order_by(AuditEntry.seq.desc()).limit(1)
            ).first()
        return dict(entry) if entry is not None else None


def _instant(raw: object) -> datetime | None:
    if raw is None:
        return None
    value = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _iso(at: datetime | None) -> str | None:
    return None if at is None else at.astimezone(UTC).isoformat(timespec="seconds")
