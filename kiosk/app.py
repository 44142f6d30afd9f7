"""The GUI's composition root: settings, database, services, then the windows, each handed what it needs."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.clock import Clock
from kiosk.context import KioskContext, open_context
from kiosk.errors import KioskError
from kiosk.paths import Paths
from kiosk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass
class GuiApp:
    qt: QApplication
    context: KioskContext
    window: MainWindow

    def close(self) -> None:
        self.window.close()
        self.context.close()


def boot(argv: Sequence[str] = (), *, paths: Paths | None = None, clock: Clock | None = None) -> GuiApp:
    """Build everything and show the main window, without entering the event loop."""
    qt = QApplication.instance() or QApplication(["kiosk", *argv])
    assert isinstance(qt, QApplication)
    qt.setApplicationName("Quầy Một Cửa")
    context = open_context(paths, clock=clock)
    closed = context.housekeeping()
    if closed:
        log.info("closed %d dossiers whose supplement never came", len(closed))
    window = MainWindow(context.settings.office, context.calendar)
    window.show()
    return GuiApp(qt, context, window)


def main(argv: Sequence[str] | None = None, exec_: bool = True) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        app = boot(args)
    except KioskError as exc:
        qt = QApplication.instance() or QApplication(["kiosk"])
        assert isinstance(qt, QApplication)
        QMessageBox.critical(None, "Quầy Một Cửa", exc.message)
        return exc.exit_code
    if not exec_:
        app.close()
        return 0
    try:
        return app.qt.exec()
    finally:
        app.context.close()
