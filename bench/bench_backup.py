"""The nightly backup of the million-dossier database, integrity check of the copy included, in < 30 s; the file's
size beside it. The copy is written into a scratch folder beside the cached database (the same disk, as at a desk)
and removed afterwards."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.harness import Figure
from bench.million import million_database
from kiosk.clock import SystemClock
from kiosk.config import BackupSettings
from kiosk.services.backups import BackupResult, BackupService


def backup_once(database: Path) -> BackupResult:
    """One backup of ``database`` into a scratch folder beside it, timed by the service itself."""
    folder = Path(tempfile.mkdtemp(prefix="backup-run-", dir=database.parent))
    try:
        service = BackupService(database, folder, BackupSettings(), SystemClock(), ZoneInfo("Asia/Ho_Chi_Minh"))
        return service.backup()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def figures(result: BackupResult, what: str, budget_s: float | None) -> list[Figure]:
    size_mb = result.size / 1_000_000
    return [
        Figure(f"backup: {what}, integrity check included", result.seconds, "s", budget_s),
        Figure(f"backup: {what}, file size", size_mb, "MB", None),
    ]


def run() -> list[Figure]:
    return figures(backup_once(million_database()), "1,000,000 dossiers", 30)
