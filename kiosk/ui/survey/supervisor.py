"""The supervisor's corner of the citizen screen: a PIN pad, then a few settings and the way out."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.services.users import PIN_DIGITS
from kiosk.ui.survey.choices import ChoiceButton
from kiosk.ui.survey.screens import NOTE_PT, big_label

KEY_PT = 28


class PinScreen(QWidget):
    """Digits on screen (nothing to type on a touch screen); the PIN is shown as dots."""

    entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pin = ""
        self.title = big_label("Nhập mã PIN của lãnh đạo", 30, bold=True, colour="#0f2e52")
        self.dots = big_label("", 36, bold=True)
        self.message = big_label("", NOTE_PT, colour="#b3261e")
        grid = QGridLayout()
        grid.setSpacing(14)
        self.keys: dict[str, ChoiceButton] = {}
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "Xoá", "0", "Đồng ý"]):
            button = ChoiceButton(key, key, None, KEY_PT if key.isdigit() else NOTE_PT)
            button.setFixedSize(170, 96)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.keys[key] = button
        cancel = ChoiceButton("cancel", "Huỷ", None, NOTE_PT)
        cancel.setFixedSize(200, 80)
        cancel.clicked.connect(self.cancelled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.addWidget(self.title)
        layout.addWidget(self.dots)
        layout.addWidget(self.message)
        pad = QHBoxLayout()
        pad.addStretch(1)
        pad.addLayout(grid)
        pad.addStretch(1)
        layout.addLayout(pad)
        layout.addSpacing(16)
        layout.addWidget(cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def reset(self, message: str = "") -> None:
        self.pin = ""
        self.dots.setText("")
        self.message.setText(message)

    def press(self, key: str) -> None:
        if key == "Xoá":
            self.pin = self.pin[:-1]
        elif key == "Đồng ý":
            if self.pin:
                self.entered.emit(self.pin)
            return
        elif len(self.pin) < PIN_DIGITS[1]:
            self.pin += key
        self.dots.setText(" ".join("●" * len(self.pin)))


class MenuScreen(QWidget):
    """What a supervisor can change at the citizen screen itself."""

    walk_in_toggled = Signal()
    monitor_cycled = Signal()
    close_requested = Signal()
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = big_label("", 28, bold=True, colour="#0f2e52")
        self.walk_in = self._button("walk_in", self.walk_in_toggled)
        self.monitor = self._button("monitor", self.monitor_cycled)
        self.close_button = self._button("close", self.close_requested)
        self.close_button.setText("Đóng màn hình đánh giá")
        self.back = self._button("back", self.done)
        self.back.setText("Quay lại màn hình chờ")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(20)
        layout.addWidget(self.title)
        layout.addStretch(1)
        for button in (self.walk_in, self.monitor, self.close_button, self.back):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    @staticmethod
    def _button(value: str, signal: SignalInstance) -> ChoiceButton:
        button = ChoiceButton(value, "", None, NOTE_PT)
        button.setFixedSize(760, 96)
        button.clicked.connect(signal)
        return button

    def show_state(self, who: str, walk_in: bool, monitor: str) -> None:
        self.title.setText(f"Cài đặt màn hình đánh giá – {who}")
        state = "đang BẬT – chạm để tắt" if walk_in else "đang TẮT – chạm để bật"
        self.walk_in.setText(f"Đánh giá không cần hồ sơ: {state}")
        self.monitor.setText(f"Màn hình hiển thị: {monitor} – chạm để đổi")
        for button in (self.walk_in, self.monitor):
            button.update()
