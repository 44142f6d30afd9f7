"""The counter's status bar: who is at the desk, today's figures, the printer and the sync."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton

from kiosk.services.ledger import Counters, LedgerService
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.theme import set_role


class StatusPanel:
    def __init__(self, bar: QStatusBar, ledger: LedgerService, runner: TaskRunner) -> None:
        self._ledger = ledger
        self._runner = runner
        self.user = QLabel("")
        self.today = QLabel("")
        self.due = QLabel("")
        self.overdue = QLabel("")
        self.printer = QLabel("Máy in: chưa cài đặt")
        self.sync = QToolButton()  # pressed: sync now
        self.sync.setAutoRaise(True)
        self.sync.setText("Đồng bộ: …")
        self.survey = QLabel("")
        self.survey.setVisible(False)  # shown once a citizen is asked
        for label in (self.user, self.today, self.due, self.overdue):
            bar.addWidget(label)
        bar.addPermanentWidget(self.survey)
        bar.addPermanentWidget(self.printer)
        bar.addPermanentWidget(self.sync)

    def set_printer(self, text: str, fault: bool) -> None:
        self.printer.setText(text)
        set_role(self.printer, "alert" if fault else "")

    def set_sync(self, text: str, fault: bool, tip: str) -> None:
        self.sync.setText(text)
        self.sync.setToolTip(tip)
        set_role(self.sync, "alert" if fault else "")

    def set_survey(self, text: str, tip: str = "") -> None:
        """Whether the citizen is rating, has rated: never what they chose."""
        self.survey.setText(text)
        self.survey.setToolTip(tip)
        self.survey.setVisible(bool(text))

    def set_user(self, text: str) -> None:
        self.user.setText(text)

    def refresh(self) -> None:
        self._runner.run(self._ledger.counters, self._show, lambda exc: self.today.setText(str(exc)))

    def _show(self, counters: Counters) -> None:
        self.today.setText(f"Hôm nay: nhận {counters.received_today} · trả {counters.returned_today}")
        self.due.setText(f"Hẹn trả ngày làm việc tới: {counters.due_tomorrow}")
        self.overdue.setText(f"Quá hạn: {counters.overdue}" + (" ⚠" if counters.overdue else ""))
        set_role(self.overdue, "alert" if counters.overdue else "")
