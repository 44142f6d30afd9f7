"""The night's jobs while the app runs: a backup, then the sync; a night the PC was off is caught up at start.

Each job is due when it has not succeeded since the last scheduled moment (the configured time, today or
yesterday); a sync that failed after that moment is tried again every half hour. Nothing here raises: the outcome
carries each job's result or its message, for the status bar.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kiosk.clock import Clock
from kiosk.config import NightlySettings
from kiosk.errors import KioskError, StorageError
from kiosk.services.backups import BackupResult, BackupService
from kiosk.services.sync.service import SyncResult, SyncService, SyncStatus

log = logging.getLogger(__name__)

RETRY = timedelta(minutes=30)
UNEXPECTED = "Lỗi không mong muốn; chi tiết đã ghi vào nhật ký."


def last_slot(now: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The latest scheduled moment not after ``now``: today at ``at`` in the office, or yesterday."""
    local = now.astimezone(zone)
    slot = datetime.combine(local.date(), at, tzinfo=zone)
    if slot > local:
        slot = datetime.combine(local.date() - timedelta(days=1), at, tzinfo=zone)
    return slot.astimezone(UTC)


@dataclass(frozen=True)
class NightlyOutcome:
    backup: BackupResult | None = None
    backup_error: str | None = None
    sync: SyncResult | None = None
    sync_error: str | None = None


class NightlyJobs:
    def __init__(
        self, backups: BackupService, sync: SyncService, settings: NightlySettings, clock: Clock, zone: ZoneInfo
    ) -> None:
        self._backups = backups
        self._sync = sync
        self.settings = settings
        self._clock = clock
        self._zone = zone
        #: The last backup's failure in this run of the app (a failed backup leaves no file to date it by).
        self.backup_error: str | None = None
        self._backup_failed_at: datetime | None = None

    def _slot(self) -> datetime:
        return last_slot(self._clock.now(), self.settings.time, self._zone)

    def last_backup(self) -> datetime | None:
        try:
            last = self._backups.last()
        except StorageError as exc:  # the folder cannot be read: no backup to count on; the next backup says why
            log.warning("cannot list the backups: %s", exc.message)
            return None
        return None if last is None else last.taken_at

    def backup_due(self) -> bool:
        """Not backed up since the last scheduled moment; after a failure, not again within half an hour (a full
        disk is not worth copying the whole database for every minute)."""
        last = self.last_backup()
        if last is not None and last >= self._slot():
            return False
        failed = self._backup_failed_at
        return failed is None or self._clock.now() - failed >= RETRY

    def sync_due(self, status: SyncStatus | None = None) -> bool:
        status = status or self._sync.status()
        if not status.configured:
            return False
        slot = self._slot()
        if status.last_success_at is not None and status.last_success_at >= slot:
            return False
        tried = status.last_attempt_at
        return tried is None or tried < slot or self._clock.now() - tried >= RETRY

    def due(self) -> bool:
        return self.settings.enabled and (self.backup_due() or self.sync_due())

    def run(self, *, backup: bool = True, sync: bool = True) -> NightlyOutcome:
        """The backup, then the sync (when a central server is set); each job's failure is kept, not raised."""
        made, backup_error, synced, sync_error = None, None, None, None
        if backup:
            try:
                made = self._backups.backup()
            except Exception as exc:
                backup_error = _message(exc, "backup")
            self.backup_error = backup_error
            self._backup_failed_at = self._clock.now() if backup_error else None
        if sync and self._sync.configured:
            try:
                synced = self._sync.run()
            except Exception as exc:
                sync_error = _message(exc, "sync")
        return NightlyOutcome(made, backup_error, synced, sync_error)

    def run_due(self) -> NightlyOutcome:
        return self.run(backup=self.backup_due(), sync=self.sync_due())


def _message(exc: Exception, job: str) -> str:
    if isinstance(exc, KioskError):
        return exc.message
    log.exception("nightly %s failed", job)
    return UNEXPECTED
