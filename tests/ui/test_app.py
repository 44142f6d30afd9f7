"""The whole app boots offscreen on a fresh KIOSK_HOME."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk import app as app_module
from kiosk.clock import FixedClock
from kiosk.models.schema import SCHEMA_REVISION, stored_revision
from kiosk.paths import Paths
from tests.helpers import local


def test_boot_shows_the_window_behind_the_login(paths: Paths, qtbot: QtBot) -> None:
    gui = app_module.boot(paths=paths, clock=FixedClock(local(2026, 11, 24, 9, 0)))
    qtbot.addWidget(gui.window)
    try:
        assert gui.window.isVisible()
        assert "Bộ phận Tiếp nhận và Trả kết quả" in gui.window.windowTitle()
        assert gui.window.login_dialog is not None and gui.window.login_dialog.isVisible()
        assert not gui.window.navigation.isVisible()  # nothing is reachable before logging in
        assert gui.window.stack.currentWidget() is gui.window.locked_page
        assert stored_revision(paths.default_database) == SCHEMA_REVISION
    finally:
        gui.close()


def test_main_returns_without_the_event_loop(paths: Paths, qtbot: QtBot) -> None:
    assert app_module.main([], exec_=False) == 0


def test_a_startup_error_is_shown_in_vietnamese(paths: Paths, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    paths.settings_file.write_text("[calendar]\ncutoff_enabled = 3\n", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(app_module.messages, "error", lambda _parent, _title, text: shown.append(text))
    assert app_module.main([], exec_=False) == 6
    assert len(shown) == 1 and shown[0].startswith("Tệp cài đặt")


def test_boot_closes_stale_supplements(paths: Paths, qtbot: QtBot) -> None:
    from kiosk.context import open_context
    from kiosk.services.dossier_views import Applicant
    from kiosk.services.lifecycle import MoveInput
    from kiosk.services.registration import RegistrationInput
    from kiosk.services.states import DossierState

    clock = FixedClock(local(2026, 11, 2, 9, 0))
    with open_context(paths, clock=clock) as ctx:
        by = ctx.users.cli()
        code = ctx.registration.register(
            RegistrationInput("1.010020", Applicant("person", "An Bình", "0912345678")), by=by
        ).code
        ctx.lifecycle.move(code, MoveInput(DossierState.SUPPLEMENT_REQUESTED, reason="Thiếu", missing=("Đơn",)), by=by)
    clock.set(local(2026, 11, 25, 9, 0))
    gui = app_module.boot(paths=paths, clock=clock)
    qtbot.addWidget(gui.window)
    try:
        assert gui.context.search.show(code).state is DossierState.CLOSED
    finally:
        gui.close()


def test_qt_own_words_are_vietnamese(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLineEdit

    app_module.qt_application()
    edit = QLineEdit("Hồ sơ")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert {"&Sao chép", "&Dán", "Chọn tất cả", "&Hoàn tác"} <= set(texts)


def test_words_we_do_not_translate_stay_qt_own(qtbot: QtBot) -> None:
    """An empty translation would blank them: the print dialog's labels, and even the paper sizes (A5 invalid)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QPageSize

    app_module.qt_application()
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Thư mục:"
    assert QCoreApplication.translate("QFileDialog", "Recent Places") == "Recent Places"
    assert QPageSize(QPageSize.PageSizeId.A5).isValid()
