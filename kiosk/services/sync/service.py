"""The station's sync: one run at a time, its outcome kept for the status bar, and the comparison on demand."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout
from sqlalchemy import func, select

from kiosk.clock import Clock
from kiosk.config import SyncSettings
from kiosk.errors import CentralError, KioskError
from kiosk.models import Database, SyncOutbox, SyncState
from kiosk.services.catalog import CatalogService
from kiosk.services.sync.address import shown_url
from kiosk.services.users import UserService

if TYPE_CHECKING:  # the driver and the central tables load only when a sync or a comparison runs
    from kiosk.services.sync.pull import PullResult
    from kiosk.services.sync.verify import VerifyReport

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (rows sent so far, entries still waiting)


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    target: str
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    waiting: int
    last_pushed: int
    last_pulled: int

    @property
    def failing(self) -> bool:
        return self.last_error is not None


@dataclass(frozen=True)
class SyncResult:
    pushed: int
    batches: int
    pulled: PullResult | None
    seconds: float


class SyncService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        catalog: CatalogService,
        users: UserService,
        settings: SyncSettings,
        lock_path: Path,
    ) -> None:
        self._db = db
        self._clock = clock
        self._catalog = catalog
        self._users = users
        self.settings = settings
        self._lock_path = lock_path

    @property
    def configured(self) -> bool:
        """A central server is set: there is something to sync with."""
        return bool(self.settings.url.strip())

    def status(self) -> SyncStatus:
        with self._db.read() as session:
            state = session.get(SyncState, 1)
            waiting = session.scalar(select(func.count()).select_from(SyncOutbox)) or 0
        assert state is not None
        target = ""
        if self.configured:
            try:
                target = shown_url(self.settings.url)
            except KioskError:
                target = "(địa chỉ không hợp lệ)"
        return SyncStatus(
            configured=self.configured,
            target=target,
            last_attempt_at=state.last_attempt_at,
            last_success_at=state.last_success_at,
            last_error=state.last_error,
            waiting=waiting,
            last_pushed=state.last_pushed,
            last_pulled=state.last_pulled,
        )

    def run(self, progress: Progress | None = None) -> SyncResult:
        """Send everything waiting, then take the newest publication; CentralError says why it stopped."""
        lock = FileLock(str(self._lock_path), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise CentralError("Một lần đồng bộ khác đang chạy trên máy này; hãy đợi nó xong.") from None
        try:
            self._record(attempt=True)
            try:
                result = self._run(progress)
            except KioskError as exc:
                self._record(error=exc.message)
                raise
            except Exception as exc:
                log.exception("sync failed")
                message = "Đồng bộ gặp lỗi không mong muốn; chi tiết đã ghi vào nhật ký. Dữ liệu trên máy vẫn an toàn."
                self._record(error=message)
                raise CentralError(message) from exc
            self._record(result=result)
            return result
        finally:
            lock.release()

    def verify(self, since: date | None = None) -> VerifyReport:
        """Count and checksum, per table and day, on both sides (from ``since`` when given)."""
        from kiosk.services.sync.central import central_engine, central_errors, check_revision
        from kiosk.services.sync.verify import central_tallies, compare, local_tallies

        local = local_tallies(self._db, since)
        engine = central_engine(self.settings)
        try:
            with central_errors(engine), engine.connect() as conn:
                check_revision(conn)
                central = central_tallies(conn, since)
        finally:
            engine.dispose()
        return compare(local, central)

    def _run(self, progress: Progress | None) -> SyncResult:
        import psycopg

        from kiosk.services.sync.central import central_engine, central_errors, check_revision, duplicate_code_message
        from kiosk.services.sync.pull import apply, fetch
        from kiosk.services.sync.push import confirm, read_batch, send_batch, taken_codes

        started = time.perf_counter()
        engine = central_engine(self.settings)
        pushed = batches = 0
        try:
            with central_errors(engine), engine.connect() as conn:
                check_revision(conn)
                conn.commit()
                waiting = self.status().waiting if progress is not None else 0
                while (batch := read_batch(self._db, self.settings.batch_size)) is not None:
                    try:
                        with conn.begin():
                            send_batch(conn, batch)
                    except psycopg.errors.UniqueViolation as exc:
                        if "uq_dossier_code" not in str(exc):
                            raise
                        with conn.begin():
                            raise CentralError(duplicate_code_message(taken_codes(conn, batch))) from exc
                    confirm(self._db, batch)
                    pushed += batch.size
                    batches += 1
                    if progress is not None:
                        progress(pushed, max(0, waiting - pushed))
                with self._db.read() as session:
                    state = session.get(SyncState, 1)
                    assert state is not None
                    seen = state.catalog_publication
                found = fetch(conn, seen)
                conn.commit()
        finally:
            engine.dispose()
        pulled = None
        if found is not None:
            pulled = apply(self._db, self._catalog, found, by=self._users.system(), now=self._clock.now())
        return SyncResult(pushed, batches, pulled, time.perf_counter() - started)

    def _record(self, *, attempt: bool = False, error: str | None = None, result: SyncResult | None = None) -> None:
        now = self._clock.now()
        with self._db.write() as session:
            state = session.get(SyncState, 1)
            assert state is not None
            if attempt:
                state.last_attempt_at = now
            if error is not None:
                state.last_error = error
            if result is not None:
                state.last_success_at = now
                state.last_error = None
                state.last_pushed = result.pushed
                state.last_pulled = result.pulled.total if result.pulled else 0
