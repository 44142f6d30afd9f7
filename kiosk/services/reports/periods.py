"""Report periods: the presets a supervisor picks (month, quarter, six months, year) and the checks on a range."""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from enum import StrEnum

from kiosk.errors import InvalidInput

#: Longest period a report covers: ten years, the history a central database keeps.
MAX_DAYS = 3700


class Preset(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


PRESET_LABELS = {Preset.MONTH: "Tháng", Preset.QUARTER: "Quý", Preset.HALF: "6 tháng", Preset.YEAR: "Năm"}


def preset_period(preset: Preset | str, day: date) -> tuple[date, date]:
    """The month, quarter, half-year or year that holds ``day``, from its first to its last day."""
    months = {Preset.MONTH: 1, Preset.QUARTER: 3, Preset.HALF: 6, Preset.YEAR: 12}[Preset(preset)]
    first_month = (day.month - 1) // months * months + 1
    last_month = first_month + months - 1
    return date(day.year, first_month, 1), date(day.year, last_month, monthrange(day.year, last_month)[1])


def previous(preset: Preset | str, day: date) -> tuple[date, date]:
    """The preset period before the one holding ``day`` (the report a supervisor makes at the start of the next)."""
    first, _last = preset_period(preset, day)
    before = date.fromordinal(first.toordinal() - 1)
    return preset_period(preset, before)


def checked_period(first: date, last: date) -> tuple[date, date]:
    if first > last:
        raise InvalidInput(f"Ngày bắt đầu {first:%d/%m/%Y} sau ngày kết thúc {last:%d/%m/%Y}.", field="from")
    if (last - first).days > MAX_DAYS:
        raise InvalidInput("Một báo cáo chỉ tính được tối đa mười năm.", field="from")
    if first.year < 2000 or last.year > 2100:
        raise InvalidInput("Kỳ báo cáo phải nằm trong khoảng năm 2000–2100.", field="from")
    return first, last


def months_of(first: date, last: date) -> list[tuple[date, date]]:
    """The calendar months the period touches, each cut to the period."""
    found = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        start = max(first, date(year, month, 1))
        end = min(last, date(year, month, monthrange(year, month)[1]))
        found.append((start, end))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def quarters_of(first: date, last: date) -> list[tuple[date, date]]:
    """The calendar quarters the period touches, each cut to the period."""
    found = []
    day = first
    while day <= last:
        q_first, q_last = preset_period(Preset.QUARTER, day)
        found.append((max(first, q_first), min(last, q_last)))
        day = date.fromordinal(q_last.toordinal() + 1)
    return found
