"""The small dialogs behind the handling of one feedback: forward it, add a note, record the answer.

Each has an ``ask()`` class method returning plain values (None when cancelled), which tests may replace.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QPlainTextEdit, QWidget

from kiosk.text import nfc
from kiosk.ui.action_dialog import ActionDialog


def _text(box: QPlainTextEdit) -> str:
    return nfc(box.toPlainText()).strip()


def _offices(offices: list[str], *, blank: bool) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)  # an office not in the list may be typed
    if blank:
        combo.addItem("")
    combo.addItems(offices)
    combo.setMinimumContentsLength(34)
    return combo


@dataclass(frozen=True)
class Forwarding:
    office: str
    note: str


class ForwardDialog(ActionDialog):
    def __init__(self, offices: list[str], parent: QWidget | None = None) -> None:
        super().__init__("Chuyển phòng, đơn vị xử lý", None, parent, ok_text="Chuyển")
        self.office = _offices(offices, blank=False)
        self.note = self._text_box()
        self.form.addRow("Phòng, đơn vị nhận xử lý", self.office)
        self.form.addRow("Ghi chú (nếu có)", self.note)

    def answer(self) -> Forwarding:
        return Forwarding(nfc(self.office.currentText()).strip(), _text(self.note))

    def problem(self) -> str | None:
        return None if self.answer().office else "Hãy ghi phòng, đơn vị nhận xử lý."

    @classmethod
    def ask(cls, offices: list[str], parent: QWidget | None = None) -> Forwarding | None:
        dialog = cls(offices, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class NoteDialog(ActionDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Ghi chú quá trình xử lý", None, parent, ok_text="Ghi")
        self.text = self._text_box(120)
        self.form.addRow("Ghi chú", self.text)

    def problem(self) -> str | None:
        return None if _text(self.text) else "Hãy ghi nội dung ghi chú."

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> str | None:
        dialog = cls(parent)
        return _text(dialog.text) if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class Answer:
    text: str
    office: str  # who decided the answer; may be empty


class AnswerDialog(ActionDialog):
    """The answer given to the citizen; recording it closes the feedback."""

    def __init__(self, due: str, offices: list[str], parent: QWidget | None = None) -> None:
        super().__init__("Trả lời phản ánh, kiến nghị", None, parent, ok_text="Ghi trả lời")
        note = QLabel(f"Hạn trả lời: {due}. Sau khi ghi trả lời, phản ánh, kiến nghị này được đóng lại.")
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.text = self._text_box(160)
        self.office = _offices(offices, blank=True)
        self.form.addRow(note)
        self.form.addRow("Nội dung đã trả lời", self.text)
        self.form.addRow("Đơn vị trả lời (nếu có)", self.office)

    def answer(self) -> Answer:
        return Answer(_text(self.text), nfc(self.office.currentText()).strip())

    def problem(self) -> str | None:
        return None if self.answer().text else "Hãy ghi nội dung đã trả lời người phản ánh."

    @classmethod
    def ask(cls, due: str, offices: list[str], parent: QWidget | None = None) -> Answer | None:
        dialog = cls(due, offices, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
