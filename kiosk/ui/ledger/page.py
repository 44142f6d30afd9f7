"""Sổ theo dõi hồ sơ: filters, search (code, name, phone, ID number – diacritics optional) and the lazy table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.services.catalog import CatalogService
from kiosk.services.ledger import LedgerFilter, LedgerService, Period
from kiosk.services.states import STATE_LABELS, DossierState
from kiosk.services.users import UserService
from kiosk.text import nfc
from kiosk.ui.convert import to_date
from kiosk.ui.ledger.model import LedgerModel
from kiosk.ui.tables import EnterTable
from kiosk.ui.tasks import TaskRunner

PERIODS = [
    (Period.ALL, "Tất cả"),
    (Period.RECEIVED_TODAY, "Nhận hôm nay"),
    (Period.DUE_TODAY, "Đến hạn hôm nay"),
    (Period.DUE_TOMORROW, "Đến hạn ngày làm việc tới"),
    (Period.OVERDUE, "Quá hạn"),
]
SEARCH_DELAY_MS = 250


class LedgerPage(QWidget):
    open_requested = Signal(str)  # a dossier code: show the dossier
    action_requested = Signal(str)  # a dossier code: the page's own action (the return screen's "Trả kết quả")

    def __init__(
        self,
        ledger: LedgerService,
        catalog: CatalogService,
        users: UserService,
        zone: ZoneInfo,
        runner: TaskRunner,
        *,
        title: str = "Sổ theo dõi hồ sơ",
        preset: LedgerFilter | None = None,
        action: str | None = None,
        print_book: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ledger = ledger
        self._catalog = catalog
        self._users = users
        self._runner = runner
        self._preset = preset or LedgerFilter()

        heading = QLabel(title)
        heading.setProperty("role", "heading")
        self.search = QLineEdit()
        self.search.setObjectName("ledger_search")
        self.search.setPlaceholderText("Tìm theo mã hồ sơ, họ tên, số điện thoại, số định danh… (F3)")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply)

        self.period = QComboBox()
        for value, label in PERIODS:
            self.period.addItem(label, value)
        self.state = QComboBox()
        self.state.addItem("Mọi trạng thái", None)
        for state in DossierState:
            self.state.addItem(STATE_LABELS[state], state)
        self.field = QComboBox()
        self.procedure = QComboBox()
        self.clerk = QComboBox()
        self.use_dates = QCheckBox("Nhận từ ngày")
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setMinimumWidth(130)
            edit.setDate(QDate.currentDate())
            edit.dateChanged.connect(self._dates_changed)
        for combo in (self.period, self.state, self.field, self.procedure, self.clerk):
            combo.currentIndexChanged.connect(lambda _i: self.apply())
        self.use_dates.toggled.connect(lambda _c: self.apply())
        self.refresh_choices()

        first_row = QHBoxLayout()
        first_row.addWidget(self.search, 3)
        first_row.addWidget(self.period, 1)
        first_row.addWidget(self.state, 1)
        second_row = QHBoxLayout()
        second_row.addWidget(self.field, 2)
        second_row.addWidget(self.procedure, 3)
        second_row.addWidget(self.clerk, 2)
        second_row.addWidget(self.use_dates)
        second_row.addWidget(self.date_from)
        second_row.addWidget(QLabel("đến"))
        second_row.addWidget(self.date_to)
        filters = QVBoxLayout()
        filters.addLayout(first_row)
        filters.addLayout(second_row)
        if self._preset.state is not None:
            self.state.setVisible(False)

        self.model = LedgerModel(ledger, zone)
        self.table = EnterTable()
        self.table.setObjectName("ledger_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the procedure takes what is left
        for column, width in ((0, 118), (1, 185), (3, 150), (4, 104), (5, 200), (6, 160)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda index: self._activated(index.row()))
        self.table.activated_row.connect(self._activated)

        self.count = QLabel("")
        self.count.setProperty("role", "hint")
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        self._action = action
        self.open_button = QPushButton("Xem hồ sơ")
        self.open_button.clicked.connect(self._open_selected)
        bottom.addWidget(self.open_button)
        if print_book is not None:
            self.book_button = QPushButton("In sổ theo dõi (A4)…")
            self.book_button.clicked.connect(print_book)
            bottom.addWidget(self.book_button)
        if action:
            self.action_button = QPushButton(action)
            self.action_button.setProperty("role", "primary")
            self.action_button.clicked.connect(self._act_on_selected)
            bottom.addWidget(self.action_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    # -- filters ----------------------------------------------------------------------------------------------------

    def refresh_choices(self) -> None:
        """Fill the field, procedure and clerk lists (again, after the catalog or the users changed)."""
        for combo, blank, items in (
            (self.field, "Mọi lĩnh vực", [(f, f) for f in self._ledger.fields()]),
            (self.procedure, "Mọi thủ tục", [(f"{p.code} – {p.name}", p.code) for p in self._catalog.all()]),
            (self.clerk, "Mọi cán bộ", [(f"{u.full_name} ({u.username})", u.username) for u in self._users.all()]),
        ):
            combo.blockSignals(True)
            current = combo.currentData()
            combo.clear()
            combo.addItem(blank, None)
            for label, value in items:
                combo.addItem(label, value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def current_filter(self) -> LedgerFilter:
        first: date | None = None
        last: date | None = None
        if self.use_dates.isChecked():
            first, last = to_date(self.date_from.date()), to_date(self.date_to.date())
        return replace(
            self._preset,
            text=nfc(self.search.text()).strip(),
            period=Period(self.period.currentData()),
            state=self._preset.state if self._preset.state is not None else _state(self.state.currentData()),
            field=self.field.currentData(),
            procedure_code=self.procedure.currentData(),
            clerk=self.clerk.currentData(),
            received_from=first,
            received_to=last,
        )

    def apply(self) -> None:
        self._search_timer.stop()
        wanted = self.current_filter()
        try:
            self.model.set_filter(wanted)
        except KioskError as exc:
            self.count.setText(exc.message)
            return
        if self.model.rowCount():
            self.table.selectRow(0)
        self.count.setText("Đang đếm…")
        self._runner.run(lambda: self._ledger.count(wanted), self._show_count, lambda exc: self.count.setText(str(exc)))

    def _dates_changed(self) -> None:
        if self.use_dates.isChecked():
            self.apply()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _show_count(self, result: tuple[int, bool]) -> None:
        found, more = result
        self.count.setText(f"Hơn {found:,} hồ sơ".replace(",", ".") if more else f"{found:,} hồ sơ".replace(",", "."))

    # -- rows -------------------------------------------------------------------------------------------------------

    def selected_code(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).code if index.isValid() else None

    def _open_selected(self) -> None:
        code = self.selected_code()
        if code:
            self.open_requested.emit(code)

    def _act_on_selected(self) -> None:
        code = self.selected_code()
        if code:
            self.action_requested.emit(code)

    def _activated(self, row: int) -> None:
        code = self.model.row_at(row).code
        (self.action_requested if self._action else self.open_requested).emit(code)

    def select_code(self, code: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).code == code:
                self.table.selectRow(row)
                return True
        return False


def _state(value: object) -> DossierState | None:
    """Combo boxes give enum data back as plain strings."""
    return DossierState(str(value)) if value else None
