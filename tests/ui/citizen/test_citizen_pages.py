"""The citizen screen's look-up, queue tickets and calls, driven by taps; the clerk's queue panel by its keys."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import GuiApp
from kiosk.clock import FixedClock
from kiosk.printing.documents import Document, Fields, Large
from kiosk.services.dossier_views import Applicant
from kiosk.services.queue import Source, TicketState
from kiosk.services.registration import RegistrationInput
from kiosk.ui.citizen.pages import CitizenPages
from kiosk.ui.main_window import MainWindow
from kiosk.ui.queue_panel import TicketDialog
from kiosk.ui.survey.window import CitizenWindow
from tests.printing.fake_printer import FakePrinter
from tests.ui.conftest import log_in
from tests.ui.fake_monitors import CLERK, TOUCH, FakeMonitors
from tests.ui.test_survey_screen import TapClock, return_result, screen, tap
from tests.ui.test_survey_screen import taps as taps  # the fixture

AN = Applicant("person", "Nguyễn Văn An", "0912345678", id_number="067090012345")


def front(desk: GuiApp) -> CitizenPages:
    pages = desk.survey.citizen.front
    assert pages is not None
    return pages


@pytest.fixture
def citizen(desk: GuiApp, monitors: FakeMonitors) -> CitizenWindow:
    monitors.plug(CLERK, TOUCH)
    window = desk.survey.citizen
    assert window.isVisible() and window.stack.currentWidget() is window.idle_screen
    return window


@pytest.fixture
def chimes(desk: GuiApp, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    played: list[int] = []
    services = front(desk)._services
    monkeypatch.setattr(front(desk), "_services", dataclasses.replace(services, chime=lambda: played.append(1)))
    return played


def register(desk: GuiApp, applicant: Applicant = AN) -> str:
    clerk = desk.context.users.get("lan")
    return desk.context.registration.register(RegistrationInput("2.001914", applicant), by=clerk).code


def press(window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key of the clerk's keyboard; offscreen, shortcuts reach only the active window."""
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window, key, modifier)


def type_digits(qtbot: QtBot, taps: TapClock, pages: CitizenPages, digits: str) -> None:
    for digit in digits:
        tap(qtbot, taps, pages.lookup.pad.keys[digit], after_ms=700)


# -- the look-up ------------------------------------------------------------------------------------------------------


def test_the_look_up_by_the_keypad_says_the_state_and_nothing_else(
    desk: GuiApp, citizen: CitizenWindow, taps: TapClock, qtbot: QtBot
) -> None:
    code = register(desk)
    pages = front(desk)
    tap(qtbot, taps, citizen.idle_screen.lookup)
    assert citizen.stack.currentWidget() is pages.lookup
    assert not pages.lookup.pad.keys["action"].isEnabled()
    type_digits(qtbot, taps, pages, "0001")
    assert pages.lookup.code_box.text() == "0001" and pages.lookup.pad.keys["action"].text() == "Tiếp tục ›"
    tap(qtbot, taps, pages.lookup.pad.keys["action"])
    assert pages.lookup.phone_box.isChecked()
    type_digits(qtbot, taps, pages, "5679")  # one digit wrong
    tap(qtbot, taps, pages.lookup.pad.keys["action"])
    assert pages.lookup.message.text().startswith("Không tìm thấy hồ sơ")
    tap(qtbot, taps, pages.lookup.pad.keys["Xoá"])
    type_digits(qtbot, taps, pages, "8")
    tap(qtbot, taps, pages.lookup.pad.keys["action"])
    assert pages.lookup.showing_result()
    assert pages.lookup.headline.text() == "Đang giải quyết – hẹn trả 02/12/2026"
    shown = " ".join(w.text() for w in (pages.lookup.headline, pages.lookup.hint, pages.lookup.message))
    for secret in (AN.name, AN.phone, AN.id_number or "", code, "Chỉnh sửa"):
        assert secret not in shown


def test_ten_digits_move_on_to_the_phone_by_themselves(
    desk: GuiApp, citizen: CitizenWindow, taps: TapClock, qtbot: QtBot
) -> None:
    code = register(desk)
    pages = front(desk)
    tap(qtbot, taps, citizen.idle_screen.lookup)
    digits = code.replace("-", "")[-10:]
    type_digits(qtbot, taps, pages, digits)
    assert pages.lookup.code_box.text() == "261125-0001" and pages.lookup.phone_box.isChecked()
    type_digits(qtbot, taps, pages, "5678")
    tap(qtbot, taps, pages.lookup.pad.keys["action"])
    assert pages.lookup.headline.text().startswith("Đang giải quyết")


