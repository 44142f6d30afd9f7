"""What a station database must hold at any moment the program can die at, checked on the real SQLite file.

The checks read the file without changing it (read-only, so a killed worker's write-ahead log stays for the next
start to recover, as it would at the desk). Each returns the problems it found, in words; none means it holds:

* SQLite: ``integrity_check`` is ok, ``foreign_key_check`` is empty.
* Numbers: codes unique and spelled from their day and sequence; each receipt day's sequence in the station's
  block is start..start+n-1 without a hole; each year's ledger numbers are 1..n; print jobs are numbered 1..n.
* No half-written dossier: it has papers (positions 1..n) and events (seq 1..n, the first one the registration);
  its state is its last event's; voided, re-appointed, result, return and end moments agree with its events.
* Print jobs marked sent have their bytes, their document and a sent time.
* The journal (what the worker durably did): every dossier it registered exists with its events and papers,
  every receipt it printed is a sent job of that dossier, every event it recorded is there as recorded.
* Sync: before any sync, every row of a synced table waits in the outbox; after one, every dossier and event changed
  since the last attempt does, and every row that is not waiting is on the central server as it is here.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.services.dossier_numbers import format_code

ENDED = ("withdrawn", "stopped", "closed")


@dataclass(frozen=True)
class Numbering:
    agency_code: str
    start: int = 1
    end: int = 9999


# -- the journal ------------------------------------------------------------------------------------------------------


@dataclass
class Facts:
    """What the worker's journal says happened durably, gathered over every life."""

    registered: dict[str, str] = field(default_factory=dict)  # code -> dossier id (32 hex digits)
    printed: list[tuple[str, int]] = field(default_factory=list)  # (code, job number)
    events: list[tuple[str, int, str, str]] = field(default_factory=list)  # (code, seq, action, state after)
    syncs: int = 0
    done: Counter[str] = field(default_factory=Counter)  # steps completed, by name
    refused: Counter[str] = field(default_factory=Counter)  # "op Error"
    idle: Counter[str] = field(default_factory=Counter)  # steps that found nothing to do
    lives: int = 0  # "ready" lines: worker starts that got to work

    def apply(self, line: str) -> None:
        kind, *rest = line.split(" ")
        if kind == "registered":
            self.registered[rest[0]] = rest[1]
        elif kind == "printed":
            self.printed.append((rest[0], int(rest[1])))
        elif kind == "event":
            self.events.append((rest[0], int(rest[1]), rest[2], rest[3]))
        elif kind == "synced":
            self.syncs += 1
        elif kind == "done":
            self.done[rest[0]] += 1
        elif kind == "refused":
            self.refused[" ".join(rest)] += 1
        elif kind == "idle":
            self.idle[rest[0]] += 1
        elif kind == "ready":
            self.lives += 1
        elif kind not in ("begin", "start", "tx"):
            raise ValueError(f"unknown journal line: {line!r}")


class JournalReader:
    """Reads the lines appended since the last call; a last line without its newline waits for the next call."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.facts = Facts()
        self._offset = 0

    def update(self) -> list[str]:
        if not self.path.exists():
            return []
        with self.path.open("rb") as file:
            file.seek(self._offset)
            data = file.read()
        end = data.rfind(b"\n") + 1
        self._offset += end
        lines = data[:end].decode().splitlines()
        for line in lines:
            self.facts.apply(line)
        return lines


# -- the checks -------------------------------------------------------------------------------------------------------


def readonly_uri(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


@contextmanager
def readonly(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(readonly_uri(path), uri=True, timeout=30)
    try:
        yield conn
    finally:
        conn.close()


def check_database(path: Path, facts: Facts, numbering: Numbering, *, quick: bool = False) -> list[str]:
    """Every local invariant; ``quick`` runs SQLite's quick_check instead of the full integrity_check."""
    if not path.exists():
        return [f"no database at {path}"]
    try:
        with readonly(path) as conn:
            problems = integrity(conn, quick=quick)
            if problems:
                return problems  # what the file says beyond this is not to be trusted
            problems += foreign_keys(conn)
            for check in (numbers, half_written, print_jobs):
                problems += check(conn, numbering)
            problems += journal_facts(conn, facts)
            problems += outbox_complete(conn)
            return problems
    except sqlite3.DatabaseError as exc:
        return [f"the database cannot be read: {exc}"]


def integrity(conn: sqlite3.Connection, *, quick: bool = False) -> list[str]:
    pragma = "quick_check" if quick else "integrity_check"
    result = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
    return [] if result == ["ok"] else [f"{pragma}: {r}" for r in result[:20]]


