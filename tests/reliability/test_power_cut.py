"""The simulated power cut itself: it finds where the last commit ends in a real WAL, and what it leaves SQLite can
recover, committed rows whole and the transaction under way gone."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from tests.reliability.power_cut import cut_power, last_commit_end

WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA synchronous = FULL")
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("PRAGMA cache_size = 2")  # the transaction under way spills its pages into the WAL
conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, text TEXT)")
for n in range(100):
    conn.execute("INSERT INTO t VALUES (?, ?)", (n, "committed " * 50))
conn.execute("BEGIN")
for n in range(100, 3000):
    conn.execute("INSERT INTO t VALUES (?, ?)", (n, "under way " * 50))
print("ready", flush=True)
time.sleep(60)
"""


def killed_writer(db: Path) -> None:
    """A writer that committed 100 rows and was killed inside a transaction whose pages reached the WAL."""
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def test_the_tail_after_the_last_commit_is_found(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite3"
    killed_writer(db)
    wal = Path(f"{db}-wal").read_bytes()
    end = last_commit_end(wal)
    assert 32 < end < len(wal)  # committed frames, then the spilled pages of the transaction under way
    assert (end - 32) % (24 + 4096) == 0


def test_sqlite_recovers_what_a_power_cut_leaves(tmp_path: Path) -> None:
    for seed in range(6):
        db = tmp_path / f"t{seed}.sqlite3"
        killed_writer(db)
        what = cut_power(db, random.Random(seed))
        assert "after its last commit" in what and not Path(f"{db}-shm").exists()
        with closing(sqlite3.connect(db)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",), what
            assert conn.execute("SELECT count(*), max(n) FROM t").fetchone() == (100, 99), what
