"""A big number pad for the touch screen: ten digits, "Xoá" and one action key, each a card a finger cannot miss."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.ui.survey.choices import ChoiceButton

KEY_PT = 30
WORD_PT = 22
KEY_W, KEY_H = 150, 92
ERASE = "Xoá"
ACTION = "action"


class NumberPad(QWidget):
    """Digits 1–9, then "Xoá", 0 and the action key (its words set by the screen: "Tiếp tục", "Tra cứu")."""

    digit = Signal(str)
    erase = Signal()
    action = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(14)
        grid.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, ChoiceButton] = {}
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", ERASE, "0", ACTION]):
            label = "" if key == ACTION else key
            button = ChoiceButton(key, label, None, KEY_PT if key.isdigit() else WORD_PT)
            button.setFixedSize(KEY_W, KEY_H)
            if key == ERASE:
                button.clicked.connect(self.erase)
            elif key == ACTION:
                button.clicked.connect(self.action)
            else:
                button.clicked.connect(lambda _c=False, k=key: self.digit.emit(k))
            grid.addWidget(button, i // 3, i % 3)
            self.keys[key] = button

    def set_action(self, words: str, enabled: bool) -> None:
        key = self.keys[ACTION]
        key.setText(words)
        key.setAccessibleName(words)
        key.setEnabled(enabled)
        key.update()
