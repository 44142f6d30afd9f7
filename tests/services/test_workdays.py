"""The working calendar: weekends, the package's holidays and observed days, and the admin overlay."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.services.workdays import AdminDay, NoteSource, VietnamPublicHolidays, WorkingCalendar


@pytest.fixture
def plain(public_holidays: VietnamPublicHolidays) -> WorkingCalendar:
    return WorkingCalendar(public_holidays)


def test_weekends_are_off_and_weekdays_work(plain: WorkingCalendar) -> None:
    assert plain.is_working_day(date(2026, 11, 25))  # Wednesday
    assert not plain.is_working_day(date(2026, 11, 28))  # Saturday
    assert not plain.is_working_day(date(2026, 11, 29))  # Sunday


@pytest.mark.parametrize(
    "day",
    [date(2026, 2, d) for d in (16, 17, 18, 19, 20)]  # Tết 2026, Monday to Friday
    + [date(2026, 1, 1), date(2026, 4, 30), date(2026, 5, 1), date(2026, 9, 1), date(2026, 9, 2)]
    + [date(2026, 11, 24)],  # Ngày Văn hóa Việt Nam, new in 2026
)
def test_public_holidays_are_off(plain: WorkingCalendar, day: date) -> None:
    assert not plain.is_working_day(day)
    note = plain.note(day)
    assert note is not None and note.source is NoteSource.LAW and not note.working


def test_observed_days_follow_a_holiday_on_a_weekend(plain: WorkingCalendar) -> None:
    # Hùng Kings 2026 falls on Sunday 26/4: Monday 27/4 is the day off in lieu.
    assert not plain.is_working_day(date(2026, 4, 27))
    note = plain.note(date(2026, 4, 27))
    assert note is not None and "nghỉ bù" in note.name
    # 1/5/2027 is a Saturday: Monday 3/5/2027 is off.
    assert not plain.is_working_day(date(2027, 5, 3))


def test_package_swaps_are_kept(plain: WorkingCalendar) -> None:
    # The package knows the 2026 National Day swap: Monday 31/8 off, repaid by Saturday 22/8.
    assert not plain.is_working_day(date(2026, 8, 31))
    assert plain.is_working_day(date(2026, 8, 22))
    note = plain.note(date(2026, 8, 22))
    assert note is not None and note.name == "Làm bù cho ngày 31/08/2026"


def test_overlay_wins_both_ways(public_holidays: VietnamPublicHolidays) -> None:
    cal = WorkingCalendar(
        public_holidays,
        [
            AdminDay(date(2026, 11, 24), True, "Làm việc theo chỉ đạo"),  # a package holiday made working
            AdminDay(date(2026, 12, 30), False, ""),  # an ordinary Wednesday made off
            AdminDay(date(2026, 12, 12), True, ""),  # a Saturday made working
            AdminDay(date(2026, 8, 22), False, "Không làm bù"),  # the package's worked Saturday cancelled
        ],
    )
    assert cal.is_working_day(date(2026, 11, 24))
    assert not cal.is_working_day(date(2026, 12, 30))
    assert cal.is_working_day(date(2026, 12, 12))
    assert not cal.is_working_day(date(2026, 8, 22))
    off = cal.note(date(2026, 12, 30))
    assert off is not None and off.source is NoteSource.ADMIN and off.name == "Ngày nghỉ theo quyết định của cơ quan"


def test_counting_skips_days_off_and_counts_worked_saturdays(public_holidays: VietnamPublicHolidays) -> None:
    cal = WorkingCalendar(
        public_holidays, [AdminDay(date(2026, 1, 2), False, ""), AdminDay(date(2026, 1, 10), True, "")]
    )
    # From Wednesday 31/12/2025: 1/1 and 2/1 off, the weekend off; Monday 5/1 is the first working day.
    assert cal.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)
    # From Friday 9/1: the worked Saturday 10/1 is the first working day.
    assert cal.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 10)
    assert cal.add_working_days(date(2026, 1, 9), 2) == date(2026, 1, 12)


def test_counting_runs_across_years_and_grows_its_index(plain: WorkingCalendar) -> None:
    assert plain.add_working_days(date(2026, 12, 28), 10) == date(2027, 1, 12)
    assert plain.add_working_days(date(2026, 12, 31), 400) > date(2028, 6, 1)
    with pytest.raises(ValueError):
        plain.add_working_days(date(2026, 12, 28), 0)


def test_notes_between_is_half_open(plain: WorkingCalendar) -> None:
    notes = plain.notes_between(date(2026, 11, 23), date(2026, 11, 24))
    assert [n.day for n in notes] == [date(2026, 11, 24)]
    assert plain.notes_between(date(2026, 11, 24), date(2026, 11, 30)) == []


def test_year_notes_lists_the_year_in_order(plain: WorkingCalendar) -> None:
    days = [n.day for n in plain.year_notes(2026)]
    assert days == sorted(days) and all(d.year == 2026 for d in days)
    assert date(2026, 11, 24) in days and date(2026, 2, 17) in days
