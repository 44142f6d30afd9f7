"""The register as a table model: one row per feedback, its standing in words and in colour."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from kiosk.services.feedback_types import KIND_LABELS, STANDING_LABELS, FeedbackRow, Standing

HEADERS = ("Số", "Ngày nhận", "Loại", "Người phản ánh", "Nội dung", "Hạn trả lời", "Tình trạng")
SHORT = 90  # characters of the content shown in the list
ROW_ROLE = Qt.ItemDataRole.UserRole

# Colour supports the meaning; the last column always says it in words (the ledger's colours).
STANDING_COLOURS = {
    Standing.OVERDUE: "#fbe3e1",
    Standing.DUE_TODAY: "#fff1cc",
    Standing.ANSWERED_ON_TIME: "#e3f3e6",
    Standing.ANSWERED_LATE: "#e3f3e6",
}
_MARKS = {Standing.OVERDUE: "⚠ ", Standing.DUE_TODAY: "● ", Standing.ANSWERED_ON_TIME: "✓ "}

Index = QModelIndex | QPersistentModelIndex


def standing_text(standing: Standing) -> str:
    return _MARKS.get(standing, "") + STANDING_LABELS[standing]


def short(text: str, length: int = SHORT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


class FeedbackModel(QAbstractTableModel):
    def __init__(self, zone: ZoneInfo) -> None:
        super().__init__()
        self._zone = zone
        self._rows: list[FeedbackRow] = []

    def set_rows(self, rows: list[FeedbackRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> FeedbackRow:
        return self._rows[row]

    def find(self, number: int, year: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if (r.number, r.year) == (number, year)), None)

    # -- Qt's model interface -----------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's names and defaults
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

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
            colour = STANDING_COLOURS.get(row.standing)
            return QBrush(QColor(colour)) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (3, 4):
            return row.content if index.column() == 4 else row.citizen_name or None
        return None

    def _text(self, row: FeedbackRow, column: int) -> str:
        if column == 0:
            return row.label
        if column == 1:
            return row.received_at.astimezone(self._zone).strftime("%d/%m/%Y")
        if column == 2:
            return KIND_LABELS[row.kind]
        if column == 3:
            return row.citizen_name or "(không ghi tên)"
        if column == 4:
            return short(row.content)
        if column == 5:
            return row.due_date.strftime("%d/%m/%Y")
        return standing_text(row.standing)
