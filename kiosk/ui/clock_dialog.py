"""A supervisor confirms the PC's clock before registration goes on (the clock went back or jumped ahead)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from kiosk.services.clock_guard import ClockGuard
from kiosk.services.users import UserService
from kiosk.ui.approval import SupervisorApproval


class ClockConfirmDialog(SupervisorApproval):
    def __init__(self, message: str, users: UserService, guard: ClockGuard, parent: QWidget | None = None) -> None:
        super().__init__(
            users,
            title="Kiểm tra đồng hồ máy tính",
            message=message + "\n\nLãnh đạo nhập tài khoản để xác nhận giờ trên máy là đúng:",
            button="Xác nhận giờ đúng",
            what="xác nhận đồng hồ máy",
            act=lambda supervisor: guard.confirm(by=supervisor),
            parent=parent,
        )


def confirm_clock(message: str, users: UserService, guard: ClockGuard, parent: QWidget | None) -> bool:
    """Ask a supervisor to confirm the clock; True once confirmed (tests replace this)."""
    return ClockConfirmDialog(message, users, guard, parent).exec() == QDialog.DialogCode.Accepted
