"""Logging in, unlocking after the idle lock, switching user without closing the desk, the forced change of a
password someone else chose, and a supervisor opening an account locked after wrong passwords."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import InvalidInput, KioskError
from kiosk.services.users import PASSWORD_MIN, Actor, UserService
from kiosk.ui.approval import SupervisorApproval


class LoginDialog(QDialog):
    """User name and password. ``locked`` mode: the desk was locked; it opens again only with a password.

    An account whose password an admin chose (new, or reset) gets a second step: a new password, twice, before
    the desk opens. Leaving that step leaves the desk closed.
    """

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
        self._pending: tuple[str, str] | None = None  # user name and old password during the change step
        self.setWindowTitle("Màn hình đã khoá" if self._locked else f"Đăng nhập – {desk_name}")
        self.setModal(True)
        self.setMinimumWidth(420)

        self.heading = heading = QLabel("Màn hình đã khoá" if self._locked else "Đăng nhập")
        heading.setProperty("role", "heading")
        self.hint = hint = QLabel(
            "Nhập lại mật khẩu để tiếp tục, hoặc đăng nhập bằng tài khoản khác để đổi người dùng."
            if self._locked
            else "Mời nhập tên đăng nhập và mật khẩu."
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self._texts = (heading.text(), hint.text())
        self.username = QLineEdit(locked_user or "")
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)

        self.credentials = QWidget()
        form = QFormLayout(self.credentials)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Tên đăng nhập", self.username)
        form.addRow("Mật khẩu", self.password)
        self.new_password = QLineEdit()
        self.new_password.setObjectName("new_password")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setPlaceholderText(f"ít nhất {PASSWORD_MIN} ký tự, không chỉ gồm chữ số")
        self.new_password_again = QLineEdit()
        self.new_password_again.setObjectName("new_password_again")
        self.new_password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.change_step = QWidget()
        change_form = QFormLayout(self.change_step)
        change_form.setContentsMargins(0, 0, 0, 0)
        change_form.addRow("Mật khẩu mới", self.new_password)
        change_form.addRow("Nhập lại mật khẩu mới", self.new_password_again)
        self.change_step.hide()
        buttons = QDialogButtonBox()
        self.login_button = buttons.addButton("Đăng nhập", QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setProperty("role", "primary")
        self.login_button.setDefault(True)
        if not self._locked:
            buttons.addButton("Thoát", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        self.unlock_button = QPushButton("Lãnh đạo mở khoá tài khoản…")
        self.unlock_button.setObjectName("unlock_account")
        self.unlock_button.clicked.connect(self.ask_unlock)
        self.unlock_button.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.credentials)
        layout.addWidget(self.change_step)
        layout.addWidget(self.message)
        layout.addWidget(self.unlock_button)
        layout.addWidget(buttons)
        (self.password if locked_user else self.username).setFocus()

    @property
    def changing_password(self) -> bool:
        """True while the dialog asks for a new password (the log-in itself succeeded)."""
        return self._pending is not None

    def _submit(self) -> None:
        if self.changing_password:
            self.try_change()
        else:
            self.try_login()

    def try_login(self) -> bool:
        """True when the desk may open; False on a refusal, or when the account must first change its password."""
        username, password = self.username.text(), self.password.text()
        try:
            actor = self._users.authenticate(username, password)
            must_change = self._users.needs_new_password(actor.username)
        except KioskError as exc:
            self.message.setText(exc.message)
            self.password.clear()
            self.password.setFocus()
            self.unlock_button.setVisible(self._is_locked(username))
            return False
        if must_change:
            self._ask_new_password(actor.username, password)
            return False
        self.actor = actor
        self.accept()
        return True

    def _is_locked(self, username: str) -> bool:
        try:
            state = self._users.account_states().get(username.strip().lower())
        except KioskError:
            return False
        return state is not None and state.locked

    def unlock_dialog(self) -> SupervisorApproval:
        """The supervisor (for a clerk) or an admin (for anyone) opens the account named above, by their password."""
        name = self.username.text().strip().lower()
        return SupervisorApproval(
            self._users,
            title="Mở khoá tài khoản",
            message=f"Tài khoản {name} đã bị khoá vì nhập sai mật khẩu nhiều lần. Lãnh đạo (giám sát) hoặc quản trị "
            "nhập tài khoản của mình để mở khoá (tài khoản lãnh đạo, quản trị thì chỉ quản trị mở được):",
            button="Mở khoá",
            what=f"mở khoá tài khoản {name}",
            act=lambda approver: self._users.unlock(name, by=approver),
            parent=self,
        )

    def ask_unlock(self) -> None:
        if self.unlock_dialog().exec() == QDialog.DialogCode.Accepted:
            self.unlocked()

    def unlocked(self) -> None:
        """After the unlock: the owner types their password again."""
        self.unlock_button.hide()
        self.message.setText(f"Đã mở khoá tài khoản {self.username.text().strip().lower()}. Mời nhập lại mật khẩu.")
        self.password.setFocus()

    def _ask_new_password(self, username: str, old: str) -> None:
        self._pending = (username, old)
        self.password.clear()
        self.credentials.hide()
        self.change_step.show()
        self.heading.setText("Đổi mật khẩu")
        self.hint.setText(
            f"Mật khẩu của tài khoản {username} do quản trị đặt. Mời đặt mật khẩu của riêng mình "
            "(chỉ mình biết) trước khi làm việc."
        )
        self.login_button.setText("Đổi mật khẩu và vào")
        self.message.clear()
        self.new_password.setFocus()

    def try_change(self) -> bool:
        """The change step: both entries the same and accepted by the rules; then the desk opens."""
        if self._pending is None:
            return False
        username, old = self._pending
        new = self.new_password.text()
        try:
            if new != self.new_password_again.text():
                raise InvalidInput("Hai lần nhập mật khẩu mới không khớp.", field="password")
            self.actor = self._users.change_password(username, old, new)
        except KioskError as exc:
            self.message.setText(exc.message)
            self.new_password_again.clear()
            self.new_password.selectAll()
            self.new_password.setFocus()
            return False
        self._pending = None
        self.accept()
        return True

    def _back_to_login(self) -> None:
        self._pending = None  # the old password is not kept once the step is left
        self.new_password.clear()
        self.new_password_again.clear()
        self.change_step.hide()
        self.credentials.show()
        self.heading.setText(self._texts[0])
        self.hint.setText(self._texts[1])
        self.login_button.setText("Đăng nhập")
        self.message.setText("Chưa đổi mật khẩu: chưa vào được.")
        self.password.setFocus()

    def reject(self) -> None:
        if self.changing_password:  # leaving the change step goes back to the log-in, the desk stays closed
            self._back_to_login()
        elif not self._locked:  # a locked desk stays locked until someone logs in
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