def test_guessing_is_slowed_down_on_the_screen(
    desk: GuiApp, citizen: CitizenWindow, taps: TapClock, qtbot: QtBot
) -> None:
    pages = front(desk)
    tap(qtbot, taps, citizen.idle_screen.lookup)
    messages = []
    for guess in ("0101", "0202", "0303", "0404"):
        pages.lookup.reset()
        type_digits(qtbot, taps, pages, guess)
        tap(qtbot, taps, pages.lookup.pad.keys["action"])
        type_digits(qtbot, taps, pages, "1111")
        tap(qtbot, taps, pages.lookup.pad.keys["action"])
        messages.append(pages.lookup.message.text())
    assert messages[0].startswith("Không tìm thấy hồ sơ") and "chờ" not in messages[0]
    assert "mời chờ 30 giây" in messages[2]
    assert messages[3].startswith("Mời Ông/Bà chờ") and "giây rồi thử lại" in messages[3]


def test_a_scanned_receipt_goes_to_the_look_up_only_while_it_is_open(
    desk: GuiApp, citizen: CitizenWindow, taps: TapClock, qtbot: QtBot
) -> None:
    code = register(desk)
    log_in(desk.window, "lan")
    desk.scanner.scanned.emit(code)  # the look-up is not open: the clerk's scanner opens the dossier
    assert desk.window.dossier_dialog is not None
    desk.window.dossier_dialog.close()
    pages = front(desk)
    tap(qtbot, taps, citizen.idle_screen.lookup)
    desk.scanner.scanned.emit(code)
    assert desk.window.dossier_dialog is None
    assert pages.lookup.showing_result() and pages.lookup.headline.text().startswith("Đang giải quyết")


def test_the_look_up_left_alone_goes_back_to_rest(
    desk: GuiApp, citizen: CitizenWindow, taps: TapClock, qtbot: QtBot
) -> None:
    pages = front(desk)
    tap(qtbot, taps, citizen.idle_screen.lookup)
    assert pages.page_timer.isActive() and pages.page_timer.interval() == 60_000
    pages.page_timer.timeout.emit()
    assert citizen.stack.currentWidget() is citizen.idle_screen


# -- queue tickets ----------------------------------------------------------------------------------------------------


def test_a_ticket_at_the_touch_screen_in_two_presses(
    desk: GuiApp, citizen: CitizenWindow, taps: TapClock, qtbot: QtBot
) -> None:
    pages = front(desk)
    desk.context.queue.take("collect")
    tap(qtbot, taps, citizen.idle_screen.queue)
    assert [b.text() for b in pages.queue.group_buttons] == ["Nộp hồ sơ", "Nhận kết quả", "Hỏi, hướng dẫn thủ tục"]
    tap(qtbot, taps, pages.queue.button("submit"))
    tap(qtbot, taps, pages.queue.button("priority"))
    assert pages.queue.showing_ticket() and pages.queue.number.text() == "002"
    assert pages.queue.kind.text() == "Nộp hồ sơ – SỐ ƯU TIÊN"
    assert pages.queue.ahead.text() == "Không có ai chờ trước Ông/Bà."
    assert pages.queue.paper.text() == "Quầy chưa có máy in phiếu: mời Ông/Bà ghi nhớ số này."
    pages.queue.ticket_requested.emit("submit", True)  # a press that arrives after the number is shown
    (_first, second) = desk.context.queue.tickets(desk.context.calendar.today(), desk.context.calendar.today())
    assert second.priority and second.source is Source.SCREEN and second.group_key == "submit"
    pages.page_timer.timeout.emit()
    assert citizen.stack.currentWidget() is citizen.idle_screen


def test_a_double_press_takes_one_ticket(desk: GuiApp, citizen: CitizenWindow, taps: TapClock, qtbot: QtBot) -> None:
    pages = front(desk)
    tap(qtbot, taps, citizen.idle_screen.queue)
    tap(qtbot, taps, pages.queue.button("ask"))
    pages.queue.ticket_requested.emit("ask", False)
    pages.queue.ticket_requested.emit("ask", False)  # the same press again, 0 ms later
    today = desk.context.calendar.today()
    assert len(desk.context.queue.tickets(today, today)) == 1


