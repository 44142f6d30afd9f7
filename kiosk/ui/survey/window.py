"""The citizen window: full screen on the citizen's monitor, or, with one monitor, shown only while a survey runs.

It holds one survey at a time (others wait their turn), ignores presses that come too soon after the last one,
goes back to the idle screen when nobody answers, and closes each ticket exactly once with the answers given.
It cannot be closed by touch: only a long press in the idle screen's corner and a supervisor's PIN lead out.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable

import msgspec
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.config import Settings
from kiosk.errors import KioskError
from kiosk.services.survey import DESK_LABELS, SurveyService, SurveyTicketView, TicketStatus
from kiosk.services.users import Actor, UserService
from kiosk.ui.citizen.call_screen import CallBanner
from kiosk.ui.citizen.pages import CitizenPages, CitizenServices
from kiosk.ui.survey.choices import FaceRenderers
from kiosk.ui.survey.monitors import MonitorSource, citizen_monitor
from kiosk.ui.survey.screens import IdleScreen, QuestionScreen, ThanksScreen
from kiosk.ui.survey.supervisor import MenuScreen, PinScreen

log = logging.getLogger(__name__)
SUPERVISOR_IDLE_MS = 60_000  # the PIN pad and the menu go back to the idle screen when left alone
AUTOMATIC = "Tự động"
_DEDICATED = (
    Qt.WindowType.Window
    | Qt.WindowType.FramelessWindowHint
    | Qt.WindowType.WindowStaysOnTopHint
    | Qt.WindowType.WindowDoesNotAcceptFocus  # the clerk's keyboard and scanner stay with the clerk's window
)
_SHARED = Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint


def monotonic_ms() -> float:
    return time.monotonic() * 1000


class CitizenWindow(QWidget):
    #: (dossier code or "" for a walk-in, what the clerk may see: "đang đánh giá", "đã đánh giá" …)
    status_changed = Signal(str, str)
    closed_by_supervisor = Signal(str)  # the supervisor's full name

    def __init__(
        self,
        survey: SurveyService,
        users: UserService,
        settings: Callable[[], Settings],
        save_settings: Callable[[Settings], Settings],
        monitors: MonitorSource,
        *,
        desk_actor: Callable[[], Actor | None] = lambda: None,
        now_ms: Callable[[], float] = monotonic_ms,
        services: CitizenServices | None = None,
    ) -> None:
        super().__init__(None, _DEDICATED)
        self._survey = survey
        self._users = users
        self._settings = settings
        self._save_settings = save_settings
        self._monitors = monitors
        self._desk_actor = desk_actor
        self.now_ms = now_ms  # the clock presses are timed with (tests hand in their own)
        self._faces = FaceRenderers()
        self._last_tap: float | None = None
        self._may_close = False
        self.shared = False  # one monitor: the clerk turns it toward the citizen
        self.opened = True  # False once a supervisor has closed it
        self.monitor = ""
        self.ticket: SurveyTicketView | None = None
        self.answers: dict[str, str] = {}
        self.index = 0
        self.waiting: deque[SurveyTicketView] = deque()
        self.supervisor: Actor | None = None
        self.setWindowTitle("Đánh giá sự phục vụ")
        self.setObjectName("citizen")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # closing the clerk's window ends the app

        self.stack = QStackedWidget()
        self.idle_screen = IdleScreen(self._faces, lambda: int(self._settings().survey.long_press_s * 1000))
        self.idle_screen.start_requested.connect(self.start_walk_in)
        self.idle_screen.long_pressed.connect(self.ask_pin)
        self.thanks_screen = ThanksScreen(self._faces)
        self.pin_screen = PinScreen()
        self.pin_screen.entered.connect(self.check_pin)
        self.pin_screen.cancelled.connect(self.rest)
        self.menu_screen = MenuScreen()
        self.menu_screen.walk_in_toggled.connect(self.toggle_walk_in)
        self.menu_screen.monitor_cycled.connect(self.next_monitor)
        self.menu_screen.close_requested.connect(self.close_by_supervisor)
        self.menu_screen.done.connect(self.rest)
        for screen in (self.idle_screen, self.thanks_screen, self.pin_screen, self.menu_screen):
            self.stack.addWidget(screen)
        self.questions: list[QuestionScreen] = []
        self.banner = CallBanner()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack)
        #: The guide, the look-up, queue tickets and calls (None: the screen only rates, as in tests of the survey).
        self.front = (
            CitizenPages(
                services,
                settings,
                self.stack,
                self.idle_screen,
                self.banner,
                tap=self.tap,
                rest=self.rest,
                busy=self.busy,
                parent=self,
            )
            if services is not None
            else None
        )

        self.answer_timer = self._timer(self.time_out)
        self.thanks_timer = self._timer(self.after_thanks)
        self.supervisor_timer = self._timer(self.rest)
        monitors.changed.connect(self.place)
        self.show_office()

    def _timer(self, slot: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    # -- surveys ----------------------------------------------------------------------------------------------------

    def start(self, ticket: SurveyTicketView) -> None:
        """Ask this ticket's questions now, or after the survey on screen ends."""
        if not self.opened:
            self._close_ticket(ticket, {})
            return
        if self.ticket is not None:
            self.waiting.append(ticket)
            self.status_changed.emit(ticket.dossier_code or "", "chờ đánh giá")
            return
        self.ticket, self.answers, self.index = ticket, {}, 0
        for screen in self.questions:
            self.stack.removeWidget(screen)
            screen.deleteLater()
        total = len(ticket.questions)
        self.questions = [QuestionScreen(q, n, total, self._faces) for n, q in enumerate(ticket.questions, start=1)]
        for screen in self.questions:
            screen.chosen.connect(self.choose)
            screen.back_requested.connect(self.go_back)
            self.stack.addWidget(screen)
        self.thanks_timer.stop()
        self.supervisor_timer.stop()
        self.supervisor = None
        if self.front is not None:
            self.front.abandon()
        self._show_question()
        self.answer_timer.start(self._settings().survey.timeout_s * 1000)
        self.status_changed.emit(ticket.dossier_code or "", DESK_LABELS[TicketStatus.ISSUED])
        self.place()

    def start_walk_in(self) -> None:
        if not self.tap():
            return
        try:
            ticket = self._survey.issue_walk_in(by=self._desk_actor())
        except KioskError as exc:
            log.warning("walk-in rating refused: %s", exc.message)
            self.show_office()
            return
        self.start(ticket)

    def choose(self, value: str) -> None:
        if self.ticket is None or not self.tap():
            return
        question = self.ticket.questions[self.index]
        self.answers[question.key] = value
        if self.index + 1 < len(self.ticket.questions):
            self.index += 1
            self._show_question()
        else:
            self._finish(thank=True)

    def go_back(self) -> None:
        if self.ticket is None or self.index == 0 or not self.tap():
            return
        self.index -= 1
        self._show_question()

    def time_out(self) -> None:
        """Nobody touched the screen for the set time: keep what was answered and go back to rest."""
        if self.ticket is not None:
            self._finish(thank=False)

    def after_thanks(self) -> None:
        if self.ticket is None:
            self.rest()

    def rest(self) -> None:
        """The next waiting survey, or the idle screen (with one monitor: the window goes away)."""
        self.supervisor = None
        self.supervisor_timer.stop()
        if self.waiting:
            self.start(self.waiting.popleft())
            return
        self.show_office()
        self.stack.setCurrentWidget(self.idle_screen)
        self.place()
        if self.front is not None:
            self.front.after_rest()  # a call that waited for the survey to end

    def busy(self) -> bool:
        """A survey, its thank-you or the supervisor's corner is on screen: calls and pages wait."""
        current = self.stack.currentWidget()
        return self.ticket is not None or current in (self.thanks_screen, self.pin_screen, self.menu_screen)

    def _show_question(self) -> None:
        assert self.ticket is not None
        screen = self.questions[self.index]
        screen.mark(self.answers.get(screen.question.key))
        self.stack.setCurrentWidget(screen)

    def _finish(self, *, thank: bool) -> None:
        ticket, answers = self.ticket, self.answers
        assert ticket is not None
        self.ticket, self.answers = None, {}
        self.answer_timer.stop()
        self._close_ticket(ticket, answers)
        if thank:
            self.stack.setCurrentWidget(self.thanks_screen)
            self.thanks_timer.start(self._settings().survey.thanks_s * 1000)
        else:
            self.rest()

    def _close_ticket(self, ticket: SurveyTicketView, answers: dict[str, str]) -> None:
        try:
            status = self._survey.close(ticket, answers)
        except KioskError as exc:  # used already (another window, a restart): nothing more to store
            log.warning("survey ticket not closed: %s", exc.message)
            return
        self.status_changed.emit(ticket.dossier_code or "", DESK_LABELS[status])

    def tap(self) -> bool:
        """True for a press to act on; a press too soon after the last one is ignored (but shows someone is there)."""
        now = self.now_ms()
        if self.ticket is not None:
            self.answer_timer.start(self._settings().survey.timeout_s * 1000)
        if self._last_tap is not None and now - self._last_tap < self._settings().survey.debounce_ms:
            return False
        self._last_tap = now
        return True

    # -- where the window is ----------------------------------------------------------------------------------------

    def place(self) -> None:
        """Onto the citizen's monitor, never the clerk's; with one monitor, over the clerk's only while asking."""
        if not self.opened or not self._shows_anything():
            self.hide()
            return
        monitors = self._monitors.monitors()
        clerk = self._monitors.clerk()
        target = citizen_monitor(monitors, clerk, self._settings().survey.screen)
        self._set_shared(target is None)
        if target is None:
            busy = self.ticket is not None or self.stack.currentWidget() is self.thanks_screen
            target = next((m for m in monitors if m.name == clerk), None)
            if not busy or target is None:
                self.monitor = ""
                self.hide()
                return
        self.monitor = target.name
        if target.screen is not None and self.screen() is not target.screen:
            self.setScreen(target.screen)
        self.setGeometry(target.geometry)
        self.show()
        self.raise_()
        if self.shared:
            self.activateWindow()  # the clerk's keyboard comes here: Esc hands the screen back

    def _shows_anything(self) -> bool:
        """The survey, or any of the desk's services on the touch screen."""
        return self._settings().survey.enabled or (self.front is not None and any(self.front.offered()))

    def _set_shared(self, shared: bool) -> None:
        if shared != self.shared:
            self.shared = shared
            self.setWindowFlags(_SHARED if shared else _DEDICATED)
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, not shared)

    def show_office(self) -> None:
        settings = self._settings()
        self.idle_screen.show_office(settings.office, settings.survey.walk_in, rating=settings.survey.enabled)
        self.idle_screen.show_services(*(self.front.offered() if self.front is not None else (False, False, False)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """With one monitor the keyboard is the clerk's: Esc hands the screen back early."""
        if self.shared and event.key() == Qt.Key.Key_Escape and self.ticket is not None:
            self._finish(thank=False)
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            event.accept()
        else:
            event.ignore()  # Alt+F4, a gesture, the window manager: the citizen screen stays

    def shutdown(self) -> None:
        """The desk is closing: end the survey on screen with what was answered, the waiting ones unanswered."""
        if self.ticket is not None:
            self._finish(thank=False)
        while self.waiting:
            self._close_ticket(self.waiting.popleft(), {})
        self.answer_timer.stop()
        self.thanks_timer.stop()
        self._may_close = True
        self.close()

    # -- the supervisor's corner -----------------------------------------------------------------------------------

    def ask_pin(self) -> None:
        if self.ticket is not None:
            return
        if not self._users.has_pins():
            self.pin_screen.reset("Chưa có lãnh đạo nào đặt mã PIN (Cài đặt → Người dùng).")
        else:
            self.pin_screen.reset()
        self.stack.setCurrentWidget(self.pin_screen)
        self.supervisor_timer.start(SUPERVISOR_IDLE_MS)

    def check_pin(self, pin: str) -> None:
        self.supervisor_timer.start(SUPERVISOR_IDLE_MS)
        try:
            self.supervisor = self._users.verify_pin(pin)
        except KioskError as exc:
            self.pin_screen.reset(exc.message)
            return
        self._show_menu()

    def _show_menu(self) -> None:
        assert self.supervisor is not None
        survey = self._settings().survey
        self.menu_screen.show_state(self.supervisor.full_name, survey.walk_in, survey.screen or AUTOMATIC)
        self.stack.setCurrentWidget(self.menu_screen)
        self.supervisor_timer.start(SUPERVISOR_IDLE_MS)

    def toggle_walk_in(self) -> None:
        survey = self._settings().survey
        self._change_survey(walk_in=not survey.walk_in)

    def next_monitor(self) -> None:
        """Automatic, then each monitor that is not the clerk's, in turn."""
        clerk = self._monitors.clerk()
        names = ["", *(m.name for m in self._monitors.monitors() if m.name != clerk)]
        current = self._settings().survey.screen
        following = names[(names.index(current) + 1) % len(names)] if current in names else ""
        self._change_survey(screen=following)
        self.place()

    def _change_survey(self, **changes: object) -> None:
        if self.supervisor is None:
            return
        settings = self._settings()
        try:
            self._save_settings(
                msgspec.structs.replace(settings, survey=msgspec.structs.replace(settings.survey, **changes))
            )
        except KioskError as exc:
            self.menu_screen.title.setText(exc.message)
            return
        self.show_office()
        self._show_menu()

    def close_by_supervisor(self) -> None:
        if self.supervisor is None:
            return
        who = self.supervisor.full_name
        self.supervisor = None
        self.opened = False
        self.supervisor_timer.stop()
        self.stack.setCurrentWidget(self.idle_screen)
        self.hide()
        self.closed_by_supervisor.emit(who)

    def reopen(self) -> None:
        self.opened = True
        self.show_office()
        self.stack.setCurrentWidget(self.idle_screen)
        self.place()
