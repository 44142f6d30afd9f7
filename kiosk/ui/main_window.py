"""The clerk's one window: navigation by role, the pages, the scanner, the idle lock and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar, QWidget

from kiosk.config import Settings
from kiosk.context import KioskContext
from kiosk.errors import KioskError
from kiosk.models import Role
from kiosk.printing.documents import Document
from kiosk.printing.guide_slip import guide_slip
from kiosk.printing.queue_ticket import queue_ticket
from kiosk.services.ledger import LedgerFilter
from kiosk.services.nightly import NightlyJobs
from kiosk.services.print_jobs import JobView
from kiosk.services.queue import TicketView
from kiosk.services.states import DossierState
from kiosk.services.users import ROLE_LABELS, Actor
from kiosk.ui import clock_dialog, messages
from kiosk.ui.dossier.detail import DossierDialog
from kiosk.ui.feedback.page import FeedbackPage
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.job_list import JobListDialog
from kiosk.ui.ledger.book_dialog import LedgerBookDialog
from kiosk.ui.ledger.page import LedgerPage
from kiosk.ui.login import LoginDialog
from kiosk.ui.nightly import NightlyScheduler
from kiosk.ui.printer import DeskPrinter
from kiosk.ui.publish_dialog import PublishDialog
from kiosk.ui.queue_panel import QueuePanel
from kiosk.ui.registration.page import RegistrationPage
from kiosk.ui.reports.page import ReportsPage
from kiosk.ui.session import UserSession
from kiosk.ui.settings.page import SettingsPage
from kiosk.ui.status import StatusPanel
from kiosk.ui.tasks import TaskRunner

STATUS_REFRESH_MS = 60_000


class Page(StrEnum):
    REGISTER = "register"
    LEDGER = "ledger"
    RETURN = "return"
    FEEDBACK = "feedback"
    REPORTS = "reports"
    SETTINGS = "settings"


NAVIGATION = [
    (Page.REGISTER, "Tiếp nhận hồ sơ   F2", "F2", Role.CLERK),
    (Page.LEDGER, "Sổ theo dõi   F3", "F3", Role.CLERK),
    (Page.RETURN, "Trả kết quả   F4", "F4", Role.CLERK),
    (Page.FEEDBACK, "Phản ánh, kiến nghị   F5", "F5", Role.CLERK),
    (Page.REPORTS, "Báo cáo", None, Role.SUPERVISOR),
    (Page.SETTINGS, "Cài đặt", None, Role.ADMIN),
]


class MainWindow(QMainWindow):
    result_returned = Signal(object)  # DossierView: the result was handed back; the citizen survey starts here
    session_started = Signal(object)  # Actor
    settings_saved = Signal(object)  # Settings, once checked, saved and in force

    def __init__(
        self, context: KioskContext, session: UserSession, runner: TaskRunner, idle: IdleWatcher, printer: DeskPrinter
    ) -> None:
        super().__init__()
        self._ctx = context
        self.session = session
        self._runner = runner
        self._idle = idle
        self.printer = printer
        self.job_list: JobListDialog | None = None
        self.pages: dict[Page, QWidget] = {}
        self.login_dialog: LoginDialog | None = None
        self.dossier_dialog: DossierDialog | None = None
        self._last_code: str | None = None
        self.setWindowTitle(f"Quầy Một Cửa – {context.settings.office.desk_name}")
        self.setMinimumSize(1024, 640)

        self.stack = QStackedWidget()
        self.locked_page = QLabel("Màn hình đã khoá.")
        self.locked_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.locked_page.setProperty("role", "big")
        self.stack.addWidget(self.locked_page)
        self.setCentralWidget(self.stack)

        self.navigation = QToolBar("Điều hướng")
        self.navigation.setObjectName("navigation")
        self.navigation.setMovable(False)
        self.navigation.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.LeftToolBarArea, self.navigation)
        group = QActionGroup(self)
        self.nav_actions: dict[Page, QAction] = {}
        for page, label, key, _role in NAVIGATION:
            action = QAction(label, self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, p=page: self.show_page(p))
            group.addAction(action)
            self.navigation.addAction(action)
            self.nav_actions[page] = action
            if key:
                QShortcut(QKeySequence(key), self, lambda p=page: self.show_page(p))
        self.navigation.addSeparator()
        self.jobs_action = QAction("Lệnh in", self)
        self.jobs_action.triggered.connect(self.show_jobs)
        self.navigation.addAction(self.jobs_action)
        self.publish_action = QAction("Công khai thủ tục…", self)
        self.publish_action.setToolTip("Bảng niêm yết thủ tục hành chính (PDF) và trang web danh mục thủ tục")
        self.publish_action.triggered.connect(self.show_publishing)
        self.navigation.addAction(self.publish_action)
        self.switch_action = QAction("Đổi người dùng", self)
        self.switch_action.triggered.connect(self.switch_user)
        self.lock_action = QAction("Khoá màn hình", self)
        self.lock_action.triggered.connect(self.lock)
        self.navigation.addAction(self.switch_action)
        self.navigation.addAction(self.lock_action)
        self.queue_panel = QueuePanel(
            context.queue,
            session,
            lambda: self._ctx.settings.station.name,
            self._ticket_paper,
            lambda doc: self.printer.print(doc, self),
            lambda text: self.statusBar().showMessage(text, 10_000),
            self,
        )
        self.queue_bar = QToolBar("Số thứ tự")
        self.queue_bar.setObjectName("queue_bar")
        self.queue_bar.setMovable(False)
        self.queue_bar.addWidget(self.queue_panel)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.queue_bar)
        QShortcut(QKeySequence("Ctrl+P"), self, self.reprint_last)

        self.status = StatusPanel(self.statusBar(), context.ledger, runner)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.status.refresh)
        self._status_timer.timeout.connect(self.queue_panel.refresh)
        self.status.set_printer(printer.idle_text(), False)
        printer.state_changed.connect(self.status.set_printer)
        printer.job_failed.connect(self._print_failed)
        idle.idle.connect(self.lock)
        jobs = NightlyJobs(
            context.backups, context.sync, context.settings.nightly, context.clock, context.settings.zone()
        )
        self.nightly = NightlyScheduler(jobs, context.sync, runner, context.clock, context.settings.zone(), self)
        self.nightly.changed.connect(self._show_nightly)
        self.status.sync.clicked.connect(self.nightly.now)
        self._status_timer.timeout.connect(self._show_nightly)
        self._show_nightly()
        self._show_navigation(False)

    # -- logging in, locking, switching ---------------------------------------------------------------------------

    def start(self) -> LoginDialog:
        """Show the window (maximised: the desk's one screen) behind the login; it opens when someone logs in."""
        self.showMaximized()
        return self._ask_login(locked_user=None, on_cancel=self.close)

    def lock(self) -> LoginDialog | None:
        if not self.session.logged_in or self.login_dialog is not None:
            return self.login_dialog
        self._idle.pause()
        self._show_navigation(False)
        self.stack.setCurrentWidget(self.locked_page)
        return self._ask_login(locked_user=self.session.actor.username, on_cancel=None)

    def switch_user(self) -> LoginDialog | None:
        if self.login_dialog is not None:
            return self.login_dialog
        self._idle.pause()
        return self._ask_login(locked_user=None, on_cancel=self._idle.resume)

    def _ask_login(self, *, locked_user: str | None, on_cancel: Callable[[], object] | None) -> LoginDialog:
        dialog = LoginDialog(
            self._ctx.users, desk_name=self._ctx.settings.office.desk_name, locked_user=locked_user, parent=self
        )
        self.login_dialog = dialog

        def done(accepted: bool) -> None:
            self.login_dialog = None
            if accepted and dialog.actor is not None:
                self._logged_in(dialog.actor)
            elif on_cancel is not None:
                on_cancel()

        dialog.accepted.connect(lambda: done(True))
        dialog.rejected.connect(lambda: done(False))
        dialog.open()
        return dialog

    def _logged_in(self, actor: Actor) -> None:
        switched = not self.session.logged_in or self.session.actor != actor
        self.session.set_actor(actor)
        self.status.set_user(f"{actor.full_name} – {ROLE_LABELS[actor.role]}")
        if switched:
            self._rebuild_pages()
        self._show_navigation(True)
        self.activateWindow()  # the window takes the keyboard back from the login, shortcuts included
        self.raise_()
        self.show_page(Page.REGISTER if switched else self._current_page())
        self.status.refresh()
        self.queue_panel.refresh()
        self._status_timer.start()
        self._idle.set_interval(self._ctx.settings.security.idle_lock_minutes * 60_000)
        self.session_started.emit(actor)

    def _show_navigation(self, visible: bool) -> None:
        self.navigation.setVisible(visible)
        self.queue_bar.setVisible(visible and self._ctx.settings.queue.enabled)
        for page, _label, _key, role in NAVIGATION:
            self.nav_actions[page].setVisible(visible and self.session.can(role))

    # -- pages ------------------------------------------------------------------------------------------------------

    def _rebuild_pages(self) -> None:
        for widget in self.pages.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        ctx = self._ctx
        zone = ctx.calendar.rules.zone
        registration = RegistrationPage(
            ctx.catalog, ctx.registration, ctx.guidance, self.session, self.printer, ctx.settings.office, zone
        )
        registration.registered.connect(self._registered)
        registration.confirm_clock = lambda message: clock_dialog.confirm_clock(
            message, ctx.users, ctx.clock_guard, self
        )
        registration.guided.connect(lambda _record: self.status.refresh())
        registration.guide_paper = self._guide_paper
        ledger = LedgerPage(ctx.ledger, ctx.catalog, ctx.users, zone, self._runner, print_book=self.print_ledger_book)
        ledger.open_requested.connect(self.open_dossier)
        returns = LedgerPage(
            ctx.ledger,
            ctx.catalog,
            ctx.users,
            zone,
            self._runner,
            title="Trả kết quả – hồ sơ đã có kết quả, chờ trả",
            preset=LedgerFilter(state=DossierState.RESULT_READY),
            action="Trả kết quả (Enter)",
        )
        returns.open_requested.connect(self.open_dossier)
        returns.action_requested.connect(self.return_result)
        feedback = FeedbackPage(
            ctx.feedback,
            self.session,
            lambda doc: self.printer.print(doc, self),
            zone,
            lambda: self._ctx.settings,
        )
        feedback.changed.connect(lambda _view: self.status.refresh())
        self.pages = {Page.REGISTER: registration, Page.LEDGER: ledger, Page.RETURN: returns, Page.FEEDBACK: feedback}
        if self.session.can(Role.SUPERVISOR):
            self.pages[Page.REPORTS] = ReportsPage(
                ctx.reports, self.session, self._runner, self.printer, ctx.calendar.today
            )
        if self.session.can(Role.ADMIN):
            self.pages[Page.SETTINGS] = SettingsPage(
                lambda: self._ctx.settings,
                self.save_settings,
                ctx.calendar,
                ctx.users,
                self.session,
                self.printer,
                lambda: ctx.printing.check_page(ctx.settings.office, ctx.calendar.rules.zone),
                self.nightly,
                ctx.sync,
                self._runner,
            )
        for widget in self.pages.values():
            self.stack.addWidget(widget)

    def show_page(self, page: Page) -> QWidget | None:
        role = next(r for p, _l, _k, r in NAVIGATION if p is page)
        if not self.session.can(role) or page not in self.pages:
            if self.session.logged_in:
                self.statusBar().showMessage("Tài khoản này không có quyền mở mục đó.", 5_000)
            return None
        widget = self.pages[page]
        self.stack.setCurrentWidget(widget)
        self.nav_actions[page].setChecked(True)
        if isinstance(widget, RegistrationPage):
            widget.refresh_appointment()
            widget.picker.search.setFocus()
        elif isinstance(widget, LedgerPage | FeedbackPage):
            widget.apply()
            widget.focus_search()
        elif isinstance(widget, ReportsPage):
            widget.focus_form()
        return widget

    def _current_page(self) -> Page:
        current = self.stack.currentWidget()
        return next((p for p, w in self.pages.items() if w is current), Page.REGISTER)

    def save_settings(self, settings: Settings) -> Settings:
        """Check, save and apply settings (from the settings page, or from a supervisor at the citizen screen)."""
        who = self.session.actor.username if self.session.logged_in else "survey_screen"
        saved = self._ctx.change_settings(settings, by=who)
        registration = self.pages.get(Page.REGISTER)
        if isinstance(registration, RegistrationPage):
            registration.office = saved.office
        self.setWindowTitle(f"Quầy Một Cửa – {saved.office.desk_name}")
        self._idle.set_interval(saved.security.idle_lock_minutes * 60_000)
        self.status.set_printer(self.printer.idle_text(), False)
        self.nightly.jobs.settings = saved.nightly
        self._show_nightly()
        self.queue_bar.setVisible(self.navigation.isVisible() and saved.queue.enabled)
        self.settings_saved.emit(saved)
        return saved

    def _show_nightly(self) -> None:
        self.status.set_sync(*self.nightly.label())

    # -- dossiers ---------------------------------------------------------------------------------------------------

    def open_dossier(self, code: str) -> DossierDialog | None:
        if not self.session.logged_in or self.login_dialog is not None:
            return None
        try:
            view = self._ctx.search.show(code)
        except KioskError as exc:
            messages.warn(self, "Mở hồ sơ", exc.message)
            return None
        if self.dossier_dialog is not None:
            self.dossier_dialog.close()
        ctx = self._ctx
        dialog = DossierDialog(
            view,
            lifecycle=ctx.lifecycle,
            corrections=ctx.corrections,
            search=ctx.search,
            users=ctx.users,
            session=self.session,
            printer=self.printer,
            paper=self.printer.paper,
            office=ctx.settings.office,
            zone=ctx.calendar.rules.zone,
            parent=self,
        )
        dialog.changed.connect(self._dossier_changed)
        dialog.returned.connect(self.result_returned)
        dialog.finished.connect(lambda _r: setattr(self, "dossier_dialog", None))
        self.dossier_dialog = dialog
        self._last_code = view.code
        dialog.open()
        return dialog

    def return_result(self, code: str) -> None:
        dialog = self.open_dossier(code)
        if dialog is not None and dialog.view.state is DossierState.RESULT_READY:
            dialog.move_to(DossierState.RETURNED)

    def reprint_last(self) -> None:
        reports = self.stack.currentWidget()
        if isinstance(reports, ReportsPage):  # Ctrl+P there prints the report on screen
            reports.print_paper()
            return
        code = self._last_code
        ledger = self.pages.get(self._current_page())
        if isinstance(ledger, LedgerPage) and ledger.selected_code():
            code = ledger.selected_code()
        if code:
            dialog = self.open_dossier(code)
            if dialog is not None:
                dialog.reprint()

    # -- printing ---------------------------------------------------------------------------------------------------

    def print_ledger_book(self) -> None:
        """The year's ledger on A4 (the book chosen when a year is split into books), previewed first."""
        size = self._ctx.settings.forms.ledger_book_size
        chosen = LedgerBookDialog.ask(self._ctx.calendar.today().year, size, self)
        if chosen is not None:
            self.printer.paper.ledger(chosen[0], chosen[1], self)

    def show_jobs(self) -> JobListDialog | None:
        if not self.session.logged_in or self.login_dialog is not None:
            return None
        if self.job_list is None:
            self.job_list = JobListDialog(self.printer, self._ctx.calendar.rules.zone, self)
            self.job_list.finished.connect(lambda _r: setattr(self, "job_list", None))
        else:
            self.job_list.refresh()
        self.job_list.open()
        return self.job_list

    def show_publishing(self) -> None:
        """The catalog published: the notice-board sheets and the website's pages (public facts: any user)."""
        if self.session.logged_in and self.login_dialog is None:
            PublishDialog(self._ctx.publishing, self._runner, self).exec()

    def _print_failed(self, job: JobView) -> None:
        """The citizen is waiting for this paper: say what to check, and offer to print it again right away.

        Behind the lock screen only the status bar says it; the job list has it after the login.
        """
        if not self.session.logged_in or self.login_dialog is not None:
            return
        text = f"{job.title.capitalize()} (lệnh in số {job.number}) chưa in được.\n\n{job.last_error}"
        if messages.ask(self, "Máy in", text, "In lại (Enter)", "Để sau"):
            self.printer.again(job.number, self)

    def _registered(self, view: object) -> None:
        self._last_code = getattr(view, "code", None)
        dossier_id = getattr(view, "id", None)
        if dossier_id is not None:  # the citizen at the counter came with a ticket: it leads to this dossier
            self._ctx.queue.link(dossier_id, counter=self._ctx.settings.station.name)
        self.status.refresh()

    def _guide_paper(self, code: str) -> Document:
        """A procedure's guidance slip printed at the desk (counted for the supervisor like those of the screen)."""
        ctx = self._ctx
        info = ctx.guide.record_slip(code, source="desk", by=self.session.actor)
        return guide_slip(
            info,
            ctx.settings.office,
            website_url=ctx.settings.publish.website_url,
            now=ctx.clock.now(),
            zone=ctx.calendar.rules.zone,
        )

    def _ticket_paper(self, ticket: TicketView) -> Document:
        settings = self._ctx.settings
        return queue_ticket(ticket, settings.office, settings.station.name, self._ctx.calendar.rules.zone)

    def _dossier_changed(self, _view: object) -> None:
        self.status.refresh()
        for page in (Page.LEDGER, Page.RETURN):
            widget = self.pages.get(page)
            if isinstance(widget, LedgerPage) and widget.isVisible():
                widget.apply()
