"""The nightly backup of the million-dossier database, integrity check of the copy included, in < 30 s; the file's
size beside it. Then the copy for the second folder (a USB disk, a share), encrypted to the supervisor's key, written,
read back from the disk and compared, in < 30 s, with its size. The copies are written into scratch folders beside
the cached database (the same disk, as at a desk) and removed afterwards."""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from pyrage import x25519

from bench.harness import Figure
from bench.million import million_database
from kiosk.clock import SystemClock
from kiosk.config import BackupSettings
from kiosk.services.backups import BackupResult, BackupService


class _TimedSecondCopy(BackupService):
    """The backup service, timing its second-folder step on its own."""

    second_seconds = 0.0

    def _copy_to_second(self, checked: Path, folder: Path) -> Path:
        started = time.perf_counter()
        try:
            return super()._copy_to_second(checked, folder)
        finally:
            self.second_seconds = time.perf_counter() - started


@dataclass(frozen=True)
class SecondCopy:
    seconds: float  # encrypting, writing, syncing, reading back and comparing, naming
    size: int  # bytes of the encrypted copy


def backup_once(database: Path, *, encrypted_copy: bool = False) -> tuple[BackupResult, SecondCopy | None]:
    """One backup of ``database`` into a scratch folder beside it, timed by the service itself; with
    ``encrypted_copy``, a second scratch folder gets the encrypted copy, timed on its own."""
    folder = Path(tempfile.mkdtemp(prefix="backup-run-", dir=database.parent))
    try:
        settings = BackupSettings()
        if encrypted_copy:
            (folder / "second").mkdir()
            recipient = str(x25519.Identity.generate().to_public())  # its private half is thrown away: a test key
            settings = BackupSettings(second_dir=str(folder / "second"), recipient=recipient)
        service = _TimedSecondCopy(database, folder / "backups", settings, SystemClock(), ZoneInfo("Asia/Ho_Chi_Minh"))
        result = service.backup()
        if not encrypted_copy:
            return result, None
        if result.second_copy is None:
            raise RuntimeError(f"no encrypted copy: {result.second_error}")
        return result, SecondCopy(service.second_seconds, result.second_copy.stat().st_size)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def figures(result: BackupResult, what: str, budget_s: float | None) -> list[Figure]:
    size_mb = result.size / 1_000_000
    return [
        Figure(f"backup: {what}, integrity check included", result.seconds, "s", budget_s),
        Figure(f"backup: {what}, file size", size_mb, "MB", None),
    ]


def run() -> list[Figure]:
    database = million_database()
    plain, _ = backup_once(database)
    _, second = backup_once(database, encrypted_copy=True)
    assert second is not None
    return [
        *figures(plain, "1,000,000 dossiers", 30),
        Figure("backup: encrypted 2nd copy, written and read back", second.seconds, "s", 30),
        Figure("backup: encrypted 2nd copy, file size", second.size / 1_000_000, "MB", None),
    ]
