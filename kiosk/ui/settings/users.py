"""The desk's users: who they are, their role, and adding one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
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
from kiosk.services.users import ROLE_LABELS, Actor, UserService
from kiosk.text import nfc


class UsersEditor(QWidget):
    def __init__(self, users: UserService, actor: Callable[[], Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self._actor = actor
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("users")
        self.table.setHorizontalHeaderLabels(["Tên đăng nhập", "Họ và tên", "Vai trò", "Mã PIN đánh giá"])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
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
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setPlaceholderText("4 đến 8 chữ số")
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again.setMaxLength(8)
        self.pin_button = QPushButton("Đặt mã PIN cho người đang chọn")
        self.pin_button.clicked.connect(self.set_pin)
        pin_form = QFormLayout()
        pin_form.addRow("Mã PIN màn hình đánh giá (lãnh đạo)", self.pin)
        pin_form.addRow("Nhập lại mã PIN", self.pin_again)
        form = QFormLayout()
        form.addRow("Tên đăng nhập (không dấu)", self.username)
        form.addRow("Họ và tên", self.full_name)
        form.addRow("Vai trò", self.role)
        form.addRow("Mật khẩu (ít nhất 8 ký tự)", self.password)
        form.addRow("Nhập lại mật khẩu", self.password_again)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.add_button)
        layout.addLayout(pin_form)
        layout.addWidget(self.pin_button)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        people = [u for u in self._users.all() if u.username not in ("cli", "system")]
        with_pin = self._users.pin_holders()
        self.table.setRowCount(len(people))
        for row, user in enumerate(people):
            pin = "đã đặt" if user.username in with_pin else ""
            for column, value in enumerate((user.username, user.full_name, ROLE_LABELS[user.role], pin)):
                self.table.setItem(row, column, QTableWidgetItem(value))

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
        self.message.setText(f"Đã thêm {user.full_name} ({user.username}).")
        self.refresh()

    def set_pin(self) -> None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        if item is None:
            self.message.setText("Chọn một người trong bảng trước.")
            return
        if self.pin.text() != self.pin_again.text():
            self.message.setText("Hai lần nhập mã PIN không khớp.")
            return
        try:
            self._users.set_pin(item.text(), self.pin.text(), by=self._actor())
        except KioskError as exc:
            self.message.setText(exc.message)
            return
        self.pin.clear()
        self.pin_again.clear()
        self.message.setText(f"Đã đặt mã PIN màn hình đánh giá cho {item.text()}.")
        self.refresh()
