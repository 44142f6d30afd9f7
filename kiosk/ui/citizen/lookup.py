"""The dossier look-up on the touch screen: scan the receipt's QR code, or type the code's last digits and the
phone's last four on a big keypad; the answer in plain words, nothing about the applicant."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.services.lookup import DIGITS, PHONE_DIGITS
from kiosk.ui.citizen.keypad import NumberPad
from kiosk.ui.citizen.status_words import Words
from kiosk.ui.survey.choices import ChoiceButton
from kiosk.ui.survey.screens import NOTE_PT, big_label

TITLE_PT = 32
FIELD_PT = 32
WORDS_PT = 26
NAV = (360, 88)
CODE, PHONE = "code", "phone"


class DigitBox(ChoiceButton):
    """One entry: its words above, the digits typed in a framed box; pressing it makes it the one being typed."""

    def __init__(self, key: str, words: str, parent: QWidget | None = None) -> None:
        super().__init__(key, "", None, FIELD_PT, parent)
        self.words = words
        self.digits = ""
        self.setCheckable(True)
        self.setFixedHeight(96)
        self.setMinimumWidth(460)

    def show_digits(self, digits: str, shown: str) -> None:
        self.digits = digits
        self.setText(shown or " ")
        self.setAccessibleName(f"{self.words}: {digits}")
        self.update()


def grouped(digits: str) -> str:
    """The code's digits as the receipt prints them: the date, a dash, the day's number (261125-0012)."""
    if len(digits) <= 4:
        return digits
    return f"{digits[:-4]}-{digits[-4:]}"


class LookupScreen(QWidget):
    lookup_requested = Signal(str, str)  # the code's last digits, the phone's last four
    home_requested = Signal()
    touched = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = QStackedWidget()
        self.entry = self._entry_page()
        self.result = self._result_page()
        self.pages.addWidget(self.entry)
        self.pages.addWidget(self.result)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.pages)
        self.reset()

    # -- pages ------------------------------------------------------------------------------------------------------

    def _entry_page(self) -> QWidget:
        page = QWidget()
        title = big_label("Tra cứu tình trạng hồ sơ", TITLE_PT, bold=True, colour="#0f2e52")
        scan = big_label("Đưa mã QR trên giấy tiếp nhận vào máy quét,", WORDS_PT, bold=True, colour="#1b1f24")
        typed = big_label("hoặc nhập số trên bàn phím bên phải:", WORDS_PT, bold=True, colour="#1b1f24")
        self.code_box = DigitBox(CODE, "Các số cuối của mã hồ sơ")
        self.phone_box = DigitBox(PHONE, "4 số cuối số điện thoại đã đăng ký")
        self.code_box.clicked.connect(lambda: self._select(CODE))
        self.phone_box.clicked.connect(lambda: self._select(PHONE))
        example = big_label("Ví dụ: mã …-261125-0012 → nhập 0012", NOTE_PT, colour="#4a5563")
        self.message = big_label("", NOTE_PT, bold=True, colour="#b3261e")
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(scan)
        left.addWidget(typed)
        left.addSpacing(6)
        left.addWidget(big_label(self.code_box.words, WORDS_PT))
        left.addWidget(self.code_box)
        left.addWidget(example)
        left.addWidget(big_label(self.phone_box.words, WORDS_PT))
        left.addWidget(self.phone_box)
        left.addWidget(self.message)
        left.addStretch(1)
        self.pad = NumberPad()
        self.pad.digit.connect(self.press)
        self.pad.erase.connect(self.erase)
        self.pad.action.connect(self.proceed)
        row = QHBoxLayout()
        row.setSpacing(40)
        row.addLayout(left, 3)
        row.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addLayout(row, 1)
        layout.addLayout(self._navigation())
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        self.headline = big_label("", 36, bold=True, colour="#0f2e52")
        self.hint = big_label("", 26)
        self.frame = QFrame()
        self.frame.setObjectName("answer")
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(32, 32, 32, 32)
        inner.setSpacing(20)
        inner.addWidget(self.headline)
        inner.addWidget(self.hint)
        self.hotline = big_label("", NOTE_PT, colour="#4a5563")
        another = ChoiceButton("again", "Tra cứu hồ sơ khác", None, NOTE_PT)
        another.setFixedSize(420, 96)
        another.clicked.connect(self.reset)
        another.clicked.connect(self.touched)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(big_label("Tình trạng hồ sơ", TITLE_PT, bold=True, colour="#0f2e52"))
        layout.addStretch(1)
        layout.addWidget(self.frame)
        layout.addStretch(1)
        layout.addWidget(another, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        layout.addWidget(self.hotline)
        layout.addLayout(self._navigation())
        return page

    def _navigation(self) -> QHBoxLayout:
        """The way back: the look-up has one level, so back is home."""
        row = QHBoxLayout()
        home = ChoiceButton("home", "‹  Về màn hình chính", None, NOTE_PT)
        home.setFixedSize(*NAV)
        home.clicked.connect(self.home_requested)
        row.addWidget(home)
        row.addStretch(1)
        return row

    # -- typing -----------------------------------------------------------------------------------------------------

    def reset(self) -> None:
        self.code_box.show_digits("", "")
        self.phone_box.show_digits("", "")
        self.message.setText("")
        self._select(CODE)
        self.pages.setCurrentWidget(self.entry)

    def _select(self, which: str) -> None:
        self.selected = which
        self.code_box.setChecked(which == CODE)
        self.phone_box.setChecked(which == PHONE)
        self._refresh()
        self.touched.emit()

    def press(self, digit: str) -> None:
        self.touched.emit()
        box = self.code_box if self.selected == CODE else self.phone_box
        limit = DIGITS[1] if box is self.code_box else PHONE_DIGITS
        if len(box.digits) < limit:
            self._set(box, box.digits + digit)
        if box is self.phone_box or len(box.digits) < limit:
            self._refresh()
        else:
            self._select(PHONE)  # the whole code typed: on to the phone

    def erase(self) -> None:
        self.touched.emit()
        box = self.code_box if self.selected == CODE else self.phone_box
        if not box.digits and box is self.phone_box:
            self._select(CODE)
            return
        self._set(box, box.digits[:-1])
        self._refresh()

    def proceed(self) -> None:
        """ "Tiếp tục" from the code to the phone; "Tra cứu" once both are there."""
        self.touched.emit()
        if self.selected == CODE and len(self.phone_box.digits) < PHONE_DIGITS:
            self._select(PHONE)
            return
        if len(self.code_box.digits) >= DIGITS[0] and len(self.phone_box.digits) == PHONE_DIGITS:
            self.lookup_requested.emit(self.code_box.digits, self.phone_box.digits)

    def _set(self, box: DigitBox, digits: str) -> None:
        box.show_digits(digits, grouped(digits) if box is self.code_box else digits)
        self.message.setText("")

    def _refresh(self) -> None:
        ready = len(self.code_box.digits) >= DIGITS[0] and len(self.phone_box.digits) == PHONE_DIGITS
        if self.selected == CODE and not ready:
            self.pad.set_action("Tiếp tục ›", len(self.code_box.digits) >= DIGITS[0])
        else:
            self.pad.set_action("Tra cứu", ready)

    # -- answers ----------------------------------------------------------------------------------------------------

    def show_answer(self, words: Words) -> None:
        """A found dossier on the result page; a miss stays on the keypad with the digits, to correct them."""
        if words.good:
            self.headline.setText(words.headline)
            self.hint.setText(words.hint)
            self.pages.setCurrentWidget(self.result)
            return
        self.message.setText(f"{words.headline}. {words.hint}")
        self.pages.setCurrentWidget(self.entry)

    def show_hotline(self, number: str) -> None:
        self.hotline.setText(f"Đường dây nóng tiếp nhận phản ánh, kiến nghị: {number}" if number.strip() else "")

    def showing_result(self) -> bool:
        return self.pages.currentWidget() is self.result
