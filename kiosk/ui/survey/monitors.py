"""Which monitors the desk has, which one the clerk works on, and where the citizen screen goes.

The real source follows Qt's screens as they are plugged in and out, and the clerk's window as it moves; tests hand
the window a source of their own with as many pretend monitors as they need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Monitor:
    name: str
    geometry: QRect
    screen: QScreen | None = None  # None for a pretend monitor in a test


def citizen_monitor(monitors: Sequence[Monitor], clerk: str, preferred: str) -> Monitor | None:
    """The monitor for the citizen: the preferred one if it is plugged in, else the first that is not the clerk's;
    None when the clerk's is the only one (the clerk then turns the screen toward the citizen)."""
    others = [m for m in monitors if m.name != clerk]
    return next((m for m in others if m.name == preferred), others[0] if others else None)


class MonitorSource(QObject):
    changed = Signal()

    def monitors(self) -> list[Monitor]:
        raise NotImplementedError

    def clerk(self) -> str:
        """The name of the monitor the clerk's window is on."""
        raise NotImplementedError


class QtMonitors(MonitorSource):
    def __init__(self, qt: QGuiApplication, clerk_window: QWidget) -> None:
        super().__init__(clerk_window)
        self._qt = qt
        self._clerk_window = clerk_window
        self._followed = False
        # Bound methods, not lambdas: Qt drops the connections when this object goes (a test boots many desks).
        qt.screenAdded.connect(self._screens_changed)
        qt.screenRemoved.connect(self._screens_changed)
        qt.primaryScreenChanged.connect(self._screens_changed)

    def _screens_changed(self, _screen: QScreen | None = None) -> None:
        self.changed.emit()

    def monitors(self) -> list[Monitor]:
        self._follow_clerk()
        return [Monitor(s.name(), s.geometry(), s) for s in self._qt.screens()]

    def clerk(self) -> str:
        self._follow_clerk()
        screen = self._clerk_window.screen()
        return screen.name() if screen is not None else ""

    def _follow_clerk(self) -> None:
        """Once the clerk's window has a native window, notice it moving to another monitor."""
        handle = self._clerk_window.windowHandle()
        if handle is not None and not self._followed:
            handle.screenChanged.connect(self._screens_changed)
            self._followed = True
