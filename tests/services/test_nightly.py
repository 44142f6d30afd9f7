"""The night's jobs without PostgreSQL: when the backup and the sync are due, a sync that cannot connect, a backup
that cannot be written, on real SQLite files and the real sync state (the sync itself is in tests/sync)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, time, timedelta

import pytest

from kiosk.clock import FixedClock
from kiosk.config import NightlySettings, SyncSettings
from kiosk.context import KioskContext
from kiosk.models import SyncState
from kiosk.services.nightly import RETRY, NightlyJobs, last_slot
from tests.helpers import VN, local

CLOSED_PORT = SyncSettings(url="postgresql://x@127.0.0.1:1/db", connect_timeout_s=1, sslmode="disable")


def jobs_for(ctx: KioskContext, **nightly: object) -> NightlyJobs:
    settings = NightlySettings(**nightly)  # type: ignore[arg-type]
    return NightlyJobs(ctx.backups, ctx.sync, settings, ctx.clock, ctx.settings.zone())


def unreachable(ctx: KioskContext) -> None:
    """A central server configured, at an address where nothing listens."""
    ctx.sync.settings = CLOSED_PORT


def backup_names(ctx: KioskContext) -> list[str]:
    return sorted(p.name for p in ctx.paths.backup_dir.iterdir())


# -- the scheduled moment --------------------------------------------------------------------------------------------


def test_the_last_slot_is_yesterdays_before_the_time_and_todays_from_it() -> None:
    at = time(21, 0)
    assert last_slot(local(2026, 11, 25, 9, 0), at, VN) == local(2026, 11, 24, 21, 0)
    assert last_slot(local(2026, 11, 25, 20, 59, 59), at, VN) == local(2026, 11, 24, 21, 0)
    assert last_slot(local(2026, 11, 25, 21, 0), at, VN) == local(2026, 11, 25, 21, 0)  # the moment itself counts
    assert last_slot(local(2026, 11, 25, 23, 59), at, VN) == local(2026, 11, 25, 21, 0)
    slot = last_slot(local(2026, 11, 25, 9, 0), at, VN)
    assert slot.tzinfo is UTC and slot == datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


def test_the_last_slot_around_midnight_follows_the_office_date_not_utc() -> None:
    # 00:30 local: at 00:10 the slot is last night's, from 00:30 tonight's.
    assert last_slot(local(2026, 11, 26, 0, 10), time(0, 30), VN) == local(2026, 11, 25, 0, 30)
    assert last_slot(local(2026, 11, 26, 0, 30), time(0, 30), VN) == local(2026, 11, 26, 0, 30)
    # 23:30 local, just after midnight: yesterday's 23:30, not one two days back.
    assert last_slot(local(2026, 11, 26, 0, 10), time(23, 30), VN) == local(2026, 11, 25, 23, 30)
    # 18:00 UTC on the 25th is already 01:00 on the 26th in the office: the 00:30 slot is the 26th's.
    now = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
    assert last_slot(now, time(0, 30), VN) == local(2026, 11, 26, 0, 30)
    assert last_slot(now, time(1, 30), VN) == local(2026, 11, 25, 1, 30)


# -- the backup ------------------------------------------------------------------------------------------------------


def test_a_fresh_station_needs_a_backup_and_no_sync_without_a_server(ctx: KioskContext) -> None:
    jobs = jobs_for(ctx)
    assert ctx.sync.settings.url == ""
    assert jobs.last_backup() is None
    assert jobs.backup_due() and not jobs.sync_due() and jobs.due()
    outcome = jobs.run_due()
    assert outcome.backup is not None and outcome.backup_error is None
    assert outcome.sync is None and outcome.sync_error is None  # nothing to sync with, not an error
    assert outcome.backup.path.is_file() and backup_names(ctx) == ["kiosk-20261125-090000.sqlite3"]
    assert ctx.sync.status().last_attempt_at is None  # no attempt recorded without a server
    assert not jobs.due()


def test_a_backup_at_the_slot_is_not_due_again_until_the_next_days_slot(ctx: KioskContext, clock: FixedClock) -> None:
    jobs = jobs_for(ctx, time=time(21, 0))
    clock.set(local(2026, 11, 25, 21, 0))
    made = jobs.run_due().backup
    assert made is not None and made.path.name == "kiosk-20261125-210000.sqlite3"
    assert jobs.last_backup() == local(2026, 11, 25, 21, 0)
    for later in (local(2026, 11, 25, 21, 0), local(2026, 11, 25, 23, 59), local(2026, 11, 26, 20, 59, 59)):
        clock.set(later)
        assert not jobs.backup_due() and not jobs.due(), later
        assert jobs.run_due().backup is None
    clock.set(local(2026, 11, 26, 21, 0))
    assert jobs.backup_due() and jobs.due()
    assert jobs.run_due().backup is not None
    assert backup_names(ctx) == ["kiosk-20261125-210000.sqlite3", "kiosk-20261126-210000.sqlite3"]


def test_a_backup_made_in_the_morning_covers_last_nights_slot_only(ctx: KioskContext, clock: FixedClock) -> None:
    """The PC was off at 21:00 yesterday: the backup at 09:00 catches up; tonight's 21:00 wants another."""
    jobs = jobs_for(ctx)
    assert jobs.run_due().backup is not None
    clock.set(local(2026, 11, 25, 20, 59))
    assert not jobs.backup_due()
    clock.set(local(2026, 11, 25, 21, 0))
    assert jobs.backup_due()


