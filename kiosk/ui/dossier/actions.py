"""The small dialogs behind each action: only what the action needs, and a line saying what it will print.

Each has an ``ask()`` class method returning plain values (None when cancelled), which tests may replace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from kiosk.services.dossier_views import Applicant
from kiosk.text import nfc
from kiosk.ui.action_dialog import ActionDialog
from kiosk.ui.registration.applicant_form import ApplicantForm


def _text(box: QPlainTextEdit | QLineEdit) -> str:
    raw = box.toPlainText() if isinstance(box, QPlainTextEdit) else box.text()
    return nfc(raw).strip()


class ForwardDialog(ActionDialog):
    def __init__(self, offices: list[str], parent: QWidget | None = None) -> None:
        super().__init__("Chuyển phòng chuyên môn", "Phiếu kiểm soát quá trình giải quyết hồ sơ", parent)
        self.office = QComboBox()
        self.office.setEditable(True)
        self.office.addItems(offices)
        self.office.setCurrentText(offices[0] if offices else "")
        self.form.addRow("Phòng chuyên môn nhận hồ sơ", self.office)

    def problem(self) -> str | None:
        return None if self.office.currentText().strip() else "Hãy ghi phòng chuyên môn nhận hồ sơ."

    @classmethod
    def ask(cls, offices: list[str], parent: QWidget | None = None) -> str | None:
        dialog = cls(offices, parent)
        return nfc(dialog.office.currentText()).strip() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class SupplementRequest:
    missing: tuple[str, ...]
    reason: str


class SupplementRequestDialog(ActionDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Yêu cầu bổ sung hồ sơ", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (thời hạn dừng lại đến khi đủ)", parent
        )
        self.missing = self._text_box(110)
        self.reason = self._text_box()
        self.form.addRow("Giấy tờ cần bổ sung\n(mỗi dòng một giấy tờ)", self.missing)
        self.form.addRow("Lý do", self.reason)

    def answer(self) -> SupplementRequest:
        lines = tuple(line.strip() for line in _text(self.missing).splitlines() if line.strip())
        return SupplementRequest(lines, _text(self.reason))

    def problem(self) -> str | None:
        answer = self.answer()
        if not answer.missing:
            return "Hãy ghi đủ (một lần) các giấy tờ cần bổ sung."
        return None if answer.reason else "Hãy ghi lý do."

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> SupplementRequest | None:
        dialog = cls(parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ConfirmDialog(ActionDialog):
    """A move that needs no answer, only a confirmation and an optional note."""

    def __init__(self, title: str, message: str, prints: str | None, parent: QWidget | None = None) -> None:
        super().__init__(title, prints, parent)
        label = QLabel(message)
        label.setWordWrap(True)
        self.note = QLineEdit()
        self.form.addRow(label)
        self.form.addRow("Ghi chú (nếu có)", self.note)

    @classmethod
    def ask(cls, title: str, message: str, prints: str | None, parent: QWidget | None = None) -> str | None:
        dialog = cls(title, message, prints, parent)
        return _text(dialog.note) if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class ResultAnswer:
    outcome: str  # approved | refused
    reason: str


class ResultDialog(ActionDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Đã có kết quả", None, parent)
        self.approved = QRadioButton("Giải quyết (cấp kết quả)")
        self.refused = QRadioButton("Từ chối giải quyết (ghi lý do)")
        self.approved.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.approved)
        group.addButton(self.refused)
        self.reason = self._text_box()
        self.form.addRow(self.approved)
        self.form.addRow(self.refused)
        self.form.addRow("Lý do / ghi chú", self.reason)

    def answer(self) -> ResultAnswer:
        return ResultAnswer("approved" if self.approved.isChecked() else "refused", _text(self.reason))

    def problem(self) -> str | None:
        answer = self.answer()
        return "Từ chối giải quyết cần ghi lý do." if answer.outcome == "refused" and not answer.reason else None

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> ResultAnswer | None:
        dialog = cls(parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ReturnDialog(ActionDialog):
    """Who collects the result. Returning it invites the citizen to rate the service."""

    def __init__(self, applicant: str, by_post: bool, parent: QWidget | None = None) -> None:
        super().__init__("Trả kết quả", None, parent)
        self.applicant = QRadioButton(f"Người nộp: {applicant}")
        self.proxy = QRadioButton("Người được ủy quyền (có giấy ủy quyền)")
        self.post = QRadioButton("Gửi qua dịch vụ bưu chính công ích")
        group = QButtonGroup(self)
        for button in (self.applicant, self.proxy, self.post):
            group.addButton(button)
            self.form.addRow(button)
        (self.post if by_post else self.applicant).setChecked(True)
        self.proxy_name = QLineEdit()
        self.proxy_name.setPlaceholderText("Họ và tên người nhận thay")
        self.form.addRow("Người nhận thay", self.proxy_name)
        self.proxy_name.textEdited.connect(self._typed_proxy)

    def _typed_proxy(self, text: str) -> None:
        if text:
            self.proxy.setChecked(True)

    def answer(self) -> str:
        if self.proxy.isChecked():
            return _text(self.proxy_name)
        return "post" if self.post.isChecked() else "applicant"

    def problem(self) -> str | None:
        return "Hãy ghi họ tên người nhận thay." if self.proxy.isChecked() and not _text(self.proxy_name) else None

    @classmethod
    def ask(cls, applicant: str, by_post: bool, parent: QWidget | None = None) -> str | None:
        dialog = cls(applicant, by_post, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class Reappointment:
    new_date: date
    reason: str


class ReappointDialog(ActionDialog):
    def __init__(self, due: date, parent: QWidget | None = None) -> None:
        super().__init__(
            "Xin lỗi và hẹn lại ngày trả",
            "Phiếu xin lỗi và hẹn lại ngày trả kết quả (chỉ được hẹn lại một lần)",
            parent,
        )
        self.new_date = QDateEdit(QDate(due.year, due.month, due.day).addDays(3))
        self.new_date.setCalendarPopup(True)
        self.new_date.setDisplayFormat("dd/MM/yyyy")
        self.new_date.setMinimumDate(QDate(due.year, due.month, due.day).addDays(1))
        self.reason = self._text_box()
        self.form.addRow(f"Ngày hẹn cũ: {due:%d/%m/%Y}. Ngày hẹn mới", self.new_date)
        self.form.addRow("Lý do chậm", self.reason)

    def answer(self) -> Reappointment:
        return Reappointment(self.new_date.date().toPython(), _text(self.reason))  # type: ignore[arg-type]

    def problem(self) -> str | None:
        return None if self.answer().reason else "Hãy ghi lý do chậm trả kết quả."

    @classmethod
    def ask(cls, due: date, parent: QWidget | None = None) -> Reappointment | None:
        dialog = cls(due, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ReasonDialog(ActionDialog):
    """Withdraw at the applicant's request, or stop: a reason the law asks for."""

    def __init__(self, title: str, label: str, prints: str | None, parent: QWidget | None = None) -> None:
        super().__init__(title, prints, parent)
        self.reason = self._text_box(100)
        self.form.addRow(label, self.reason)

    def problem(self) -> str | None:
        return None if _text(self.reason) else "Hãy ghi lý do."

    @classmethod
    def ask(cls, title: str, label: str, prints: str | None, parent: QWidget | None = None) -> str | None:
        dialog = cls(title, label, prints, parent)
        return _text(dialog.reason) if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class CorrectionAnswer:
    applicant: Applicant
    reason: str


