"""The first start, killed: SIGKILL at random moments while a new station creates, migrates and seeds its database.

Each trial starts a real ``kiosk user list`` on an empty folder (the same start-up as the desk's: create the file,
run every migration, seed the catalog and the calendar, add the built-in accounts) and kills it once or twice at a
random moment between the file's creation and the end of an unbroken first start; after each kill the file must
pass ``integrity_check``. Then the command runs to its end, and the database must be the same as an unbroken first
start's: at the newest schema, the same rows in every table (the seeded catalog and calendar, the accounts), the
audit chain sound, every synced row in the outbox. ``FIRST_START_KILLS`` sets the trials.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.models.schema import SCHEMA_REVISION
from tests.reliability.harness import ROOT
from tests.reliability.invariants import integrity, outbox_complete, readonly

TRIALS = int(os.environ.get("FIRST_START_KILLS", "6"))  # about 2 s each
#: Tables whose rows depend on the moment (the audit log's times, the outbox's numbering): counted, not compared.
_COUNTED_ONLY = {"audit_log", "sync_outbox", "alembic_version"}


def first_start(home: Path) -> subprocess.Popen[bytes]:
    env = os.environ | {"KIOSK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "user", "list"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def database(home: Path) -> Path:
    return home / "data" / "kiosk.sqlite3"


def contents(db: Path) -> dict[str, object]:
    """Every table's rows (sorted), or only their number where they depend on the moment; and the revision."""
    found: dict[str, object] = {}
    with closing(sqlite3.connect(db)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            if table in _COUNTED_ONLY or table.startswith("sqlite_"):
                found[table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                continue
            columns = [(r[1], r[2].upper()) for r in conn.execute(f'PRAGMA table_info("{table}")')]
            # ids and times are made afresh by each start: what must match is everything else
            kept = [c for c, kind in columns if c != "id" and not c.endswith("_id") and kind != "DATETIME"]
            names = ", ".join(f'"{c}"' for c in kept) or "1"
            found[table] = sorted(map(repr, conn.execute(f'SELECT {names} FROM "{table}"')))
        found["revision"] = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    return found


def stage(db: Path) -> str:
    """How far a killed first start got: no file, a revision, or the schema done and the catalog seeded."""
    if not db.exists():
        return "no file"
    try:
        with readonly(db) as conn:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != SCHEMA_REVISION:
                return f"at {revision[0] if revision else 'no'} revision"
            seeded = conn.execute("SELECT count(*) FROM procedure").fetchone()[0]
    except sqlite3.DatabaseError:
        return "no revision yet"
    return "seeded" if seeded else "migrated, not seeded"


@pytest.fixture(scope="module")
def unbroken(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], float]:
    """An unbroken first start: what it leaves, and how long it takes once the database file is there."""
    home = tmp_path_factory.mktemp("unbroken")
    done = first_start(home)
    created = until_created(database(home), done)
    _, err = done.communicate(timeout=120)
    assert done.returncode == 0, err.decode()
    return contents(database(home)), time.monotonic() - created


def until_created(db: Path, process: subprocess.Popen[bytes]) -> float:
    """When the database file appeared (the interpreter's start before it is of no interest)."""
    while not db.exists() and process.poll() is None:
        time.sleep(0.001)
    return time.monotonic()


def test_a_first_start_killed_anywhere_finishes_at_the_next(
    unbroken: tuple[dict[str, object], float], tmp_path: Path
) -> None:
    reference, seconds = unbroken
    assert reference["revision"] == SCHEMA_REVISION and reference["procedure"]  # the catalog was seeded
    rng = random.Random(int(os.environ.get("SOAK_SEED", "1")))
    landed = []
    stages: Counter[str] = Counter()
    for trial in range(TRIALS):
        home = tmp_path / f"station-{trial}"
        for _kill in range(rng.choice((1, 1, 2))):
            process = first_start(home)
            until_created(database(home), process)
            moment = rng.uniform(0.0, seconds)
            time.sleep(moment)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            db = database(home)
            landed.append(f"{moment:.2f}s:{'killed' if process.returncode == -signal.SIGKILL else 'done'}")
            stages[stage(db)] += 1
            if db.exists():
                copy = tmp_path / "after-kill.sqlite3"  # a copy: a read-only look cannot roll back a journal
                for suffix in ("", "-wal", "-journal"):
                    if Path(f"{db}{suffix}").exists():
                        shutil.copyfile(f"{db}{suffix}", f"{copy}{suffix}")
                with readonly(copy) as conn:
                    assert integrity(conn) == [], f"trial {trial}, killed at {moment:.2f} s"
                for suffix in ("", "-wal", "-journal", "-shm"):
                    Path(f"{copy}{suffix}").unlink(missing_ok=True)
        finished = first_start(home)
        _, err = finished.communicate(timeout=120)
        assert finished.returncode == 0, f"trial {trial}: the next start failed: {err.decode()}"
        after = contents(database(home))
        assert after == reference, f"trial {trial} ({landed[-2:]}): not what an unbroken first start leaves"
        with readonly(database(home)) as conn:
            assert integrity(conn) == [] and outbox_complete(conn) == []
        verify = subprocess.run(
            [sys.executable, "-m", "kiosk", "audit", "verify"],
            cwd=ROOT,
            env=os.environ | {"KIOSK_HOME": str(home)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert verify.returncode == 0, verify.stdout + verify.stderr
    print(f"first start: {len(landed)} kills, the database left {dict(stages)}")
    assert any(m.endswith("killed") for m in landed)  # the kills did land inside the start-up