def foreign_keys(conn: sqlite3.Connection) -> list[str]:
    return [
        f"foreign_key_check: {table} row {rowid} points to a missing {parent}"
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchmany(20)
    ]


def numbers(conn: sqlite3.Connection, numbering: Numbering) -> list[str]:
    problems = [f"code {code} is used {n} times" for code, n in _rows(conn, _DUPLICATE_CODES)]
    for code, day, seq in conn.execute("SELECT code, receipt_day, day_seq FROM dossier"):
        expected = format_code(numbering.agency_code, date.fromisoformat(day), seq)
        if code != expected:
            problems.append(f"code {code} does not match its day and sequence ({expected})")
        if not numbering.start <= seq <= numbering.end:
            problems.append(f"code {code}: sequence {seq} outside the station's block")
    for day, n, distinct, low, high in conn.execute(_DAY_SEQUENCES, (numbering.start, numbering.end)):
        if (distinct, low, high) != (n, numbering.start, numbering.start + n - 1):
            problems.append(f"day {day}: {n} dossiers numbered {low}..{high} ({distinct} distinct): a gap or a repeat")
    for year, n, distinct, low, high in conn.execute(_LEDGER_NUMBERS):
        if (distinct, low, high) != (n, 1, n):
            problems.append(f"ledger {year}: {n} entries numbered {low}..{high} ({distinct} distinct)")
    for code, year, day in _rows(conn, "SELECT code, ledger_year, receipt_day FROM dossier"):
        if int(day[:4]) != year:
            problems.append(f"code {code}: ledger year {year} is not the year of its receipt day {day}")
    return problems


def half_written(conn: sqlite3.Connection, _numbering: Numbering) -> list[str]:
    problems = [f"dossier {c}: no first event, or the first is {a!r}" for c, a in _rows(conn, _NO_REGISTER_EVENT)]
    problems += [f"dossier {c}: events seq {lo}..{hi} for {n} events" for c, n, lo, hi in _rows(conn, _EVENT_SEQS)]
    problems += [f"dossier {c}: state {s!r}, last event says {t!r}" for c, s, t in _rows(conn, _STATE_VS_EVENT)]
    problems += [f"dossier {c}: {n} papers at positions {lo}..{hi}" for c, n, lo, hi in _rows(conn, _PAPERS)]
    problems += [f"event {a} of a missing dossier {d}" for d, a in _rows(conn, _ORPHAN_EVENTS)]
    problems += [f"paper of a missing dossier {d}" for (d,) in _rows(conn, _ORPHAN_PAPERS)]
    for code, what in _rows(conn, _MOMENTS):
        problems.append(f"dossier {code}: {what}")
    return problems


def print_jobs(conn: sqlite3.Connection, _numbering: Numbering) -> list[str]:
    problems = []
    n, distinct, low, high = conn.execute(
        "SELECT count(*), count(DISTINCT number), min(number), max(number) FROM print_job"
    ).fetchone()
    if n and (distinct, low, high) != (n, 1, n):
        problems.append(f"print jobs: {n} numbered {low}..{high} ({distinct} distinct)")
    for number, what in _rows(conn, _SENT_JOBS):
        problems.append(f"print job {number} is marked sent but {what}")
    return problems


def journal_facts(conn: sqlite3.Connection, facts: Facts) -> list[str]:
    problems = []
    dossiers = {code: (ident, papers) for code, ident, papers in conn.execute(_DOSSIER_IDS)}
    events = {(code, seq): (action, state) for code, seq, action, state in conn.execute(_EVENTS)}
    for code, ident in facts.registered.items():
        if code not in dossiers:
            problems.append(f"registered dossier {code} is missing")
            continue
        if dossiers[code][0] != ident:
            problems.append(f"registered dossier {code} has another id ({dossiers[code][0]}, journal {ident})")
        if (code, 1) not in events:
            problems.append(f"registered dossier {code} has no registration event")
        if not dossiers[code][1]:
            problems.append(f"registered dossier {code} has no papers")
    jobs = {number: (code, status) for number, code, status in conn.execute(_JOBS)}
    for code, number in facts.printed:
        if code not in dossiers:
            problems.append(f"dossier {code}, whose receipt was printed (job {number}), is missing")
        elif number not in jobs:
            problems.append(f"print job {number} (receipt of {code}) is missing")
        elif jobs[number] != (code, "sent"):
            problems.append(f"print job {number} printed for {code} is now {jobs[number]}")
    for code, seq, action, state in facts.events:
        found = events.get((code, seq))
        if found != (action, state):
            problems.append(f"event {seq} of {code} recorded as {action} → {state}, found {found}")
    return problems


