"""Cài đặt: for admins only (the page checks the role itself too, not only the menu)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from kiosk.config import Settings
from kiosk.models import Role
from kiosk.printing.documents import Document
from kiosk.services.calendar import CalendarService
from kiosk.services.sync.service import SyncService
from kiosk.services.users import UserService
from kiosk.ui.nightly import NightlyScheduler
from kiosk.ui.printer import DeskPrinter
from kiosk.ui.session import UserSession
from kiosk.ui.settings.holidays import HolidaysEditor
from kiosk.ui.settings.office import OfficeSettingsForm
from kiosk.ui.settings.paper_forms import FormSettingsForm
from kiosk.ui.settings.printer import PrinterSettingsForm
from kiosk.ui.settings.survey import SurveySettingsForm
from kiosk.ui.settings.sync import SyncSettingsForm
from kiosk.ui.settings.users import UsersEditor
from kiosk.ui.tasks import TaskRunner


class SettingsPage(QWidget):
    def __init__(
        self,
        current: Callable[[], Settings],
        save: Callable[[Settings], Settings],
        calendar: CalendarService,
        users: UserService,
        session: UserSession,
        printer: DeskPrinter,
        check_page: Callable[[], Document],
        nightly: NightlyScheduler,
        sync: SyncService,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not session.can(Role.ADMIN):
            raise PermissionError("settings are for admins")
        heading = QLabel("Cài đặt")
        heading.setProperty("role", "heading")
        self.tabs = QTabWidget()
        self.office = OfficeSettingsForm(current, save)
        self.printer = PrinterSettingsForm(current, save, printer, check_page)
        self.forms = FormSettingsForm(current, save)
        self.survey = SurveySettingsForm(current, save)
        self.holidays = HolidaysEditor(calendar, lambda: session.actor)
        self.users = UsersEditor(users, lambda: session.actor)
        self.sync = SyncSettingsForm(current, save, nightly, sync, runner)
        self.tabs.addTab(self.office, "Cơ quan và giờ làm việc")
        self.tabs.addTab(self.holidays, "Ngày nghỉ, ngày làm bù")
        self.tabs.addTab(self.users, "Người dùng")
        self.tabs.addTab(self.printer, "Máy in")
        self.tabs.addTab(self.forms, "Biểu mẫu")
        self.tabs.addTab(self.survey, "Đánh giá")
        self.tabs.addTab(self.sync, "Sao lưu, đồng bộ")
        self.tabs.currentChanged.connect(lambda _i: self.survey.show_hotline_warning())
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs)
