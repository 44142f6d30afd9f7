"""The ledger's filters and lazy loading, and a barcode scanner opening a dossier from anywhere."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app import GuiApp
from kiosk.clock import FixedClock
from kiosk.services.dossier_views import Applicant
from kiosk.services.ledger import Period
from kiosk.services.registration import RegistrationInput
from kiosk.ui.ledger.model import PAGE
from kiosk.ui.ledger.page import LedgerPage
from kiosk.ui.main_window import Page
from kiosk.ui.registration.page import RegistrationPage
from tests.ui.conftest import log_in


def register_many(desk: GuiApp, count: int) -> list[str]:
    clock = desk.context.clock
    assert isinstance(clock, FixedClock)
    by = desk.context.users.get("lan")
    codes = []
    for i in range(count):
        clock.advance(timedelta(seconds=20))
        data = RegistrationInput("1.010020", Applicant("person", f"Người Thứ {chr(65 + i % 26)}", "0912345678"))
        codes.append(desk.context.registration.register(data, by=by).code)
    clock.advance(timedelta(seconds=20))
    return codes


def test_scanner_opens_the_dossier_from_any_field(desk: GuiApp, qtbot: QtBot) -> None:
    (code,) = register_many(desk, 1)
    log_in(desk.window, "lan")
    page = desk.window.pages[Page.REGISTER]
    assert isinstance(page, RegistrationPage)
    field = page.applicant.edits["applicant_name"]
    field.setFocus()
    qtbot.keyClicks(field, "Ng")  # the clerk was typing a name
    qtbot.wait(150)  # … and a moment later the scanner fires
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    dialog = desk.window.dossier_dialog
    assert dialog is not None and dialog.view.code == code
    assert field.text() == "Ng"  # the scanned code did not stay in the field


def test_typing_a_code_slowly_is_not_a_scan(desk: GuiApp, qtbot: QtBot) -> None:
    (code,) = register_many(desk, 1)
    log_in(desk.window, "lan")
    page = desk.window.pages[Page.REGISTER]
    assert isinstance(page, RegistrationPage)
    field = page.applicant.edits["applicant_name"]
    field.setFocus()
    for ch in code:
        qtbot.keyClick(field, ch, delay=60)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert desk.window.dossier_dialog is None and field.text() == code


def test_f3_opens_the_ledger_with_the_cursor_in_search(desk: GuiApp, qtbot: QtBot) -> None:
    codes = register_many(desk, 3)
    log_in(desk.window, "lan")
    desk.window.activateWindow()
    qtbot.keyClick(desk.window, Qt.Key.Key_F3)
    page = desk.window.pages[Page.LEDGER]
    assert isinstance(page, LedgerPage)
    assert desk.window.stack.currentWidget() is page and page.search.hasFocus()
    assert page.model.rowCount() == 3 and page.count.text() == "3 hồ sơ"
    qtbot.keyClicks(page.search, "nguoi thu b")
    page.apply()
    assert [page.model.row_at(r).code for r in range(page.model.rowCount())] == [codes[1]]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert desk.window.dossier_dialog is not None and desk.window.dossier_dialog.view.code == codes[1]


def test_the_ledger_loads_as_it_scrolls(desk: GuiApp) -> None:
    codes = register_many(desk, PAGE + 30)
    log_in(desk.window, "lan")
    page = desk.window.show_page(Page.LEDGER)
    assert isinstance(page, LedgerPage)
    assert page.model.rowCount() == PAGE and page.model.canFetchMore(page.model.index(-1, -1))
    page.table.scrollToBottom()
    page.model.fetchMore(page.model.index(-1, -1))
    assert page.model.rowCount() == PAGE + 30
    assert [page.model.row_at(r).code for r in range(page.model.rowCount())] == list(reversed(codes))


def test_filters_and_row_flags(desk: GuiApp) -> None:
    from PySide6.QtGui import QBrush

    register_many(desk, 2)
    log_in(desk.window, "lan")
    page = desk.window.show_page(Page.LEDGER)
    assert isinstance(page, LedgerPage)
    page.period.setCurrentIndex(page.period.findData(Period.DUE_TODAY))
    assert page.model.rowCount() == 2  # same-day copies received this morning are due today
    index = page.model.index(0, 6)
    assert page.model.data(index) == "● Đến hạn hôm nay"
    assert isinstance(page.model.data(index, Qt.ItemDataRole.BackgroundRole), QBrush)
    page.period.setCurrentIndex(page.period.findData(Period.OVERDUE))
    assert page.model.rowCount() == 0 and page.count.text() == "0 hồ sơ"


def test_a_busy_moment_between_keys_does_not_split_a_scan(qtbot: QtBot) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    from kiosk.ui.scanner import ScannerFilter

    seen_late = iter(range(0, 10_000, 500))  # the program looks at each key half a second after the last
    scanner = ScannerFilter(clock=lambda: next(seen_late) / 1000)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.activateWindow()
    field.setFocus()
    QApplication.processEvents()
    found: list[str] = []
    scanner.scanned.connect(found.append)
    code = "000.00.10.H15-261125-0004"
    for typed_at, ch in enumerate(code + "\r"):
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch))
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
        event.setTimestamp(1_000 + 4 * typed_at)  # the window system saw them 4 ms apart
        if ch != "\r":
            field.insert(ch)  # what the line edit itself does with the key
        scanner.eventFilter(field, event)
    assert found == [code] and field.text() == ""
