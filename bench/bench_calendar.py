"""Foundation I: due-date computation (< 50 µs) and the cold import of the services layer (< 300 ms)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.harness import Figure, median_of, median_per_call
from kiosk.clock import FixedClock
from kiosk.models import Database
from kiosk.models.migrate import migrate
from kiosk.services.appointment import IntakeRules, TimeLimit, compute_appointment
from kiosk.services.audit import AuditLog
from kiosk.services.calendar import CalendarService
from kiosk.services.workdays import AdminDay, VietnamPublicHolidays, WorkingCalendar

_IMPORT_SERVICES = """
import time, pkgutil, importlib  # the bench's own tools, before the clock starts
start = time.perf_counter()
import kiosk.services
for info in pkgutil.walk_packages(kiosk.services.__path__, "kiosk.services."):
    importlib.import_module(info.name)
print(time.perf_counter() - start)
"""


_IMPORT_ORM = """
import time
start = time.perf_counter()
import sqlalchemy.orm
print(time.perf_counter() - start)
"""


def _seconds(code: str) -> float:
    return float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)


def run() -> list[Figure]:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    rules = IntakeRules(zone)
    calendar = WorkingCalendar(VietnamPublicHolidays(), [AdminDay(date(2026, 1, 2), False, "")])
    start = datetime(2026, 1, 5, 8, 0, tzinfo=zone)
    cases = [(start + timedelta(hours=7 * i), TimeLimit.working_days(i % 31)) for i in range(500)]
    for received, limit in cases:  # build the years the cases touch, as a running desk has
        compute_appointment(calendar, rules, received, limit)
    index = iter(range(1 << 62))

    def one_due_date() -> None:
        received, limit = cases[next(index) % len(cases)]
        compute_appointment(calendar, rules, received, limit).explanation()

    figures = [
        Figure(
            "due date + explanation (0-30 working days, 2026)",
            median_per_call(one_due_date, unit="µs"),
            "µs",
            50,
        )
    ]

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "k.sqlite3"
        migrate(path, Path(tmp), now=datetime.now(UTC))
        db = Database(path)
        clock = FixedClock(start)
        service = CalendarService(db, clock, rules, audit=AuditLog(db, clock))

        def through_service() -> None:
            received, limit = cases[next(index) % len(cases)]
            service.appointment(limit, received)

        service.appointment(TimeLimit.working_days(5))
        figures.append(
            Figure(
                "due date via the service (incl. overlay freshness query)",
                median_per_call(through_service, unit="µs"),
                "µs",
                None,
            )
        )
        db.close()

    subprocess.run([sys.executable, "-c", _IMPORT_SERVICES], check=True, capture_output=True)  # compile .pyc first
    samples = [_seconds(_IMPORT_SERVICES) for _ in range(9)]
    floor = [_seconds(_IMPORT_ORM) for _ in range(9)]
    spread = f"min {min(samples) * 1e3:.0f}, max {max(samples) * 1e3:.0f}"
    figures.append(
        Figure("cold import of kiosk.services (all modules), median of 9", median_of(samples, "ms"), "ms", 300, spread)
    )
    figures.append(
        Figure("  of which SQLAlchemy's ORM alone (import sqlalchemy.orm)", median_of(floor, "ms"), "ms", None)
    )
    return figures
