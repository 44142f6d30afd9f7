"""Phản ánh, kiến nghị: the register at the desk — filters, search, the list by deadline, a new one with Ctrl+N.

The page is given what it needs: the feedback service, who is at the desk, a way to print a roll paper, the
office's zone and the settings (read when used, so a change of hotline or offices shows at once).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.errors import KioskError
from kiosk.printing.documents import Document
from kiosk.printing.feedback_slip import feedback_slip
from kiosk.services.feedback import FeedbackService
from kiosk.services.feedback_types import (
    KIND_LABELS,
    SHOW_LABELS,
    Channel,
    FeedbackFilter,
    FeedbackRow,
    FeedbackView,
    Show,
)
from kiosk.text import nfc
from kiosk.ui import messages
from kiosk.ui.convert import from_date, to_date
from kiosk.ui.feedback.detail import FeedbackDetail
from kiosk.ui.feedback.form import FeedbackForm
from kiosk.ui.feedback.model import FeedbackModel
from kiosk.ui.session import UserSession
from kiosk.ui.tables import EnterTable

SEARCH_DELAY_MS = 250
FILTERS = (Show.OPEN, Show.OVERDUE, Show.ANSWERED, Show.ALL)
#: Column widths at 1366×768 (the content column takes what is left).
WIDTHS = {0: 76, 1: 110, 2: 88, 3: 216, 5: 110, 6: 226}


class FeedbackPage(QWidget):
    changed = Signal(object)  # FeedbackView just recorded, forwarded, noted or answered

    def __init__(
        self,
        feedback: FeedbackService,
        session: UserSession,
        print_slip: Callable[[Document], object],
        zone: ZoneInfo,
        settings: Callable[[], Settings],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._feedback = feedback
        self._session = session
        self._print = print_slip
        self._zone = zone
        self._settings = settings
        self.form: FeedbackForm | None = None
        self.detail: FeedbackDetail | None = None

        heading = QLabel("Phản ánh, kiến nghị")
        heading.setProperty("role", "heading")
        self.new_button = QPushButton("Ghi nhận phản ánh, kiến nghị… (Ctrl+N)")
        self.new_button.setObjectName("feedback_new")
        self.new_button.setProperty("role", "primary")
        self.new_button.clicked.connect(self.open_form)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)

        self.filter_buttons: dict[Show, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        filters = QHBoxLayout()
        filters.setSpacing(4)
        for number, show in enumerate(FILTERS, start=1):
            button = QPushButton(SHOW_LABELS[show])
            button.setCheckable(True)
            button.setToolTip(f"Alt+{number}")
            button.clicked.connect(self.apply)
            group.addButton(button)
            filters.addWidget(button)
            self.filter_buttons[show] = button
            QShortcut(QKeySequence(f"Alt+{number}"), self, button.click)
        self.filter_buttons[Show.OPEN].setChecked(True)

        self.search = QLineEdit()
        self.search.setObjectName("feedback_search")
        self.search.setPlaceholderText("Tìm theo số (12 hoặc 12/2026), tên, điện thoại, nội dung… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._search_entered)
        self.use_dates = QCheckBox("Nhận từ ngày")
        self.use_dates.toggled.connect(lambda _c: self.apply())
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        today = feedback.today()
        for edit, day in ((self.date_from, today.replace(day=1)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setMinimumWidth(130)
            edit.setDate(from_date(day))
            edit.dateChanged.connect(lambda _d: self.apply() if self.use_dates.isChecked() else None)
        top.addWidget(self.search, 1)
        top.addSpacing(16)
        top.addWidget(self.new_button)
        self.search.setMinimumWidth(360)
        filters.addStretch(1)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("đến"))
        filters.addWidget(self.date_to)

        self.model = FeedbackModel(zone)
        self.table = EnterTable()
        self.table.setObjectName("feedback_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.activated_row.connect(self.open_row)

        self.count = QLabel("")
        self.count.setProperty("role", "hint")
        self.hotline = QLabel("")
        self.hotline.setObjectName("feedback_page_hotline")
        self.hotline.setProperty("role", "hint")
        self.open_button = QPushButton("Xem, xử lý (Enter)")
        self.open_button.clicked.connect(lambda: self.open_row(self.table.currentIndex().row()))
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addSpacing(24)
        bottom.addWidget(self.hotline, 1)
        bottom.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence("Ctrl+N"), self, self.open_form)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        self.apply()

    # -- the list -----------------------------------------------------------------------------------------------------

    def shown(self) -> Show:
        return next((s for s, b in self.filter_buttons.items() if b.isChecked()), Show.OPEN)

    def show_filter(self, show: Show) -> None:
        self.filter_buttons[show].setChecked(True)
        self.apply()

    def current_filter(self) -> FeedbackFilter:
        first: date | None = None
        last: date | None = None
        if self.use_dates.isChecked():
            first, last = to_date(self.date_from.date()), to_date(self.date_to.date())
        return FeedbackFilter(self.shown(), first, last, nfc(self.search.text()).strip())

    def apply(self) -> None:
        """Read the list again with the filters as they stand, and the figures on the buttons."""
        self._search_timer.stop()
        try:
            rows = self._feedback.listing(self.current_filter())
            open_, overdue = self._feedback.open_counts()
        except KioskError as exc:
            self.model.set_rows([])
            self.count.setText(exc.message)
            return
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self.filter_buttons[Show.OPEN].setText(f"{SHOW_LABELS[Show.OPEN]} ({open_})")
        self.filter_buttons[Show.OVERDUE].setText(f"{SHOW_LABELS[Show.OVERDUE]} ({overdue})")
        self.count.setText(f"{len(rows)} phản ánh, kiến nghị" if rows else "Không có phản ánh, kiến nghị nào.")
        hotline = self._settings().office.hotline
        self.hotline.setText(f"Đường dây nóng: {hotline}" if hotline else "")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected(self) -> FeedbackRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _search_entered(self) -> None:
        self.apply()
        if self.model.rowCount() == 1:  # a number typed or scanned: straight to it
            self.open_row(0)

    # -- recording ----------------------------------------------------------------------------------------------------

    def open_form(self) -> FeedbackForm | None:
        if not self._session.logged_in:
            return None
        if self.form is not None:
            self.form.close()
        form = FeedbackForm(self._feedback, self._session, self._settings().office, self)
        form.recorded.connect(self._recorded)
        form.finished.connect(lambda _r: setattr(self, "form", None))
        self.form = form
        form.open()
        return form

    def _recorded(self, view: FeedbackView) -> None:
        if self.shown() is Show.ANSWERED:
            self.filter_buttons[Show.OPEN].setChecked(True)
        self.search.clear()
        self.apply()
        self._select(view.number, view.year)
        self.changed.emit(view)
        if view.channel is Channel.IN_PERSON:  # the citizen is at the counter: offer the slip
            text = (
                f"Đã ghi {KIND_LABELS[view.kind].lower()} số {view.label}, hạn trả lời {view.due_date:%d/%m/%Y}.\n\n"
                "In phiếu tiếp nhận cho người phản ánh?"
            )
            if messages.ask(self, "Phiếu tiếp nhận phản ánh, kiến nghị", text, "In phiếu (Enter)", "Không in"):
                self._print(feedback_slip(view, self._settings().office, self._zone))

    # -- one feedback -------------------------------------------------------------------------------------------------

    def open_row(self, row: int) -> FeedbackDetail | None:
        if not 0 <= row < self.model.rowCount():
            return None
        found = self.model.row_at(row)
        return self.open_detail(found.number, found.year)

    def open_detail(self, number: int, year: int) -> FeedbackDetail | None:
        if not self._session.logged_in:
            return None
        try:
            view = self._feedback.get(number, year)
        except KioskError as exc:
            messages.warn(self, "Phản ánh, kiến nghị", exc.message)
            return None
        if self.detail is not None:
            self.detail.close()
        detail = FeedbackDetail(
            view,
            feedback=self._feedback,
            session=self._session,
            print_slip=self._print,
            office=lambda: self._settings().office,
            zone=self._zone,
            parent=self,
        )
        detail.changed.connect(self._detail_changed)
        detail.finished.connect(lambda _r: setattr(self, "detail", None))
        self.detail = detail
        detail.open()
        return detail

    def _detail_changed(self, view: FeedbackView) -> None:
        self.apply()
        self._select(view.number, view.year)
        self.changed.emit(view)

    def _select(self, number: int, year: int) -> None:
        row = self.model.find(number, year)
        if row is not None:
            self.table.selectRow(row)
