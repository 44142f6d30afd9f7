"""The login dialog with lockout and the forced password change; the admin's unlock and reset; what a clerk sees."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from kiosk.app import GuiApp
from kiosk.services.users import LOGIN_ATTEMPTS
from kiosk.ui.login import LoginDialog
from kiosk.ui.main_window import MainWindow, Page
from kiosk.ui.settings.users import UsersEditor
from tests.ui.conftest import PASSWORDS, log_in


def attempt(dialog: LoginDialog, username: str, password: str) -> bool:
    dialog.username.setText(username)
    dialog.password.setText(password)
    return dialog.try_login()


def users_tab(window: MainWindow) -> UsersEditor:
    page = window.show_page(Page.SETTINGS)
    assert page is not None
    editor = page.users  # type: ignore[attr-defined]
    assert isinstance(editor, UsersEditor)
    return editor


def select(editor: UsersEditor, username: str) -> int:
    row = next(r for r in range(editor.table.rowCount()) if editor.table.item(r, 0).text() == username)  # type: ignore[union-attr]
    editor.table.setCurrentCell(row, 0)
    return row


def test_wrong_passwords_lock_the_account_until_an_admin_unlocks_it(desk: GuiApp) -> None:
    window = desk.window
    dialog = window.login_dialog
    assert dialog is not None
    for _ in range(LOGIN_ATTEMPTS - 1):
        assert not attempt(dialog, "lan", "sai-mat-khau")
        assert dialog.message.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert not attempt(dialog, "lan", "sai-mat-khau")
    assert "đã bị khoá" in dialog.message.text() and "mở khoá" in dialog.message.text()
    assert not attempt(dialog, "lan", PASSWORDS["lan"])  # the right one too
    assert "đã bị khoá" in dialog.message.text() and not window.session.logged_in

    log_in(window, "quantri")
    editor = users_tab(window)
    row = select(editor, "lan")
    assert editor.table.item(row, 4).text() == "⚠ Đã khoá"  # type: ignore[union-attr]
    assert editor.unlock_button.isEnabled()
    select(editor, "minh")
    assert not editor.unlock_button.isEnabled()
    select(editor, "lan")
    editor.unlock_button.click()
    assert editor.message.text() == "Đã mở khoá tài khoản lan."
    assert editor.table.item(row, 4).text() == "Bình thường"  # type: ignore[union-attr]
    assert not editor.unlock_button.isEnabled()

    assert window.switch_user() is not None
    log_in(window, "lan")
    assert window.session.actor.username == "lan"


def test_a_supervisor_unlocks_a_clerk_from_the_login_screen(desk: GuiApp) -> None:
    """The clerk is locked out and nobody is logged in: the supervisor walks over and opens her account there."""
    window = desk.window
    dialog = window.login_dialog
    assert dialog is not None
    assert not attempt(dialog, "lan", "sai-mat-khau")
    assert not dialog.unlock_button.isVisibleTo(dialog)  # a wrong password alone offers nothing
    for _ in range(LOGIN_ATTEMPTS - 1):
        attempt(dialog, "lan", "sai-mat-khau")
    assert dialog.unlock_button.isVisibleTo(dialog)
    unlock = dialog.unlock_dialog()
    assert "lan" in unlock.windowTitle() + unlock.findChild(QLabel).text()  # type: ignore[union-attr]
    unlock.username.setText("lan")  # she cannot unlock herself, even with her right password
    unlock.password.setText(PASSWORDS["lan"])
    assert not unlock.try_confirm() and "đã bị khoá" in unlock.problem.text()
    unlock.username.setText("minh")
    unlock.password.setText("sai-mat-khau")
    assert not unlock.try_confirm() and unlock.problem.text() == "Sai tên đăng nhập hoặc mật khẩu."
    unlock.password.setText(PASSWORDS["minh"])
    assert unlock.try_confirm()
    dialog.unlocked()
    assert "Đã mở khoá tài khoản lan" in dialog.message.text() and not dialog.unlock_button.isVisibleTo(dialog)
    assert attempt(dialog, "lan", PASSWORDS["lan"])
    assert window.session.actor.username == "lan"
    audit = desk.context.audit
    assert [(e.actor, e.target) for e in audit.recent(action="approval")] == [("minh", "mở khoá tài khoản lan")]
    assert [(e.actor, e.target) for e in audit.recent(action="account_unlocked")] == [("minh", "lan")]
    assert [e.actor for e in audit.recent(action="login")] == ["lan"]  # the supervisor never logged in


def test_a_supervisor_cannot_unlock_another_supervisor(desk: GuiApp) -> None:
    users = desk.context.users
    users.add("tuan", "Phạm Anh Tuấn", "supervisor", "mat-khau-so-4", by=users.cli())
    dialog = desk.window.login_dialog
    assert dialog is not None
    for _ in range(LOGIN_ATTEMPTS):
        attempt(dialog, "tuan", "sai-mat-khau")
    unlock = dialog.unlock_dialog()
    unlock.username.setText("minh")
    unlock.password.setText(PASSWORDS["minh"])
    assert not unlock.try_confirm() and "Quản trị" in unlock.problem.text()
    assert users.account_states()["tuan"].locked


def test_a_new_account_changes_its_password_before_the_desk_opens(desk: GuiApp) -> None:
    window = desk.window
    users = desk.context.users
    users.add("hoa", "Đỗ Thị Hoa", "clerk", "tam-thoi-2026", by=users.cli())
    dialog = window.login_dialog
    assert dialog is not None
    assert not attempt(dialog, "hoa", "tam-thoi-2026")
    assert dialog.changing_password and dialog.change_step.isVisibleTo(dialog)
    assert not dialog.credentials.isVisibleTo(dialog) and not window.session.logged_in
    assert "hoa" in dialog.hint.text() and dialog.heading.text() == "Đổi mật khẩu"

    dialog.new_password.setText("cua-rieng-toi-1")
    dialog.new_password_again.setText("cua-rieng-toi-2")
    assert not dialog.try_change()
    assert dialog.message.text() == "Hai lần nhập mật khẩu mới không khớp."
    dialog.new_password.setText("0912345678")
    dialog.new_password_again.setText("0912345678")
    assert not dialog.try_change()
    assert "chỉ gồm chữ số" in dialog.message.text() and not window.session.logged_in

    dialog.reject()  # leaving the step: back to the log-in, the desk still closed
    assert window.login_dialog is dialog and not dialog.changing_password
    assert dialog.credentials.isVisibleTo(dialog) and not window.session.logged_in
    assert users.needs_new_password("hoa")

    assert not attempt(dialog, "hoa", "tam-thoi-2026")
    dialog.new_password.setText("cua-rieng-toi-1")
    dialog.new_password_again.setText("cua-rieng-toi-1")
    assert dialog.try_change()
    QApplication.processEvents()
    assert window.session.actor.username == "hoa" and window.navigation.isVisible()
    assert not users.needs_new_password("hoa")
    assert users.authenticate("hoa", "cua-rieng-toi-1").username == "hoa"


def test_an_admin_resets_a_password_and_the_person_must_change_it(desk: GuiApp) -> None:
    window = desk.window
    log_in(window, "quantri")
    editor = users_tab(window)
    editor.new_password.setText("tam-thoi-2026")
    editor.new_password_again.setText("tam-thoi-2026")
    editor.reset_password()
    assert editor.message.text() == "Chọn một người trong bảng trước."
    row = select(editor, "lan")
    editor.new_password_again.setText("tam-thoi-2027")
    editor.reset_password()
    assert "không khớp" in editor.message.text()
    editor.new_password.setText("matkhau123")
    editor.new_password_again.setText("matkhau123")
    editor.reset_password()
    assert "quá phổ biến" in editor.message.text()
    editor.new_password.setText("tam-thoi-2026")
    editor.new_password_again.setText("tam-thoi-2026")
    editor.reset_password()
    assert editor.message.text().startswith("Đã đặt lại mật khẩu cho lan.")
    assert editor.table.item(row, 4).text() == "Chờ đổi mật khẩu"  # type: ignore[union-attr]
    assert editor.new_password.text() == ""

    dialog = window.switch_user()
    assert dialog is not None
    assert not attempt(dialog, "lan", PASSWORDS["lan"])  # the old one is gone
    assert not attempt(dialog, "lan", "tam-thoi-2026") and dialog.changing_password
    dialog.new_password.setText("cua-rieng-toi-1")
    dialog.new_password_again.setText("cua-rieng-toi-1")
    assert dialog.try_change()
    assert window.session.actor.username == "lan"


def test_a_new_user_added_in_settings_is_forced_to_change(desk: GuiApp) -> None:
    window = desk.window
    log_in(window, "quantri")
    editor = users_tab(window)
    editor.username.setText("hoa")
    editor.full_name.setText("Đỗ Thị Hoa")
    editor.password.setText("tam-thoi-2026")
    editor.password_again.setText("tam-thoi-2026")
    editor.add()
    assert "phải đổi mật khẩu" in editor.message.text()
    row = select(editor, "hoa")
    assert editor.table.item(row, 4).text() == "Chờ đổi mật khẩu"  # type: ignore[union-attr]
    assert desk.context.users.needs_new_password("hoa")


def test_the_lock_screen_also_asks_for_the_change(desk: GuiApp) -> None:
    window = desk.window
    log_in(window, "lan")
    desk.context.users.reset_password("lan", "tam-thoi-2026", by=desk.context.users.cli())
    lock = window.lock()
    assert lock is not None
    assert not attempt(lock, "lan", "tam-thoi-2026") and lock.changing_password
    lock.reject()  # a locked desk: back to its password, never open
    assert window.login_dialog is lock and not lock.changing_password and lock.isVisible()
    assert window.stack.currentWidget() is window.locked_page


def test_a_clerk_sees_no_reports_or_settings_and_cannot_open_them(desk: GuiApp) -> None:
    window = desk.window
    log_in(window, "lan")
    for page in (Page.REPORTS, Page.SETTINGS):
        assert not window.nav_actions[page].isVisible() and page not in window.pages
        assert window.show_page(page) is None
    assert window.statusBar().currentMessage() == "Tài khoản này không có quyền mở mục đó."
    assert window.stack.currentWidget() is window.pages[Page.REGISTER]
    visible = {a.text() for a in window.navigation.actions() if a.isVisible()}
    assert not any("Cài đặt" in t or "Báo cáo" in t for t in visible)


def test_a_supervisor_sees_reports_but_not_settings(desk: GuiApp) -> None:
    window = desk.window
    log_in(window, "minh")
    assert window.nav_actions[Page.REPORTS].isVisible() and window.show_page(Page.REPORTS) is not None
    assert not window.nav_actions[Page.SETTINGS].isVisible() and window.show_page(Page.SETTINGS) is None
