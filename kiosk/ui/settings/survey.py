"""The citizen survey: on or off, the scale, the criteria asked, the timings, walk-ins, and which monitor."""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Criterion, Settings
from kiosk.text import fold, nfc
from kiosk.ui.settings.form import SettingsForm

_KEY = Qt.ItemDataRole.UserRole


class SurveySettingsForm(SettingsForm):
    saved_text = "Đã lưu. Phiếu đánh giá mới theo cài đặt này; phiếu đang làm giữ câu hỏi cũ."

    def __init__(
        self,
        current: Callable[[], Settings],
        save: Callable[[Settings], Settings],
        monitor_names: Callable[[], list[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(current, save, parent)
        survey = current().survey
        self.enabled = QCheckBox("Mời công dân đánh giá khi trả kết quả tại quầy")
        self.enabled.setChecked(survey.enabled)
        self.scale = QComboBox()
        self.scale.addItem("5 mức: Rất hài lòng … Rất không hài lòng", 5)
        self.scale.addItem("3 mức: Rất hài lòng / Hài lòng / Không hài lòng", 3)
        self.scale.setCurrentIndex(self.scale.findData(survey.scale))
        self.extra = QCheckBox("Hỏi thêm số lần đến và số cơ quan phải liên hệ (Thông tư 01/2018, Điều 13)")
        self.extra.setChecked(survey.extra_questions)
        self.walk_in = QCheckBox("Cho đánh giá không cần hồ sơ (nút «Bắt đầu đánh giá» trên màn hình chờ)")
        self.walk_in.setChecked(survey.walk_in)
        self.timeout = self._seconds(15, 600, survey.timeout_s)
        self.thanks = self._seconds(2, 60, survey.thanks_s)
        self.debounce = QSpinBox()
        self.debounce.setRange(0, 3000)
        self.debounce.setSingleStep(100)
        self.debounce.setSuffix(" mili giây")
        self.debounce.setValue(survey.debounce_ms)
        self.debounce.setMaximumWidth(200)
        self.monitor = QComboBox()
        self.monitor.addItem("Tự động: màn hình không phải của cán bộ", "")
        for name in dict.fromkeys([*(monitor_names or _screen_names)(), survey.screen]):
            if name:
                self.monitor.addItem(name, name)
        self.monitor.setCurrentIndex(max(0, self.monitor.findData(survey.screen)))
        self.criteria = QTableWidget(0, 3)
        self.criteria.setObjectName("criteria")
        self.criteria.setHorizontalHeaderLabels(
            ["Tiêu chí (in trên báo cáo)", "Câu hỏi trên màn hình", "Không áp dụng"]
        )
        header = self.criteria.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.criteria.verticalHeader().setVisible(False)
        for criterion in survey.criteria:
            self.add_criterion(criterion)
        add = QPushButton("Thêm tiêu chí")
        add.clicked.connect(lambda: self.add_criterion(None))
        remove = QPushButton("Bỏ tiêu chí đang chọn")
        remove.clicked.connect(lambda: self.criteria.removeRow(self.criteria.currentRow()))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        self.hotline_warning = QLabel("")
        self.hotline_warning.setProperty("role", "error")
        self.hotline_warning.setWordWrap(True)
        form = QFormLayout()
        form.addRow("", self.enabled)
        form.addRow("Thang đánh giá", self.scale)
        form.addRow("", self.extra)
        form.addRow("", self.walk_in)
        form.addRow("Không ai chạm thì về màn hình chờ sau", self.timeout)
        form.addRow("Màn hình cảm ơn hiện trong", self.thanks)
        form.addRow("Bỏ qua lần chạm lặp lại trong", self.debounce)
        form.addRow("Màn hình đánh giá", self.monitor)
        hint = QLabel(
            "Mã tiêu chí giữ nguyên khi sửa lời, để báo cáo các kỳ so sánh được. Lãnh đạo thoát màn hình đánh giá "
            "bằng cách chạm giữ góc trên bên trái màn hình chờ rồi nhập mã PIN (đặt ở thẻ Người dùng)."
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.criteria, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(self.hotline_warning)
        layout.addWidget(self.message)
        layout.addWidget(self.save_button)
        self.show_hotline_warning()

    @staticmethod
    def _seconds(low: int, high: int, value: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(low, high)
        box.setSuffix(" giây")
        box.setValue(value)
        box.setMaximumWidth(160)
        return box

    def add_criterion(self, criterion: Criterion | None) -> None:
        row = self.criteria.rowCount()
        self.criteria.insertRow(row)
        label = QTableWidgetItem(criterion.label if criterion else "")
        label.setData(_KEY, criterion.key if criterion else "")
        self.criteria.setItem(row, 0, label)
        self.criteria.setItem(row, 1, QTableWidgetItem(criterion.question if criterion else ""))
        na = QTableWidgetItem("")
        na.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        na.setCheckState(Qt.CheckState.Checked if criterion and criterion.allow_na else Qt.CheckState.Unchecked)
        self.criteria.setItem(row, 2, na)
        if criterion is None:
            self.criteria.setCurrentCell(row, 0)
            self.criteria.editItem(label)

    def show_hotline_warning(self) -> None:
        missing = not self._current().office.hotline.strip()
        self.hotline_warning.setText(
            "Chưa có số điện thoại đường dây nóng (thẻ «Cơ quan và giờ làm việc»): màn hình chờ phải niêm yết số này."
            if missing
            else ""
        )

    def changed_settings(self) -> Settings:
        settings = self._current()
        survey = msgspec.structs.replace(
            settings.survey,
            enabled=self.enabled.isChecked(),
            scale=int(self.scale.currentData()),
            extra_questions=self.extra.isChecked(),
            walk_in=self.walk_in.isChecked(),
            timeout_s=self.timeout.value(),
            thanks_s=self.thanks.value(),
            debounce_ms=self.debounce.value(),
            screen=str(self.monitor.currentData()),
            criteria=self._criteria(),
        )
        return msgspec.structs.replace(settings, survey=survey)

    def _criteria(self) -> tuple[Criterion, ...]:
        found: list[Criterion] = []
        taken: set[str] = set()
        for row in range(self.criteria.rowCount()):
            label_item, question_item, na_item = (self.criteria.item(row, c) for c in range(3))
            label = nfc(label_item.text() if label_item else "").strip()
            question = nfc(question_item.text() if question_item else "").strip()
            if not label and not question:
                continue  # an empty row added and left: ignored
            key = str(label_item.data(_KEY) or "") if label_item else ""
            key = key or _new_key(label or question, taken)
            taken.add(key)
            allow_na = na_item is not None and na_item.checkState() == Qt.CheckState.Checked
            found.append(Criterion(key=key, label=label, question=question or label, allow_na=allow_na))
        return tuple(found)


def _screen_names() -> list[str]:
    return [screen.name() for screen in QGuiApplication.screens()]


def _new_key(text: str, taken: set[str]) -> str:
    """A key for a new criterion from its words: "Về thái độ" → "ve_thai_do"; never one already used."""
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in fold(text)).split()
    base = ("_".join(words) or "criterion")[:28]
    if not base[0].isalpha():
        base = f"c_{base}"[:28]
    key, n = base, 2
    while key in taken or key in ("visits", "agencies"):
        key, n = f"{base}_{n}", n + 1
    return key
