"""The holiday overlay: days off and worked Saturdays that win over the published calendar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.services.appointment import WEEKDAYS
from kiosk.services.calendar import CalendarService
from kiosk.services.users import Actor
from kiosk.services.workdays import DayNote, NoteSource
from kiosk.text import nfc
from kiosk.ui.convert import to_date


class HolidaysEditor(QWidget):
    def __init__(self, calendar: CalendarService, user: Callable[[], Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calendar = calendar
        self._user = user
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(calendar.today().year)
        self.year.valueChanged.connect(lambda _y: self.refresh())
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("holidays")
        self.table.setHorizontalHeaderLabels(["Ngày", "Thứ", "Loại", "Tên / ghi chú"])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.kind = QComboBox()
        self.kind.addItem("Ngày nghỉ", "off")
        self.kind.addItem("Ngày làm việc (làm bù)", "working")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Căn cứ, ví dụ: Quyết định số …/QĐ-UBND")
        self.add_button = QPushButton("Thêm / sửa ngày")
        self.add_button.setProperty("role", "primary")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("Bỏ ngày điều chỉnh đang chọn")
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self._notes: list[DayNote] = []

        top = QHBoxLayout()
        top.addWidget(QLabel("Năm"))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.remove_button)
        add = QHBoxLayout()
        add.addWidget(self.day)
        add.addWidget(self.kind)
        add.addWidget(self.note, 1)
        add.addWidget(self.add_button)
        hint = QLabel("Ngày lễ, nghỉ bù lấy theo lịch nhà nước; ngày điều chỉnh ở đây được ưu tiên hơn.")
        hint.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(add)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        self._notes = self._calendar.year(self.year.value())
        self.table.setRowCount(len(self._notes))
        for row, note in enumerate(self._notes):
            kind = "Làm việc" if note.working else "Nghỉ"
            source = " (điều chỉnh)" if note.source is NoteSource.ADMIN else ""
            values = (f"{note.day:%d/%m/%Y}", WEEKDAYS[note.day.weekday()], kind + source, note.name)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def add(self) -> None:
        day = to_date(self.day.date())
        try:
            self._calendar.set_day(day, self.kind.currentData(), nfc(self.note.text()), by=self._user())
        except KioskError as exc:
            self.message.setText(exc.message)
            return
        self.message.setText(f"Đã ghi ngày {day:%d/%m/%Y}.")
        self.note.clear()
        self.year.setValue(day.year)
        self.refresh()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        note = self._notes[row]
        if note.source is not NoteSource.ADMIN:
            self.message.setText(
                "Ngày này theo lịch nhà nước; chỉ bỏ được ngày điều chỉnh (hoặc thêm điều chỉnh ngược lại)."
            )
            return
        try:
            self._calendar.remove_day(note.day, by=self._user())
        except KioskError as exc:
            self.message.setText(exc.message)
            return
        self.message.setText(f"Đã bỏ điều chỉnh ngày {note.day:%d/%m/%Y}.")
        self.refresh()
