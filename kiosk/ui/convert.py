"""Qt's date and time values as Python's (PySide's own ``toPython`` is untyped)."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_time(value: QTime) -> time:
    return time(value.hour(), value.minute(), value.second())


def from_date(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
