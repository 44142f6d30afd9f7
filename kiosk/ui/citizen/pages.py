"""The citizen screen between surveys: the procedure guide, the dossier look-up, queue tickets, and the clerk's calls.

These pages share the screen with the survey without getting in its way: a survey in progress (and its thank-you)
is never interrupted; a call that comes meanwhile is shown once it ends (the latest one only: an earlier number was
passed over). A call fills the idle screen for a few seconds; over the guide or the look-up it shows as a band, so
the person reading keeps their page. A page left alone goes back to the idle screen; a survey started by the clerk
takes over from any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from kiosk.config import Settings
from kiosk.errors import KioskError
from kiosk.printing.documents import Document
from kiosk.printing.guide_slip import guide_slip
from kiosk.printing.queue_ticket import queue_ticket
from kiosk.services.guide import GuideService
from kiosk.services.lookup import LookupService
from kiosk.services.queue import QueueService, Source, TicketView
from kiosk.ui.citizen.call_screen import CallBanner, CallScreen, call_words
from kiosk.ui.citizen.guide import GuidePanel
from kiosk.ui.citizen.lookup import LookupScreen
from kiosk.ui.citizen.queue_screen import QueueScreen
from kiosk.ui.citizen.status_words import answer_words
from kiosk.ui.survey.screens import IdleScreen

TICKET_SHOWN_MS = 15_000  # the number stays on screen while the citizen takes the paper


class PrintOutcome(StrEnum):
    PRINTED = "printed"
    FAILED = "failed"
    NO_PRINTER = "no_printer"


PAPER_WORDS = {
    PrintOutcome.PRINTED: "Mời Ông/Bà nhận phiếu ở máy in.",
    PrintOutcome.FAILED: "Máy in chưa in được phiếu. Mời Ông/Bà hỏi cán bộ tại quầy.",
    PrintOutcome.NO_PRINTER: "Quầy chưa có máy in phiếu. Mời Ông/Bà hỏi cán bộ tại quầy.",
}
TICKET_NO_PRINTER = "Quầy chưa có máy in phiếu: mời Ông/Bà ghi nhớ số này."
PRINTING = "Đang in phiếu…"

#: Prints a paper for the citizen and reports how it went (later: printing runs off the GUI thread).
PaperPrinter = Callable[[Document, Callable[[PrintOutcome], None]], None]


@dataclass(frozen=True)
class CitizenServices:
    guide: GuideService
    lookup: LookupService
    queue: QueueService
    print_paper: PaperPrinter
    printer_ready: Callable[[], bool]
    chime: Callable[[], None]
    now: Callable[[], datetime]
    zone: Callable[[], ZoneInfo]


@dataclass(frozen=True)
class Call:
    ticket: TicketView
    counter: str


class CitizenPages(QObject):
    ticket_taken = Signal(object)  # TicketView: the clerk's queue panel counts it

    def __init__(
        self,
        services: CitizenServices,
        settings: Callable[[], Settings],
        stack: QStackedWidget,
        idle: IdleScreen,
        banner: CallBanner,
        *,
        tap: Callable[[], bool],
        rest: Callable[[], None],
        busy: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self._stack = stack
        self._idle = idle
        self._banner = banner
        self._tap = tap
        self._rest = rest
        self._busy = busy
        self.pending: Call | None = None
        self.guide = GuidePanel(services.guide, settings)
        self.lookup = LookupScreen()
        self.queue = QueueScreen()
        self.call = CallScreen()
        for page in (self.guide, self.lookup, self.queue, self.call):
            stack.addWidget(page)
            page.setObjectName(type(page).__name__)
        for page in (self.guide, self.lookup, self.queue):
            page.home_requested.connect(self.go_home)
            page.touched.connect(self.keep_open)
        self.guide.print_requested.connect(self.print_guide)
        self.lookup.lookup_requested.connect(self.look_up)
        self.queue.ticket_requested.connect(self.take_ticket)
        idle.guide_requested.connect(lambda: self.open(self.guide))
        idle.lookup_requested.connect(lambda: self.open(self.lookup))
        idle.queue_requested.connect(lambda: self.open(self.queue))
        self.page_timer = self._timer(self._left_alone)
        self.call_timer = self._timer(self._call_over)
        self.banner_timer = self._timer(banner.hide)

    def _timer(self, slot: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    # -- opening and leaving the pages -----------------------------------------------------------------------------

    def offered(self) -> tuple[bool, bool, bool]:
        """Which buttons the idle screen shows: the guide, the look-up, queue tickets."""
        s = self._settings()
        return s.citizen.guide, s.citizen.lookup, s.queue.enabled

    def open(self, page: QWidget) -> None:
        if not self._tap() or self._busy():
            return
        settings = self._settings()
        if page is self.guide:
            self.guide.reset()
        elif page is self.lookup:
            self.lookup.reset()
            self.lookup.show_hotline(settings.office.hotline)
        elif page is self.queue:
            self.queue.offer(settings.queue.groups, settings.queue.priority)
            self.queue.show_hotline(settings.office.hotline)
        self._stack.setCurrentWidget(page)
        self.keep_open()

    def in_use(self) -> bool:
        return self._stack.currentWidget() in (self.guide, self.lookup, self.queue)

    def keep_open(self, ms: int | None = None) -> None:
        """Someone is using the page: it stays until they leave it alone for the set time."""
        self.page_timer.start(ms if ms is not None else self._settings().citizen.idle_return_s * 1000)

    def go_home(self) -> None:
        if self._tap():
            self._leave()

    def _left_alone(self) -> None:
        if self.in_use():
            self._leave()

    def _leave(self) -> None:
        self.page_timer.stop()
        self._banner.hide()
        self._rest()

    def abandon(self) -> None:
        """A survey takes the screen: whatever page was open is dropped (the citizen in front is the one asked)."""
        self.page_timer.stop()
        self.call_timer.stop()
        self.banner_timer.stop()
        self._banner.hide()

    # -- the guide, the look-up, tickets ----------------------------------------------------------------------------

    def print_guide(self, code: str) -> None:
        if not self._tap():
            return
        self.keep_open()
        if not self._services.printer_ready():
            self.guide.show_printed(PAPER_WORDS[PrintOutcome.NO_PRINTER])
            return
        settings = self._settings()
        try:
            info = self._services.guide.record_slip(code, source=Source.SCREEN.value, by=None)
        except KioskError as exc:
            self.guide.show_printed(exc.message)
            return
        doc = guide_slip(
            info,
            settings.office,
            website_url=settings.publish.website_url,
            now=self._services.now(),
            zone=self._services.zone(),
        )
        self.guide.show_printed(PRINTING)
        self._services.print_paper(doc, lambda outcome: self.guide.show_printed(PAPER_WORDS[outcome]))

    def look_up(self, code_digits: str, phone_digits: str) -> None:
        if not self._tap():
            return
        self.keep_open()
        answer = self._services.lookup.by_digits(code_digits, phone_digits)
        self.lookup.show_answer(answer_words(answer, self._services.now().astimezone(self._services.zone()).date()))

    def scanned(self, code: str) -> bool:
        """A code from the scanner: answered here while the look-up is open (True), else it is the clerk's."""
        if self._stack.currentWidget() is not self.lookup or self._busy():
            return False
        self.keep_open()
        answer = self._services.lookup.by_code(code)
        self.lookup.show_answer(answer_words(answer, self._services.now().astimezone(self._services.zone()).date()))
        return True

    def take_ticket(self, group_key: str, priority: bool) -> None:
        if not self._tap() or self.queue.showing_ticket():
            return
        settings = self._settings()
        try:
            ticket = self._services.queue.take(group_key, priority=priority, source=Source.SCREEN)
        except KioskError as exc:
            self.queue.show_ticket("—", False, exc.message, 0, "")
            self.keep_open(TICKET_SHOWN_MS)
            return
        ready = self._services.printer_ready()
        self.queue.show_ticket(
            ticket.label, ticket.priority, ticket.group_label, ticket.ahead, PRINTING if ready else TICKET_NO_PRINTER
        )
        self.keep_open(TICKET_SHOWN_MS)
        self.ticket_taken.emit(ticket)
        if ready:
            doc = queue_ticket(ticket, settings.office, settings.station.name, self._services.zone())
            self._services.print_paper(doc, lambda outcome: self.queue.paper.setText(PAPER_WORDS[outcome]))

    # -- calls ------------------------------------------------------------------------------------------------------

    def show_call(self, ticket: TicketView, counter: str) -> None:
        """The clerk called a number: on the screen now, or once the survey on it ends."""
        words = call_words(ticket.label, counter, ticket.priority)
        self._idle.show_serving(f"Đang mời số {ticket.label} đến {counter}")
        if self._busy():
            self.pending = Call(ticket, counter)
            return
        self.pending = None
        shown_ms = self._settings().queue.call_shown_s * 1000
        if self._settings().queue.chime:
            self._services.chime()
        if self.in_use():
            self._banner.setText(words)
            self._banner.show()
            self.banner_timer.start(shown_ms)
            return
        self.call.show_call(ticket.label, counter, ticket.priority)
        self._stack.setCurrentWidget(self.call)
        self.call_timer.start(shown_ms)

    def showing_call(self) -> bool:
        return self._stack.currentWidget() is self.call

    def _call_over(self) -> None:
        if self.showing_call():
            self._rest()

    def after_rest(self) -> None:
        """The screen is back at rest: a call that waited for a survey to end is shown now."""
        if self.pending is not None and not self._busy():
            call, self.pending = self.pending, None
            self.show_call(call.ticket, call.counter)
