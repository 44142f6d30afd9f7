"""Choosing the procedure: results appear under the search box as the clerk types, diacritics optional."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.services.appointment import LimitKind, TimeLimit
from kiosk.services.catalog import CatalogService
from kiosk.services.catalog_types import ProcedureInfo, ProcedureSummary

RESULTS = 30


def limit_text(kind: LimitKind, days: int | None) -> str:
    if kind is LimitKind.WORKING_DAYS and days:
        return TimeLimit.working_days(days).describe()
    return TimeLimit.none().describe() if kind is LimitKind.NONE else TimeLimit.same_day().describe()


class _SearchBox(QLineEdit):
    """Down arrow moves into the results; Enter takes the first result."""

    def __init__(self, picker: ProcedurePicker) -> None:
        super().__init__()
        self._picker = picker

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self._picker.results.count():
            self._picker.results.setFocus()
            self._picker.results.setCurrentRow(0)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._picker.results.count():
            self._picker.choose_row(0)
            return
        super().keyPressEvent(event)


class ProcedurePicker(QWidget):
    chosen = Signal(object)  # ProcedureInfo

    def __init__(self, catalog: CatalogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._summaries: list[ProcedureSummary] = []
        self.procedure: ProcedureInfo | None = None

        title = QLabel("1. Thủ tục")
        title.setProperty("role", "heading")
        self.search = _SearchBox(self)
        self.search.setObjectName("procedure_search")
        self.search.setPlaceholderText("Tìm thủ tục theo tên, mã hoặc lĩnh vực – gõ không dấu cũng được (↓ để chọn)")
        self.search.textChanged.connect(self._refresh)
        self.results = QListWidget()
        self.results.setObjectName("procedure_results")
        self.results.setMaximumHeight(150)
        self.results.itemActivated.connect(lambda item: self.choose_row(self.results.row(item)))
        self.summary = QLabel("Chưa chọn thủ tục.")
        self.summary.setProperty("role", "hint")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        #: The chosen procedure in a line, and room after it for what the page does with it (print its guide).
        self.summary_row = QHBoxLayout()
        self.summary_row.addWidget(self.summary, 1)
        layout.addLayout(self.summary_row)
        self._refresh("")

    def _refresh(self, text: str) -> None:
        self.results.setVisible(True)
        self._summaries = self._catalog.search(text, limit=RESULTS)
        self.results.clear()
        for s in self._summaries:
            item = QListWidgetItem(f"{s.name}\n    {s.code} · {s.field} · {limit_text(s.limit_kind, s.days)}")
            item.setToolTip(s.name)
            self.results.addItem(item)

    def choose_row(self, row: int) -> None:
        if 0 <= row < len(self._summaries):
            self.choose(self._summaries[row].code)

    def choose(self, code: str) -> None:
        info = self._catalog.get(code)
        self.procedure = info
        fee = info.fee_note or "Không"
        self.summary.setText(
            f"<b>{info.name}</b><br>Mã {info.code} · {info.field} · Thời hạn: <b>{info.time_limit().describe()}</b>"
            f" · Phí, lệ phí: {fee}"
        )
        self.summary.setProperty("role", "")
        self.results.setVisible(False)  # chosen: make room for the form; typing again shows the list
        self.chosen.emit(info)

    def clear(self) -> None:
        self.procedure = None
        self.search.clear()
        self.results.setVisible(True)
        self.summary.setText("Chưa chọn thủ tục.")
