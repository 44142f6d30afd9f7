"""A station database with a million dossiers over ten years, built once and kept in .bench-cache/.

Written with plain SQL for speed, but shaped like a real desk's: the seeded procedures (with their fields),
three clerks, most dossiers long returned, the recent ones spread over the open states, due dates a week or
so after receipt; results ready a few days after receipt (most early or on time, some late), the ended ones with
their end date, so the reports count what a real desk would.
"""

from __future__ import annotations

import random
import sqlite3
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.config import DatabaseSettings, Settings
from kiosk.context import KioskContext, open_context
from kiosk.models.schema import SCHEMA_REVISION
from kiosk.paths import Paths
from kiosk.services.demo import FAMILY, GIVEN, MIDDLE
from kiosk.text import fold_name

CACHE = Path(__file__).resolve().parent.parent / ".bench-cache"
COUNT = 1_000_000
CLERKS = ("lan", "hung", "mai")
ENDED = ("withdrawn", "stopped", "closed")


def million_database() -> Path:
    """The cached database (built on first use: about a minute)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"dossiers-{COUNT}-schema-{SCHEMA_REVISION}-v3.sqlite3"
    if not path.exists():
        started = time.perf_counter()
        build(path, COUNT)
        print(f"(built {path.name} in {time.perf_counter() - started:.0f} s; kept for the next run)", flush=True)
    return path


def open_million() -> KioskContext:
    """The kiosk's services on the cached million-dossier database."""
    database = million_database()
    home = database.parent / "million-run"
    paths = Paths(home / "data", home / "config", home / "logs", home / "backups")
    return open_context(paths, settings=Settings(database=DatabaseSettings(path=str(database))))


def build(path: Path, count: int, *, history: bool = False, synced: bool = True) -> None:
    """``count`` dossiers; with ``history``, also their papers (the catalog's required ones) and events (received,
    result ready, returned). ``synced``: the central database has them all (the outbox is emptied)."""
    tmp = path.with_suffix(".partial")
    tmp.unlink(missing_ok=True)
    root = tmp.parent / "million-home"
    ctx = open_context(Paths(root / "data", root / "config", root / "logs", root / "backups"))
    source = ctx.settings.database_path(ctx.paths)
    ctx.close()
    tmp.write_bytes(source.read_bytes())
    conn = sqlite3.connect(tmp)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    versions = conn.execute("SELECT procedure_id, id, field FROM procedure_version").fetchall()
    clerks = []
    for username in CLERKS:
        clerk_id = uuid.uuid4().hex
        conn.execute(
            "INSERT INTO user_account (id, username, full_name, role, password_hash, active, created_at) "
            "VALUES (?, ?, ?, 'clerk', NULL, 1, '2016-01-01 00:00:00')",
            (clerk_id, username, username.title()),
        )
        clerks.append(clerk_id)
    rng = random.Random(11)
    start = datetime(2016, 1, 4, 1, 0, tzinfo=UTC)
    per_day = max(1, count // 3650)
    recent = count - 2_000
    weights = [8 if v[2].startswith("Văn bằng") else 1 for v in versions]

    def rows() -> Iterator[tuple[object, ...]]:
        for n in range(count):
            day_index, seq = divmod(n, per_day)
            received = start + timedelta(days=day_index, minutes=seq % 480)
            day = received.date()
            procedure, version, field = rng.choices(versions, weights)[0]
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            folded, given = fold_name(name)
            due = day + timedelta(days=rng.choice([0, 5, 7, 21]))
            if n < recent:
                state = rng.choices(["returned", "withdrawn", "stopped", "closed"], [95, 2, 1, 2])[0]
            else:
                state = rng.choice(["received", "in_process", "in_process", "supplement_requested", "result_ready"])
            stamp = received.replace(tzinfo=None).isoformat(" ")
            returned = (
                (received + timedelta(days=5)).replace(tzinfo=None).isoformat(" ") if state == "returned" else None
            )
            ready_day = day + timedelta(days=rng.choice([1, 2, 4, 5, 6, 7, 9]))
            ready = None
            timeliness = None
            if state in ("returned", "result_ready"):
                ready = datetime.combine(ready_day, received.time()).isoformat(" ")
                timeliness = "early" if ready_day < due else "on_time" if ready_day == due else "late"
            ended = (received + timedelta(days=3)).replace(tzinfo=None).isoformat(" ") if state in ENDED else None
            yield (
                uuid.uuid4().hex,
                f"000.00.10.H15-{day:%y%m%d}-{seq + 1:04d}",
                day.isoformat(),
                seq + 1,
                day.year,
                n + 1,
                procedure,
                version,
                field,
                name,
                folded,
                given,
                f"0{rng.choice('3579')}{rng.randrange(10**8):08d}",
                f"0{rng.randrange(10**11):011d}",
                stamp,
                day.isoformat(),
                due.isoformat(),
                due.isoformat(),
                state,
                returned,
                ready,
                timeliness,
                ended,
                clerks[n % len(clerks)],
                stamp,
                stamp,
            )

    conn.executemany(
        "INSERT INTO dossier (id, code, receipt_day, day_seq, ledger_year, ledger_number, procedure_id,"
        " procedure_version_id, procedure_field, applicant_kind, applicant_name, name_folded, given_name_folded,"
        " phone, id_number, received_at, counted_from, due_date, original_due_date, state, returned_at,"
        " result_ready_at, timeliness, ended_at, clerk_id, created_at, updated_at, address, email, vneid_checked,"
        " sets, delivery) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " 'person', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', 0, 1, 'counter')",
        rows(),
    )
    if history:
        _papers_and_events(conn)
    if synced:
        conn.execute("DELETE FROM sync_outbox")
    conn.commit()
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    tmp.replace(path)


def _papers_and_events(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO dossier_document (id, dossier_id, position, name, form, count, from_catalog) "
        "SELECT lower(hex(randomblob(16))), d.id, p.position, p.name, p.form, p.count, 1 "
        "FROM dossier d JOIN procedure_document p ON p.version_id = d.procedure_version_id AND NOT p.optional"
    )
    steps = (
        ("receive", "NULL", "'received'", "received_at", "TRUE"),
        ("result_ready", "'in_process'", "'result_ready'", "result_ready_at", "result_ready_at IS NOT NULL"),
        ("return", "'result_ready'", "'returned'", "returned_at", "returned_at IS NOT NULL"),
    )
    for seq, (action, before, after, at, when) in enumerate(steps, start=1):
        conn.execute(
            "INSERT INTO dossier_event (id, dossier_id, seq, at, user_id, action, from_state, to_state, data) "
            f"SELECT lower(hex(randomblob(16))), id, {seq}, {at}, clerk_id, '{action}', {before}, {after}, '{{}}' "
            f"FROM dossier WHERE {when}"
        )