def synced_tables(conn: sqlite3.Connection) -> list[str]:
    """The synced tables this database has (a newer code may list one its schema has not got yet)."""
    from kiosk.models.sync import SYNCED_TABLES

    present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [t for t in SYNCED_TABLES if t in present]


def unsent_rows(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Per synced table, the ids of the rows that are not waiting in the outbox."""
    return {
        table: [row_id for (row_id,) in conn.execute(_NOT_IN_OUTBOX.format(table=table), (table,))]
        for table in synced_tables(conn)
    }


def outbox_complete(conn: sqlite3.Connection) -> list[str]:
    """Before any sync attempt, every row of a synced table waits in the outbox; after one, every dossier and event
    changed since the last attempt began does (the rest is for ``central_agrees``: an attempt killed after the
    server's commit has sent its rows without being recorded as a success)."""
    (attempt,) = conn.execute("SELECT last_attempt_at FROM sync_state WHERE id = 1").fetchone()
    problems = []
    triggers = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for table in synced_tables(conn):
        missing = [
            f"sync_{table}_{op}" for op in ("insert", "update", "delete") if f"sync_{table}_{op}" not in triggers
        ]
        if missing:
            problems.append(f"table {table} lacks the outbox triggers {missing}")
    if attempt is None:
        for table, ids in unsent_rows(conn).items():
            if ids:
                problems.append(f"{len(ids)} rows of {table} never synced are not in the outbox, e.g. {ids[0]}")
        return problems
    for table, column in (("dossier", "updated_at"), ("dossier_event", "at")):
        query = _CHANGED_NOT_IN_OUTBOX.format(table=table, column=column)
        n, example = conn.execute(query, (attempt, table)).fetchone()
        if n:
            problems.append(f"{n} rows of {table} changed since the last sync are not in the outbox, e.g. {example}")
    return problems


def central_agrees(path: Path, central_url: str) -> list[str]:
    """Every row not waiting in the outbox is on the central server, column for column (its fingerprint)."""
    from sqlalchemy import create_engine, select

    from kiosk.config import SyncSettings
    from kiosk.models import Base
    from kiosk.models.central.tables import MIRRORS
    from kiosk.services.sync.central import central_engine
    from kiosk.services.sync.push import columns
    from kiosk.services.sync.verify import _fingerprint

    local = create_engine("sqlite://", creator=lambda: sqlite3.connect(readonly_uri(path), uri=True))
    central = central_engine(SyncSettings(url=central_url, sslmode="disable"))
    problems: list[str] = []
    try:
        with closing(sqlite3.connect(readonly_uri(path), uri=True)) as raw:
            unsent = unsent_rows(raw)
        with local.connect() as lconn, central.connect() as cconn:
            for table, ids in unsent.items():
                names = columns(table)
                key = names.index("id")
                mine, theirs = Base.metadata.tables[table], MIRRORS[table]
                for chunk in _chunks(ids, 500):
                    wanted = [_uuid(i) for i in chunk]
                    here = {
                        row[key]: _fingerprint(row)
                        for row in lconn.execute(select(*[mine.c[n] for n in names]).where(mine.c.id.in_(wanted)))
                    }
                    there = {
                        row[key]: _fingerprint(row)
                        for row in cconn.execute(select(*[theirs.c[n] for n in names]).where(theirs.c.id.in_(wanted)))
                    }
                    for ident, fingerprint in here.items():
                        if ident not in there:
                            problems.append(f"{table} row {ident.hex} is neither in the outbox nor on the server")
                        elif there[ident] != fingerprint:
                            problems.append(f"{table} row {ident.hex} is not in the outbox but differs on the server")
                    if len(problems) > 20:
                        return problems
    finally:
        local.dispose()
        central.dispose()
    return problems


# -- queries ----------------------------------------------------------------------------------------------------------

_DUPLICATE_CODES = "SELECT code, count(*) FROM dossier GROUP BY code HAVING count(*) > 1"
_DAY_SEQUENCES = (
    "SELECT receipt_day, count(*), count(DISTINCT day_seq), min(day_seq), max(day_seq) FROM dossier "
    "WHERE day_seq BETWEEN ? AND ? GROUP BY receipt_day"
)
_LEDGER_NUMBERS = (
    "SELECT ledger_year, count(*), count(DISTINCT ledger_number), min(ledger_number), max(ledger_number) "
    "FROM dossier GROUP BY ledger_year"
)
_NO_REGISTER_EVENT = (
    "SELECT d.code, e.action FROM dossier d LEFT JOIN dossier_event e ON e.dossier_id = d.id AND e.seq = 1 "
    "WHERE e.id IS NULL OR e.action != 'register'"
)
_EVENT_SEQS = (
    "SELECT d.code, count(*), min(e.seq), max(e.seq) FROM dossier d JOIN dossier_event e ON e.dossier_id = d.id "
    "GROUP BY d.id HAVING min(e.seq) != 1 OR max(e.seq) != count(*) OR count(DISTINCT e.seq) != count(*)"
)
_STATE_VS_EVENT = (
    "SELECT d.code, d.state, e.to_state FROM dossier d JOIN dossier_event e ON e.dossier_id = d.id "
    "AND e.seq = (SELECT max(seq) FROM dossier_event WHERE dossier_id = d.id) WHERE e.to_state IS NOT d.state"
)
_PAPERS = (
    "SELECT d.code, count(p.id), min(p.position), max(p.position) FROM dossier d "
    "LEFT JOIN dossier_document p ON p.dossier_id = d.id GROUP BY d.id "
    "HAVING count(p.id) = 0 OR min(p.position) != 1 OR max(p.position) != count(p.id)"
)
_ORPHAN_EVENTS = (
    "SELECT e.dossier_id, e.action FROM dossier_event e LEFT JOIN dossier d ON d.id = e.dossier_id WHERE d.id IS NULL"
)
_ORPHAN_PAPERS = (
    "SELECT p.dossier_id FROM dossier_document p LEFT JOIN dossier d ON d.id = p.dossier_id WHERE d.id IS NULL"
)


def _has(action: str) -> str:
    return f"EXISTS (SELECT 1 FROM dossier_event e WHERE e.dossier_id = d.id AND e.action = '{action}')"


_ENDED = ", ".join(f"'{s}'" for s in ENDED)
_MOMENTS = " UNION ALL ".join(
    f"SELECT code, '{what}' FROM dossier d WHERE {condition}"
    for what, condition in (
        ("voided_at disagrees with its void event", f"(d.voided_at IS NOT NULL) != {_has('void')}"),
        ("reappointed_at disagrees with its events", f"(d.reappointed_at IS NOT NULL) != {_has('reappoint')}"),
        (
            "result_ready_at, outcome and state disagree",
            "(d.result_ready_at IS NOT NULL) != (d.state IN ('result_ready', 'returned')) "
            "OR (d.outcome IS NOT NULL) != (d.result_ready_at IS NOT NULL)",
        ),
        ("returned_at and state disagree", "(d.returned_at IS NOT NULL) != (d.state = 'returned')"),
        ("ended_at and state disagree", f"(d.ended_at IS NOT NULL) != (d.state IN ({_ENDED}))"),
    )
)
_SENT_JOBS = " UNION ALL ".join(
    f"SELECT number, '{what}' FROM print_job WHERE status = 'sent' AND {condition}"
    for what, condition in (
        ("has empty bytes", "length(payload) = 0"),  # NULL: dropped a day after printing (prune)
        ("has no document", "(document IS NULL OR length(document) = 0)"),
        ("has no sent time", "sent_at IS NULL"),
        ("was never attempted", "attempts < 1"),
    )
)
_DOSSIER_IDS = "SELECT d.code, d.id, EXISTS (SELECT 1 FROM dossier_document p WHERE p.dossier_id = d.id) FROM dossier d"
_EVENTS = "SELECT d.code, e.seq, e.action, e.to_state FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id"
_JOBS = "SELECT j.number, d.code, j.status FROM print_job j LEFT JOIN dossier d ON d.id = j.dossier_id"
_NOT_IN_OUTBOX = "SELECT id FROM {table} WHERE id NOT IN (SELECT row_id FROM sync_outbox WHERE tbl = ?)"
_CHANGED_NOT_IN_OUTBOX = (
    "SELECT count(*), min(id) FROM {table} WHERE {column} > ? "
    "AND id NOT IN (SELECT row_id FROM sync_outbox WHERE tbl = ?)"
)


def _rows(conn: sqlite3.Connection, query: str) -> list[Any]:
    return conn.execute(query).fetchmany(50)


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _uuid(value: str) -> Any:
    from uuid import UUID

    return UUID(hex=value)
