"""A barcode scanner types the dossier code and Enter, faster than any person: catch that anywhere in the window."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit

CODE = re.compile(r"[0-9A-Z.]{1,35}-\d{6}-\d{4}")
MAX_GAP_S = 0.05  # a scanner types a character every few milliseconds; people need far longer


class ScannerFilter(QObject):
    """Application event filter: a dossier code typed at scanner speed and ended by Enter emits ``scanned``.

    The Enter is consumed; the code is removed from the line edit it was typed into, so no field keeps it.
    """

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._buffer = ""
        self._last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or event.isAutoRepeat():
            return False
        # A key press travels window → focused widget → its parents; count it once, where it is meant to go.
        focused = QApplication.focusWidget()
        if watched is not focused and not (focused is None and isinstance(watched, QWindow)):
            return False
        # The window system's own time of the key press measures the typist, not how busy this program was;
        # synthetic events (tests) carry none, and then the time they are seen here stands in.
        now = event.timestamp() / 1000 if event.timestamp() else self._clock()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code, self._buffer = self._buffer, ""
            found = CODE.search(code)
            if found and found.end() == len(code) and now - self._last <= MAX_GAP_S * 4:
                code = found.group()
                self._take_back(code)
                self.scanned.emit(code)
                return True
            return False
        text = event.text()
        if not text or not text.isprintable():
            return False
        if now - self._last > MAX_GAP_S:
            self._buffer = ""
        self._buffer = (self._buffer + text.upper())[-64:]
        self._last = now
        return False

    def _take_back(self, code: str) -> None:
        focused = QApplication.focusWidget()
        if isinstance(focused, QLineEdit) and focused.text().upper().endswith(code):
            focused.setText(focused.text()[: -len(code)])
