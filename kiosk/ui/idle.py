"""Noticing that nobody has touched the desk for a while, so that it can lock itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Installed as an application event filter; ``idle`` fires after ``interval_ms`` without input."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ignored: set[QWidget] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_interval(interval_ms)

    def set_interval(self, interval_ms: int) -> None:
        """0 switches the lock off."""
        self._timer.stop()
        self._timer.setInterval(interval_ms)
        if interval_ms > 0:
            self._timer.start()

    def pause(self) -> None:
        self._timer.stop()

    def resume(self) -> None:
        if self._timer.interval() > 0:
            self._timer.start()

    def ignore(self, window: QWidget) -> None:
        """Presses in this window (the citizen's screen) do not keep the clerk's desk unlocked."""
        self._ignored.add(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            if isinstance(watched, QWidget) and watched.window() in self._ignored:
                return False
            if isinstance(watched, QWindow) and any(w.windowHandle() is watched for w in self._ignored):
                return False
            self._timer.start()
        return False
