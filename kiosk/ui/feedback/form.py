"""Ghi nhận phản ánh, kiến nghị: the form the clerk fills while the citizen speaks or is on the phone.

Each field is checked by the service's own rules; a problem shows under its field, in words. The hotline and the
deadline the citizen will be told are on the form, so the clerk can read them out.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import OfficeSettings
from kiosk.errors import KioskError
from kiosk.services.appointment import WEEKDAYS
from kiosk.services.feedback import FeedbackService
from kiosk.services.feedback_types import (
    CHANNEL_LABELS,
    Channel,
    FeedbackInput,
    FeedbackKind,
    FeedbackView,
    feedback_problems,
)
from kiosk.text import nfc
from kiosk.ui.session import UserSession

FIELDS = ("kind", "channel", "citizen_name", "phone", "dossier", "content")


class FeedbackForm(QDialog):
    recorded = Signal(object)  # FeedbackView, once stored

    def __init__(
        self,
        feedback: FeedbackService,
        session: UserSession,
        office: OfficeSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._feedback = feedback
        self._session = session
        self._tried = False
        #: What recording said of a field that only the database can check (the dossier code), and the text it
        #: said it of: shown until that field is changed.
        self._stored_problems: dict[str, tuple[str, str]] = {}
        self.view: FeedbackView | None = None
        self.setWindowTitle("Ghi nhận phản ánh, kiến nghị")
        self.setMinimumWidth(760)

        hotline = QLabel(
            f"Đường dây nóng tiếp nhận phản ánh, kiến nghị: {office.hotline}"
            if office.hotline
            else "Chưa cài đặt số đường dây nóng (Cài đặt → Cơ quan)."
        )
        hotline.setObjectName("feedback_hotline")
        hotline.setProperty("role", "hint")

        self.complaint = QRadioButton("Phản ánh")
        self.suggestion = QRadioButton("Kiến nghị")
        self.complaint.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.complaint)
        kinds.addButton(self.suggestion)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.complaint)
        kind_row.addWidget(self.suggestion)
        kind_row.addStretch(1)
        kind_box = QWidget()
        kind_box.setLayout(kind_row)
        kind_row.setContentsMargins(0, 0, 0, 0)

        self.channel = QComboBox()
        for channel in (Channel.IN_PERSON, Channel.PHONE, Channel.WRITTEN, Channel.ELECTRONIC):
            self.channel.addItem(CHANNEL_LABELS[channel], channel.value)
        self.citizen_name = QLineEdit()
        self.citizen_name.setPlaceholderText("Để trống nếu người phản ánh không cho biết tên")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("0912 345 678 (để gọi lại trả lời)")
        self.dossier = QLineEdit()
        self.dossier.setPlaceholderText("Nếu phản ánh về một hồ sơ: quét hoặc gõ mã hồ sơ")
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setMinimumHeight(120)

        self.errors: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {
            "kind": kind_box,
            "channel": self.channel,
            "citizen_name": self.citizen_name,
            "phone": self.phone,
            "dossier": self.dossier,
            "content": self.content,
        }
        labels = {
            "kind": "Loại *",
            "channel": "Hình thức tiếp nhận *",
            "citizen_name": "Người phản ánh",
            "phone": "Số điện thoại",
            "dossier": "Mã hồ sơ liên quan",
            "content": "Nội dung *",
        }
        form = QFormLayout()
        form.setVerticalSpacing(4)
        for name in FIELDS:
            error = QLabel("")
            error.setProperty("role", "error")
            error.setWordWrap(True)
            error.setVisible(False)
            box = QVBoxLayout()
            box.setSpacing(1)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(self.inputs[name])
            box.addWidget(error)
            holder = QWidget()
            holder.setLayout(box)
            form.addRow(labels[name], holder)
            self.errors[name] = error
        for edit in (self.citizen_name, self.phone, self.dossier):
            edit.editingFinished.connect(self._recheck)
            edit.textEdited.connect(lambda _t: self._recheck() if self._tried else None)
        self.content.textChanged.connect(lambda: self._recheck() if self._tried else None)

        self.deadline = QLabel("")
        self.deadline.setObjectName("feedback_deadline")
        self.deadline.setWordWrap(True)
        self.message = QLabel("")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Ghi nhận (Ctrl+Enter)", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setProperty("role", "primary")
        buttons.addButton("Huỷ (Esc)", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(hotline)
        layout.addLayout(form)
        layout.addWidget(self.deadline)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._show_deadline()
        self.content.setFocus()

    # -- reading ------------------------------------------------------------------------------------------------------

    def data(self) -> FeedbackInput:
        return FeedbackInput(
            kind=(FeedbackKind.COMPLAINT if self.complaint.isChecked() else FeedbackKind.SUGGESTION).value,
            channel=str(self.channel.currentData()),
            content=nfc(self.content.toPlainText()),
            citizen_name=nfc(self.citizen_name.text()),
            phone=nfc(self.phone.text()),
            dossier_code=nfc(self.dossier.text()),
        )

    # -- saving -------------------------------------------------------------------------------------------------------

    def save(self) -> FeedbackView | None:
        """Check every field, then record; the feedback as stored, or None with the problems shown."""
        self._tried = True
        problems = feedback_problems(self.data())
        self.show_problems(problems)
        if problems:
            self._focus_first(problems)
            return None
        try:
            view = self._feedback.record(self.data(), by=self._session.actor)
        except KioskError as exc:
            if exc.field in self.errors:
                self._stored_problems[exc.field] = (self._text_of(exc.field), exc.message)
                self.show_problems({exc.field: exc.message})
                self._focus_first({exc.field: exc.message})
            else:
                self.message.setText(exc.message)
            return None
        self.view = view
        self.recorded.emit(view)
        self.accept()
        return view

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, label in self.errors.items():
            message = problems.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            widget = self.inputs[name]
            if isinstance(widget, QLineEdit):
                widget.setProperty("invalid", bool(message))
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self.message.setText("")

    def _recheck(self) -> None:
        problems = feedback_problems(self.data())
        if not self._tried:  # before the first save, only the fields already filled in
            problems = {k: v for k, v in problems.items() if k != "content"}
        for name, (text, message) in list(self._stored_problems.items()):
            if self._text_of(name) != text:
                del self._stored_problems[name]
            else:
                problems.setdefault(name, message)
        self.show_problems(problems)

    def _text_of(self, name: str) -> str:
        widget = self.inputs[name]
        return widget.text() if isinstance(widget, QLineEdit) else ""

    def _focus_first(self, problems: dict[str, str]) -> None:
        for name in FIELDS:
            if name in problems:
                widget = self.inputs[name]
                (self.complaint if name == "kind" else widget).setFocus()
                return

    def _show_deadline(self) -> None:
        try:
            due = self._feedback.deadline()
        except KioskError as exc:
            self.deadline.setText(exc.message)
            return
        if due.due_date is None:
            return
        day = f"{WEEKDAYS[due.due_date.weekday()]} {due.due_date:%d/%m/%Y}"
        self.deadline.setText(f"Hạn trả lời nếu ghi nhận bây giờ: <b>{day}</b> ({due.explanation()})")
