"""Lệnh in: the recent print jobs, what became of each, and "In lại" for the one a citizen did not get."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.print_jobs import JobView
from kiosk.ui.printer import DeskPrinter

STATUS = {
    "queued": "Đang in",
    "sending": "Đang in",
    "sent": "Đã in",
    "failed": "Chưa in – lỗi",
    "unsure": "Có thể đã in",
}
COLUMNS = ["Số", "Lúc", "Giấy", "Liên", "Trạng thái", "Lý do"]
SHOWN = 100
FAULT = QColor("#b3261e")


class JobListDialog(QDialog):
    def __init__(self, printer: DeskPrinter, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._printer = printer
        self._zone = zone
        self.jobs: list[JobView] = []
        self.setWindowTitle("Lệnh in gần đây")
        self.resize(1100, 560)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.print_again())
        self.hint = QLabel(
            "Phiếu chưa in được: sửa máy in rồi bấm «In lại». Phiếu đã in (hoặc có thể đã in) mà công dân chưa "
            "nhận: «In lại» in bản mới "
            "có dòng «BẢN IN LẠI»."
        )
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        self.again_button = QPushButton("In lại (Enter)")
        self.again_button.setProperty("role", "primary")
        self.again_button.clicked.connect(self.print_again)
        self.again_button.setDefault(True)  # Enter in the table reaches the dialog, which presses it
        self.view_button = QPushButton("Xem phiếu")
        self.view_button.clicked.connect(self.show_selected)
        close = QPushButton("Đóng (Esc)")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.view_button)
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        printer.job_finished.connect(self._job_finished)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected()
        self.jobs = self._printer.jobs.recent(SHOWN)
        self.table.setRowCount(len(self.jobs))
        for row, job in enumerate(self.jobs):
            status = STATUS[job.status] if not self._printer.busy_with(job.number) else "Đang in"
            values = [
                str(job.number),
                job.created_at.astimezone(self._zone).strftime("%H:%M %d/%m/%Y"),
                job.title.capitalize() + (" (bản in lại)" if job.reprint else ""),
                str(job.copies),
                status + (f" ({job.attempts} lần)" if job.attempts > 1 else ""),
                (job.last_error or "") if job.status in ("failed", "unsure") else "",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if job.status in ("failed", "unsure"):
                    item.setForeground(QBrush(FAULT))
                if column in (0, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 360))
        self.table.resizeRowsToContents()
        row = next((r for r, j in enumerate(self.jobs) if selected and j.number == selected.number), 0)
        if self.jobs:
            self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> JobView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.jobs[rows[0].row()] if rows and rows[0].row() < len(self.jobs) else None

    def print_again(self) -> None:
        job = self.selected()
        if job is not None and self._printer.again(job.number, self) is not None:
            self.refresh()

    def show_selected(self) -> None:
        job = self.selected()
        if job is not None:
            self._printer.show_job(job.number, self)

    def _selection_changed(self) -> None:
        job = self.selected()
        self.again_button.setEnabled(job is not None and not self._printer.busy_with(job.number))
        self.view_button.setEnabled(job is not None)

    def _job_finished(self, _job: JobView) -> None:
        if self.isVisible():
            self.refresh()