def test_the_ticket_prints_on_the_desk_printer(
    desk: GuiApp, citizen: CitizenWindow, taps: TapClock, qtbot: QtBot, fake: FakePrinter
) -> None:
    settings = desk.context.settings
    printer = msgspec.structs.replace(settings.printer, connection="network", host="127.0.0.1", port=fake.port)
    desk.window.save_settings(msgspec.structs.replace(settings, printer=printer))
    pages = front(desk)
    tap(qtbot, taps, citizen.idle_screen.queue)
    tap(qtbot, taps, pages.queue.button("collect"))
    tap(qtbot, taps, pages.queue.button("regular"))
    assert pages.queue.paper.text() == "Mời Ông/Bà nhận phiếu ở máy in."
    (job,) = desk.context.printing.recent()
    assert job.kind == "queue_ticket" and job.status == "sent"
    doc = desk.context.printing.document(job.number)
    assert doc.blocks[0] == Large("001", size=180)
    assert dict(next(b for b in doc.blocks if isinstance(b, Fields)).rows)["Dịch vụ"] == "Nhận kết quả"


# -- calls ------------------------------------------------------------------------------------------------------------


def test_a_call_fills_the_idle_screen_then_stays_on_its_line(
    desk: GuiApp, citizen: CitizenWindow, chimes: list[int]
) -> None:
    log_in(desk.window, "lan")
    desk.context.queue.take("submit")
    panel = desk.window.queue_panel
    panel.refresh()
    assert panel.current.text() == "Đang phục vụ: —" and panel.waiting.text().startswith("Đang chờ: 1")
    press(desk.window, Qt.Key.Key_F6)
    pages = front(desk)
    assert pages.showing_call() and pages.call.number.text() == "001"
    assert pages.call.counter.text() == "đến Quầy 1" and chimes == [1]
    assert panel.current.text() == "Đang phục vụ: 001"
    press(desk.window, Qt.Key.Key_F7)  # called again
    assert chimes == [1, 1] and pages.call.number.text() == "001"
    pages.call_timer.timeout.emit()
    assert citizen.stack.currentWidget() is citizen.idle_screen
    assert citizen.idle_screen.serving.text() == "Đang mời số 001 đến Quầy 1"
    assert citizen.idle_screen.serving.isVisible()
    press(desk.window, Qt.Key.Key_F8)  # served: the counter is free before the next call
    assert panel.current.text() == "Đang phục vụ: —" and not panel.done_button.isEnabled()
    today = desk.context.calendar.today()
    (ticket,) = desk.context.queue.tickets(today, today)
    assert ticket.state is TicketState.SERVED and ticket.done_at is not None


def test_a_call_over_the_guide_is_a_band_and_the_page_stays(
    desk: GuiApp, citizen: CitizenWindow, taps: TapClock, qtbot: QtBot, chimes: list[int]
) -> None:
    log_in(desk.window, "lan")
    pages = front(desk)
    tap(qtbot, taps, citizen.idle_screen.guide)
    desk.context.queue.take("submit", priority=True)
    desk.window.queue_panel.call_next()
    assert citizen.stack.currentWidget() is pages.guide
    assert citizen.banner.isVisible() and citizen.banner.text() == "Mời số 001 (ưu tiên) đến Quầy 1"
    pages.banner_timer.timeout.emit()
    assert not citizen.banner.isVisible() and citizen.stack.currentWidget() is pages.guide


