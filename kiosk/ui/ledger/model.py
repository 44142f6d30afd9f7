"""The ledger as a lazy table model: rows arrive a page at a time as the clerk scrolls."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from kiosk.services.ledger import LedgerFilter, LedgerRow, LedgerService
from kiosk.services.states import STATE_LABELS
from kiosk.services.timeliness import PENDING_LABELS, TIMELINESS_LABELS, Pending, Timeliness

PAGE = 200
HEADERS = ("Mã hồ sơ", "Người nộp", "Thủ tục", "Ngày nhận", "Hẹn trả", "Trạng thái", "Tình hình")
ROW_ROLE = Qt.ItemDataRole.UserRole

# Colour supports the meaning; the last column always says it in words.
_OVERDUE = QColor("#fbe3e1")
_DUE_TODAY = QColor("#fff1cc")
_EARLY = QColor("#e3f3e6")
_VOIDED = QColor("#8b96a5")

Index = QModelIndex | QPersistentModelIndex


def short_code(code: str) -> str:
    """The code without the agency identifier every row of this desk shares: 261125-0001."""
    parts = code.rsplit("-", 2)
    return "-".join(parts[-2:]) if len(parts) == 3 else code


def note(row: LedgerRow) -> str:
    if row.voided:
        return "Đã huỷ (nhập nhầm)"
    if row.pending is Pending.OVERDUE:
        return "⚠ " + PENDING_LABELS[Pending.OVERDUE]
    if row.pending is Pending.DUE_TODAY:
        return "● " + PENDING_LABELS[Pending.DUE_TODAY]
    if row.timeliness is not None:
        return TIMELINESS_LABELS[row.timeliness]
    if row.pending is not None:
        return PENDING_LABELS[row.pending]
    return ""


class LedgerModel(QAbstractTableModel):
    def __init__(self, ledger: LedgerService, zone: ZoneInfo) -> None:
        super().__init__()
        self._ledger = ledger
        self._zone = zone
        self._filter = LedgerFilter()
        self._rows: list[LedgerRow] = []
        self._exhausted = True

    @property
    def filter(self) -> LedgerFilter:
        return self._filter

    def set_filter(self, wanted: LedgerFilter) -> None:
        self.beginResetModel()
        self._filter = wanted
        self._rows = self._ledger.page(wanted, limit=PAGE)
        self._exhausted = len(self._rows) < PAGE
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self._filter)

    def row_at(self, row: int) -> LedgerRow:
        return self._rows[row]

    # -- Qt's model interface -----------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's names and defaults
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted or not self._rows:
            return
        more = self._ledger.page(self._filter, after=self._rows[-1].key, limit=PAGE)
        self._exhausted = len(more) < PAGE
        if more:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row)
        if role == Qt.ItemDataRole.ForegroundRole and row.voided:
            return QBrush(_VOIDED)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (0, 2):
            return row.code if index.column() == 0 else row.procedure_name
        return None

    def _text(self, row: LedgerRow, column: int) -> str:
        if column == 0:
            return short_code(row.code)
        if column == 1:
            return row.applicant_name
        if column == 2:
            return row.procedure_name
        if column == 3:
            return row.received_at.astimezone(self._zone).strftime("%d/%m/%Y %H:%M")
        if column == 4:
            return row.due_date.strftime("%d/%m/%Y") if row.due_date else "—"
        if column == 5:
            return STATE_LABELS[row.state]
        return note(row)

    def _background(self, row: LedgerRow) -> QBrush | None:
        if row.voided:
            return None
        if row.pending is Pending.OVERDUE:
            return QBrush(_OVERDUE)
        if row.pending is Pending.DUE_TODAY:
            return QBrush(_DUE_TODAY)
        if row.timeliness is Timeliness.EARLY:
            return QBrush(_EARLY)
        return None
