"""Taking a queue ticket on the touch screen: what for (one press), priority or not (one press), then the number.

One question per screen: the service group first, then — when the desk gives priority tickets — whether the citizen
is elderly, pregnant or has a disability. The number is shown large while the ticket prints, with the people ahead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.config import ServiceGroup
from kiosk.ui.survey.choices import ChoiceButton
from kiosk.ui.survey.screens import CHOICE_PT, NOTE_PT, big_label

TITLE_PT = 32
NAV = (340, 88)
PRIORITY_WORDS = "Người cao tuổi, phụ nữ mang thai, người khuyết tật"


class QueueScreen(QWidget):
    ticket_requested = Signal(str, bool)  # the group's key, priority
    home_requested = Signal()
    touched = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group_key = ""
        self.priority_offered = True
        self.pages = QStackedWidget()
        self.groups_page, self.group_row = self._question("Ông/Bà đến quầy để làm gì?")
        self.priority_page, self.priority_row = self._question("Ông/Bà có thuộc diện được ưu tiên không?")
        self.regular = self._choice("regular", "Không", lambda: self._take(False))
        self.special = self._choice("priority", f"Có: {PRIORITY_WORDS.lower()}", lambda: self._take(True))
        self.special.setMinimumWidth(620)
        self.priority_row.addWidget(self.regular, 1)
        self.priority_row.addWidget(self.special, 2)
        self.ticket_page = self._ticket_page()
        for page in (self.groups_page, self.priority_page, self.ticket_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.pages)
        self.group_buttons: list[ChoiceButton] = []

    def _choice(self, value: str, words: str, slot: object) -> ChoiceButton:
        button = ChoiceButton(value, words, None, CHOICE_PT)
        button.setMinimumHeight(180)
        button.clicked.connect(slot)
        button.clicked.connect(self.touched)
        return button

    def _question(self, text: str) -> tuple[QWidget, QHBoxLayout]:
        page = QWidget()
        row = QHBoxLayout()
        row.setSpacing(28)
        back = ChoiceButton("back", "‹  Quay lại", None, NOTE_PT)
        back.setFixedSize(*NAV)
        back.clicked.connect(self.back)
        home = ChoiceButton("home", "Về màn hình chính", None, NOTE_PT)
        home.setFixedSize(*NAV)
        home.clicked.connect(self.home_requested)
        nav = QHBoxLayout()
        nav.addWidget(back)
        nav.addStretch(1)
        nav.addWidget(home)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(big_label("Lấy số thứ tự", TITLE_PT, bold=True, colour="#0f2e52"))
        layout.addStretch(1)
        layout.addWidget(big_label(text, 30, bold=True))
        layout.addSpacing(28)
        layout.addLayout(row)
        layout.addStretch(2)
        layout.addLayout(nav)
        return page, row

    def _ticket_page(self) -> QWidget:
        page = QWidget()
        self.number = big_label("", 150, bold=True, colour="#0f2e52")
        self.number.setMinimumHeight(220)
        self.kind = big_label("", 28, bold=True)
        self.ahead = big_label("", 28)
        self.paper = big_label("", NOTE_PT)
        self.hotline = big_label("", NOTE_PT, colour="#4a5563")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(big_label("Số thứ tự của Ông/Bà", 30, bold=True))
        layout.addStretch(1)
        layout.addWidget(self.number)
        layout.addWidget(self.kind)
        layout.addStretch(1)
        layout.addWidget(self.ahead)
        layout.addWidget(self.paper)
        layout.addStretch(1)
        done = ChoiceButton("home", "Xong", None, NOTE_PT)
        done.setFixedSize(*NAV)
        done.clicked.connect(self.home_requested)
        layout.addWidget(done, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hotline)
        return page

    # -- what the window asks ---------------------------------------------------------------------------------------

    def offer(self, groups: tuple[ServiceGroup, ...], priority: bool) -> None:
        """Start again with the desk's groups (one button each) and whether priority tickets are given."""
        for button in self.group_buttons:
            self.group_row.removeWidget(button)
            button.deleteLater()
        self.group_buttons = []
        for group in groups:
            button = self._choice(group.key, group.label, lambda _c=False, key=group.key: self._chosen(key))
            self.group_row.addWidget(button, 1)
            self.group_buttons.append(button)
        self.priority_offered = priority
        self.group_key = ""
        self.pages.setCurrentWidget(self.groups_page)

    def button(self, value: str) -> ChoiceButton:
        buttons = [*self.group_buttons, self.regular, self.special]
        return next(b for b in buttons if b.value == value)

    def show_ticket(self, label: str, priority: bool, group: str, ahead: int, paper: str) -> None:
        self.number.setText(label)
        self.kind.setText(f"{group}{' – SỐ ƯU TIÊN' if priority else ''}")
        self.ahead.setText("Không có ai chờ trước Ông/Bà." if ahead == 0 else f"Đang chờ trước Ông/Bà: {ahead} người.")
        self.paper.setText(paper)
        self.pages.setCurrentWidget(self.ticket_page)

    def show_hotline(self, number: str) -> None:
        self.hotline.setText(f"Đường dây nóng tiếp nhận phản ánh, kiến nghị: {number}" if number.strip() else "")

    def showing_ticket(self) -> bool:
        return self.pages.currentWidget() is self.ticket_page

    # -- presses ----------------------------------------------------------------------------------------------------

    def _chosen(self, key: str) -> None:
        self.group_key = key
        if self.priority_offered:
            self.pages.setCurrentWidget(self.priority_page)
        else:
            self._take(False)

    def _take(self, priority: bool) -> None:
        if self.group_key:
            self.ticket_requested.emit(self.group_key, priority)

    def back(self) -> None:
        self.touched.emit()
        if self.pages.currentWidget() is self.priority_page:
            self.pages.setCurrentWidget(self.groups_page)
        else:
            self.home_requested.emit()
