"""The night's jobs on screen: the status bar's backup/sync button, the scheduler's check, and the settings tab
«Sao lưu, đồng bộ» — the whole desk offscreen with synchronous tasks, a real SQLite file and real backups. No
PostgreSQL here: the central server is an address where nothing listens (the sync itself: tests/sync)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import time, timedelta
from pathlib import Path
from typing import Any

import msgspec
from PySide6.QtCore import QObject, Qt, QTime, QTimer
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from kiosk.app import GuiApp
from kiosk.clock import FixedClock
from kiosk.config import SyncSettings, save_settings
from kiosk.context import KioskContext
from kiosk.services.nightly import NightlyJobs, NightlyOutcome
from kiosk.ui.main_window import STATUS_REFRESH_MS, Page
from kiosk.ui.nightly import CHECK_MS, NightlyScheduler
from kiosk.ui.settings.page import SettingsPage
from kiosk.ui.settings.sync import SyncSettingsForm
from kiosk.ui.tasks import ImmediateRunner
from tests.conftest import SupervisorKey
from tests.helpers import local
from tests.ui.conftest import log_in

CLOSED = "postgresql://x@127.0.0.1:1/db"
NO_SERVER_TIP = "Chưa cài đặt máy chủ trung tâm: chỉ sao lưu trên máy. Bấm để sao lưu ngay."


def fixed_clock(desk: GuiApp) -> FixedClock:
    clock = desk.context.clock
    assert isinstance(clock, FixedClock)
    return clock


def use_closed_port(desk: GuiApp) -> None:
    """A central server set (and saved) at an address where nothing listens: every sync fails at once."""
    settings = desk.context.settings
    sync = SyncSettings(url=CLOSED, connect_timeout_s=1, sslmode="disable")
    desk.window.save_settings(msgspec.structs.replace(settings, sync=sync))


def backups(desk: GuiApp) -> list[str]:
    return sorted(p.name for p in desk.context.paths.backup_dir.iterdir())


def outcomes(desk: GuiApp) -> list[NightlyOutcome]:
    seen: list[NightlyOutcome] = []
    desk.window.nightly.finished.connect(seen.append)
    return seen


def repeating_timer(owner: QObject, interval: int) -> QTimer:
    (timer,) = [
        t
        for t in owner.findChildren(QTimer, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if t.interval() == interval and not t.isSingleShot()
    ]
    return timer


def sync_tab(desk: GuiApp) -> SyncSettingsForm:
    log_in(desk.window, "quantri")
    page = desk.window.show_page(Page.SETTINGS)
    assert isinstance(page, SettingsPage)
    page.tabs.setCurrentWidget(page.sync)
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Sao lưu, đồng bộ"
    return page.sync


# -- the status bar ----------------------------------------------------------------------------------------------------


def test_without_a_server_the_status_bar_shows_the_last_backup(desk: GuiApp) -> None:
    window = desk.window
    button = window.status.sync
    assert (button.text(), button.property("role"), button.toolTip()) == ("Sao lưu: chưa có", "alert", NO_SERVER_TIP)
    log_in(window, "lan")
    shown: list[str] = []
    window.nightly.changed.connect(lambda: shown.append(button.text()))
    assert window.nightly.backup_now()
    assert shown == ["Đồng bộ, sao lưu: đang chạy…", "Sao lưu: 09:00"]
    assert (button.text(), button.property("role"), button.toolTip()) == ("Sao lưu: 09:00", "", NO_SERVER_TIP)
    assert backups(desk) == ["kiosk-20261125-090000.sqlite3"]
    outcome = window.nightly.last_outcome
    assert outcome is not None and outcome.backup is not None and outcome.sync is None

    fixed_clock(desk).set(local(2026, 11, 26, 8, 0))
    repeating_timer(window, STATUS_REFRESH_MS).timeout.emit()  # the status bar's minute
    assert button.text() == "Sao lưu: 09:00 hôm qua"
    fixed_clock(desk).set(local(2026, 11, 28, 8, 0))
    repeating_timer(window, STATUS_REFRESH_MS).timeout.emit()
    assert button.text() == "Sao lưu: 09:00 25/11"


def test_a_failed_sync_shows_as_an_alert_and_the_button_syncs_now(desk: GuiApp, qtbot: QtBot) -> None:
    window = desk.window
    log_in(window, "lan")
    use_closed_port(desk)
    button = window.status.sync
    waiting = desk.context.sync.status().waiting
    assert waiting > 0  # the seeded catalog and users wait to be sent
    assert (button.text(), button.property("role")) == (f"Đồng bộ: chưa có · chờ {waiting}", "alert")  # stale
    assert f"Máy chủ: {CLOSED}" in button.toolTip() and "Bấm để đồng bộ ngay." in button.toolTip()
    assert desk.context.sync.status().last_attempt_at is None

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    status = desk.context.sync.status()
    assert status.last_attempt_at == fixed_clock(desk).now() and status.last_success_at is None
    assert status.last_error is not None and status.last_error.startswith("Không kết nối được máy chủ trung tâm")
    assert button.text() == "Đồng bộ lỗi ⚠"
    assert button.property("role") == "alert"
    assert button.toolTip().startswith(status.last_error + "\n\n")
    assert f"Máy chủ: {CLOSED}\nĐồng bộ tốt gần nhất: chưa có" in button.toolTip()
    assert f"Đang chờ gửi: {status.waiting} dòng" in button.toolTip()
    assert backups(desk) == []  # the button syncs; it does not back up
    outcome = window.nightly.last_outcome
    assert outcome is not None and outcome.sync_error == status.last_error and not window.nightly.busy


def test_the_check_runs_only_what_is_due(desk: GuiApp) -> None:
    window = desk.window
    clock = fixed_clock(desk)
    log_in(window, "lan")
    use_closed_port(desk)
    seen = outcomes(desk)
    timer = repeating_timer(window.nightly, CHECK_MS)
    assert timer.isActive()  # started at boot

    timer.timeout.emit()  # 09:00: last night's backup and sync were missed (the PC was off)
    (first,) = seen
    assert first.backup is not None and first.sync_error is not None
    assert backups(desk) == ["kiosk-20261125-090000.sqlite3"]

    clock.advance(timedelta(minutes=10))
    timer.timeout.emit()
    window.nightly.check()
    assert len(seen) == 1  # nothing due: backed up, the sync waits its half hour
    assert desk.context.sync.status().last_attempt_at == local(2026, 11, 25, 9, 0)

    clock.set(local(2026, 11, 25, 9, 31))
    timer.timeout.emit()
    assert len(seen) == 2
    assert seen[1].backup is None and seen[1].backup_error is None and seen[1].sync_error is not None
    assert desk.context.sync.status().last_attempt_at == local(2026, 11, 25, 9, 31)
    assert backups(desk) == ["kiosk-20261125-090000.sqlite3"]  # the sync alone
    assert window.status.sync.text() == "Đồng bộ lỗi ⚠"


def test_switched_off_the_check_runs_nothing_but_the_buttons_still_work(desk: GuiApp) -> None:
    window = desk.window
    log_in(window, "lan")
    settings = desk.context.settings
    window.save_settings(
        msgspec.structs.replace(settings, nightly=msgspec.structs.replace(settings.nightly, enabled=False))
    )
    assert window.nightly.jobs.settings.enabled is False  # the window hands the new settings to the jobs
    seen = outcomes(desk)
    window.nightly.check()
    fixed_clock(desk).set(local(2026, 11, 25, 21, 0))
    window.nightly.check()
    assert seen == [] and backups(desk) == []
    assert window.nightly.backup_now()
    assert backups(desk) == ["kiosk-20261125-210000.sqlite3"]


class HeldRunner:
    """Keeps the work until ``release``: a job still running, as the thread pool would leave it."""

    def __init__(self) -> None:
        self.held: list[tuple[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]]] = []

    def run(
        self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[BaseException], None]
    ) -> None:
        self.held.append((work, done, failed))

    def wait(self, msecs: int = 5_000) -> bool:
        return not self.held

    def release(self) -> None:
        work, done, failed = self.held.pop(0)
        try:
            result = work()
        except Exception as exc:
            failed(exc)
        else:
            done(result)


def test_one_job_at_a_time_and_the_status_says_it_runs(ctx: KioskContext, qtbot: QtBot) -> None:
    runner = HeldRunner()
    zone = ctx.settings.zone()
    jobs = NightlyJobs(ctx.backups, ctx.sync, ctx.settings.nightly, ctx.clock, zone)
    scheduler = NightlyScheduler(jobs, ctx.sync, runner, ctx.clock, zone)
    assert scheduler.backup_now()
    assert scheduler.busy
    assert scheduler.label() == (
        "Đồng bộ, sao lưu: đang chạy…",
        False,
        "Công việc cuối ngày đang chạy; vẫn làm việc bình thường.",
    )
    assert not scheduler.sync_now() and not scheduler.backup_now()
    scheduler.check()  # the backup is due, but one is under way
    assert len(runner.held) == 1
    with qtbot.waitSignal(scheduler.finished) as finished:
        runner.release()
    assert isinstance(finished.args[0], NightlyOutcome) and finished.args[0].backup is not None
    assert not scheduler.busy and scheduler.label()[0] == "Sao lưu: 09:00"


def test_a_backup_that_fails_shows_in_the_status_bar(desk: GuiApp) -> None:
    window = desk.window
    log_in(window, "lan")
    folder = desk.context.paths.backup_dir
    folder.rmdir()
    folder.write_text("")  # the backups folder is a file now
    window.nightly.check()  # nothing raises: the backup is due, tried, and fails
    button = window.status.sync
    assert (button.text(), button.property("role")) == ("Sao lưu lỗi ⚠", "alert")
    assert button.toolTip().startswith(f"Không sao lưu được vào thư mục {folder}:")
    assert button.toolTip() == f"{window.nightly.jobs.backup_error}\n\nBấm để sao lưu lại."


# -- the settings tab --------------------------------------------------------------------------------------------------


def test_the_settings_tab_saves_the_time_the_second_folder_and_the_address_with_its_password(
    desk: GuiApp, qtbot: QtBot, tmp_path: Path
) -> None:
    form = sync_tab(desk)
    ctx = desk.context
    assert form.enabled.isChecked() and form.at.time() == QTime(21, 0)
    assert (form.address.text(), form.password.text(), form.second_dir.text()) == ("", "", "")
    assert form.password.echoMode() is QLineEdit.EchoMode.Password
    assert form.backup_button.isEnabled() and not form.sync_button.isEnabled() and not form.verify_button.isEnabled()
    assert form.state.text() == f"Sao lưu: chưa có\n{NO_SERVER_TIP}"

    usb = tmp_path / "usb"
    usb.mkdir()
    password = "s3cr@t:p/ss"  # what libpq would misread unescaped
    form.at.setTime(QTime(22, 30))
    qtbot.keyClicks(form.second_dir, str(usb))
    qtbot.keyClicks(form.address, "postgresql://kiosk_quay_1@127.0.0.1:1/motcua")
    qtbot.keyClicks(form.password, password)
    form.sslmode.setCurrentIndex(form.sslmode.findData("disable"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.message.text() == "Đã lưu. Lần chạy cuối ngày tới dùng cài đặt mới."
    assert form.message.property("role") == "hint"
    saved = tomllib.loads(ctx.paths.settings_file.read_text(encoding="utf-8"))
    url = make_url(saved["sync"]["url"])
    assert (url.username, url.password, url.host, url.port, url.database) == (
        "kiosk_quay_1",
        password,
        "127.0.0.1",
        1,
        "motcua",
    )
    assert saved["sync"]["sslmode"] == "disable"
    assert saved["nightly"]["time"] == time(22, 30) and saved["nightly"]["enabled"] is True
    assert saved["backup"]["second_dir"] == str(usb)
    # … and in force at once
    assert make_url(ctx.sync.settings.url).password == password and ctx.sync.settings.sslmode == "disable"
    assert ctx.backups.settings.second_dir == str(usb)
    assert desk.window.nightly.jobs.settings.time == time(22, 30)
    assert password not in form.address.text()
    assert form.sync_button.isEnabled() and form.verify_button.isEnabled()  # a server now: the buttons work
    tip = desk.window.status.sync.toolTip()
    assert "Máy chủ: postgresql://kiosk_quay_1:***@127.0.0.1:1/motcua" in tip and password not in tip

    again = SyncSettingsForm(
        lambda: ctx.settings, desk.window.save_settings, desk.window.nightly, ctx.sync, ImmediateRunner()
    )
    qtbot.addWidget(again)
    assert again.address.text() == "postgresql://kiosk_quay_1@127.0.0.1:1/motcua"  # never the password
    assert again.password.text() == password
    assert again.at.time() == QTime(22, 30) and again.second_dir.text() == str(usb)
    assert again.sslmode.currentData() == "disable"

    qtbot.mouseClick(form.backup_button, Qt.MouseButton.LeftButton)
    assert form.message.text() == (  # no key yet: the backup stands, nothing leaves the PC
        f"Đã sao lưu vào kiosk-20261125-090000.sqlite3. Chưa chép bản sao lưu sang thư mục thứ hai {usb}: bản sao "
        "ra khỏi máy phải được mã hoá, mà chưa có khoá. Lãnh đạo hãy tạo khoá trước bằng lệnh: kiosk backup key new "
        "--out TỆP_KHOÁ (tệp trên USB riêng của lãnh đạo)."
    )
    assert list(usb.iterdir()) == []
    qtbot.mouseClick(form.sync_button, Qt.MouseButton.LeftButton)
    assert form.message.property("role") == "error"
    assert form.message.text().startswith("Không kết nối được máy chủ trung tâm 127.0.0.1:1.")
    assert form.state.text().startswith("Đồng bộ lỗi ⚠\nKhông kết nối được")
    assert desk.window.status.sync.text() == "Đồng bộ lỗi ⚠"  # the status bar and the tab agree


def test_the_settings_tab_says_whether_copies_leaving_the_pc_are_encrypted(
    desk: GuiApp, qtbot: QtBot, tmp_path: Path, supervisor_key: SupervisorKey
) -> None:
    form = sync_tab(desk)
    command = "«kiosk backup key new --out TỆP_KHOÁ»"
    assert form.encryption.text() == (
        f"Bản sao ở thư mục thứ hai sẽ được mã hoá bằng khoá của lãnh đạo; chưa có khoá (tạo bằng lệnh {command})."
    )
    assert form.encryption.property("role") == "hint"
    usb = tmp_path / "usb"
    usb.mkdir()
    qtbot.keyClicks(form.second_dir, str(usb))  # said at once, before saving
    assert form.encryption.text() == (
        "Chưa có khoá mã hoá: sẽ không có bản sao nào được ghi vào thư mục thứ hai cho đến khi lãnh đạo tạo khoá "
        f"bằng lệnh {command}."
    )
    assert form.encryption.property("role") == "error"
    assert form.save()

    # The supervisor makes the key from the command line meanwhile; a save from the tab keeps it.
    on_disk = tomllib.loads(desk.context.paths.settings_file.read_text(encoding="utf-8"))
    assert "recipient" not in on_disk["backup"] or on_disk["backup"]["recipient"] == ""
    settings = desk.context.settings
    with_key = msgspec.structs.replace(settings.backup, recipient=supervisor_key.recipient)
    save_settings(desk.context.paths, msgspec.structs.replace(settings, backup=with_key))
    form.at.setTime(QTime(20, 0))
    assert form.save()
    assert desk.context.settings.backup.recipient == supervisor_key.recipient
    assert form.encryption.text() == (
        f"Bản sao ở thư mục thứ hai được mã hoá bằng khoá {supervisor_key.recipient}. "
        "Chỉ người giữ tệp khoá và mật khẩu của nó (lãnh đạo) mở được."
    )
    assert form.encryption.property("role") == "hint"
    qtbot.mouseClick(form.backup_button, Qt.MouseButton.LeftButton)
    assert form.message.text() == "Đã sao lưu vào kiosk-20261125-090000.sqlite3."
    assert [p.name for p in usb.iterdir()] == ["kiosk-20261125-090000.sqlite3.age"]


def test_a_malformed_address_is_refused_in_vietnamese_and_nothing_is_saved(desk: GuiApp, qtbot: QtBot) -> None:
    form = sync_tab(desk)
    ctx = desk.context
    file = ctx.paths.settings_file
    before = file.read_bytes() if file.exists() else None
    in_force = ctx.settings
    form.at.setTime(QTime(23, 0))
    qtbot.keyClicks(form.address, "may-chu-so:5432/motcua")
    qtbot.keyClicks(form.password, "mat-khau")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.message.text().startswith("Địa chỉ máy chủ trung tâm không đúng dạng postgresql://")
    assert form.message.property("role") == "error"
    assert (file.read_bytes() if file.exists() else None) == before
    assert ctx.settings is in_force and ctx.sync.settings.url == ""
    assert desk.window.nightly.jobs.settings.time == time(21, 0)
    assert not form.sync_button.isEnabled()


def test_the_saved_password_is_kept_when_only_the_time_changes(desk: GuiApp, qtbot: QtBot) -> None:
    """An address saved with its password (as `kiosk central add-station` prints it) survives a later save."""
    use_closed_port(desk)
    desk.window.save_settings(
        msgspec.structs.replace(
            desk.context.settings, sync=SyncSettings(url="postgresql://kiosk_quay_1:Bi-mat-2026@10.0.0.5:5432/motcua")
        )
    )
    form = sync_tab(desk)
    assert form.address.text() == "postgresql://kiosk_quay_1@10.0.0.5:5432/motcua"
    assert form.password.text() == "Bi-mat-2026"
    form.at.setTime(QTime(20, 15))
    assert form.save()
    saved = tomllib.loads(desk.context.paths.settings_file.read_text(encoding="utf-8"))
    assert saved["sync"]["url"] == "postgresql://kiosk_quay_1:Bi-mat-2026@10.0.0.5:5432/motcua"
    assert saved["nightly"]["time"] == time(20, 15)
    assert form.sync_button.isEnabled()

    form.address.clear()  # no central server any more: the password goes with the address
    assert form.save()
    saved = tomllib.loads(desk.context.paths.settings_file.read_text(encoding="utf-8"))
    assert saved["sync"]["url"] == "" and desk.context.sync.settings.url == ""
    assert not form.sync_button.isEnabled() and not form.verify_button.isEnabled()
    assert desk.window.status.sync.text() == "Sao lưu: chưa có"


def test_without_a_server_the_status_bar_button_backs_up_now(desk: GuiApp) -> None:
    log_in(desk.window, "lan")
    assert desk.context.backups.last() is None
    desk.window.status.sync.click()
    assert desk.context.backups.last() is not None
    assert desk.window.status.sync.text() == "Sao lưu: 09:00"


def test_an_address_without_a_server_name_is_refused(desk: GuiApp, qtbot: QtBot) -> None:
    form = sync_tab(desk)
    qtbot.keyClicks(form.address, "postgresql://kiosk_quay_1@/motcua")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.message.text().startswith("Địa chỉ máy chủ trung tâm cần tên máy và tên cơ sở dữ liệu")
    assert desk.context.settings.sync.url == ""
