"""Small helpers shared by tests."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    """A moment in the office's zone: local(2026, 11, 20, 15, 0)."""
    return datetime(year, month, day, hour, minute, second, tzinfo=VN)
