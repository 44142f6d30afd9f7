"""The night's backup and sync while the app is open, on demand from a button, and what the status bar says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.clock import Clock
from kiosk.services.nightly import NightlyJobs, NightlyOutcome
from kiosk.services.sync.service import SyncService
from kiosk.ui.tasks import TaskRunner

CHECK_MS = 60_000
FIRST_CHECK_MS = 20_000  # after start-up: let the clerk log in before a missed night is caught up
STALE = timedelta(days=2)


class NightlyScheduler(QObject):
    changed = Signal()  # a job started or ended: the status bar asks label() again
    finished = Signal(object)  # NightlyOutcome

    def __init__(
        self,
        jobs: NightlyJobs,
        sync: SyncService,
        runner: TaskRunner,
        clock: Clock,
        zone: ZoneInfo,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self._sync = sync
        self._runner = runner
        self._clock = clock
        self._zone = zone
        self.busy = False
        self.last_outcome: NightlyOutcome | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self.check)

    def check(self) -> None:
        """Run what is due (the night's jobs, or the ones a switched-off PC missed)."""
        if not self.busy and self.jobs.due():
            self._launch(self.jobs.run_due)

    def sync_now(self) -> bool:
        return self._launch(lambda: self.jobs.run(backup=False))

    def now(self) -> bool:
        """The status bar's button: the sync when a central server is set, otherwise a backup."""
        return self.sync_now() if self._sync.configured else self.backup_now()

    def backup_now(self) -> bool:
        return self._launch(lambda: self.jobs.run(sync=False))

    def _launch(self, work: Callable[[], NightlyOutcome]) -> bool:
        if self.busy:
            return False
        self.busy = True
        self.changed.emit()
        self._runner.run(work, self._done, self._failed)
        return True

    def _done(self, outcome: NightlyOutcome) -> None:
        self.busy = False
        self.last_outcome = outcome
        self.changed.emit()
        self.finished.emit(outcome)

    def _failed(self, exc: BaseException) -> None:  # NightlyJobs.run keeps its errors: only a bug lands here
        self._done(NightlyOutcome(sync_error=str(exc) or type(exc).__name__))

    def label(self) -> tuple[str, bool, str]:
        """(text, fault, tooltip) for the status bar."""
        if self.busy:
            return "Đồng bộ, sao lưu: đang chạy…", False, "Công việc cuối ngày đang chạy; vẫn làm việc bình thường."
        status = self._sync.status()
        if not status.configured:
            if self.jobs.backup_error:
                return "Sao lưu lỗi ⚠", True, f"{self.jobs.backup_error}\n\nBấm để sao lưu lại."
            last = self.jobs.last_backup()
            tip = "Chưa cài đặt máy chủ trung tâm: chỉ sao lưu trên máy. Bấm để sao lưu ngay."
            return f"Sao lưu: {self._when(last)}", last is None, tip
        tip = f"Máy chủ: {status.target}\nĐồng bộ tốt gần nhất: {self._when(status.last_success_at)}"
        tip += f"\nĐang chờ gửi: {status.waiting} dòng\nBấm để đồng bộ ngay."
        if self.jobs.backup_error:
            return "Sao lưu lỗi ⚠", True, f"{self.jobs.backup_error}\n\n{status.last_error or ''}\n{tip}".strip()
        if status.last_error:
            return "Đồng bộ lỗi ⚠", True, f"{status.last_error}\n\n{tip}"
        text = f"Đồng bộ: {self._when(status.last_success_at)}"
        if status.waiting:
            text += f" · chờ {status.waiting}"
        stale = status.last_success_at is None or self._clock.now() - status.last_success_at > STALE
        return text, stale, tip

    def _when(self, at: datetime | None) -> str:
        if at is None:
            return "chưa có"
        local = at.astimezone(self._zone)
        today = self._clock.now().astimezone(self._zone).date()
        if local.date() == today:
            return f"{local:%H:%M}"
        if local.date() == today - timedelta(days=1):
            return f"{local:%H:%M} hôm qua"
        return f"{local:%H:%M %d/%m}"
