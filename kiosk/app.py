"""The GUI's composition root: settings, database, services, then the windows, each handed what it needs."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QApplication

from kiosk.clock import Clock
from kiosk.context import KioskContext, open_context
from kiosk.errors import KioskError
from kiosk.paths import Paths
from kiosk.ui import messages, qt_vietnamese
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.main_window import MainWindow
from kiosk.ui.office_paper import OfficePaper
from kiosk.ui.printer import DeskPrinter
from kiosk.ui.scanner import ScannerFilter
from kiosk.ui.session import UserSession
from kiosk.ui.tasks import ImmediateRunner, TaskRunner, ThreadRunner
from kiosk.ui.theme import apply_theme

log = logging.getLogger(__name__)
PRINT_DRAIN_MS = 15_000  # connect, send and the status round trips, each bounded by the printer timeout (≤ 5 s)


@dataclass
class GuiApp:
    qt: QApplication
    context: KioskContext
    window: MainWindow
    session: UserSession
    idle: IdleWatcher
    scanner: ScannerFilter
    print_runner: TaskRunner

    def close(self) -> None:
        self.qt.removeEventFilter(self.idle)
        self.qt.removeEventFilter(self.scanner)
        self.window.close()
        self.finish_printing()
        self.context.close()

    def finish_printing(self) -> None:
        """Let a job being sent end (sent or failed, within the printer timeout) before the database closes."""
        self.print_runner.wait(PRINT_DRAIN_MS)


def qt_application(argv: Sequence[str] = ()) -> QApplication:
    qt = QApplication.instance() or QApplication(["kiosk", *argv])
    assert isinstance(qt, QApplication)
    qt.setApplicationName("Quầy Một Cửa")
    qt_vietnamese.install(qt)
    apply_theme(qt)
    return qt


def boot(
    argv: Sequence[str] = (),
    *,
    paths: Paths | None = None,
    clock: Clock | None = None,
    runner: TaskRunner | None = None,
    print_runner: TaskRunner | None = None,
) -> GuiApp:
    """Build everything and show the login, without entering the event loop.

    ``runner`` does the slow reads; ``print_runner`` sends print jobs one at a time (by default a one-thread
    queue, or ``runner`` when that is given: tests pass a synchronous one).
    """
    qt = qt_application(argv)
    context = open_context(paths, clock=clock)
    closed = context.housekeeping()
    if closed:
        log.info("closed %d dossiers whose supplement never came", len(closed))
    session = UserSession()
    idle = IdleWatcher(context.settings.security.idle_lock_minutes * 60_000)
    scanner = ScannerFilter()
    qt.installEventFilter(idle)
    qt.installEventFilter(scanner)
    printing = print_runner or runner or ThreadRunner(threads=1)
    printer = DeskPrinter(context.printing, printing, session, paper=OfficePaper(context.forms))
    window = MainWindow(context, session, runner or ThreadRunner(), idle, printer)
    scanner.scanned.connect(window.open_dossier)
    window.resize(1366, 768)
    window.start()
    printer.warm_up()  # while the clerk logs in
    return GuiApp(qt, context, window, session, idle, scanner, printing)


def main(argv: Sequence[str] | None = None, exec_: bool = True) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        app = boot(args, runner=None if exec_ else ImmediateRunner())
    except KioskError as exc:
        qt = QApplication.instance() or QApplication(["kiosk"])
        assert isinstance(qt, QApplication)
        messages.error(None, "Quầy Một Cửa", exc.message)
        return exc.exit_code
    if not exec_:
        app.close()
        return 0
    try:
        return app.qt.exec()
    finally:
        app.finish_printing()
        app.context.close()
