"""Máy in: how the receipt printer is reached, its model and paper, and a test print."""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.printing.documents import Document
from kiosk.printing.escpos_loader import PrinterProfile
from kiosk.services.print_jobs import JobView
from kiosk.text import nfc
from kiosk.ui.printer import DeskPrinter
from kiosk.ui.settings.form import SettingsForm

CONNECTIONS = [
    ("none", "Chưa có máy in (chỉ xem phiếu trên màn hình)"),
    ("network", "Mạng LAN (địa chỉ IP, cổng 9100)"),
    ("usb", "Cổng USB"),
    ("serial", "Cổng COM (nối tiếp)"),
    ("file", "Tệp thiết bị (ví dụ /dev/usb/lp0)"),
    ("win32raw", "Máy in đã cài trong Windows"),
    ("cups", "Hàng đợi in CUPS"),
]
WIDTHS = [(576, "80 mm – 576 điểm"), (512, "80 mm dòng TM-T88 – 512 điểm"), (384, "58 mm – 384 điểm")]
CUTS = [("partial", "Cắt chừa mép"), ("full", "Cắt đứt hẳn"), ("none", "Không cắt (xé tay)")]
WIDTH_ROLE = Qt.ItemDataRole.UserRole + 1  # a profile's paper width, beside its key
#: Which rows each connection needs (the others are hidden).
ROWS = {
    "network": ("host", "port"),
    "usb": ("usb_vendor", "usb_product"),
    "serial": ("serial_device", "baudrate"),
    "file": ("file_path",),
    "win32raw": ("printer_name",),
    "cups": ("printer_name",),
}


def _combo(choices: list[tuple[object, str]], current: object) -> QComboBox:
    combo = QComboBox()
    for value, label in choices:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _hex(value: int) -> QLineEdit:
    edit = QLineEdit(f"{value:04X}")
    edit.setInputMask(">HHHH")
    edit.setMaximumWidth(120)
    return edit


