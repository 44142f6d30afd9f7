"""Which days the office works: weekends off, Vietnamese public holidays off, and the admin's overlay on top.

The public holidays (with their observed days and the swaps already known) come from the ``holidays`` package
(country VN, Vietnamese names). The admin's overlay — a date declared off, or a Saturday declared worked — wins
over the package. Working days are kept as a sorted list of ordinals per covered year, so counting N working days
is a binary search, not a walk.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol


class NoteSource(StrEnum):
    LAW = "law"  # from the public-holiday package
    ADMIN = "admin"  # from the admin's overlay


@dataclass(frozen=True)
class DayNote:
    """Why a date is not an ordinary day: a weekday off, a weekend day worked, or a holiday on a weekend."""

    day: date
    working: bool
    name: str
    source: NoteSource

    @property
    def is_weekend(self) -> bool:
        return self.day.weekday() >= 5


@dataclass(frozen=True)
class AdminDay:
    """One row of the admin's overlay, as the calendar needs it."""

    day: date
    working: bool
    note: str


@dataclass(frozen=True)
class PublicYear:
    holidays: Mapping[date, str]
    worked_weekend_days: frozenset[date]


class PublicHolidays(Protocol):
    def year(self, year: int) -> PublicYear: ...


class VietnamPublicHolidays:
    """Vietnam's public holidays in Vietnamese, from the ``holidays`` package (imported on first use)."""

    def year(self, year: int) -> PublicYear:
        import holidays

        table = holidays.country_holidays("VN", years=year, language="vi")
        worked = frozenset(d for d in getattr(table, "weekend_workdays", ()) if d.year == year)
        return PublicYear({d: str(name) for d, name in table.items() if d.year == year}, worked)


ADMIN_OFF_DEFAULT = "Ngày nghỉ theo quyết định của cơ quan"
ADMIN_WORKING_DEFAULT = "Ngày làm việc bù"


class WorkingCalendar:
    """Answers "is this a working day?" and counts working days, for any year, lazily built per year."""

    def __init__(self, public: PublicHolidays, admin_days: Iterable[AdminDay] = ()) -> None:
        self._public = public
        self._admin = {a.day: a for a in admin_days}
        self._first_year = 0
        self._last_year = -1
        self._working: list[int] = []  # ordinals of working days in the covered years, ascending
        self._working_set: set[int] = set()
        self._notes: dict[date, DayNote] = {}
        self._note_ordinals: list[int] = []  # ordinals of noted days, ascending

    # -- questions ------------------------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        self._cover(day.year, day.year)
        return day.toordinal() in self._working_set

    def note(self, day: date) -> DayNote | None:
        """Why ``day`` is special, or None for an ordinary weekday or weekend day."""
        self._cover(day.year, day.year)
        return self._notes.get(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself is never counted); count ≥ 1."""
        if count < 1:
            raise ValueError("count must be at least 1")
        self._cover(start.year, start.year)
        while True:
            index = bisect.bisect_right(self._working, start.toordinal()) + count - 1
            if index < len(self._working):
                return date.fromordinal(self._working[index])
            self._cover(self._first_year, self._last_year + 1)

    def notes_between(self, after: date, until: date) -> list[DayNote]:
        """The noted days in the half-open range (after, until]."""
        self._cover(after.year, until.year)
        lo = bisect.bisect_right(self._note_ordinals, after.toordinal())
        hi = bisect.bisect_right(self._note_ordinals, until.toordinal())
        return [self._notes[date.fromordinal(o)] for o in self._note_ordinals[lo:hi]]

    def year_notes(self, year: int) -> list[DayNote]:
        """Every noted day of ``year``, in date order."""
        self._cover(year, year)
        return [note for day, note in sorted(self._notes.items()) if day.year == year]

    # -- building -------------------------------------------------------------------------------------------------

    def _cover(self, first: int, last: int) -> None:
        if self._first_year <= first and last <= self._last_year:
            return
        if self._last_year < self._first_year:  # nothing covered yet
            years = range(first, last + 1)
        else:
            years = range(min(first, self._first_year), max(last, self._last_year) + 1)
        for year in years:
            if not self._first_year <= year <= self._last_year:
                self._build_year(year)
        self._first_year, self._last_year = years.start, years.stop - 1
        self._working = sorted(self._working_set)
        self._note_ordinals = sorted(d.toordinal() for d in self._notes)

    def _build_year(self, year: int) -> None:
        public = self._public.year(year)
        first = date(year, 1, 1).toordinal()
        last = date(year, 12, 31).toordinal()
        for ordinal in range(first, last + 1):
            day = date.fromordinal(ordinal)
            note = self._classify(day, public)
            weekend = day.weekday() >= 5
            working = note.working if note is not None else not weekend
            if working:
                self._working_set.add(ordinal)
            if note is not None:
                self._notes[day] = note

    def _classify(self, day: date, public: PublicYear) -> DayNote | None:
        admin = self._admin.get(day)
        if admin is not None:
            default = ADMIN_WORKING_DEFAULT if admin.working else ADMIN_OFF_DEFAULT
            return DayNote(day, admin.working, admin.note or default, NoteSource.ADMIN)
        if day in public.worked_weekend_days:
            return DayNote(day, True, _repaid_name(day, public), NoteSource.LAW)
        name = public.holidays.get(day)
        if name is not None:
            return DayNote(day, False, name, NoteSource.LAW)
        return None


def _repaid_name(worked: date, public: PublicYear) -> str:
    """ "Làm bù cho ngày 31/08/2026" when the package names the day off that this worked day repays."""
    mark = f"{worked:%d/%m/%Y}"
    for day, name in sorted(public.holidays.items()):
        if mark in name and day != worked:
            return f"Làm bù cho ngày {day:%d/%m/%Y}"
    return ADMIN_WORKING_DEFAULT
