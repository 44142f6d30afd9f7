"""The holiday calendar as the desk keeps it: the public holidays plus the admin's overlay in the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import CursorResult, delete, select

from kiosk.clock import Clock
from kiosk.config import CalendarSettings
from kiosk.errors import InvalidInput, NotFound
from kiosk.models import Database, DayOverride, OverrideKind, Role
from kiosk.services.appointment import Appointment, IntakeRules, TimeLimit, compute_appointment
from kiosk.services.audit import AuditLog
from kiosk.services.users import Actor
from kiosk.services.workdays import AdminDay, DayNote, PublicHolidays, VietnamPublicHolidays, WorkingCalendar
from kiosk.text import clean_line

FIRST_YEAR, LAST_YEAR = 2000, 2100
#: The first and last dates whose midnight is a moment in any zone (year 1 and year 9999 stand for "no limit").
_EARLIEST_DAY, _LATEST_DAY = date.min + timedelta(days=1), date.max - timedelta(days=1)


def intake_rules(settings: CalendarSettings, zone_name: str) -> IntakeRules:
    cutoff: time | None = settings.cutoff_time if settings.cutoff_enabled else None
    return IntakeRules(ZoneInfo(zone_name), cutoff, settings.appointment_time)


class CalendarService:
    """Working days, appointment dates and the overlay of days off and worked Saturdays."""

    def __init__(
        self, db: Database, clock: Clock, rules: IntakeRules, *, audit: AuditLog, public: PublicHolidays | None = None
    ) -> None:
        self._db = db
        self._clock = clock
        self._audit = audit
        self.rules = rules
        self._public = public or VietnamPublicHolidays()
        self._overlay: tuple[AdminDay, ...] | None = None
        self._calendar: WorkingCalendar | None = None

    def calendar(self) -> WorkingCalendar:
        """The working calendar, rebuilt only when the overlay changed (also by another process)."""
        overlay = self._load_overlay()
        if self._calendar is None or overlay != self._overlay:
            self._calendar = WorkingCalendar(self._public, overlay)
            self._overlay = overlay
        return self._calendar

    def today(self) -> date:
        """Today's date in the office's zone."""
        return self._clock.now().astimezone(self.rules.zone).date()

    def day_bounds(self, first: date, last: date) -> tuple[datetime, datetime]:
        """The UTC instants that start ``first`` and end ``last`` in the office's zone (``start <= t < end``).

        A date at the very end of the calendar (a filter "from 01/01/0001") stands for no limit on that side.
        """
        zone = self.rules.zone
        first, last = max(first, _EARLIEST_DAY), min(last, _LATEST_DAY)
        start = datetime.combine(first, time(0), tzinfo=zone).astimezone(UTC)
        end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
        return start, end

    def appointment(
        self, limit: TimeLimit, received_at: datetime | None = None, *, cutoff: time | bool | None = True
    ) -> Appointment:
        """The appointment for a dossier received at ``received_at`` (default: now).

        ``cutoff``: True keeps the desk's cut-off, False switches it off, a time replaces it (per procedure).
        InvalidInput when the moment is outside the years the calendar covers.
        """
        received = received_at or self._clock.now()
        check_year(received.year)
        rules = self.rules
        if cutoff is False:
            rules = replace(rules, cutoff=None)
        elif isinstance(cutoff, time):
            rules = replace(rules, cutoff=cutoff)
        return compute_appointment(self.calendar(), rules, received, limit)

    def year(self, year: int) -> list[DayNote]:
        """Every day of ``year`` that is not an ordinary weekday or weekend day, with its reason."""
        check_year(year)
        return self.calendar().year_notes(year)

    def set_day(self, day: date, kind: str, note: str = "", *, by: Actor) -> DayNote:
        """Declare ``day`` off or worked (a supervisor's or an admin's decision: every appointment counted after it
        changes); replaces what the overlay said of that day before, and is audited."""
        by.require(Role.SUPERVISOR)
        check_year(day.year)
        try:
            overlay_kind = OverrideKind(kind)
        except ValueError:
            raise InvalidInput("Loại ngày phải là «off» (nghỉ) hoặc «working» (làm việc).", field="kind") from None
        text = clean_line(note, field="note", label="Ghi chú", max_length=200, required=False)
        with self._db.write() as session:
            session.execute(delete(DayOverride).where(DayOverride.day == day))
            session.add(
                DayOverride(
                    day=day, kind=overlay_kind.value, note=text, created_at=self._clock.now(), created_by=by.username
                )
            )
            details = {"kind": overlay_kind.value, "note": text}
            self._audit.record_in(session, by.username, "calendar_day_set", day.isoformat(), details)
        result = self.calendar().note(day)
        assert result is not None
        return result

    def remove_day(self, day: date, *, by: Actor) -> None:
        """Take back what the overlay said of ``day`` (supervisor or admin; audited)."""
        by.require(Role.SUPERVISOR)
        with self._db.write() as session:
            result = session.execute(delete(DayOverride).where(DayOverride.day == day))
            if not (result.rowcount if isinstance(result, CursorResult) else 0):
                raise NotFound(f"Ngày {day:%d/%m/%Y} không có trong danh sách điều chỉnh lịch.")
            self._audit.record_in(session, by.username, "calendar_day_removed", day.isoformat())

    def overlay(self) -> tuple[AdminDay, ...]:
        return self._load_overlay()

    def _load_overlay(self) -> tuple[AdminDay, ...]:
        with self._db.read() as session:
            rows = session.execute(
                select(DayOverride.day, DayOverride.kind, DayOverride.note).order_by(DayOverride.day)
            )
            return tuple(AdminDay(day, kind == OverrideKind.WORKING, note) for day, kind, note in rows)


def check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(f"Năm phải trong khoảng {FIRST_YEAR}–{LAST_YEAR}.", field="year")
