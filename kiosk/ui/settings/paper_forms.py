"""The official forms: which legal form set, how the yearly ledger is split into books, who signs the letters."""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from kiosk.config import Settings
from kiosk.printing.form_sets import SETS
from kiosk.text import nfc
from kiosk.ui.settings.form import SettingsForm


class FormSettingsForm(SettingsForm):
    saved_text = "Đã lưu. Biểu mẫu in từ bây giờ theo cài đặt mới."

    def __init__(
        self, current: Callable[[], Settings], save: Callable[[Settings], Settings], parent: QWidget | None = None
    ) -> None:
        super().__init__(current, save, parent)
        forms = current().forms
        self.form_set = QComboBox()
        self.form_set.setObjectName("form_set")
        for key in ("2025", "2018"):
            self.form_set.addItem(f"Bộ mẫu {key} – {SETS[key].basis}", key)
        self.form_set.setCurrentIndex(self.form_set.findData(forms.form_set))
        self.book_size = QSpinBox()
        self.book_size.setObjectName("ledger_book_size")
        self.book_size.setRange(0, 100_000)
        self.book_size.setSingleStep(100)
        self.book_size.setValue(forms.ledger_book_size)
        self.book_size.setSpecialValueText("cả năm một quyển")
        self.book_size.setSuffix(" hồ sơ mỗi quyển")
        self.book_size.setMaximumWidth(260)
        self.head_title = QLineEdit(forms.head_title)
        self.head_name = QLineEdit(forms.head_name)
        hint = QLabel(
            "Bộ mẫu 2025 có Thông báo dừng giải quyết hồ sơ; bộ 2018 không có. Số mẫu in ở góc mỗi biểu mẫu "
            "theo bộ đã chọn. Văn bản xin lỗi và thông báo dừng do thủ trưởng cơ quan ký."
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Bộ biểu mẫu", self.form_set)
        form.addRow("Sổ theo dõi hồ sơ", self.book_size)
        form.addRow("Chức danh người ký", self.head_title)
        form.addRow("Họ tên người ký (để trống: ký tay)", self.head_name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.save_button)
        layout.addStretch(1)

    def changed_settings(self) -> Settings:
        settings = self._current()
        forms = msgspec.structs.replace(
            settings.forms,
            form_set=str(self.form_set.currentData()),
            ledger_book_size=self.book_size.value(),
            head_title=nfc(self.head_title.text()).strip(),
            head_name=nfc(self.head_name.text()).strip(),
        )
        return msgspec.structs.replace(settings, forms=forms)
