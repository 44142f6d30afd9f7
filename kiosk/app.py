"""The GUI's composition root: settings, database, services, then the windows, each handed what it needs."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.clock import Clock
from kiosk.context import KioskContext, open_context
from kiosk.errors import KioskError
from kiosk.paths import Paths
from kiosk.ui import messages, qt_vietnamese
from kiosk.ui.citizen.chime import Chime
from kiosk.ui.citizen.pages import CitizenServices
from kiosk.ui.citizen.printing import citizen_printer
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.main_window import MainWindow
from kiosk.ui.office_paper import OfficePaper
from kiosk.ui.printer import DeskPrinter
from kiosk.ui.scanner import ScannerFilter
from kiosk.ui.session import UserSession
from kiosk.ui.survey.desk import SurveyDesk
from kiosk.ui.survey.monitors import MonitorSource, QtMonitors
from kiosk.ui.survey.window import CitizenWindow
from kiosk.ui.tasks import ImmediateRunner, TaskRunner, ThreadRunner
from kiosk.ui.theme import apply_theme

log = logging.getLogger(__name__)
HEALTH_CHECK_MS = 8_000  # after the login shows: the check reads the whole file
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
    survey: SurveyDesk

    def close(self) -> None:
        self.qt.removeEventFilter(self.idle)
        self.qt.removeEventFilter(self.scanner)
        self.survey.citizen.shutdown()
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
    monitors: MonitorSource | None = None,
) -> GuiApp:
    """Build everything and show the login, without entering the event loop.

    ``runner`` does the slow reads; ``print_runner`` sends print jobs one at a time (by default a one-thread
    queue, or ``runner`` when that is given: tests pass a synchronous one). ``monitors`` tells the citizen
    window where it may go (by default Qt's screens as they come and go).
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
    window.resize(1366, 768)
    survey = _survey_desk(context, window, session, printer, monitors or QtMonitors(qt, window))
    scanner.scanned.connect(lambda code: _scanned(code, survey.citizen, window))
    idle.ignore(survey.citizen)
    window.start()
    window.nightly.start()  # the night's backup and sync; a night missed while the PC was off runs soon
    printer.warm_up()  # while the clerk logs in
    return GuiApp(qt, context, window, session, idle, scanner, printing, survey)


def _survey_desk(
    context: KioskContext, window: MainWindow, session: UserSession, printer: DeskPrinter, monitors: MonitorSource
) -> SurveyDesk:
    """The citizen's screen: the guide, the look-up, queue tickets and calls, and the survey started by the clerk's
    "returned", reporting back only whether it was rated."""
    services = CitizenServices(
        guide=context.guide,
        lookup=context.lookup,
        queue=context.queue,
        print_paper=citizen_printer(printer, window),
        printer_ready=lambda: printer.installed,
        chime=Chime(context.paths.data_dir, QApplication.beep).play,
        now=context.clock.now,
        zone=lambda: context.calendar.rules.zone,
    )
    citizen = CitizenWindow(
        context.survey,
        context.users,
        lambda: context.settings,
        window.save_settings,
        monitors,
        desk_actor=lambda: session.actor if session.logged_in else None,
        services=services,
    )
    front = citizen.front
    assert front is not None
    window.queue_panel.called.connect(front.show_call)
    front.ticket_taken.connect(lambda _ticket: window.queue_panel.refresh())
    desk = SurveyDesk(
        context.survey,
        citizen,
        session,
        lambda: context.settings,
        window.status,
        lambda text: window.statusBar().showMessage(text, 10_000),
        window,
    )
    window.result_returned.connect(desk.result_returned)
    window.settings_saved.connect(desk.apply)
    window.navigation.addAction(desk.reopen_action)
    return desk


def _scanned(code: str, citizen: CitizenWindow, window: MainWindow) -> None:
    """A scanned dossier code: the citizen's look-up takes it while open on the touch screen, else the clerk's."""
    if citizen.front is None or not citizen.front.scanned(code):
        window.open_dossier(code)


def check_health(app: GuiApp, runner: TaskRunner) -> None:
    """The database's quick check, off the GUI thread; a damaged file is marked read-only and the clerk told what
    to restore."""
    from kiosk.services.health import Health, check_database

    ctx = app.context

    def tell(health: Health) -> None:
        if not health.sound:
            messages.error(app.window, "Cơ sở dữ liệu bị hỏng", health.advice())

    runner.run(lambda: check_database(ctx.db.path, ctx.backups), tell, lambda exc: log.error("health check: %s", exc))


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
    QTimer.singleShot(HEALTH_CHECK_MS, lambda: check_health(app, ThreadRunner(app.window)))
    try:
        return app.qt.exec()
    finally:
        app.survey.citizen.shutdown()  # a survey on screen keeps what was answered
        app.finish_printing()
        app.context.close()
