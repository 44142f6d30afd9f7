"""Logging in, unlocking after the idle lock, and switching user without closing the desk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from kiosk.services.users import Actor, UserService


class LoginDialog(QDialog):
    """User name and password. ``locked`` mode: the desk was locked; it opens again only with a password."""

    def __init__(
        self,
        users: UserService,
        *,
        desk_name: str,
        locked_user: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._users = users
        self._locked = locked_user is not None
        self.actor: Actor | None = None
        self.setWindowTitle("Màn hình đã khoá" if self._locked else f"Đăng nhập – {desk_name}")
        self.setModal(True)
        self.setMinimumWidth(420)

        heading = QLabel("Màn hình đã khoá" if self._locked else "Đăng nhập")
        heading.setProperty("role", "heading")
        hint = QLabel(
            "Nhập lại mật khẩu để tiếp tục, hoặc đăng nhập bằng tài khoản khác để đổi người dùng."
            if self._locked
            else "Mời nhập tên đăng nhập và mật khẩu."
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.username = QLineEdit(locked_user or "")
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Tên đăng nhập", self.username)
        form.addRow("Mật khẩu", self.password)
        buttons = QDialogButtonBox()
        self.login_button = buttons.addButton("Đăng nhập", QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setProperty("role", "primary")
        self.login_button.setDefault(True)
        if not self._locked:
            buttons.addButton("Thoát", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password if locked_user else self.username).setFocus()

    def try_login(self) -> bool:
        try:
            self.actor = self._users.authenticate(self.username.text(), self.password.text())
        except KioskError as exc:
            self.message.setText(exc.message)
            self.password.clear()
            self.password.setFocus()
            return False
        self.accept()
        return True

    def reject(self) -> None:
        if not self._locked:  # a locked desk stays locked until someone logs in
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._locked and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._locked:
            event.ignore()
        else:
            super().closeEvent(event)
