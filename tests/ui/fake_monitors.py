"""Pretend monitors for the citizen window: plugged in and out at will, the clerk's named."""

from __future__ import annotations

from PySide6.QtCore import QRect

from kiosk.ui.survey.monitors import Monitor, MonitorSource

CLERK = Monitor("DESK-1", QRect(0, 0, 1366, 768))
TOUCH = Monitor("TOUCH-2", QRect(1366, 0, 1366, 768))
WALL = Monitor("HDMI-3", QRect(2732, 0, 1920, 1080))


class FakeMonitors(MonitorSource):
    def __init__(self, *monitors: Monitor, clerk: str = CLERK.name) -> None:
        super().__init__()
        self._monitors = list(monitors or (CLERK,))
        self._clerk = clerk

    def monitors(self) -> list[Monitor]:
        return list(self._monitors)

    def clerk(self) -> str:
        return self._clerk

    def plug(self, *monitors: Monitor, clerk: str | None = None) -> None:
        """The desk now has exactly these monitors (and the clerk's window may have moved)."""
        self._monitors = list(monitors)
        self._clerk = clerk or self._clerk
        self.changed.emit()
