"""A supervisor standing by the desk authorises something with their own password, without logging in.

Used for the clock confirmation (kiosk/ui/clock_dialog.py) and for unlocking a clerk's account from the log-in
screen. The password is checked by :meth:`UserService.approve` (a clerk's is refused, wrong ones count towards the
lock, the approval is audited); then ``act`` does the deed as that supervisor.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from kiosk.services.users import Actor, UserService
from kiosk.ui.theme import set_role


class SupervisorApproval(QDialog):
    def __init__(
        self,
        users: UserService,
        *,
        title: str,
        message: str,
        button: str,
        what: str,
        act: Callable[[Actor], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._users = users
        self._what = what
        self._act = act
        self.setWindowTitle(title)
        text = QLabel(message)
        text.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("approver")
        self.password = QLineEdit()
        self.password.setObjectName("approver_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        set_role(self.problem, "error")
        form = QFormLayout()
        form.addRow("Tên đăng nhập", self.username)
        form.addRow("Mật khẩu", self.password)
        buttons = QDialogButtonBox()
        self.confirm_button = buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setProperty("role", "primary")
        buttons.addButton("Huỷ", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.username.setFocus()

    def try_confirm(self) -> bool:
        """True once approved and done; otherwise the reason is shown and the password cleared."""
        try:
            approver = self._users.approve(self.username.text(), self.password.text(), what=self._what)
            self._act(approver)
        except KioskError as exc:
            self.problem.setText(exc.message)
            self.password.clear()
            self.password.setFocus()
            return False
        self.accept()
        return True
