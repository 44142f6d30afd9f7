"""The calendar service on a real SQLite file: the seeded overlay, adding and removing days, other processes."""

from __future__ import annotations

import unicodedata
from datetime import date, time
from uuid import uuid4

import pytest
from sqlalchemy import select

from kiosk.clock import FixedClock
from kiosk.errors import InvalidInput, NotFound, PermissionDenied
from kiosk.models import Database, DayOverride, Role
from kiosk.services.appointment import IntakeRules, TimeLimit
from kiosk.services.audit import AuditLog
from kiosk.services.calendar import CalendarService
from kiosk.services.users import Actor
from kiosk.services.workdays import NoteSource, VietnamPublicHolidays
from tests.helpers import VN, local

ADMIN = Actor(uuid4(), "admin", "Quản trị", Role.ADMIN)
SUPERVISOR = Actor(uuid4(), "minh", "Lê Văn Minh", Role.SUPERVISOR)
CLERK = Actor(uuid4(), "lan", "Trần Thị Lan", Role.CLERK)


@pytest.fixture
def calendar_service(db: Database, clock: FixedClock, public_holidays: VietnamPublicHolidays) -> CalendarService:
    return CalendarService(db, clock, IntakeRules(VN), audit=AuditLog(db, clock), public=public_holidays)


def test_the_2026_swap_is_seeded(calendar_service: CalendarService) -> None:
    cal = calendar_service.calendar()
    assert not cal.is_working_day(date(2026, 1, 2))
    assert cal.is_working_day(date(2026, 1, 10))
    days = {n.day: n for n in calendar_service.year(2026)}
    assert days[date(2026, 1, 2)].source is NoteSource.ADMIN
    assert days[date(2026, 1, 10)].working


def test_adding_and_removing_a_day_changes_the_appointment(calendar_service: CalendarService) -> None:
    received = local(2026, 12, 29, 9, 0)
    assert calendar_service.appointment(TimeLimit.working_days(1), received).due_date == date(2026, 12, 30)
    note = calendar_service.set_day(date(2026, 12, 30), "off", "Nghỉ theo Quyết định 99/QĐ-UBND", by=ADMIN)
    assert note.name == "Nghỉ theo Quyết định 99/QĐ-UBND" and not note.working
    appointment = calendar_service.appointment(TimeLimit.working_days(1), received)
    assert appointment.due_date == date(2026, 12, 31)
    assert "30/12 – Nghỉ theo Quyết định 99/QĐ-UBND" in appointment.explanation()
    calendar_service.remove_day(date(2026, 12, 30), by=ADMIN)
    assert calendar_service.appointment(TimeLimit.working_days(1), received).due_date == date(2026, 12, 30)


def test_setting_a_day_again_replaces_it(calendar_service: CalendarService) -> None:
    calendar_service.set_day(date(2026, 12, 12), "working", by=ADMIN)
    calendar_service.set_day(date(2026, 12, 12), "off", "đổi ý", by=ADMIN)
    assert [a.working for a in calendar_service.overlay() if a.day == date(2026, 12, 12)] == [False]


def test_note_is_stored_in_nfc(calendar_service: CalendarService) -> None:
    decomposed = unicodedata.normalize("NFD", "Nghỉ bù Tết")
    assert decomposed != "Nghỉ bù Tết"
    note = calendar_service.set_day(date(2026, 12, 30), "off", decomposed, by=ADMIN)
    assert note.name == "Nghỉ bù Tết"
    assert calendar_service.overlay()[-1].note == unicodedata.normalize("NFC", "Nghỉ bù Tết")


