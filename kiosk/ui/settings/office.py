"""The agency as printed on every paper, the desk's hours, the cut-off and the idle lock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import msgspec
from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.text import nfc
from kiosk.ui.convert import to_time
from kiosk.ui.settings.form import SettingsForm


def _time_edit(value: time) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute, value.second))
    edit.setDisplayFormat("HH:mm:ss")
    edit.setMaximumWidth(160)
    return edit


class OfficeSettingsForm(SettingsForm):
    saved_text = "Đã lưu. Cài đặt mới áp dụng ngay cho hồ sơ tiếp nhận từ bây giờ."

    def __init__(
        self, current: Callable[[], Settings], save: Callable[[Settings], Settings], parent: QWidget | None = None
    ) -> None:
        super().__init__(current, save, parent)
        settings = current()
        office, calendar = settings.office, settings.calendar
        self.edits = {
            "parent_agency": QLineEdit(office.parent_agency),
            "agency_name": QLineEdit(office.agency_name),
            "desk_name": QLineEdit(office.desk_name),
            "agency_code": QLineEdit(office.agency_code),
            "place_name": QLineEdit(office.place_name),
            "hotline": QLineEdit(office.hotline),
            "opening_hours": QLineEdit(office.opening_hours),
        }
        for name, edit in self.edits.items():
            edit.setObjectName(name)
        self.cutoff_enabled = QCheckBox("Nhận sau giờ chốt thì tính từ ngày làm việc tiếp theo")
        self.cutoff_enabled.setChecked(calendar.cutoff_enabled)
        self.cutoff_time = _time_edit(calendar.cutoff_time)
        self.appointment_time = _time_edit(calendar.appointment_time)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setValue(settings.security.idle_lock_minutes)
        self.idle_minutes.setSuffix(" phút (0: không khoá)")
        self.idle_minutes.setMaximumWidth(260)

        form = QFormLayout()
        form.addRow("Cơ quan chủ quản", self.edits["parent_agency"])
        form.addRow("Tên cơ quan", self.edits["agency_name"])
        form.addRow("Tên bộ phận", self.edits["desk_name"])
        form.addRow("Mã định danh cơ quan", self.edits["agency_code"])
        form.addRow("Địa danh (in trên văn bản)", self.edits["place_name"])
        form.addRow("Đường dây nóng (in trên phiếu)", self.edits["hotline"])
        form.addRow("Giờ làm việc", self.edits["opening_hours"])
        form.addRow("", self.cutoff_enabled)
        form.addRow("Giờ chốt nhận hồ sơ", self.cutoff_time)
        form.addRow("Giờ hẹn trả trên phiếu", self.appointment_time)
        form.addRow("Tự khoá màn hình sau", self.idle_minutes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.save_button)
        layout.addStretch(1)

    def changed_settings(self) -> Settings:
        settings = self._current()
        text = {k: nfc(e.text()).strip() for k, e in self.edits.items()}
        office = msgspec.structs.replace(settings.office, **text)
        calendar = msgspec.structs.replace(
            settings.calendar,
            cutoff_enabled=self.cutoff_enabled.isChecked(),
            cutoff_time=to_time(self.cutoff_time.time()),
            appointment_time=to_time(self.appointment_time.time()),
        )
        security = msgspec.structs.replace(settings.security, idle_lock_minutes=self.idle_minutes.value())
        return msgspec.structs.replace(settings, office=office, calendar=calendar, security=security)
