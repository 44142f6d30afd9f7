"""Log in, roles, the idle lock and switching user."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.app import GuiApp
from kiosk.ui.main_window import Page
from tests.ui.conftest import PASSWORDS, log_in


def test_wrong_password_then_right(desk: GuiApp) -> None:
    window = desk.window
    dialog = window.login_dialog
    assert dialog is not None and not window.navigation.isVisible()
    dialog.username.setText("lan")
    dialog.password.setText("sai-roi")
    assert not dialog.try_login()
    assert dialog.message.text() == "Sai tên đăng nhập hoặc mật khẩu." and dialog.password.text() == ""
    log_in(window, "lan")
    assert window.session.actor.username == "lan"
    assert window.navigation.isVisible()
    assert window.stack.currentWidget() is window.pages[Page.REGISTER]
    assert "Trần Thị Lan" in window.status.user.text()


def test_a_clerk_cannot_open_settings(desk: GuiApp) -> None:
    window = desk.window
    log_in(window, "lan")
    assert not window.nav_actions[Page.SETTINGS].isVisible()
    assert Page.SETTINGS not in window.pages
    assert window.show_page(Page.SETTINGS) is None
    assert window.stack.currentWidget() is window.pages[Page.REGISTER]


def test_an_admin_changes_the_settings(desk: GuiApp) -> None:
    window = desk.window
    log_in(window, "quantri")
    assert window.nav_actions[Page.SETTINGS].isVisible()
    page = window.show_page(Page.SETTINGS)
    assert page is not None
    form = page.office  # type: ignore[attr-defined]
    form.edits["hotline"].setText("0263 3822 000")
    form.edits["agency_code"].setText("sai mã")
    assert not form.save() and "office.agency_code" in form.message.text()
    form.edits["agency_code"].setText("000.00.12.H50")
    form.cutoff_enabled.setChecked(False)
    assert form.save()
    assert desk.context.settings.office.hotline == "0263 3822 000"
    assert desk.context.calendar.rules.cutoff is None
    assert desk.context.registration.numbering.agency_code == "000.00.12.H50"
    assert 'hotline = "0263 3822 000"' in desk.context.paths.settings_file.read_text(encoding="utf-8")


def test_admin_edits_holidays_and_users(desk: GuiApp) -> None:
    from datetime import date

    from kiosk.ui.convert import from_date

    window = desk.window
    log_in(window, "quantri")
    page = window.show_page(Page.SETTINGS)
    holidays = page.holidays  # type: ignore[union-attr]
    holidays.day.setDate(from_date(date(2026, 12, 31)))
    holidays.note.setText("Nghỉ theo QĐ 1/QĐ-UBND")
    holidays.add()
    assert not desk.context.calendar.calendar().is_working_day(date(2026, 12, 31))
    users = page.users  # type: ignore[union-attr]
    users.username.setText("hoa")
    users.full_name.setText("Đỗ Thị Hoa")
    users.password.setText("mat-khau-moi-1")
    users.password_again.setText("mat-khau-khac")
    users.add()
    assert "không khớp" in users.message.text()
    users.password_again.setText("mat-khau-moi-1")
    users.add()
    assert desk.context.users.authenticate("hoa", "mat-khau-moi-1").role == "clerk"


def test_idle_lock_hides_the_desk_until_the_password(desk: GuiApp, qtbot: QtBot) -> None:
    window = desk.window
    log_in(window, "lan")
    desk.idle.set_interval(30)
    qtbot.waitUntil(lambda: window.login_dialog is not None, timeout=2_000)
    assert window.stack.currentWidget() is window.locked_page and not window.navigation.isVisible()
    lock = window.login_dialog
    assert lock is not None and lock.username.text() == "lan"
    lock.reject()  # neither Escape nor closing opens a locked desk
    assert window.login_dialog is lock and lock.isVisible()
    lock.password.setText(PASSWORDS["lan"])
    assert lock.try_login()
    assert window.navigation.isVisible() and window.stack.currentWidget() is window.pages[Page.REGISTER]


def test_switching_user_without_closing(desk: GuiApp) -> None:
    window = desk.window
    log_in(window, "lan")
    assert window.switch_user() is not None
    log_in(window, "quantri")
    assert window.session.actor.username == "quantri"
    assert window.nav_actions[Page.SETTINGS].isVisible() and Page.SETTINGS in window.pages
    window.switch_user()
    log_in(window, "lan")
    assert Page.SETTINGS not in window.pages and not window.nav_actions[Page.SETTINGS].isVisible()
