"""One feedback: who, what, the deadline and where it stands, every step of its handling, and what can be done."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import OfficeSettings
from kiosk.errors import KioskError
from kiosk.printing.documents import Document
from kiosk.printing.feedback_slip import feedback_slip
from kiosk.services.appointment import WEEKDAYS
from kiosk.services.feedback import FeedbackService
from kiosk.services.feedback_types import CHANNEL_LABELS, KIND_LABELS, STEP_LABELS, FeedbackState, FeedbackView
from kiosk.ui import messages
from kiosk.ui.feedback import actions
from kiosk.ui.feedback.model import STANDING_COLOURS, standing_text
from kiosk.ui.session import UserSession

STEP_HEADERS = ("Thời gian", "Việc", "Người thực hiện", "Phòng, đơn vị", "Nội dung")


class FeedbackDetail(QDialog):
    changed = Signal(object)  # FeedbackView after forwarding, a note or the answer

    def __init__(
        self,
        view: FeedbackView,
        *,
        feedback: FeedbackService,
        session: UserSession,
        print_slip: Callable[[Document], object],
        office: Callable[[], OfficeSettings],
        zone: ZoneInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._feedback = feedback
        self._session = session
        self._print = print_slip
        self._office = office
        self._zone = zone
        self.view = view
        self.resize(1000, 640)

        self.title = QLabel()
        self.title.setProperty("role", "big")
        self.standing = QLabel()
        self.standing.setObjectName("feedback_standing")
        self.facts = QFormLayout()
        self.steps = QTableWidget(0, len(STEP_HEADERS))
        self.steps.setObjectName("feedback_steps")
        self.steps.setHorizontalHeaderLabels(list(STEP_HEADERS))
        self.steps.verticalHeader().setVisible(False)
        self.steps.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.steps.setWordWrap(True)

        self.forward_button = QPushButton("Chuyển phòng…")
        self.forward_button.clicked.connect(self.forward)
        self.note_button = QPushButton("Ghi chú…")
        self.note_button.clicked.connect(self.note)
        self.answer_button = QPushButton("Trả lời…")
        self.answer_button.setProperty("role", "primary")
        self.answer_button.clicked.connect(self.answer)
        self.print_button = QPushButton("In phiếu tiếp nhận")
        self.print_button.clicked.connect(self.print_slip)
        close = QPushButton("Đóng (Esc)")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.forward_button, self.note_button, self.answer_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_slip)

        facts_box = QWidget()
        facts_box.setLayout(self.facts)
        steps_heading = QLabel("Quá trình xử lý")
        steps_heading.setProperty("role", "heading")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.standing)
        layout.addWidget(facts_box)
        layout.addWidget(steps_heading)
        layout.addWidget(self.steps, 1)
        layout.addLayout(buttons)
        self._show()

    # -- showing ------------------------------------------------------------------------------------------------------

    def _show(self) -> None:
        v = self.view
        self.setWindowTitle(f"{KIND_LABELS[v.kind]} số {v.label}")
        self.title.setText(f"{KIND_LABELS[v.kind]} số {v.label}")
        due = f"Hạn trả lời {_day(v.due_date)}"
        self.standing.setText(f"{standing_text(v.standing)} · {due}")
        colour = STANDING_COLOURS.get(v.standing, "#ffffff")
        self.standing.setStyleSheet(f"background: {colour}; border: 1px solid #d5dae1; padding: 4px 8px;")
        while self.facts.rowCount():
            self.facts.removeRow(0)
        rows = [
            ("Nội dung", v.content),
            ("Người phản ánh", (v.citizen_name or "(không ghi tên)") + (f" – {v.phone}" if v.phone else "")),
            ("Hình thức", f"{CHANNEL_LABELS[v.channel]}, nhận lúc {self._at(v.received_at)} ({v.user_full_name})"),
        ]
        if v.dossier_code:
            rows.append(("Hồ sơ liên quan", v.dossier_code))
        if v.deadline_note:
            rows.append(("Thời hạn", v.deadline_note))
        if v.office:
            rows.append(("Đang xử lý tại", v.office))
        if v.answer is not None:
            rows.append(("Đã trả lời", f"{self._at(v.answered_at)}: {v.answer}"))
        for label, value in rows:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(f"{label}:", text)
        self.steps.setRowCount(len(v.steps))
        for row, s in enumerate(v.steps):
            cells = (self._at(s.at), STEP_LABELS[s.action], s.user_full_name, s.office or "", s.text)
            for column, value in enumerate(cells):
                self.steps.setItem(row, column, QTableWidgetItem(value))
        self.steps.resizeColumnsToContents()
        for column in range(len(STEP_HEADERS) - 1):
            self.steps.setColumnWidth(column, self.steps.columnWidth(column) + 16)
        self.steps.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.steps.resizeRowsToContents()
        still_open = v.state is FeedbackState.OPEN
        self.forward_button.setEnabled(still_open)
        self.answer_button.setEnabled(still_open)
        if still_open:
            self.answer_button.setFocus()

    def _at(self, value: datetime | None) -> str:
        return value.astimezone(self._zone).strftime("%H:%M %d/%m/%Y") if value is not None else "—"

    # -- actions ------------------------------------------------------------------------------------------------------

    def forward(self) -> bool:
        chosen = actions.ForwardDialog.ask(list(self._office().specialist_offices), self)
        if chosen is None:
            return False
        return self._apply(
            lambda: self._feedback.forward(
                self.view.number, chosen.office, year=self.view.year, note=chosen.note, by=self._session.actor
            )
        )

    def note(self) -> bool:
        text = actions.NoteDialog.ask(self)
        if text is None:
            return False
        return self._apply(
            lambda: self._feedback.note(self.view.number, text, year=self.view.year, by=self._session.actor)
        )

    def answer(self) -> bool:
        offices = list(self._office().specialist_offices)
        given = actions.AnswerDialog.ask(_day(self.view.due_date), offices, self)
        if given is None:
            return False
        return self._apply(
            lambda: self._feedback.answer(
                self.view.number, given.text, year=self.view.year, office=given.office, by=self._session.actor
            )
        )

    def print_slip(self) -> None:
        self._print(feedback_slip(self.view, self._office(), self._zone))

    def _apply(self, work: Callable[[], FeedbackView]) -> bool:
        try:
            self.view = work()
        except KioskError as exc:
            messages.warn(self, f"Phản ánh, kiến nghị số {self.view.label}", exc.message)
            return False
        self._show()
        self.changed.emit(self.view)
        return True


def _day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day:%d/%m/%Y}"
