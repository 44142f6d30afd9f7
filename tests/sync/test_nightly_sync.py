"""The night's jobs against a real central PostgreSQL: the backup then the whole sync, and the settings tab's
buttons (sync now, compare with the server) on a registered station."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from kiosk.clock import FixedClock
from kiosk.context import KioskContext
from kiosk.services.nightly import NightlyJobs, NightlyOutcome
from kiosk.ui.nightly import NightlyScheduler
from kiosk.ui.settings.sync import SyncSettingsForm
from kiosk.ui.tasks import ImmediateRunner
from tests.helpers import local
from tests.sync.test_push import central_counts, local_counts, register


def nightly_jobs(station: KioskContext) -> NightlyJobs:
    return NightlyJobs(station.backups, station.sync, station.settings.nightly, station.clock, station.settings.zone())


def test_the_due_jobs_make_a_backup_then_a_whole_sync(
    station: KioskContext, central_url: str, clock: FixedClock
) -> None:
    jobs = nightly_jobs(station)
    waiting = station.sync.status().waiting
    assert waiting > 0
    assert jobs.backup_due() and jobs.sync_due() and jobs.due()

    outcome = jobs.run_due()

    assert outcome.backup_error is None and outcome.sync_error is None
    assert outcome.backup is not None and outcome.backup.path.name == "kiosk-20261125-090000.sqlite3"
    with closing(sqlite3.connect(outcome.backup.path)) as copy:  # taken before the sync: the rows still waiting
        assert copy.execute("SELECT count(*) FROM sync_outbox").fetchone() == (waiting,)
    assert outcome.sync is not None and outcome.sync.pushed == waiting
    assert central_counts(central_url) == local_counts(station)
    status = station.sync.status()
    assert status.waiting == 0 and status.last_error is None
    assert status.last_success_at == status.last_attempt_at == clock.now()
    report = station.sync.verify()
    assert report.matches, [d.describe() for d in report.differences]
    assert not jobs.due()
    assert jobs.run_due() == NightlyOutcome()  # nothing due: nothing run

    # The day's work, then tonight's slot: both jobs are due again and the sync sends only what changed.
    clock.set(local(2026, 11, 25, 10, 0))
    register(station)
    clock.set(local(2026, 11, 25, 20, 59))
    assert not jobs.due()
    clock.set(local(2026, 11, 25, 21, 0))
    assert jobs.backup_due() and jobs.sync_due()
    tonight = jobs.run_due()
    assert tonight.backup is not None and tonight.backup.path.name == "kiosk-20261125-210000.sqlite3"
    assert tonight.sync is not None and 0 < tonight.sync.pushed < waiting
    assert central_counts(central_url) == local_counts(station)
    assert station.sync.status().last_success_at == clock.now()
    clock.advance(timedelta(hours=1))
    assert not jobs.due()


def test_the_settings_tab_syncs_and_then_compares_equal(station: KioskContext, qtbot: QtBot) -> None:
    runner = ImmediateRunner()
    zone = station.settings.zone()
    scheduler = NightlyScheduler(nightly_jobs(station), station.sync, runner, station.clock, zone)
    form = SyncSettingsForm(lambda: station.settings, station.change_settings, scheduler, station.sync, runner)
    qtbot.addWidget(form)
    url = make_url(station.settings.sync.url)
    assert url.password and form.password.text() == url.password
    assert url.password not in form.address.text() and form.address.text().startswith(f"postgresql://{url.username}@")
    assert form.sync_button.isEnabled() and form.verify_button.isEnabled()

    qtbot.mouseClick(form.verify_button, Qt.MouseButton.LeftButton)  # nothing sent yet
    assert form.message.property("role") == "error"
    assert form.message.text().startswith("Khác nhau ở ")
    assert form.verify_button.isEnabled()

    waiting = station.sync.status().waiting
    qtbot.mouseClick(form.sync_button, Qt.MouseButton.LeftButton)
    assert form.message.text() == f"Đã đồng bộ: gửi {waiting} dòng."
    assert form.state.text().startswith("Đồng bộ: 09:00\n")
    assert station.sync.status().waiting == 0

    qtbot.mouseClick(form.verify_button, Qt.MouseButton.LeftButton)
    compared = sum(station.sync.verify().tables.values())
    assert compared > 0
    assert form.message.text() == f"Khớp: {compared} dòng của quầy này giống hệt trên máy chủ trung tâm."
    assert form.message.property("role") == "hint" and form.verify_button.isEnabled()