def test_bad_input_is_refused_and_nothing_is_stored(calendar_service: CalendarService) -> None:
    before = calendar_service.overlay()
    with pytest.raises(InvalidInput, match="Loại ngày"):
        calendar_service.set_day(date(2026, 12, 30), "holiday", by=ADMIN)
    with pytest.raises(InvalidInput, match="quá dài"):
        calendar_service.set_day(date(2026, 12, 30), "off", "x" * 201, by=ADMIN)
    with pytest.raises(InvalidInput, match="không hợp lệ"):
        calendar_service.set_day(date(2026, 12, 30), "off", "a\x00b", by=ADMIN)
    with pytest.raises(InvalidInput, match="Năm"):
        calendar_service.set_day(date(1999, 12, 30), "off", by=ADMIN)
    with pytest.raises(NotFound):
        calendar_service.remove_day(date(2026, 7, 7), by=ADMIN)
    assert calendar_service.overlay() == before


def test_a_change_made_by_another_process_is_seen(db: Database, calendar_service: CalendarService) -> None:
    received = local(2026, 12, 29, 9, 0)
    assert calendar_service.appointment(TimeLimit.working_days(1), received).due_date == date(2026, 12, 30)
    other_db = Database(db.path)
    clock = calendar_service._clock
    other = CalendarService(other_db, clock, calendar_service.rules, audit=AuditLog(other_db, clock))
    other.set_day(date(2026, 12, 30), "off", by=ADMIN)
    assert calendar_service.appointment(TimeLimit.working_days(1), received).due_date == date(2026, 12, 31)


def test_per_procedure_cutoff(calendar_service: CalendarService) -> None:
    received = local(2026, 11, 25, 15, 30)
    limit = TimeLimit.working_days(1)
    assert calendar_service.appointment(limit, received).due_date == date(2026, 11, 27)
    assert calendar_service.appointment(limit, received, cutoff=False).due_date == date(2026, 11, 26)
    early = local(2026, 11, 25, 11, 30)
    assert calendar_service.appointment(limit, early, cutoff=time(11, 0)).due_date == date(2026, 11, 27)


def test_default_receipt_time_is_the_clock(calendar_service: CalendarService, db: Database) -> None:
    # The fixture clock stands at 9:00 on Wednesday 25/11/2026.
    assert calendar_service.today() == date(2026, 11, 25)
    assert calendar_service.appointment(TimeLimit.working_days(1)).due_at == local(2026, 11, 26, 16, 30)


def test_rules_come_from_the_service(db: Database, public_holidays: VietnamPublicHolidays) -> None:
    clock = FixedClock(local(2026, 11, 25, 15, 10))
    service = CalendarService(
        db, clock, IntakeRules(VN, cutoff=None), audit=AuditLog(db, clock), public=public_holidays
    )
    assert service.appointment(TimeLimit.same_day()).due_date == date(2026, 11, 25)


def test_only_a_supervisor_or_an_admin_changes_the_calendar(db: Database, calendar_service: CalendarService) -> None:
    """Every appointment counted after a change moves with it: a clerk may not make one, and each one is audited."""
    before = calendar_service.overlay()
    with pytest.raises(PermissionDenied, match="cần quyền"):
        calendar_service.set_day(date(2026, 12, 30), "off", "Nghỉ", by=CLERK)
    assert calendar_service.overlay() == before
    calendar_service.set_day(date(2026, 12, 30), "off", "Nghỉ theo Quyết định 99/QĐ-UBND", by=SUPERVISOR)
    with pytest.raises(PermissionDenied):
        calendar_service.remove_day(date(2026, 12, 30), by=CLERK)
    with db.read() as session:
        assert session.scalars(select(DayOverride.created_by).where(DayOverride.day == date(2026, 12, 30))).all() == [
            "minh"
        ]
    calendar_service.remove_day(date(2026, 12, 30), by=ADMIN)
    audit = AuditLog(db, calendar_service._clock)
    entries = [(e.actor, e.action, e.target) for e in reversed(audit.recent(limit=2))]
    assert entries == [("minh", "calendar_day_set", "2026-12-30"), ("admin", "calendar_day_removed", "2026-12-30")]
    assert audit.verify().sound
