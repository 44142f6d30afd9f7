"""The procedure guide on the citizen's touch screen, opened from the idle screen.

Start by searching a procedure's name on the on-screen keyboard (diacritics optional) or by choosing a field; a
procedure's page lists the papers to bring as a checklist with the time limit, the fee and where to go, and prints
them on a slip. The panel only shows and asks: the window prints (``print_requested``), then tells the panel how it
went (``show_printed``), goes home (``home_requested``) and keeps its inactivity timer running (``touched``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.config import Settings
from kiosk.errors import KioskError
from kiosk.services.guide import GuideService
from kiosk.ui.citizen.guide_pages import ListPage, Page, SearchPage, StartPage
from kiosk.ui.citizen.guide_procedure import ProcedurePage

SEARCH_LIMIT = 50
PRINT_WAIT_MS = 20_000  # the print button comes back by itself if the window never answers


class GuidePanel(QWidget):
    print_requested = Signal(str)  # the procedure's code
    home_requested = Signal()
    touched = Signal()  # any press: the window's inactivity timer starts again

    def __init__(self, guide: GuideService, settings: Callable[[], Settings], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._guide = guide
        self._settings = settings
        self.start = StartPage()
        self.listing = ListPage()
        self.searching = SearchPage()
        self.procedure = ProcedurePage()
        self.stack = QStackedWidget()
        self.trail: list[Page] = []  # the pages behind the current one, for "Quay lại"
        for page in (self.start, self.listing, self.searching, self.procedure):
            self.stack.addWidget(page)
            page.back_requested.connect(self.go_back)
            page.home_requested.connect(self.go_home)
        self.start.field_chosen.connect(self.open_field)
        self.start.search_requested.connect(self.open_search)
        self.listing.chosen.connect(self.open_procedure)
        self.searching.chosen.connect(self.open_procedure)
        self.searching.keyboard.text_changed.connect(self._search)
        self.procedure.print_requested.connect(self._print)
        self._print_wait = QTimer(self)
        self._print_wait.setSingleShot(True)
        self._print_wait.timeout.connect(lambda: self.procedure.printed(""))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        for button in self.findChildren(QAbstractButton):  # every button there is, from now on
            button.pressed.connect(self.touched)
        self.reset()

    def current(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def reset(self) -> None:
        """Back to the start page, with nothing typed and nothing left from the last citizen."""
        self.trail.clear()
        self._print_wait.stop()
        self.searching.keyboard.clear()
        self.searching.show_results("", [])
        self.listing.show_procedures("", [])
        self.procedure.show_missing("")
        self.start.show_fields(self._guide.fields())
        self.stack.setCurrentWidget(self.start)

    def open_field(self, field: str) -> None:
        self.listing.show_procedures(field, self._guide.procedures(field))
        self._go(self.listing)

    def open_search(self) -> None:
        self._search(self.searching.keyboard.text())
        self._go(self.searching)

    def open_procedure(self, code: str) -> None:
        self._print_wait.stop()
        try:
            self.procedure.show_procedure(self._guide.procedure(code), self._settings().office)
        except KioskError as error:
            self.procedure.show_missing(error.message)
        self._go(self.procedure)

    def show_printed(self, message: str) -> None:
        """What became of the slip (printed, or what went wrong), shown beside the print button."""
        self._print_wait.stop()
        self.procedure.printed(message)

    def go_back(self) -> None:
        if not self.trail:
            self.go_home()
            return
        self.stack.setCurrentWidget(self.trail.pop())

    def go_home(self) -> None:
        self.home_requested.emit()
        self.reset()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.touched.emit()  # a press beside the buttons (on a label, the background) counts too
        super().mousePressEvent(event)

    def _go(self, page: Page) -> None:
        current = self.current()
        if current is not page:
            self.trail.append(current)
        self.stack.setCurrentWidget(page)

    def _search(self, text: str) -> None:
        self.searching.show_results(text, self._guide.search(text, limit=SEARCH_LIMIT))

    def _print(self, code: str) -> None:
        if not code:
            return
        self.procedure.printing()
        self._print_wait.start(PRINT_WAIT_MS)
        self.print_requested.emit(code)
