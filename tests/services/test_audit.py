"""The audit log: chained entries, refused edits, tampering found, and the deeds that leave an entry."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import msgspec
import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from kiosk.context import KioskContext
from kiosk.errors import KioskError
from kiosk.printing.documents import Document


def actions(ctx: KioskContext) -> list[tuple[str, str, str]]:
    return [(e.actor, e.action, e.target) for e in reversed(ctx.audit.recent(limit=100))]


def tamper(ctx: KioskContext, *statements: str) -> None:
    """Edit the file as another tool would: without the kiosk's triggers."""
    with closing(sqlite3.connect(ctx.db.path)) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_delete")
        for statement in statements:
            conn.execute(statement)
        conn.commit()


def test_entries_chain_and_the_chain_checks_out(ctx: KioskContext) -> None:
    for n in range(5):
        ctx.audit.record("lan", "login", "lan", {"n": n})
    check = ctx.audit.verify()
    assert check.sound and check.entries >= 5
    seqs = [e.seq for e in ctx.audit.recent(limit=100)]
    assert sorted(seqs) == list(range(1, len(seqs) + 1))


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET target = 'x'", "DELETE FROM audit_log"])
def test_the_kiosk_cannot_change_or_delete_an_entry(ctx: KioskContext, statement: str) -> None:
    ctx.audit.record("lan", "login", "lan")
    with pytest.raises((KioskError, SQLAlchemyError)), ctx.db.write() as session:
        session.execute(text(statement))
    assert ctx.audit.verify().sound


def test_an_edited_entry_is_found(ctx: KioskContext) -> None:
    for name in ("lan", "hung", "minh"):
        ctx.audit.record(name, "login", name)
    edited = ctx.audit.recent(limit=2)[1].seq  # the one before the last
    tamper(ctx, f"UPDATE audit_log SET actor = 'quantri' WHERE seq = {edited}")
    check = ctx.audit.verify()
    assert not check.sound
    assert check.problems == [f"Mục số {edited} (login, {_at(ctx)}) đã bị sửa sau khi ghi."]


def test_a_deleted_entry_is_found(ctx: KioskContext) -> None:
    for name in ("lan", "hung", "minh"):
        ctx.audit.record(name, "login", name)
    gone = ctx.audit.recent(limit=2)[1].seq
    tamper(ctx, f"DELETE FROM audit_log WHERE seq = {gone}")
    check = ctx.audit.verify()
    assert check.problems == [f"Thiếu mục số {gone} của nhật ký: đã bị xoá."]


def test_an_entry_rewritten_with_a_fresh_hash_still_breaks_the_chain(ctx: KioskContext) -> None:
    """Someone who recomputes the edited entry's own hash is caught by the next entry's link."""
    from kiosk.services.audit import entry_hash

    for name in ("lan", "hung", "minh"):
        ctx.audit.record(name, "login", name)
    victim = ctx.audit.recent(limit=2)[1]
    with closing(sqlite3.connect(ctx.db.path)) as conn:
        entry_id, prev = conn.execute("SELECT id, prev_hash FROM audit_log WHERE seq = ?", (victim.seq,)).fetchone()
    forged = entry_hash(prev, victim.seq, entry_id, victim.at, "quantri", victim.action, victim.target, victim.details)
    tamper(ctx, f"UPDATE audit_log SET actor = 'quantri', hash = '{forged}' WHERE seq = {victim.seq}")
    assert ctx.audit.verify().problems == [
        f"Mục số {victim.seq + 1} không nối với mục trước nó: chuỗi nhật ký đã bị thay đổi."
    ]


def test_settings_changes_name_the_sections_and_never_the_values(ctx: KioskContext) -> None:
    changed = msgspec.structs.replace(
        ctx.settings,
        sync=msgspec.structs.replace(ctx.settings.sync, url="postgresql://kiosk_q1:bi-mat-123@may-chu/motcua"),
        station=msgspec.structs.replace(ctx.settings.station, name="Quầy 2"),
    )
    ctx.change_settings(changed, by="quantri")
    entry = ctx.audit.recent(limit=1)[0]
    assert (entry.actor, entry.action) == ("quantri", "settings_changed")
    assert entry.details == {"sections": ["station", "sync"]}
    ctx.change_settings(changed, by="quantri")  # nothing changed: nothing logged
    assert ctx.audit.recent(limit=1)[0].seq == entry.seq
    with closing(sqlite3.connect(ctx.db.path)) as conn:
        stored = " ".join(str(v) for row in conn.execute("SELECT * FROM audit_log") for v in row)
    assert "bi-mat-123" not in stored


def test_a_reprint_is_logged_and_a_first_print_is_not(ctx: KioskContext) -> None:
    doc = ctx.printing.check_page(ctx.settings.office, ctx.calendar.rules.zone)
    first = ctx.printing.submit(doc, by=ctx.users.cli())
    assert "reprint" not in {a for _w, a, _t in actions(ctx)}
    again = ctx.printing.submit(Document.from_json(doc.to_json()).as_reprint(), by=ctx.users.cli())
    entry = ctx.audit.recent(limit=1)[0]
    assert (entry.actor, entry.action, entry.details) == ("cli", "reprint", {"job": again.number, "kind": doc.kind})
    assert again.number == first.number + 1


def _at(ctx: KioskContext) -> str:
    return f"{ctx.clock.now():%d/%m/%Y %H:%M}"
