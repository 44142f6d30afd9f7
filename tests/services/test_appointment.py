"""Appointment dates: Art. 147 counting, the 15:00 cut-off, weekends, Tết, the overlay, same day, no limit."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, time, timedelta

import pytest

from kiosk.services.appointment import IntakeRules, Shift, TimeLimit, compute_appointment
from kiosk.services.workdays import AdminDay, VietnamPublicHolidays, WorkingCalendar
from tests.helpers import VN, local

RULES = IntakeRules(VN, cutoff=time(15, 0, 0), appointment_time=time(16, 30))
SEEDED_2026 = [
    AdminDay(date(2026, 1, 2), False, "Nghỉ hoán đổi"),
    AdminDay(date(2026, 1, 10), True, "Làm bù"),
]


@pytest.fixture
def cal(public_holidays: VietnamPublicHolidays) -> WorkingCalendar:
    return WorkingCalendar(public_holidays, SEEDED_2026)


def due(cal: WorkingCalendar, received: tuple[int, ...], days: int, rules: IntakeRules = RULES) -> date | None:
    return compute_appointment(cal, rules, local(*received), TimeLimit.working_days(days)).due_date


def test_day_of_receipt_is_not_counted(cal: WorkingCalendar) -> None:
    assert due(cal, (2026, 11, 25, 9, 0), 1) == date(2026, 11, 26)
    assert due(cal, (2026, 11, 25, 9, 0), 3) == date(2026, 11, 30)  # over the weekend


def test_cutoff_is_inclusive_at_15_00_00(cal: WorkingCalendar) -> None:
    on_time = compute_appointment(cal, RULES, local(2026, 11, 20, 15, 0, 0), TimeLimit.working_days(5))
    late = compute_appointment(cal, RULES, local(2026, 11, 20, 15, 0, 1), TimeLimit.working_days(5))
    assert on_time.shift is Shift.NONE and on_time.due_date == date(2026, 11, 30)
    assert late.shift is Shift.AFTER_CUTOFF and late.counted_from == date(2026, 11, 23)
    assert late.due_date == date(2026, 12, 1)


def test_fractions_of_a_second_do_not_cross_the_cutoff(cal: WorkingCalendar) -> None:
    # The receipt shows whole seconds; 15:00:00.9 is printed as 15:00:00, so it counts as on time.
    received = local(2026, 11, 20, 15, 0, 0) + timedelta(microseconds=900_000)
    assert compute_appointment(cal, RULES, received, TimeLimit.working_days(5)).shift is Shift.NONE


def test_cutoff_uses_the_office_zone_not_utc(cal: WorkingCalendar) -> None:
    received_utc = local(2026, 11, 20, 15, 0, 1).astimezone(UTC)
    assert received_utc.hour == 8
    appointment = compute_appointment(cal, RULES, received_utc, TimeLimit.working_days(5))
    assert appointment.shift is Shift.AFTER_CUTOFF
    assert appointment.received_at.tzinfo == VN


def test_cutoff_can_be_switched_off_or_moved(cal: WorkingCalendar) -> None:
    assert due(cal, (2026, 11, 20, 16, 0), 5, replace(RULES, cutoff=None)) == date(2026, 11, 30)
    assert due(cal, (2026, 11, 20, 11, 30), 5, replace(RULES, cutoff=time(11, 0))) == date(2026, 12, 1)


def test_weekend_receipt_counts_from_the_next_working_day(cal: WorkingCalendar) -> None:
    appointment = compute_appointment(cal, RULES, local(2026, 11, 21, 9, 0), TimeLimit.working_days(5))
    assert appointment.shift is Shift.NON_WORKING_DAY
    assert appointment.counted_from == date(2026, 11, 23)
    assert appointment.due_date == date(2026, 12, 1)  # 23/11 not counted, 24/11 off


def test_receipt_on_a_holiday_names_it(cal: WorkingCalendar) -> None:
    appointment = compute_appointment(cal, RULES, local(2026, 11, 24, 9, 0), TimeLimit.working_days(3))
    assert appointment.counted_from == date(2026, 11, 25)
    assert appointment.due_date == date(2026, 11, 30)
    assert appointment.receipt_day_note is not None
    assert "Ngày Văn hóa Việt Nam" in appointment.explanation()


def test_tet_is_skipped(cal: WorkingCalendar) -> None:
    # Friday 13/2/2026, the last working day before Tết: one working day later is Monday 23/2.
    assert due(cal, (2026, 2, 13, 10, 0), 1) == date(2026, 2, 23)
    # Received during Tết: counted from Monday 23/2, so one working day is Tuesday 24/2.
    assert due(cal, (2026, 2, 17, 10, 0), 1) == date(2026, 2, 24)
    # Twenty working days from 10/2 run past the five weekdays of Tết.
    assert due(cal, (2026, 2, 10, 9, 0), 20) == date(2026, 3, 17)


def test_observed_day_is_skipped(cal: WorkingCalendar) -> None:
    assert due(cal, (2026, 4, 24, 10, 0), 1) == date(2026, 4, 28)  # Monday 27/4 is off in lieu of Sunday 26/4


def test_overlay_day_off_and_worked_saturday(cal: WorkingCalendar) -> None:
    assert due(cal, (2025, 12, 31, 10, 0), 1) == date(2026, 1, 5)  # 1/1 and the seeded 2/1 off
    assert due(cal, (2026, 1, 9, 10, 0), 1) == date(2026, 1, 10)  # the seeded worked Saturday counts
    saturday = compute_appointment(cal, RULES, local(2026, 1, 10, 10, 0), TimeLimit.working_days(1))
    assert saturday.shift is Shift.NONE and saturday.due_date == date(2026, 1, 12)
    after_cutoff = compute_appointment(cal, RULES, local(2026, 1, 9, 15, 30), TimeLimit.working_days(1))
    assert after_cutoff.counted_from == date(2026, 1, 10) and after_cutoff.due_date == date(2026, 1, 12)


def test_same_day_before_and_after_the_cutoff(cal: WorkingCalendar) -> None:
    before = compute_appointment(cal, RULES, local(2026, 11, 25, 14, 0), TimeLimit.same_day())
    after = compute_appointment(cal, RULES, local(2026, 11, 25, 15, 30), TimeLimit.same_day())
    assert before.due_at == local(2026, 11, 25, 16, 30)
    assert after.due_at == local(2026, 11, 26, 16, 30)
    friday = compute_appointment(cal, RULES, local(2026, 11, 20, 15, 30), TimeLimit.same_day())
    assert friday.due_date == date(2026, 11, 23)


def test_same_day_after_the_appointment_hour_is_due_at_once(cal: WorkingCalendar) -> None:
    late = compute_appointment(cal, replace(RULES, cutoff=None), local(2026, 11, 25, 16, 45), TimeLimit.same_day())
    assert late.due_date == date(2026, 11, 25)
    assert late.due_at == local(2026, 11, 25, 16, 45)


def test_no_fixed_limit_gives_no_due_date(cal: WorkingCalendar) -> None:
    appointment = compute_appointment(cal, RULES, local(2026, 11, 25, 9, 0), TimeLimit.none())
    assert appointment.due_date is None and appointment.due_at is None
    assert appointment.explanation() == "Không quy định thời hạn giải quyết: không hẹn ngày trả"


def test_appointment_time_is_configurable(cal: WorkingCalendar) -> None:
    rules = replace(RULES, appointment_time=time(10, 0))
    appointment = compute_appointment(cal, rules, local(2026, 11, 25, 9, 0), TimeLimit.working_days(1))
    assert appointment.due_at == local(2026, 11, 26, 10, 0)


def test_naive_receipt_time_is_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError):
        compute_appointment(cal, RULES, local(2026, 11, 25, 9, 0).replace(tzinfo=None), TimeLimit.same_day())


def test_time_limit_values() -> None:
    assert TimeLimit.working_days(0) == TimeLimit.same_day()
    with pytest.raises(ValueError):
        TimeLimit.working_days(-1)


@pytest.mark.parametrize(
    ("received", "limit", "expected"),
    [
        (
            (2026, 11, 20, 10, 0),
            TimeLimit.working_days(5),
            "5 ngày làm việc; không tính 24/11 – Ngày Văn hóa Việt Nam",
        ),
        ((2026, 11, 25, 9, 0), TimeLimit.working_days(2), "2 ngày làm việc"),
        (
            (2026, 11, 20, 15, 0, 1),
            TimeLimit.working_days(5),
            "5 ngày làm việc, tính từ sau ngày thứ Hai 23/11/2026 (nhận sau 15:00 ngày 20/11); "
            "không tính 24/11 – Ngày Văn hóa Việt Nam",
        ),
        (
            (2026, 11, 21, 9, 0),
            TimeLimit.working_days(1),
            "1 ngày làm việc, tính từ sau ngày thứ Hai 23/11/2026 (nhận vào ngày nghỉ thứ Bảy 21/11/2026); "
            "không tính 24/11 – Ngày Văn hóa Việt Nam",
        ),
        (
            (2026, 2, 10, 9, 0),
            TimeLimit.working_days(20),
            "20 ngày làm việc; không tính 16/02–20/02 – Tết Nguyên Đán",
        ),
        (
            (2025, 12, 30, 9, 0),
            TimeLimit.working_days(10),
            "10 ngày làm việc; không tính 01/01–02/01 – Tết Dương lịch, Nghỉ hoán đổi; "
            "có tính thứ Bảy 10/01/2026 – Làm bù",
        ),
        ((2026, 11, 25, 14, 0), TimeLimit.same_day(), "Trả trong ngày"),
        (
            (2026, 11, 27, 15, 30),
            TimeLimit.same_day(),
            "Trả trong ngày làm việc tiếp theo, thứ Hai 30/11/2026 (nhận sau 15:00 ngày 27/11)",
        ),
    ],
)
def test_explanations(cal: WorkingCalendar, received: tuple[int, ...], limit: TimeLimit, expected: str) -> None:
    assert compute_appointment(cal, RULES, local(*received), limit).explanation() == expected
