"""The desk's users: who they are, their role, adding one, and for the one selected: PIN, password reset, unlock."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.models import Role
from kiosk.services.users import PASSWORD_MIN, ROLE_LABELS, AccountState, Actor, UserService
from kiosk.text import nfc

#: The table's columns; "Tài khoản" says when an account is locked or waits for its owner's own password.
COLUMNS = ["Tên đăng nhập", "Họ và tên", "Vai trò", "Mã PIN đánh giá", "Tài khoản"]


def account_label(state: AccountState | None) -> str:
    if state is None:
        return ""
    if state.locked:
        return "⚠ Đã khoá"
    if state.must_change_password:
        return "Chờ đổi mật khẩu"
    return "Bình thường"


class UsersEditor(QWidget):
    def __init__(self, users: UserService, actor: Callable[[], Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self._actor = actor
        self._states: dict[str, AccountState] = {}
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("users")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(ROLE_LABELS[role], role.value)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit()
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton("Thêm người dùng")
        self.add_button.setProperty("role", "primary")
        self.add_button.clicked.connect(self.add)
        adding = QGroupBox("Thêm người dùng")
        form = QFormLayout(adding)
        form.addRow("Tên đăng nhập (không dấu)", self.username)
        form.addRow("Họ và tên", self.full_name)
        form.addRow("Vai trò", self.role)
        form.addRow(f"Mật khẩu (ít nhất {PASSWORD_MIN} ký tự)", self.password)
        form.addRow("Nhập lại mật khẩu", self.password_again)
        form.addRow(self.add_button)
        note = QLabel("Người dùng mới phải tự đổi mật khẩu ở lần đăng nhập đầu.")
        note.setProperty("role", "hint")
        note.setWordWrap(True)
        form.addRow(note)

        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setPlaceholderText("4 đến 8 chữ số")
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again.setMaxLength(8)
        self.pin_button = QPushButton("Đặt mã PIN")
        self.pin_button.clicked.connect(self.set_pin)
        self.new_password = QLineEdit()
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setPlaceholderText(f"ít nhất {PASSWORD_MIN} ký tự")
        self.new_password_again = QLineEdit()
        self.new_password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.reset_button = QPushButton("Đặt lại mật khẩu")
        self.reset_button.clicked.connect(self.reset_password)
        self.unlock_button = QPushButton("Mở khoá")
        self.unlock_button.clicked.connect(self.unlock)
        self.selected_group = QGroupBox("Người đang chọn: (chưa chọn)")
        chosen = QFormLayout(self.selected_group)
        chosen.addRow("Mã PIN màn hình đánh giá (lãnh đạo)", self.pin)
        chosen.addRow("Nhập lại mã PIN", self.pin_again)
        chosen.addRow(self.pin_button)
        chosen.addRow("Mật khẩu mới (người đó phải đổi lại)", self.new_password)
        chosen.addRow("Nhập lại mật khẩu mới", self.new_password_again)
        chosen.addRow(self.reset_button)
        chosen.addRow(self.unlock_button)

        self.message = QLabel("")
        self.message.setWordWrap(True)
        columns = QHBoxLayout()
        columns.addWidget(adding, 1)
        columns.addWidget(self.selected_group, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(columns)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        people = [u for u in self._users.all() if u.username not in ("cli", "system")]
        with_pin = self._users.pin_holders()
        self._states = states = self._users.account_states()
        chosen = self.selected()
        self.table.setRowCount(len(people))
        for row, user in enumerate(people):
            pin = "đã đặt" if user.username in with_pin else ""
            account = account_label(states.get(user.username))
            for column, value in enumerate((user.username, user.full_name, ROLE_LABELS[user.role], pin, account)):
                self.table.setItem(row, column, QTableWidgetItem(value))
            if user.username == chosen:
                self.table.setCurrentCell(row, 0)
        self._selection_changed()

    def selected(self) -> str | None:
        """The user name of the row selected, if any."""
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def _selection_changed(self) -> None:
        name = self.selected()
        self.selected_group.setTitle(f"Người đang chọn: {name}" if name else "Người đang chọn: (chưa chọn)")
        state = self._states.get(name) if name else None
        self.unlock_button.setEnabled(state is not None and state.locked)

    def _chosen(self) -> str | None:
        name = self.selected()
        if name is None:
            self.message.setText("Chọn một người trong bảng trước.")
        return name

    def add(self) -> None:
        if self.password.text() != self.password_again.text():
            self.message.setText("Hai lần nhập mật khẩu không khớp.")
            return
        try:
            user = self._users.add(
                self.username.text(),
                nfc(self.full_name.text()),
                self.role.currentData(),
                self.password.text(),
                by=self._actor(),
            )
        except KioskError as exc:
            self.message.setText(exc.message)
            return
        for edit in (self.username, self.full_name, self.password, self.password_again):
            edit.clear()
        self.message.setText(
            f"Đã thêm {user.full_name} ({user.username}). Người đó phải đổi mật khẩu ở lần đăng nhập đầu."
        )
        self.refresh()

    def set_pin(self) -> None:
        name = self._chosen()
        if name is None:
            return
        if self.pin.text() != self.pin_again.text():
            self.message.setText("Hai lần nhập mã PIN không khớp.")
            return
        try:
            self._users.set_pin(name, self.pin.text(), by=self._actor())
        except KioskError as exc:
            self.message.setText(exc.message)
            return
        self.pin.clear()
        self.pin_again.clear()
        self.message.setText(f"Đã đặt mã PIN màn hình đánh giá cho {name}.")
        self.refresh()

    def reset_password(self) -> None:
        name = self._chosen()
        if name is None:
            return
        if self.new_password.text() != self.new_password_again.text():
            self.message.setText("Hai lần nhập mật khẩu mới không khớp.")
            return
        try:
            self._users.reset_password(name, self.new_password.text(), by=self._actor())
        except KioskError as exc:
            self.message.setText(exc.message)
            return
        self.new_password.clear()
        self.new_password_again.clear()
        self.message.setText(f"Đã đặt lại mật khẩu cho {name}. Người đó phải đổi mật khẩu ở lần đăng nhập tới.")
        self.refresh()

    def unlock(self) -> None:
        name = self._chosen()
        if name is None:
            return
        try:
            self._users.unlock(name, by=self._actor())
        except KioskError as exc:
            self.message.setText(exc.message)
            return
        self.message.setText(f"Đã mở khoá tài khoản {name}.")
        self.refresh()
