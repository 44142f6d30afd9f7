"""The clerk's side of the queue, a strip above the page: who is at the counter, how many wait, the keys that call them.

F6 calls the next number (the one at the counter was served), Shift+F6 does the same when nobody came forward
(absent), F7 calls the same number again, F8 says the citizen at the counter is done (their service time ends
there rather than at the next call), F9 gives a ticket to someone who asked at the counter. Each call goes to the
citizen screen through ``called``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import QueueSettings
from kiosk.errors import KioskError
from kiosk.printing.documents import Document
from kiosk.services.queue import QueueService, Source, TicketView
from kiosk.ui import messages
from kiosk.ui.session import UserSession
from kiosk.ui.theme import set_role

PRIORITY_WORDS = "Ưu tiên (người cao tuổi, phụ nữ mang thai, người khuyết tật)"


class TicketDialog(QDialog):
    """What the ticket is for, and whether it is a priority one."""

    def __init__(self, settings: QueueSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cấp số thứ tự")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Dịch vụ:"))
        self.groups = QButtonGroup(self)
        self.keys: list[str] = []
        for number, group in enumerate(settings.groups, start=1):
            button = QRadioButton(f"&{number}  {group.label}")
            button.setChecked(number == 1)
            self.groups.addButton(button, number - 1)
            self.keys.append(group.key)
            layout.addWidget(button)
        self.priority = QCheckBox(PRIORITY_WORDS)
        self.priority.setVisible(settings.priority)
        layout.addWidget(self.priority)
        buttons = QDialogButtonBox()
        buttons.addButton("Cấp số và in (Enter)", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.addButton("Huỷ (Esc)", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> tuple[str, bool]:
        return self.keys[max(self.groups.checkedId(), 0)], self.priority.isChecked()

    @classmethod
    def ask(cls, settings: QueueSettings, parent: QWidget | None = None) -> tuple[str, bool] | None:
        """(group key, priority), or None when cancelled; tests replace this."""
        dialog = cls(settings, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()


class QueuePanel(QWidget):
    called = Signal(object, str)  # TicketView, the counter: the citizen screen shows the call
    issued = Signal(object)  # TicketView: a ticket given at the desk

    def __init__(
        self,
        queue: QueueService,
        session: UserSession,
        counter: Callable[[], str],
        print_ticket: Callable[[TicketView], Document],
        print_paper: Callable[[Document], object],
        tell: Callable[[str], None],
        shortcuts_on: QWidget,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queue_panel")
        self._queue = queue
        self._session = session
        self._counter = counter
        self._ticket_paper = print_ticket
        self._print = print_paper
        self._tell = tell
        heading = QLabel("Số thứ tự")
        set_role(heading, "heading")
        self.current = QLabel("")
        set_role(self.current, "big")
        self.waiting = QLabel("")
        self.next_button = self._button("Gọi số tiếp (F6)", lambda: self.call_next())
        self.again_button = self._button("Gọi lại (F7)", self.call_again)
        self.done_button = self._button("Xong (F8)", self.done)
        self.absent_button = self._button("Vắng mặt, gọi tiếp (Shift+F6)", lambda: self.call_next(absent=True))
        self.issue_button = self._button("Cấp số… (F9)", self.issue)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 2, 10, 2)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.current)
        layout.addWidget(self.waiting, 1)
        for button in (self.next_button, self.again_button, self.done_button, self.absent_button, self.issue_button):
            layout.addWidget(button)
        for key, slot in (
            ("F6", lambda: self.call_next()),
            ("Shift+F6", lambda: self.call_next(absent=True)),
            ("F7", self.call_again),
            ("F8", self.done),
            ("F9", self.issue),
        ):
            shortcut = QShortcut(QKeySequence(key), shortcuts_on, slot)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)

    def _button(self, words: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(words)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the page the clerk works in
        button.clicked.connect(slot)
        return button

    def _ready(self) -> bool:
        return self.isVisible() and self._session.logged_in and self._queue.settings.enabled

    def refresh(self) -> None:
        if not self._session.logged_in:
            return
        try:
            state = self._queue.state(self._counter())
        except KioskError as exc:
            self.waiting.setText(exc.message)
            return
        ticket = state.current
        self.current.setText(f"Đang phục vụ: {ticket.label if ticket else '—'}")
        more = f" ({state.waiting_priority} ưu tiên)" if state.waiting_priority else ""
        self.waiting.setText(f"Đang chờ: {state.waiting}{more} · hôm nay đã cấp {state.issued_today}")
        self.next_button.setEnabled(state.waiting > 0)
        self.absent_button.setEnabled(state.waiting > 0 and ticket is not None)
        self.again_button.setEnabled(ticket is not None)
        self.done_button.setEnabled(ticket is not None)

    def call_next(self, *, absent: bool = False) -> TicketView | None:
        if not self._ready():
            return None
        try:
            ticket = self._queue.call_next(counter=self._counter(), by=self._session.actor, absent=absent)
        except KioskError as exc:
            messages.warn(self, "Số thứ tự", exc.message)
            return None
        self.refresh()
        if ticket is None:
            self._tell("Không còn ai chờ.")
            return None
        self.called.emit(ticket, self._counter())
        self._tell(f"Đã mời số {ticket.label} đến {self._counter()}.")
        return ticket

    def call_again(self) -> TicketView | None:
        if not self._ready():
            return None
        ticket = self._queue.call_again(counter=self._counter())
        if ticket is not None:
            self.called.emit(ticket, self._counter())
            self._tell(f"Đã mời lại số {ticket.label} (lần {ticket.calls}).")
        return ticket

    def done(self) -> TicketView | None:
        """The citizen at the counter is served and has left: the counter is free until the next call."""
        if not self._ready():
            return None
        ticket = self._queue.finish(counter=self._counter())
        self.refresh()
        if ticket is not None:
            self._tell(f"Đã phục vụ xong số {ticket.label}.")
        return ticket

    def issue(self) -> TicketView | None:
        if not self._ready():
            return None
        chosen = TicketDialog.ask(self._queue.settings, self.window())
        if chosen is None:
            return None
        try:
            ticket = self._queue.take(chosen[0], priority=chosen[1], source=Source.DESK)
        except KioskError as exc:
            messages.warn(self, "Số thứ tự", exc.message)
            return None
        self._print(self._ticket_paper(ticket))
        self.refresh()
        self.issued.emit(ticket)
        self._tell(f"Đã cấp số {ticket.label} ({ticket.group_label}); {ticket.ahead} người chờ trước.")
        return ticket
