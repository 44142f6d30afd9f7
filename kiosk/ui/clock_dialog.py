"""A supervisor confirms the PC's clock before registration goes on (the clock went back or jumped ahead)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from kiosk.services.clock_guard import ClockGuard
from kiosk.services.users import UserService
from kiosk.ui.theme import set_role


class ClockConfirmDialog(QDialog):
    def __init__(self, message: str, users: UserService, guard: ClockGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self._guard = guard
        self.setWindowTitle("Kiểm tra đồng hồ máy tính")
        text = QLabel(message + "\n\nLãnh đạo nhập tài khoản để xác nhận giờ trên máy là đúng:")
        text.setWordWrap(True)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        set_role(self.problem, "error")
        form = QFormLayout()
        form.addRow("Tên đăng nhập", self.username)
        form.addRow("Mật khẩu", self.password)
        buttons = QDialogButtonBox()
        self.confirm_button = buttons.addButton("Xác nhận giờ đúng", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Huỷ", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def try_confirm(self) -> bool:
        try:
            supervisor = self._users.approve(self.username.text(), self.password.text(), what="xác nhận đồng hồ máy")
            self._guard.confirm(by=supervisor)
        except KioskError as exc:
            self.problem.setText(exc.message)
            self.password.clear()
            return False
        self.accept()
        return True


def confirm_clock(message: str, users: UserService, guard: ClockGuard, parent: QWidget | None) -> bool:
    """Ask a supervisor to confirm the clock; True once confirmed (tests replace this)."""
    return ClockConfirmDialog(message, users, guard, parent).exec() == QDialog.DialogCode.Accepted
