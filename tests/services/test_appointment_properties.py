"""Properties of the appointment date, checked against a plain day-by-day walk of the same calendar."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.services.appointment import IntakeRules, TimeLimit, compute_appointment
from kiosk.services.workdays import AdminDay, VietnamPublicHolidays, WorkingCalendar
from tests.helpers import VN

RULES = IntakeRules(VN, cutoff=time(15, 0, 0), appointment_time=time(16, 30))

moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2028, 12, 31, 23, 59, 59)).map(
    lambda d: d.replace(microsecond=0, tzinfo=VN)
)
limits = st.integers(min_value=0, max_value=60)
cutoffs = st.one_of(
    st.none(), st.times(min_value=time(7, 0), max_value=time(17, 30)).map(lambda t: t.replace(microsecond=0))
)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    overlay = [
        AdminDay(date(2026, 1, 2), False, ""),
        AdminDay(date(2026, 1, 10), True, ""),
        AdminDay(date(2027, 3, 3), False, ""),
        AdminDay(date(2025, 6, 14), True, ""),
    ]
    return WorkingCalendar(VietnamPublicHolidays(), overlay)


def walk(cal: WorkingCalendar, received: datetime, days: int, cutoff: time | None) -> date:
    """The rule written out the slow way, one day at a time."""
    day = received.date()
    if not cal.is_working_day(day) or (cutoff is not None and received.time() > cutoff):
        day += timedelta(days=1)
        while not cal.is_working_day(day):
            day += timedelta(days=1)
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            counted += 1
    return day


@settings(max_examples=400, deadline=None)
@given(received=moments, days=limits, cutoff=cutoffs)
def test_due_date_matches_the_slow_walk_and_is_a_working_day(
    cal: WorkingCalendar, received: datetime, days: int, cutoff: time | None
) -> None:
    rules = IntakeRules(VN, cutoff=cutoff)
    appointment = compute_appointment(cal, rules, received, TimeLimit.working_days(days))
    assert appointment.due_date == walk(cal, received, days, cutoff)
    assert cal.is_working_day(appointment.due_date)
    assert appointment.due_date >= received.date()
    assert appointment.due_at is not None and appointment.due_at >= received


@settings(max_examples=300, deadline=None)
@given(received=moments, days=st.integers(min_value=0, max_value=59))
def test_due_date_grows_with_the_limit(cal: WorkingCalendar, received: datetime, days: int) -> None:
    shorter = compute_appointment(cal, RULES, received, TimeLimit.working_days(days)).due_date
    longer = compute_appointment(cal, RULES, received, TimeLimit.working_days(days + 1)).due_date
    assert shorter is not None and longer is not None
    assert longer > shorter


@settings(max_examples=300, deadline=None)
@given(first=moments, gap=st.integers(min_value=0, max_value=10 * 24 * 3600), days=limits)
def test_due_date_never_goes_back_when_received_later(
    cal: WorkingCalendar, first: datetime, gap: int, days: int
) -> None:
    second = first + timedelta(seconds=gap)
    a = compute_appointment(cal, RULES, first, TimeLimit.working_days(days))
    b = compute_appointment(cal, RULES, second, TimeLimit.working_days(days))
    assert a.due_date is not None and b.due_date is not None
    assert a.due_date <= b.due_date
    assert a.due_at is not None and b.due_at is not None and a.due_at <= b.due_at


@settings(max_examples=200, deadline=None)
@given(received=moments, days=st.integers(min_value=1, max_value=60))
def test_explanation_covers_every_weekday_skipped(cal: WorkingCalendar, received: datetime, days: int) -> None:
    appointment = compute_appointment(cal, RULES, received, TimeLimit.working_days(days))
    assert appointment.due_date is not None
    span = (appointment.due_date - received.date()).days
    off_weekdays = [
        d
        for d in (received.date() + timedelta(days=i) for i in range(1, span + 1))
        if d.weekday() < 5 and not cal.is_working_day(d)
    ]
    assert [n.day for n in appointment.skipped] == off_weekdays
    named = _named_days(appointment.explanation(), received.date(), appointment.due_date)
    assert set(off_weekdays) <= named


def _named_days(text: str, first: date, last: date) -> set[date]:
    """Every date the explanation names, single ("24/11") or as a run ("16/02–20/02"), within [first, last]."""
    by_label: dict[str, date] = {}
    day = first
    while day <= last:
        by_label.setdefault(f"{day:%d/%m}", day)
        day += timedelta(days=1)
    named: set[date] = set()
    for start, end in re.findall(r"(\d\d/\d\d)(?:–(\d\d/\d\d))?", text):
        if start not in by_label:
            continue
        a = by_label[start]
        b = by_label.get(end, a) if end else a
        named.update(a + timedelta(days=i) for i in range((b - a).days + 1))
    return named