def test_a_backup_that_cannot_be_written_is_kept_as_an_error_and_nothing_raises(ctx: KioskContext) -> None:
    jobs = jobs_for(ctx)
    folder = ctx.paths.backup_dir
    shutil.rmtree(folder)
    folder.write_text("không phải thư mục")  # the backups folder is a file now
    assert jobs.backup_due()  # unreadable: no backup to count on
    outcome = jobs.run_due()
    assert outcome.backup is None
    assert outcome.backup_error is not None
    assert outcome.backup_error.startswith(f"Không sao lưu được vào thư mục {folder}:")
    assert jobs.backup_error == outcome.backup_error
    assert folder.read_text() == "không phải thư mục"
    assert not jobs.due()  # still owed, but a failed backup is tried again only after half an hour
    ctx.clock.advance(timedelta(minutes=31))  # type: ignore[attr-defined]
    assert jobs.due()

    folder.unlink()
    folder.mkdir()
    outcome = jobs.run()
    assert outcome.backup is not None and outcome.backup_error is None
    assert jobs.backup_error is None  # a good backup clears it


def test_a_sync_alone_leaves_the_backups_error_as_it_was(ctx: KioskContext) -> None:
    jobs = jobs_for(ctx)
    shutil.rmtree(ctx.paths.backup_dir)
    ctx.paths.backup_dir.write_text("")
    message = jobs.run().backup_error
    assert message is not None
    unreachable(ctx)
    assert jobs.run(backup=False).sync_error is not None
    assert jobs.backup_error == message


# -- the sync --------------------------------------------------------------------------------------------------------


def test_a_sync_that_cannot_connect_is_kept_as_a_message_and_the_backup_is_still_made(ctx: KioskContext) -> None:
    unreachable(ctx)
    jobs = jobs_for(ctx)
    assert jobs.sync_due() and jobs.backup_due()
    outcome = jobs.run_due()  # does not raise
    assert outcome.sync is None
    assert outcome.sync_error is not None and outcome.sync_error.startswith("Không kết nối được máy chủ trung tâm")
    assert "127.0.0.1:1" in outcome.sync_error
    assert outcome.backup is not None and outcome.backup.path.is_file() and outcome.backup_error is None
    status = ctx.sync.status()
    assert status.last_attempt_at == ctx.clock.now() and status.last_success_at is None
    assert status.last_error == outcome.sync_error
    assert status.waiting > 0  # the rows wait for the next attempt


def test_a_failed_sync_is_tried_again_after_half_an_hour(ctx: KioskContext, clock: FixedClock) -> None:
    unreachable(ctx)
    jobs = jobs_for(ctx)
    jobs.run_due()
    failed_at = clock.now()
    assert not jobs.sync_due() and not jobs.due()  # the backup is made, the sync waits
    clock.advance(timedelta(minutes=29))
    assert not jobs.sync_due()
    outcome = jobs.run_due()
    assert outcome.sync is None and outcome.sync_error is None and outcome.backup is None  # nothing ran
    assert ctx.sync.status().last_attempt_at == failed_at
    clock.set(failed_at + timedelta(minutes=31))
    assert jobs.sync_due() and not jobs.backup_due() and jobs.due()
    outcome = jobs.run_due()
    assert outcome.backup is None and outcome.sync_error is not None  # the sync alone, failing again
    assert ctx.sync.status().last_attempt_at == failed_at + timedelta(minutes=31)
    assert not jobs.sync_due()
    clock.advance(RETRY)
    assert jobs.sync_due()


def test_a_new_slot_makes_a_failed_sync_due_at_once(ctx: KioskContext, clock: FixedClock) -> None:
    """Tried (and failed) at 20:50; at 21:00 the night's sync is owed without waiting the half hour."""
    unreachable(ctx)
    jobs = jobs_for(ctx)
    clock.set(local(2026, 11, 25, 20, 50))
    jobs.run(backup=False)
    assert not jobs.sync_due()
    clock.set(local(2026, 11, 25, 21, 0))
    assert jobs.sync_due()


def test_a_sync_that_succeeded_since_the_slot_is_not_due(ctx: KioskContext, clock: FixedClock) -> None:
    """The state a successful run leaves (the run itself against PostgreSQL: tests/sync/test_nightly_sync.py)."""
    unreachable(ctx)
    jobs = jobs_for(ctx)
    with ctx.db.write() as session:
        state = session.get(SyncState, 1)
        assert state is not None
        state.last_attempt_at = state.last_success_at = local(2026, 11, 24, 21, 0)
    assert not jobs.sync_due()
    clock.set(local(2026, 11, 25, 21, 0))
    assert jobs.sync_due()


def test_switched_off_the_jobs_are_never_due(ctx: KioskContext) -> None:
    unreachable(ctx)
    jobs = jobs_for(ctx, enabled=False)
    assert jobs.backup_due() and jobs.sync_due()  # owed, but not to be run on their own
    assert not jobs.due()
    jobs.settings = NightlySettings(enabled=True)  # as the settings tab changes it
    assert jobs.due()


@pytest.mark.parametrize("url", ["   ", ""])
def test_a_blank_address_is_no_server(ctx: KioskContext, url: str) -> None:
    ctx.sync.settings = SyncSettings(url=url)
    jobs = jobs_for(ctx)
    assert not jobs.sync_due()
    assert jobs.run(backup=False).sync_error is None
    assert ctx.sync.status().last_attempt_at is None
