"""A touch keyboard for Vietnamese, built from buttons (the Qt wheel we ship has no virtual keyboard).

Letters in the QWERTY order people know from their phones, the digits, the letters Ă Â Đ Ê Ô Ơ Ư, the five tone
marks (each key shows its mark on a vowel and its name), a space, "Xoá" and "Xoá hết". It holds the text itself and
says when it changes; it never takes the keyboard focus, so a physical keyboard and scanner stay where they are.
Typing without any mark works too: the search ignores them.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractButton, QGridLayout, QSizePolicy, QWidget

from kiosk.ui.citizen.compose import TONE_NAMES, Tone, apply_tone, backspace, place_tone, type_letter
from kiosk.ui.citizen.guide_widgets import TEXT_PT, font, paint_card
from kiosk.ui.survey.choices import INK

KEY_HEIGHT = 84
KEY_GAP = 8
MAX_KEY_WIDTH = 120
MAX_LENGTH = 60
SPACE, BACKSPACE, CLEAR = "space", "backspace", "clear"
SAMPLE_VOWEL = "a"
TONE_SAMPLE_PT = 26  # the mark on a vowel …
TONE_NAME_PT = 16  # … and the tone's name under it, on one key

#: (key, row, column, rows spanned, columns spanned) on a grid of 4 rows and 15 columns.
LAYOUT: tuple[tuple[str, int, int, int, int], ...] = (
    *((d, 0, i, 1, 1) for i, d in enumerate("1234567890")),
    *((TONE_NAMES[t], 0, 10 + i, 1, 1) for i, t in enumerate(Tone)),
    *((ch, 1, i, 1, 1) for i, ch in enumerate("qwertyuiop")),
    *((ch, 1, 10 + i, 1, 1) for i, ch in enumerate("ăâđ")),
    (BACKSPACE, 1, 13, 2, 2),
    *((ch, 2, i, 1, 1) for i, ch in enumerate("asdfghjkl")),
    *((ch, 2, 9 + i, 1, 1) for i, ch in enumerate("êôơư")),
    *((ch, 3, i, 1, 1) for i, ch in enumerate("zxcvbnm")),
    (SPACE, 3, 7, 1, 5),
    (CLEAR, 3, 12, 1, 3),
)
COLUMNS = 15
LABELS = {SPACE: "Dấu cách", BACKSPACE: "Xoá", CLEAR: "Xoá hết"}
TONES_BY_NAME = {name: tone for tone, name in TONE_NAMES.items()}
FILLS = {"tone": "#fff4dc", "vietnamese": "#e8f0fa", "edit": "#f1f2f4"}


class KeyButton(QAbstractButton):
    """One key: its letter large; a tone key shows its mark on a vowel with the tone's name under it."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.tone = TONES_BY_NAME.get(key)
        if self.tone is not None:
            self.setText(place_tone(SAMPLE_VOWEL, self.tone))
            self.setAccessibleName(f"Dấu {key}")
        else:
            self.setText(LABELS.get(key, key.upper()))
            self.setAccessibleName(self.text())
        self.fill = (
            FILLS["tone"]
            if self.tone is not None
            else FILLS["vietnamese"]
            if key in "ăâđêôơư"
            else FILLS["edit"]
            if key in LABELS
            else "#ffffff"
        )
        self.big = font(TEXT_PT, QFont.Weight.DemiBold, self.font())
        self.sample = font(TONE_SAMPLE_PT, QFont.Weight.DemiBold, self.font())
        self.small = font(TONE_NAME_PT, QFont.Weight.Normal, self.font())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(QSize(64, KEY_HEIGHT))
        self.setMaximumHeight(KEY_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAutoRepeat(key == BACKSPACE)  # held down, "Xoá" goes on deleting
        self.setAutoRepeatDelay(600)

    def sizeHint(self) -> QSize:
        return QSize(96, KEY_HEIGHT)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_card(painter, self.rect(), pressed=self.isDown(), fill=self.fill)
        painter.setPen(INK)
        painter.setFont(self.big)
        inner = self.rect().adjusted(4, 4, -4, -4)
        if self.tone is None:
            painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, self.text())
            return
        painter.setFont(self.sample)
        name_height = QFontMetrics(self.small).height()
        top = QRect(inner.left(), inner.top(), inner.width(), inner.height() - name_height)
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, self.text())
        painter.setFont(self.small)
        painter.setPen(QColor("#4a5563"))
        bottom = QRect(inner.left(), inner.bottom() - name_height, inner.width(), name_height)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.key)


class TouchKeyboard(QWidget):
    """The keys, and the text they have typed so far (``text_changed`` after every key that changes it)."""

    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.keys: dict[str, KeyButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(KEY_GAP)
        for key, row, column, rows, columns in LAYOUT:
            button = KeyButton(key)
            if rows > 1:
                button.setMaximumHeight(rows * KEY_HEIGHT + (rows - 1) * KEY_GAP)
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            grid.addWidget(button, row, column, rows, columns)
            self.keys[key] = button
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        self.setMaximumWidth(COLUMNS * MAX_KEY_WIDTH + (COLUMNS - 1) * KEY_GAP)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        text = text[:MAX_LENGTH]
        if text != self._text:
            self._text = text
            self.text_changed.emit(text)

    def clear(self) -> None:
        self.set_text("")

    def press(self, key: str) -> None:
        """What the key ``key`` (as in ``keys``) does to the text."""
        if key == BACKSPACE:
            self.set_text(backspace(self._text))
        elif key == CLEAR:
            self.set_text("")
        elif key in TONES_BY_NAME:
            self.set_text(apply_tone(self._text, TONES_BY_NAME[key]))
        elif len(self._text) < MAX_LENGTH:
            letter = " " if key == SPACE else key
            if letter == " " and (not self._text or self._text.endswith(" ")):
                return  # one space between words is enough
            self.set_text(type_letter(self._text, letter))