class CorrectDialog(ActionDialog):
    def __init__(self, applicant: Applicant, parent: QWidget | None = None) -> None:
        super().__init__("Sửa thông tin người nộp", None, parent)
        self.applicant_form = ApplicantForm(heading="Thông tin đúng")
        self.applicant_form.fill(applicant)
        self.reason = QLineEdit("Sửa lỗi nhập liệu")
        self.form.addRow(self.applicant_form)
        self.form.addRow("Lý do sửa", self.reason)

    def answer(self) -> CorrectionAnswer:
        return CorrectionAnswer(self.applicant_form.applicant(), _text(self.reason))

    def problem(self) -> str | None:
        problems = self.applicant_form.check_all()
        if problems:
            return "Còn thông tin chưa hợp lệ (xem dòng đỏ)."
        return None if self.answer().reason else "Hãy ghi lý do sửa."

    @classmethod
    def ask(cls, applicant: Applicant, parent: QWidget | None = None) -> CorrectionAnswer | None:
        dialog = cls(applicant, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class VoidAnswer:
    reason: str
    supervisor: str  # empty when the acting user approves it themselves
    password: str


class VoidDialog(ActionDialog):
    def __init__(self, needs_approval: bool, parent: QWidget | None = None) -> None:
        super().__init__("Huỷ hồ sơ nhập nhầm", None, parent)
        warning = QLabel("Hồ sơ bị huỷ vẫn giữ mã và số sổ; mã này không bao giờ được dùng lại.")
        warning.setWordWrap(True)
        self.reason = self._text_box()
        self.supervisor = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(warning)
        self.form.addRow("Lý do huỷ", self.reason)
        self._needs_approval = needs_approval
        if needs_approval:
            self.form.addRow("Lãnh đạo duyệt (tên đăng nhập)", self.supervisor)
            self.form.addRow("Mật khẩu của lãnh đạo", self.password)

    def answer(self) -> VoidAnswer:
        return VoidAnswer(_text(self.reason), self.supervisor.text().strip(), self.password.text())

    def problem(self) -> str | None:
        answer = self.answer()
        if not answer.reason:
            return "Hãy ghi lý do huỷ."
        if self._needs_approval and not (answer.supervisor and answer.password):
            return "Cần lãnh đạo nhập tên đăng nhập và mật khẩu để duyệt."
        return None

    @classmethod
    def ask(cls, needs_approval: bool, parent: QWidget | None = None) -> VoidAnswer | None:
        dialog = cls(needs_approval, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
