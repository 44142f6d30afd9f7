"""The outbox the triggers keep: every synced table watched, one entry per row, history entered by 0007."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from kiosk.context import KioskContext
from kiosk.models.migrate import migrate
from kiosk.models.sync import SYNCED_TABLES

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def outbox(path: Path) -> list[tuple[int, str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT seq, tbl, row_id FROM sync_outbox ORDER BY seq").fetchall()


def test_every_synced_table_has_its_three_triggers(db_path: Path) -> None:
    """A batch migration rebuilds a table without its triggers: this catches one that forgets them."""
    with sqlite3.connect(db_path) as conn:
        found = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for table in SYNCED_TABLES:
        assert {f"sync_{table}_insert", f"sync_{table}_update", f"sync_{table}_delete"} <= found, table


def test_one_entry_per_row_renumbered_by_each_change(ctx: KioskContext) -> None:
    path = ctx.db.path
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM sync_outbox")
    admin = ctx.users.cli()

    def accounts() -> list[tuple[int, str, str]]:  # the audit log's entries for these changes go out too
        return [entry for entry in outbox(path) if entry[1] == "user_account"]

    user = ctx.users.add("lan", "Trần Thị Lan", "supervisor", "mat-khau-1", by=admin)
    first = accounts()
    assert [(t, r) for _s, t, r in first] == [("user_account", user.id.hex)]

    ctx.users.set_pin("lan", "246810", by=admin)  # not a column that leaves the PC
    assert accounts() == first
    with ctx.db.write() as session:
        session.execute(text("UPDATE user_account SET full_name = 'Trần Thị Lan (Tổ 1)' WHERE username = 'lan'"))
    ((seq, table, row),) = accounts()
    assert (table, row) == ("user_account", user.id.hex) and seq > first[0][0]


def test_migration_enters_the_existing_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    migrate(path, tmp_path / "b", now=NOW, target="0006")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO user_account (id, username, full_name, role, active, created_at) "
            "VALUES ('0000000000000000000000000000000a', 'lan', 'Lan', 'clerk', 1, '2026-01-01 00:00:00')"
        )
        users = conn.execute("SELECT count(*) FROM user_account").fetchone()[0]

    migrate(path, tmp_path / "b", now=NOW)

    entries = outbox(path)
    assert len(entries) == users
    assert {t for _s, t, _r in entries} == {"user_account"}
    assert "0000000000000000000000000000000a" in {r for _s, _t, r in entries}
