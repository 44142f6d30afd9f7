"""Crash safety: the short version of the crash harness, and the checker caught on deliberately damaged databases.

The long version (1,000 kills) is `make soak`.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from kiosk.config import PrinterSettings, Settings, SyncSettings, save_settings
from kiosk.context import open_context
from kiosk.errors import KioskError
from kiosk.services.dossier_numbers import format_code
from kiosk.services.dossier_views import Applicant
from kiosk.services.registration import RegistrationInput
from tests.reliability import worker
from tests.reliability.harness import PG_VARIABLE, ROOT, Central, landed, unexpected_refusals
from tests.reliability.invariants import Facts, JournalReader, Numbering, central_agrees, check_database

NUMBERING = Numbering("000.00.10.H15")
SHORT_KILLS = 25


@dataclass(frozen=True)
class Station:
    home: Path
    db: Path
    journal: Path

    def facts(self) -> Facts:
        reader = JournalReader(self.journal)
        reader.update()
        return reader.facts


def build_station(home: Path, template: Path, *, steps: int = 60, sync_url: str = "") -> Station:
    """A station after some real work through the worker's desk (not killed), with its journal."""
    paths = worker.paths_of(home).ensure()
    shutil.copyfile(template, paths.default_database)
    save_settings(
        paths,
        Settings(
            printer=PrinterSettings(connection="file", file_path=str(home / "printer.bin"), receipt_copies=1),
            sync=SyncSettings(url=sync_url, sslmode="disable"),
        ),
    )
    journal = home / "journal.txt"
    with open_context(paths) as ctx:
        procedures = [p.code for p in ctx.catalog.all(include_inactive=False)]
        desk = worker.Desk(ctx, worker.Journal(journal), random.Random(11), ctx.users.cli(), procedures)
        actions = {name: action for name, action, _ in worker.steps(desk) if name != "sync"}
        for _ in range(5):
            desk.register()
        desk.print_receipt()
        rng = random.Random(12)
        for _ in range(steps):
            with suppress(KioskError):
                rng.choice(list(actions.values()))()
    return Station(home, paths.default_database, journal)