class PrinterSettingsForm(SettingsForm):
    saved_text = "Đã lưu. Phiếu in từ bây giờ dùng cài đặt mới."

    def __init__(
        self,
        current: Callable[[], Settings],
        save: Callable[[Settings], Settings],
        printer: DeskPrinter,
        check_page: Callable[[], Document],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(current, save, parent)
        self._printer = printer
        self._check_page = check_page
        p = current().printer
        self.connection = _combo(list(CONNECTIONS), p.connection)
        self.connection.setObjectName("connection")
        self.fields: dict[str, QWidget] = {
            "host": QLineEdit(p.host),
            "port": QSpinBox(),
            "usb_vendor": _hex(p.usb_vendor),
            "usb_product": _hex(p.usb_product),
            "serial_device": QLineEdit(p.serial_device),
            "baudrate": _combo([(b, str(b)) for b in (9600, 19200, 38400, 57600, 115200)], p.baudrate),
            "file_path": QLineEdit(p.file_path),
            "printer_name": QLineEdit(p.printer_name),
        }
        for name, widget in self.fields.items():
            widget.setObjectName(name)
        port = self.fields["port"]
        assert isinstance(port, QSpinBox)
        port.setRange(1, 65535)
        port.setValue(p.port)
        port.setMaximumWidth(140)
        self.profile = QComboBox()
        self.profile.setObjectName("profile")
        self.profile.addItem(p.profile, p.profile)
        self.profile.currentIndexChanged.connect(self._profile_chosen)
        self.paper_width = _combo(list(WIDTHS), p.width_dots)
        self.cut = _combo(list(CUTS), p.cut)
        self.feed = QSpinBox()
        self.feed.setRange(0, 12)
        self.feed.setValue(p.feed_lines)
        self.feed.setSuffix(" dòng")
        self.feed.setMaximumWidth(140)
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(0.5, 5.0)
        self.timeout.setSingleStep(0.5)
        self.timeout.setValue(p.timeout_s)
        self.timeout.setSuffix(" giây")
        self.timeout.setMaximumWidth(140)
        self.copies = _combo([(2, "2 liên (1 lưu, 1 giao người nộp)"), (1, "1 liên")], p.receipt_copies)
        self.status_check = QCheckBox("Có – báo ngay khi hết giấy hoặc máy in không nhận")
        self.status_check.setChecked(p.status_check)

        for combo in (self.connection, self.profile, self.paper_width, self.cut, self.copies):
            combo.setMaximumWidth(560)
        self.form = QFormLayout()
        self.form.addRow("Kết nối", self.connection)
        labels = {
            "host": "Địa chỉ IP máy in",
            "port": "Cổng",
            "usb_vendor": "Mã hãng USB (vendor, hex)",
            "usb_product": "Mã máy USB (product, hex)",
            "serial_device": "Cổng COM",
            "baudrate": "Tốc độ (baud)",
            "file_path": "Đường dẫn thiết bị",
            "printer_name": "Tên máy in / hàng đợi",
        }
        for name, label in labels.items():
            self.form.addRow(label, self.fields[name])
        self.form.addRow("Mẫu máy in", self.profile)
        self.form.addRow("Khổ giấy", self.paper_width)
        self.form.addRow("Cắt giấy", self.cut)
        self.form.addRow("Đẩy giấy trước khi cắt", self.feed)
        self.form.addRow("Chờ máy in tối đa", self.timeout)
        self.form.addRow("Giấy tiếp nhận in", self.copies)
        self.form.addRow("Hỏi trạng thái máy in", self.status_check)
        self.test_button = QPushButton("Lưu và in thử")
        self.test_button.setObjectName("test_print")
        self.test_button.clicked.connect(self.test_print)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.connection.currentIndexChanged.connect(self._show_rows)
        self._show_rows()
        self._profiles_loaded = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._profiles_loaded:  # python-escpos is loaded only when an admin opens this tab
            self.load_profiles()
        super().showEvent(event)

    def load_profiles(self) -> None:
        self._profiles_loaded = True
        current = self.profile.currentData()
        try:
            profiles = self._printer.jobs.profiles()
        except Exception:  # the list is a convenience: the stored name stays usable without it
            return
        self.profile.blockSignals(True)
        self.profile.clear()
        for profile in profiles:
            self.profile.addItem(_profile_label(profile), profile.key)
            self.profile.setItemData(self.profile.count() - 1, profile.width_dots, WIDTH_ROLE)
        if self.profile.findData(current) < 0:  # a name typed into the settings file: kept as it is
            self.profile.addItem(str(current), current)
        self.profile.setCurrentIndex(self.profile.findData(current))
        self.profile.blockSignals(False)

    def _profile_chosen(self) -> None:
        width = self.profile.currentData(WIDTH_ROLE)
        index = self.paper_width.findData(width) if isinstance(width, int) else -1
        if index >= 0:
            self.paper_width.setCurrentIndex(index)  # the profile knows its paper: a sensible default, still editable

    def _show_rows(self) -> None:
        needed = ROWS.get(str(self.connection.currentData()), ())
        for name, widget in self.fields.items():
            self.form.setRowVisible(widget, name in needed)

    def changed_settings(self) -> Settings:
        settings = self._current()
        text = {
            name: nfc(widget.text()).strip()
            for name, widget in self.fields.items()
            if isinstance(widget, QLineEdit) and not name.startswith("usb_")
        }
        port, baud = self.fields["port"], self.fields["baudrate"]
        assert isinstance(port, QSpinBox) and isinstance(baud, QComboBox)
        printer = msgspec.structs.replace(
            settings.printer,
            connection=str(self.connection.currentData()),
            port=port.value(),
            usb_vendor=_hex_value(self.fields["usb_vendor"]),
            usb_product=_hex_value(self.fields["usb_product"]),
            baudrate=int(baud.currentData()),
            profile=str(self.profile.currentData()),
            width_dots=int(self.paper_width.currentData()),
            cut=str(self.cut.currentData()),
            feed_lines=self.feed.value(),
            timeout_s=self.timeout.value(),
            receipt_copies=int(self.copies.currentData()),
            status_check=self.status_check.isChecked(),
            **text,
        )
        return msgspec.structs.replace(settings, printer=printer)  # checked when saved

    def test_print(self) -> None:
        if not self.save():
            return
        if not self._printer.installed:
            self.say("Đã lưu. Chưa chọn máy in nên trang in thử chỉ hiện trên màn hình.", "hint")
        else:
            self.say("Đang in thử…", "hint")
        self._printer.print(self._check_page(), self, on_finished=self._tested)

    def _tested(self, job: JobView) -> None:
        if job.status == "sent":
            self.say(
                f"Đã in thử (lệnh số {job.number}). Kiểm tra trên giấy: chữ có dấu đọc rõ, mã QR quét được, "
                "giấy được cắt đúng.",
                "hint",
            )
        else:
            self.say(f"In thử không được: {job.last_error}", "error")


def _profile_label(profile: PrinterProfile) -> str:
    if profile.key == "default":
        return "Máy ESC/POS thông thường (default)"
    width = f" – {profile.width_dots} điểm" if profile.width_dots else ""
    return f"{profile.vendor} {profile.model}{width} ({profile.key})".strip()


def _hex_value(widget: QWidget) -> int:
    assert isinstance(widget, QLineEdit)
    return int(widget.text() or "0", 16)
