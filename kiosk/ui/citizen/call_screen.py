"""A call on the citizen screen: "Mời số 015 đến Quầy 1", filling the screen or as a band over the page in use."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.survey.screens import big_label

NUMBER_PT = 200


def call_words(label: str, counter: str, priority: bool) -> str:
    return f"Mời số {label}{' (ưu tiên)' if priority else ''} đến {counter}"


class CallScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.invite = big_label("Mời số", 44, bold=True, colour="#0f2e52")
        self.number = big_label("", NUMBER_PT, bold=True, colour="#0f2e52")
        self.number.setMinimumHeight(300)
        self.counter = big_label("", 44, bold=True, colour="#0f2e52")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addStretch(1)
        layout.addWidget(self.invite)
        layout.addWidget(self.number)
        layout.addWidget(self.counter)
        layout.addStretch(1)

    def show_call(self, label: str, counter: str, priority: bool) -> None:
        self.invite.setText("Mời số ưu tiên" if priority else "Mời số")
        self.number.setText(label)
        self.counter.setText(f"đến {counter}")
        self.setAccessibleName(call_words(label, counter, priority))


class CallBanner(QLabel):
    """The call over a page someone is using (the guide, the look-up): large, but leaving the page as it was."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("call_banner")
        font = self.font()
        font.setPointSize(34)
        font.setBold(True)
        self.setFont(font)
        self.setStyleSheet("background: #0f2e52; color: #ffffff; padding: 14px;")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hide()