@pytest.fixture(scope="module")
def station(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Station:
    return build_station(tmp_path_factory.mktemp("crash-station"), template_db)


def damage(station: Station, tmp_path: Path, sql: str, *params: object) -> Path:
    """A copy of the station's database with ``sql`` run on it as raw SQLite (foreign keys off)."""
    copy = tmp_path / "kiosk.sqlite3"
    shutil.copyfile(station.db, copy)
    with closing(sqlite3.connect(copy)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(sql, params)
        conn.commit()
    return copy


def problems_after(station: Station, tmp_path: Path, sql: str, *params: object) -> list[str]:
    return check_database(damage(station, tmp_path, sql, *params), station.facts(), NUMBERING)


def one(station: Station, query: str) -> tuple[object, ...]:
    with closing(sqlite3.connect(station.db)) as conn:
        row = conn.execute(query).fetchone()
    assert row is not None, query
    return tuple(row)


def one_id(db: Path, code: str) -> str:
    with closing(sqlite3.connect(db)) as conn:
        return str(conn.execute("SELECT id FROM dossier WHERE code = ?", (code,)).fetchone()[0])


def mentions(problems: list[str], text: str) -> bool:
    return any(text in p for p in problems)


# -- the checker ------------------------------------------------------------------------------------------------------


def test_an_untouched_station_passes_and_its_journal_is_read(station: Station) -> None:
    facts = station.facts()
    assert len(facts.registered) >= 5 and facts.printed and facts.events
    assert check_database(station.db, facts, NUMBERING) == []


def test_a_dossier_deleted_from_under_its_events(station: Station, tmp_path: Path) -> None:
    (code,) = one(station, "SELECT code FROM dossier ORDER BY received_at LIMIT 1")
    problems = problems_after(station, tmp_path, "DELETE FROM dossier WHERE code = ?", code)
    assert mentions(problems, "foreign_key_check: dossier_event")
    assert mentions(problems, "foreign_key_check: dossier_document")
    assert mentions(problems, "event register of a missing dossier")
    assert mentions(problems, f"registered dossier {code} is missing")


def test_a_journalled_dossier_or_receipt_that_is_not_there(station: Station) -> None:
    facts = station.facts()
    facts.registered["000.00.10.H15-000101-0001"] = "0" * 32
    (code,) = one(station, "SELECT code FROM dossier LIMIT 1")
    facts.printed.append((str(code), 9999))
    facts.events.append((str(code), 1, "register", "returned"))
    problems = check_database(station.db, facts, NUMBERING)
    assert mentions(problems, "registered dossier 000.00.10.H15-000101-0001 is missing")
    assert mentions(problems, "print job 9999")
    assert mentions(problems, f"event 1 of {code} recorded as register → returned")


def test_a_gap_in_a_days_sequence(station: Station, tmp_path: Path) -> None:
    ident, day, seq = one(station, "SELECT id, receipt_day, day_seq FROM dossier ORDER BY day_seq DESC LIMIT 1")
    code = format_code(NUMBERING.agency_code, date.fromisoformat(str(day)), int(str(seq)) + 1)
    sql = "UPDATE dossier SET day_seq = day_seq + 1, code = ? WHERE id = ?"
    problems = problems_after(station, tmp_path, sql, code, ident)
    assert mentions(problems, f"day {day}:") and mentions(problems, "a gap or a repeat")


def test_a_gap_in_the_ledger_and_a_code_that_does_not_match(station: Station, tmp_path: Path) -> None:
    (ident,) = one(station, "SELECT id FROM dossier ORDER BY ledger_number DESC LIMIT 1")
    sql = "UPDATE dossier SET ledger_number = ledger_number + 1, code = code || '9' WHERE id = ?"
    problems = problems_after(station, tmp_path, sql, ident)
    assert mentions(problems, "ledger ") and mentions(problems, "does not match its day and sequence")


def test_a_hole_in_a_dossiers_events(station: Station, tmp_path: Path) -> None:
    sql = (
        "INSERT INTO dossier_event (id, dossier_id, seq, at, user_id, action, from_state, to_state, data) "
        "SELECT lower(hex(randomblob(16))), dossier_id, seq + 2, at, user_id, 'correct', to_state, to_state, '{}' "
        "FROM dossier_event ORDER BY at DESC LIMIT 1"
    )
    assert mentions(problems_after(station, tmp_path, sql), "events seq 1..")


def test_a_state_no_event_wrote(station: Station, tmp_path: Path) -> None:
    (ident,) = one(station, "SELECT id FROM dossier WHERE state = 'received' LIMIT 1")
    problems = problems_after(station, tmp_path, "UPDATE dossier SET state = 'returned' WHERE id = ?", ident)
    assert mentions(problems, "last event says 'received'") and mentions(problems, "returned_at and state disagree")


def test_lost_papers(station: Station, tmp_path: Path) -> None:
    (ident,) = one(station, "SELECT dossier_id FROM dossier_document LIMIT 1")
    problems = problems_after(station, tmp_path, "DELETE FROM dossier_document WHERE dossier_id = ?", ident)
    assert mentions(problems, "0 papers") and mentions(problems, "has no papers")


def test_a_sent_job_without_its_bytes(station: Station, tmp_path: Path) -> None:
    (number,) = one(station, "SELECT number FROM print_job WHERE status = 'sent' LIMIT 1")
    problems = problems_after(station, tmp_path, "UPDATE print_job SET payload = x'' WHERE number = ?", number)
    assert mentions(problems, f"print job {number} is marked sent but has empty bytes")


def test_a_changed_row_missing_from_the_outbox(station: Station, tmp_path: Path) -> None:
    sql = "DELETE FROM sync_outbox WHERE seq = (SELECT max(seq) FROM sync_outbox WHERE tbl = 'dossier_event')"
    assert mentions(problems_after(station, tmp_path, sql), "rows of dossier_event never synced are not in the outbox")


def test_a_torn_index_page_fails_the_integrity_check(station: Station, tmp_path: Path) -> None:
    copy = tmp_path / "kiosk.sqlite3"
    shutil.copyfile(station.db, copy)
    with closing(sqlite3.connect(copy)) as conn:
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_dossier_received_at'").fetchone()
    with copy.open("r+b") as file:  # garble the keys at the end of the index's page, where its cells are
        file.seek(root * page_size - 200)
        file.write(b"\xff" * 120)
    problems = check_database(copy, station.facts(), NUMBERING)
    assert problems and all(p.startswith(("integrity_check", "the database cannot be read")) for p in problems)


def test_the_journal_waits_for_a_whole_line(tmp_path: Path) -> None:
    path = tmp_path / "journal.txt"
    path.write_text("ready 1\nbegin register\nregistered 000.00.10.H15-261126-0001 ab")
    reader = JournalReader(path)
    assert reader.update() == ["ready 1", "begin register"] and not reader.facts.registered
    with path.open("a") as file:
        file.write("cd\n")
    assert reader.update() == ["registered 000.00.10.H15-261126-0001 abcd"]
    assert reader.facts.registered == {"000.00.10.H15-261126-0001": "abcd"} and reader.facts.lives == 1


def test_a_refusal_only_the_desk_should_meet_is_a_failure() -> None:
    refused = Counter({"move Conflict": 3, "register ClockSuspect": 1})
    assert unexpected_refusals(refused) == []
    refused["sync CentralError"] += 1
    assert unexpected_refusals(refused) == [
        "step sync refused 1 times with CentralError: the database or the server let it down"
    ]


def test_where_a_kill_landed() -> None:
    assert landed(["start", "tx begin"]) == ("start-up", "inside a write transaction")
    assert landed(["start", "ready 7", "begin move", "tx begin", "tx commit"]) == ("move", "in or just after a COMMIT")
    assert landed(["ready 7", "begin move", "tx begin", "tx commit", "event X 2 forward in_process", "done move"]) == (
        "between steps",
        "outside write transactions",
    )


# -- the sync ---------------------------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_rows_outside_the_outbox_must_be_on_the_server(template_db: Path, tmp_path: Path) -> None:
    server = os.environ.get(PG_VARIABLE, "").strip()
    if not server:
        pytest.skip(f"needs a PostgreSQL server: set {PG_VARIABLE}")
    central = Central(server)
    try:
        station = build_station(tmp_path / "home", template_db, steps=20, sync_url=central.station_url)
        with open_context(worker.paths_of(station.home)) as ctx:
            ctx.sync.run()
        assert central_agrees(station.db, central.station_url) == []
        assert check_database(station.db, station.facts(), NUMBERING) == []  # synced: the outbox may be empty
        import psycopg

        with psycopg.connect(central.owner_url, autocommit=True) as conn:
            one_row = "(SELECT ctid FROM {} LIMIT 1) RETURNING id"
            changed = conn.execute(
                "UPDATE dossier SET phone = '0999999999' WHERE ctid = " + one_row.format("dossier")
            ).fetchone()
            gone = conn.execute(
                "DELETE FROM dossier_document WHERE ctid = " + one_row.format("dossier_document")
            ).fetchone()
        assert changed is not None and gone is not None
        problems = central_agrees(station.db, central.station_url)
        assert f"dossier row {changed[0].hex} is not in the outbox but differs on the server" in problems
        assert f"dossier_document row {gone[0].hex} is neither in the outbox nor on the server" in problems

        with open_context(worker.paths_of(station.home)) as ctx:  # a change after the sync, its entry lost
            code = ctx.registration.register(
                RegistrationInput("2.001914", Applicant("person", "Lê Thị Hoa", "0912345678")), by=ctx.users.cli()
            ).code
        lost = damage(station, tmp_path, "DELETE FROM sync_outbox WHERE tbl = 'dossier'")
        problems = check_database(lost, station.facts(), NUMBERING)
        assert problems == [
            f"1 rows of dossier changed since the last sync are not in the outbox, e.g. {one_id(lost, code)}"
        ]
    finally:
        central.drop()


# -- the harness ------------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_crash_harness_survives_a_short_run(tmp_path: Path) -> None:
    """25 kills on one station (syncing when KIOSK_TEST_PG_URL is set), every invariant checked after each."""
    workdir = tmp_path / "crash"
    command = ["--kills", str(SHORT_KILLS), "--seconds", "60", "--seed", "7", "--central-every", "5"]
    result = subprocess.run(
        [sys.executable, "-m", "tests.reliability.harness", *command, "--workdir", str(workdir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"{SHORT_KILLS} of {SHORT_KILLS} kills survived" in output, output
    assert f"invariant checks passed: {SHORT_KILLS + 1} " in output, output  # after each kill, and at the end
    assert "every invariant holds" in output, output
