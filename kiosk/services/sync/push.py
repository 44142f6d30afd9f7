"""Sending the outbox to the central database, batch by batch.

A batch is the outbox's oldest entries. Their rows are read in one local snapshot: a row that still exists is
upserted by its UUID (COPY into a staging table, then one INSERT … ON CONFLICT that rewrites a central row only
when something differs), a row that no longer exists is deleted. The entries are removed only after the central
commit; a run cut anywhere leaves them, and sending them again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from kiosk.models import Database
from kiosk.models.central.tables import MIRRORS
from kiosk.models.sync import SYNCED_TABLES


@dataclass(frozen=True)
class Batch:
    first: int
    last: int
    rows: dict[str, list[tuple[Any, ...]]]
    gone: dict[str, list[str]]

    @property
    def size(self) -> int:
        return sum(map(len, self.rows.values())) + sum(map(len, self.gone.values()))


def columns(table: str) -> list[str]:
    """The columns that travel: the central mirror's, less the ``station`` the server fills in."""
    return [c.name for c in MIRRORS[table].columns if c.name != "station"]


def waiting(db: Database) -> int:
    with db.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one())


def read_batch(db: Database, size: int) -> Batch | None:
    """The oldest ``size`` outbox entries and their rows as SQLite stores them, read in one snapshot."""
    with db.connect() as conn, conn.begin():
        bounds = conn.exec_driver_sql(
            "SELECT min(seq), max(seq) FROM (SELECT seq FROM sync_outbox ORDER BY seq LIMIT ?)", (size,)
        ).one()
        if bounds[0] is None:
            return None
        first, last = int(bounds[0]), int(bounds[1])
        rows: dict[str, list[tuple[Any, ...]]] = {}
        gone: dict[str, list[str]] = {}
        for table in SYNCED_TABLES:
            names = ", ".join(f"t.{c}" for c in columns(table))
            # "+o.tbl" keeps SQLite on the sequence range rather than walking every entry of the table.
            entries = conn.exec_driver_sql(
                f"SELECT o.row_id, t.id IS NULL, {names} FROM sync_outbox o LEFT JOIN {table} t ON t.id = o.row_id "
                "WHERE o.seq BETWEEN ? AND ? AND +o.tbl = ?",
                (first, last, table),
            ).fetchall()
            found = [tuple(e[2:]) for e in entries if not e[1]]
            missing = [str(e[0]) for e in entries if e[1]]
            if found:
                rows[table] = found
            if missing:
                gone[table] = missing
        return Batch(first, last, rows, gone)


def send_batch(conn: Connection, batch: Batch) -> None:
    """Write the batch in the caller's central transaction (parents first; deletions children first)."""
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cur:
        for table in SYNCED_TABLES:
            found = batch.rows.get(table)
            if not found:
                continue
            names = columns(table)
            listed = ", ".join(names)
            stage = f"sync_in_{table}"
            cur.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
            )
            with cur.copy(f"COPY {stage} ({listed}) FROM STDIN") as copy:
                for row in found:
                    copy.write_row(row)
            changed = [n for n in names if n != "id"]
            assignments = ", ".join(f"{n} = EXCLUDED.{n}" for n in changed)
            ours = ", ".join(f"{table}.{n}" for n in changed)
            theirs = ", ".join(f"EXCLUDED.{n}" for n in changed)
            cur.execute(
                f"INSERT INTO {table} ({listed}) SELECT {listed} FROM {stage} "
                f"ON CONFLICT (id) DO UPDATE SET {assignments} WHERE ({ours}) IS DISTINCT FROM ({theirs})"
            )
        for table in reversed(SYNCED_TABLES):
            ids = batch.gone.get(table)
            if ids:
                cur.execute(f"DELETE FROM {table} WHERE id = ANY(%s::uuid[])", (ids,))


def taken_codes(conn: Connection, batch: Batch) -> list[tuple[str, str]]:
    """The batch's dossier codes that another station already sent, with that station's name."""
    position = columns("dossier").index("code")
    codes = [row[position] for row in batch.rows.get("dossier", [])]
    found = conn.execute(text("SELECT code, station FROM taken_dossier_codes(:codes)"), {"codes": codes})
    return [(code, name) for code, name in found]


def confirm(db: Database, batch: Batch) -> None:
    """The central database has the batch: its entries can go (those renumbered by a newer change stay)."""
    with db.write() as session:
        session.execute(text("DELETE FROM sync_outbox WHERE seq <= :last"), {"last": batch.last})
