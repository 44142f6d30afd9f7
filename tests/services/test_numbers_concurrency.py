"""Two processes registering at the same moment never share a number and leave no gap."""

from __future__ import annotations

import multiprocessing
import multiprocessing.synchronize
import shutil
from pathlib import Path

from sqlalchemy import text

from kiosk.context import open_context
from kiosk.paths import Paths

PER_PROCESS = 40


def _register_many(home: str, barrier: multiprocessing.synchronize.Barrier, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from kiosk.services.dossier_views import Applicant
    from kiosk.services.registration import RegistrationInput

    paths = Paths(Path(home) / "data", Path(home) / "config", Path(home) / "logs", Path(home) / "backups")
    with open_context(paths) as ctx:
        by = ctx.users.cli()
        barrier.wait()
        codes = [
            ctx.registration.register(
                RegistrationInput("1.010020", Applicant("person", "Nguyễn Văn An", "0912345678")), by=by
            ).code
            for _ in range(PER_PROCESS)
        ]
    results.put(codes)


def test_two_processes_take_unique_gap_free_numbers(template_db: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    shutil.copyfile(template_db, home / "data" / "kiosk.sqlite3")
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    procs = [ctx.Process(target=_register_many, args=(str(home), barrier, results)) for _ in range(2)]
    for p in procs:
        p.start()
    codes = [c for _ in procs for c in results.get(timeout=120)]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    assert len(codes) == len(set(codes)) == 2 * PER_PROCESS
    paths = Paths(home / "data", home / "config", home / "logs", home / "backups")
    with open_context(paths) as check, check.db.read() as session:
        days = session.execute(
            text("SELECT receipt_day, count(*), min(day_seq), max(day_seq) FROM dossier GROUP BY 1")
        ).all()
        ledger = [n for (n,) in session.execute(text("SELECT ledger_number FROM dossier ORDER BY 1"))]
    assert sum(count for _, count, _, _ in days) == 2 * PER_PROCESS
    for _, count, low, high in days:
        assert (low, high) == (1, count)  # every number of the day used once, none skipped
    assert ledger == list(range(1, 2 * PER_PROCESS + 1))