def test_a_survey_is_never_interrupted_and_the_call_comes_after_it(
    desk: GuiApp,
    citizen: CitizenWindow,
    taps: TapClock,
    qtbot: QtBot,
    chimes: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages = front(desk)
    tap(qtbot, taps, citizen.idle_screen.lookup)  # someone reading the look-up: the survey takes over
    return_result(desk, monkeypatch)
    assert screen(citizen).question.key == "procedure"
    for _ in range(2):
        desk.context.queue.take("submit")
    desk.window.queue_panel.call_next()
    desk.window.queue_panel.call_next()  # 001 served, 002 called: only the latest waits
    assert screen(citizen).question.key == "procedure" and chimes == [] and not citizen.banner.isVisible()
    for _ in range(5):
        tap(qtbot, taps, screen(citizen).button("satisfied"))
    assert citizen.stack.currentWidget() is citizen.thanks_screen
    assert pages.pending is not None and pages.pending.ticket.label == "002"
    citizen.thanks_timer.timeout.emit()
    assert pages.showing_call() and pages.call.number.text() == "002" and chimes == [1]
    pages.call_timer.timeout.emit()
    assert citizen.stack.currentWidget() is citizen.idle_screen and pages.pending is None


def test_calling_with_nobody_waiting_and_absent_tickets(desk: GuiApp, citizen: CitizenWindow) -> None:
    log_in(desk.window, "lan")
    panel = desk.window.queue_panel
    assert panel.call_next() is None
    assert desk.window.statusBar().currentMessage() == "Không còn ai chờ."
    desk.context.queue.take("submit")
    desk.context.queue.take("submit")
    panel.call_next()
    press(desk.window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)  # nobody came: absent
    today = desk.context.calendar.today()
    assert [t.state for t in desk.context.queue.tickets(today, today)] == [TicketState.ABSENT, TicketState.CALLED]


def test_the_clerk_gives_a_ticket_and_the_dossier_registered_is_linked(
    desk: GuiApp, citizen: CitizenWindow, printed: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    log_in(desk.window, "lan")
    monkeypatch.setattr(TicketDialog, "ask", classmethod(lambda cls, settings, parent=None: ("submit", False)))
    press(desk.window, Qt.Key.Key_F9)
    assert printed and printed[-1].kind == "queue_ticket"  # no receipt printer: shown as the paper would be
    assert "Đã cấp số 001" in desk.window.statusBar().currentMessage()
    desk.window.queue_panel.call_next()
    clerk = desk.context.users.get("lan")
    view = desk.context.registration.register(RegistrationInput("2.001914", AN), by=clerk)
    desk.window._registered(view)  # what the registration page's signal does
    today = desk.context.calendar.today()
    (ticket,) = desk.context.queue.tickets(today, today)
    assert ticket.source is Source.DESK and ticket.dossier_id == view.id


def test_the_panel_is_hidden_behind_the_lock_and_when_the_queue_is_off(desk: GuiApp) -> None:
    window: MainWindow = desk.window
    assert not window.queue_bar.isVisible()
    log_in(window, "lan")
    assert window.queue_bar.isVisible() and window.queue_panel.isVisible()
    settings = desk.context.settings
    window.save_settings(
        msgspec.structs.replace(settings, queue=msgspec.structs.replace(settings.queue, enabled=False))
    )
    assert not window.queue_bar.isVisible()
    assert not desk.survey.citizen.idle_screen.queue.isVisibleTo(desk.survey.citizen)


def test_tomorrow_the_numbers_start_again(desk: GuiApp, citizen: CitizenWindow) -> None:
    log_in(desk.window, "lan")
    desk.context.queue.take("submit")
    clock = desk.context.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(days=1))
    assert desk.context.queue.take("submit").number == 1
    desk.window.queue_panel.refresh()
    assert desk.window.queue_panel.waiting.text() == "Đang chờ: 1 · hôm nay đã cấp 1"


def test_the_hotline_is_on_the_look_up_and_the_ticket(
    desk: GuiApp, citizen: CitizenWindow, taps: TapClock, qtbot: QtBot
) -> None:
    settings = desk.context.settings
    office = msgspec.structs.replace(settings.office, hotline="0263 3 822 000")
    desk.window.save_settings(msgspec.structs.replace(settings, office=office))
    pages = front(desk)
    assert "0263 3 822 000" in citizen.idle_screen.hotline.text()
    tap(qtbot, taps, citizen.idle_screen.lookup)
    assert pages.lookup.hotline.text() == "Đường dây nóng tiếp nhận phản ánh, kiến nghị: 0263 3 822 000"
    tap(qtbot, taps, pages.lookup.pad.keys["0"])  # any press: the page stays open
    pages.go_home()
    taps.ms += 1_000
    tap(qtbot, taps, citizen.idle_screen.queue)
    tap(qtbot, taps, pages.queue.button("ask"))
    tap(qtbot, taps, pages.queue.button("regular"))
    assert pages.queue.hotline.isVisible() and "0263 3 822 000" in pages.queue.hotline.text()
