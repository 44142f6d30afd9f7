"""The clerk's main window. Until the clerk desk lands it shows who the desk is and today's working-day status."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from kiosk.config import OfficeSettings
from kiosk.services.appointment import WEEKDAYS
from kiosk.services.calendar import CalendarService


class MainWindow(QMainWindow):
    def __init__(self, office: OfficeSettings, calendar: CalendarService) -> None:
        super().__init__()
        self.setWindowTitle(f"Quầy Một Cửa – {office.desk_name}")
        self.setMinimumSize(1024, 640)

        agency = QLabel(f"{office.agency_name}\n{office.desk_name}")
        agency.setAlignment(Qt.AlignmentFlag.AlignCenter)
        agency.setObjectName("agency")
        font = agency.font()
        font.setPointSize(16)
        font.setBold(True)
        agency.setFont(font)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addStretch(1)
        layout.addWidget(agency)
        layout.addStretch(2)
        self.setCentralWidget(central)

        today = calendar.today()
        working = calendar.calendar().is_working_day(today)
        self.today_label = QLabel(
            f"Hôm nay {WEEKDAYS[today.weekday()]} {today:%d/%m/%Y} – {'ngày làm việc' if working else 'ngày nghỉ'}"
        )
        self.statusBar().addWidget(self.today_label)
