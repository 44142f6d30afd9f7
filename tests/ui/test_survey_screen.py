"""The citizen's touch screen driven by taps on real widgets, from the clerk's "returned" to the thank-you."""

from __future__ import annotations

import random

import msgspec
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.app import GuiApp
from kiosk.models import SurveyAnswer, SurveyResponse, SurveyTicket
from kiosk.services.states import DossierState
from kiosk.services.survey import TicketStatus
from kiosk.ui.dossier import actions
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.survey.choices import ChoiceButton
from kiosk.ui.survey.screens import QuestionScreen
from kiosk.ui.survey.window import CitizenWindow
from tests.ui.fake_monitors import CLERK, TOUCH, WALL, FakeMonitors
from tests.ui.test_dossier_actions import answer, opened


class TapClock:
    """The time presses are measured with: each tap() moves it on by a second unless told otherwise."""

    def __init__(self) -> None:
        self.ms = 0.0

    def __call__(self) -> float:
        return self.ms


@pytest.fixture
def taps(desk: GuiApp) -> TapClock:
    clock = TapClock()
    desk.survey.citizen.now_ms = clock
    return clock


def change_survey(desk: GuiApp, **changes: object) -> None:
    settings = desk.context.settings
    desk.window.save_settings(
        msgspec.structs.replace(settings, survey=msgspec.structs.replace(settings.survey, **changes))
    )


def tap(qtbot: QtBot, clock: TapClock, button: ChoiceButton, after_ms: float = 1_000) -> None:
    clock.ms += after_ms
    assert button.isVisible(), f"{button.text()} is not on screen"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def screen(citizen: CitizenWindow) -> QuestionScreen:
    current = citizen.stack.currentWidget()
    assert isinstance(current, QuestionScreen), type(current).__name__
    return current


def return_result(desk: GuiApp, monkeypatch: pytest.MonkeyPatch) -> str:
    dialog = opened(desk, DossierState.RESULT_READY)
    answer(monkeypatch, actions.ReturnDialog, "applicant")
    dialog.action_buttons["returned"].click()
    dialog.close()
    return dialog.view.code


def rows(desk: GuiApp, table: type) -> int:
    with desk.context.db.read() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_the_whole_survey_by_taps(
    desk: GuiApp, monitors: FakeMonitors, taps: TapClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monitors.plug(CLERK, TOUCH)
    citizen = desk.survey.citizen
    assert citizen.isVisible() and citizen.stack.currentWidget() is citizen.idle_screen
    code = return_result(desk, monkeypatch)
    assert screen(citizen).question.key == "procedure" and not screen(citizen).back.isVisible()
    assert desk.window.status.survey.text() == "Đánh giá: đang đánh giá"
    assert code in desk.window.status.survey.toolTip()

    tap(qtbot, taps, screen(citizen).button("very_satisfied"))
    assert screen(citizen).question.key == "official" and screen(citizen).dots.current == 1
    tap(qtbot, taps, screen(citizen).button("neutral"))
    tap(qtbot, taps, screen(citizen).back)  # changed their mind about the official
    assert screen(citizen).question.key == "official" and screen(citizen).button("neutral").isChecked()
    tap(qtbot, taps, screen(citizen).button("satisfied"))
    tap(qtbot, taps, screen(citizen).button("satisfied"))
    fees = screen(citizen)
    assert fees.question.key == "fees" and fees.button("not_applicable").isVisible()
    tap(qtbot, taps, fees.button("not_applicable"))
    assert not any(b.value == "not_applicable" for b in screen(citizen).buttons)  # only where configured
    assert desk.window.status.survey.text() == "Đánh giá: đang đánh giá"
    tap(qtbot, taps, screen(citizen).button("very_satisfied"))

    assert citizen.stack.currentWidget() is citizen.thanks_screen
    assert desk.window.status.survey.text() == "Đánh giá: đã đánh giá"
    assert desk.context.survey.status(code) is TicketStatus.ANSWERED
    with desk.context.db.read() as session:
        given = {c: level for c, level in session.execute(select(SurveyAnswer.criterion, SurveyAnswer.level))}
    assert given == {
        "procedure": "very_satisfied",
        "official": "satisfied",
        "time_and_process": "satisfied",
        "fees": "not_applicable",
        "overall": "very_satisfied",
    }
    assert citizen.thanks_timer.isActive() and citizen.thanks_timer.interval() == 6_000
    citizen.thanks_timer.timeout.emit()  # the thank-you leaves by itself
    assert citizen.stack.currentWidget() is citizen.idle_screen and citizen.isVisible()


def test_the_clerk_never_sees_the_answers(
    desk: GuiApp, monitors: FakeMonitors, taps: TapClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monitors.plug(CLERK, TOUCH)
    return_result(desk, monkeypatch)
    citizen = desk.survey.citizen
    for _ in range(5):
        tap(qtbot, taps, screen(citizen).button("very_dissatisfied"))
    words = {"hài lòng", "bình thường", "rất"}
    texts = [w.text() for w in desk.window.findChildren(type(desk.window.status.survey))]
    assert texts and not any(word in t.lower() for t in texts for word in words)
    assert desk.window.status.survey.text() == "Đánh giá: đã đánh giá"


def test_nobody_answering_goes_back_to_idle_and_keeps_what_was_answered(
    desk: GuiApp, monitors: FakeMonitors, taps: TapClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monitors.plug(CLERK, TOUCH)
    citizen = desk.survey.citizen
    first = return_result(desk, monkeypatch)
    assert citizen.answer_timer.isActive() and citizen.answer_timer.interval() == 90_000
    tap(qtbot, taps, screen(citizen).button("satisfied"))
    citizen.answer_timer.timeout.emit()  # 90 s without a touch
    assert citizen.stack.currentWidget() is citizen.idle_screen and citizen.ticket is None
    assert desk.context.survey.status(first) is TicketStatus.PARTIAL
    assert desk.window.status.survey.text() == "Đánh giá: đã đánh giá"

    second = return_result(desk, monkeypatch)
    citizen.answer_timer.timeout.emit()
    assert desk.context.survey.status(second) is TicketStatus.NO_ANSWER
    assert desk.window.status.survey.text() == "Đánh giá: không đánh giá"
    assert rows(desk, SurveyResponse) == 1


def test_presses_too_close_together_count_once(
    desk: GuiApp, monitors: FakeMonitors, taps: TapClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monitors.plug(CLERK, TOUCH)
    citizen = desk.survey.citizen
    return_result(desk, monkeypatch)
    first = screen(citizen)
    tap(qtbot, taps, first.button("satisfied"))
    second = screen(citizen)
    tap(qtbot, taps, second.button("dissatisfied"), after_ms=200)  # the same finger, bouncing
    assert screen(citizen) is second and citizen.answers == {"procedure": "satisfied"}
    tap(qtbot, taps, second.button("dissatisfied"), after_ms=299)  # 499 ms after the counted press
    assert screen(citizen) is second
    tap(qtbot, taps, second.button("dissatisfied"), after_ms=1)
    assert screen(citizen).question.key == "time_and_process"
    assert citizen.answers == {"procedure": "satisfied", "official": "dissatisfied"}


def test_a_token_used_twice_stores_one_response(
    desk: GuiApp, monitors: FakeMonitors, taps: TapClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monitors.plug(CLERK, TOUCH)
    citizen = desk.survey.citizen
    code = return_result(desk, monkeypatch)
    ticket = citizen.ticket
    assert ticket is not None
    for _ in range(5):
        tap(qtbot, taps, screen(citizen).button("satisfied"))
    citizen.thanks_timer.timeout.emit()
    citizen.start(ticket)  # the same token again
    for _ in range(5):
        tap(qtbot, taps, screen(citizen).button("very_dissatisfied"))
    assert rows(desk, SurveyResponse) == 1 and rows(desk, SurveyTicket) == 1
    assert desk.context.survey.status(code) is TicketStatus.ANSWERED
    with desk.context.db.read() as session:
        assert set(session.scalars(select(SurveyAnswer.level))) == {"satisfied"}


def test_the_window_goes_to_the_citizens_monitor_never_the_clerks(desk: GuiApp, monitors: FakeMonitors) -> None:
    citizen = desk.survey.citizen
    assert not citizen.isVisible()  # one monitor: nothing shows until a survey starts
    monitors.plug(CLERK, TOUCH)
    assert citizen.isVisible() and citizen.geometry() == TOUCH.geometry and citizen.monitor == "TOUCH-2"
    assert not citizen.geometry().intersects(CLERK.geometry)
    flags = citizen.windowFlags()
    for flag in (Qt.WindowType.FramelessWindowHint, Qt.WindowType.WindowStaysOnTopHint):
        assert flags & flag
    assert flags & Qt.WindowType.WindowDoesNotAcceptFocus  # the scanner keeps typing into the clerk's window

    change_survey(desk, screen="DESK-1")  # even when told so
    assert citizen.geometry() == TOUCH.geometry
    change_survey(desk, screen="HDMI-3")
    monitors.plug(CLERK, TOUCH, WALL)
    assert citizen.geometry() == WALL.geometry
    monitors.plug(CLERK, TOUCH, WALL, clerk="HDMI-3")  # the clerk's window moved to the big screen
    assert citizen.geometry() == CLERK.geometry
    assert not citizen.close() and citizen.isVisible()  # no gesture or Alt+F4 closes it


def test_a_monitor_unplugged_mid_survey_keeps_the_survey_on_the_clerks_screen(
    desk: GuiApp, monitors: FakeMonitors, taps: TapClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monitors.plug(CLERK, TOUCH)
    citizen = desk.survey.citizen
    return_result(desk, monkeypatch)
    tap(qtbot, taps, screen(citizen).button("satisfied"))
    monitors.plug(CLERK)
    assert citizen.shared and citizen.isVisible() and citizen.geometry() == CLERK.geometry
    assert screen(citizen).question.key == "official" and citizen.answers == {"procedure": "satisfied"}
    for _ in range(4):
        tap(qtbot, taps, screen(citizen).button("very_satisfied"))
    citizen.thanks_timer.timeout.emit()
    assert not citizen.isVisible()  # the survey ended: the clerk has the screen back
    monitors.plug(CLERK, TOUCH)
    assert citizen.isVisible() and citizen.geometry() == TOUCH.geometry
    assert citizen.stack.currentWidget() is citizen.idle_screen
    assert rows(desk, SurveyResponse) == 1


def test_with_one_monitor_the_survey_comes_and_goes_and_esc_hands_it_back(
    desk: GuiApp, taps: TapClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    citizen = desk.survey.citizen
    code = return_result(desk, monkeypatch)
    assert citizen.shared and citizen.isVisible() and citizen.geometry() == CLERK.geometry
    assert not citizen.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    tap(qtbot, taps, screen(citizen).button("satisfied"))
    qtbot.keyClick(citizen, Qt.Key.Key_Escape)
    assert not citizen.isVisible()
    assert desk.context.survey.status(code) is TicketStatus.PARTIAL


def test_a_second_return_waits_for_the_first_survey(
    desk: GuiApp, monitors: FakeMonitors, taps: TapClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monitors.plug(CLERK, TOUCH)
    citizen = desk.survey.citizen
    first = return_result(desk, monkeypatch)
    second = return_result(desk, monkeypatch)
    assert desk.window.status.survey.text() == "Đánh giá: chờ đánh giá"
    assert citizen.ticket is not None and citizen.ticket.dossier_code == first
    for _ in range(5):
        tap(qtbot, taps, screen(citizen).button("satisfied"))
    citizen.thanks_timer.timeout.emit()
    assert citizen.ticket is not None and citizen.ticket.dossier_code == second
    desk.close()  # the desk closes mid-survey: the second ends unanswered
    assert desk.context.survey.status(first) is TicketStatus.ANSWERED
    assert desk.context.survey.status(second) is TicketStatus.NO_ANSWER


def test_a_thousand_random_taps_store_at_most_one_response(
    desk: GuiApp, monitors: FakeMonitors, taps: TapClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monitors.plug(CLERK, TOUCH)
    citizen = desk.survey.citizen
    return_result(desk, monkeypatch)
    rng = random.Random(20261125)
    for _ in range(1_000):
        taps.ms += rng.choice((0, 30, 120, 499, 500, 900, 2_000))
        page = citizen.stack.currentWidget()
        buttons = [b for b in page.findChildren(ChoiceButton) if b.isVisible()]
        if buttons and rng.random() < 0.8:
            qtbot.mouseClick(rng.choice(buttons), Qt.MouseButton.LeftButton)
        else:
            spot = QPoint(rng.randrange(citizen.width()), rng.randrange(citizen.height()))
            qtbot.mouseClick(citizen.childAt(spot) or citizen, Qt.MouseButton.LeftButton)
        if rng.random() < 0.01:
            rng.choice((citizen.answer_timer, citizen.thanks_timer)).timeout.emit()
    QApplication.processEvents()
    assert rows(desk, SurveyTicket) == 1 and rows(desk, SurveyResponse) <= 1
    assert rows(desk, SurveyResponse) == 1  # it was answered somewhere along the way


def test_long_press_and_a_supervisors_pin_lead_to_the_settings(
    desk: GuiApp, monitors: FakeMonitors, taps: TapClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    users = desk.context.users
    users.set_pin("minh", "2580", by=users.get("minh"))
    change_survey(desk, long_press_s=1.0)
    monitors.plug(CLERK, TOUCH)
    citizen = desk.survey.citizen
    idle = citizen.idle_screen
    qtbot.mouseClick(idle, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))  # a short touch: nothing
    qtbot.wait(1_100)
    assert citizen.stack.currentWidget() is idle
    with qtbot.waitSignal(idle.long_pressed, timeout=2_000):
        qtbot.mousePress(idle, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.mouseRelease(idle, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    pad = citizen.pin_screen
    assert citizen.stack.currentWidget() is pad
    for key in "1111":
        tap(qtbot, taps, pad.keys[key], after_ms=50)  # the pad is not slowed by the survey's debounce
    tap(qtbot, taps, pad.keys["Đồng ý"])
    assert pad.message.text() == "Mã PIN không đúng." and pad.pin == ""
    for key in "2580":
        tap(qtbot, taps, pad.keys[key], after_ms=50)
    tap(qtbot, taps, pad.keys["Đồng ý"])
    menu = citizen.menu_screen
    assert citizen.stack.currentWidget() is menu and "Lê Văn Minh" in menu.title.text()

    tap(qtbot, taps, menu.walk_in)
    assert desk.context.settings.survey.walk_in and "đang BẬT" in menu.walk_in.text()
    tap(qtbot, taps, menu.monitor)
    assert desk.context.settings.survey.screen == "TOUCH-2"
    tap(qtbot, taps, menu.close_button)
    assert not citizen.isVisible() and desk.survey.reopen_action.isVisible()
    assert desk.window.status.survey.text() == "Đánh giá: màn hình đã đóng"
    return_result(desk, monkeypatch)
    assert rows(desk, SurveyTicket) == 0  # closed: nobody is asked
    desk.survey.reopen_action.trigger()
    assert citizen.isVisible() and citizen.idle_screen.start.isVisible()


def test_walk_in_ratings_start_from_the_idle_screen_when_allowed(
    desk: GuiApp, monitors: FakeMonitors, taps: TapClock, qtbot: QtBot
) -> None:
    monitors.plug(CLERK, TOUCH)
    citizen = desk.survey.citizen
    assert not citizen.idle_screen.start.isVisible() and citizen.idle_screen.when.isVisible()
    change_survey(desk, walk_in=True, scale=3, extra_questions=True)
    tap(qtbot, taps, citizen.idle_screen.start)
    assert [b.text() for b in screen(citizen).buttons] == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    for _ in range(5):
        tap(qtbot, taps, screen(citizen).buttons[0])
    visits = screen(citizen)
    assert visits.question.key == "visits" and visits.dots.total == 7
    assert [b.text() for b in visits.buttons] == ["1 lần", "2 lần", "3 lần trở lên"]
    tap(qtbot, taps, visits.button("2"))
    tap(qtbot, taps, screen(citizen).button("1"))
    with desk.context.db.read() as session:
        response = session.scalars(select(SurveyResponse)).one()
    assert response.walk_in and response.scale == 3 and response.complete
    assert (response.visits, response.agencies) == (2, 1)


def test_the_idle_screen_shows_the_office_and_its_hotline(desk: GuiApp, monitors: FakeMonitors) -> None:
    settings = desk.context.settings
    desk.window.save_settings(
        msgspec.structs.replace(settings, office=msgspec.structs.replace(settings.office, hotline="0261 3 555 888"))
    )
    monitors.plug(CLERK, TOUCH)
    idle = desk.survey.citizen.idle_screen
    assert idle.invite.text() == "Mời Ông/Bà đánh giá sự phục vụ"
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in idle.agency.text()
    assert idle.hotline.text() == "Đường dây nóng tiếp nhận phản ánh, kiến nghị: 0261 3 555 888"
    assert idle.hours.text().startswith("Giờ làm việc: Sáng 7:30")


class CountingTimer:
    """Stands in for the idle watcher's timer: counts the restarts that input causes."""

    def __init__(self) -> None:
        self.restarts = 0

    def isActive(self) -> bool:
        return True

    def start(self) -> None:
        self.restarts += 1


def test_touches_on_the_citizen_screen_do_not_keep_the_desk_unlocked(desk: GuiApp, monitors: FakeMonitors) -> None:
    monitors.plug(CLERK, TOUCH)
    watcher = IdleWatcher(60_000)
    watcher.ignore(desk.survey.citizen)
    timer = CountingTimer()
    watcher._timer = timer  # type: ignore[assignment]
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    watcher.eventFilter(desk.survey.citizen.idle_screen.invite, press)
    watcher.eventFilter(desk.survey.citizen.windowHandle(), press)
    assert timer.restarts == 0
    watcher.eventFilter(desk.window.status.user, press)
    assert timer.restarts == 1


def test_an_admin_sets_up_the_survey_and_a_supervisors_pin(desk: GuiApp, monitors: FakeMonitors) -> None:
    from kiosk.ui.main_window import Page
    from kiosk.ui.settings.page import SettingsPage
    from tests.ui.conftest import log_in, type_text

    log_in(desk.window, "quantri")
    page = desk.window.show_page(Page.SETTINGS)
    assert isinstance(page, SettingsPage)
    form = page.survey
    assert "đường dây nóng" in form.hotline_warning.text()
    form.scale.setCurrentIndex(form.scale.findData(3))
    form.extra.setChecked(True)
    form.timeout.setValue(60)
    form.criteria.removeRow(2)  # "thời gian và quy trình" taken off
    form.add_criterion(None)
    row = form.criteria.rowCount() - 1
    editor = form.criteria.item(row, 0)
    assert editor is not None
    editor.setText("Về thái độ phục vụ")
    question = form.criteria.item(row, 1)
    assert question is not None
    question.setText("Cán bộ có niềm nở không?")
    form.add_criterion(None)  # left empty: ignored
    assert form.save(), form.message.text()
    survey = desk.context.settings.survey
    assert (survey.scale, survey.extra_questions, survey.timeout_s) == (3, True, 60)
    assert [c.key for c in survey.criteria] == ["procedure", "official", "fees", "overall", "ve_thai_do_phuc_vu"]
    assert survey.criteria[2].allow_na and not survey.criteria[4].allow_na
    assert desk.context.survey.settings == survey  # in force at once

    users = page.users
    row = next(r for r in range(users.table.rowCount()) if users.table.item(r, 0).text() == "minh")  # type: ignore[union-attr]
    users.table.setCurrentCell(row, 0)
    type_text(users.pin, "2580")
    type_text(users.pin_again, "2581")
    users.set_pin()
    assert "không khớp" in users.message.text()
    users.pin_again.setText("2580")
    users.set_pin()
    assert users.table.item(row, 3).text() == "đã đặt"  # type: ignore[union-attr]
    assert desk.context.users.verify_pin("2580").username == "minh"


def test_the_real_monitor_source_follows_qts_screens(desk: GuiApp) -> None:
    from kiosk.ui.survey.monitors import QtMonitors

    qt = QApplication.instance()
    assert isinstance(qt, QApplication)
    source = QtMonitors(qt, desk.window)
    names = [s.name() for s in qt.screens()]
    assert [m.name for m in source.monitors()] == names and source.clerk() == names[0]
    assert all(m.screen is not None for m in source.monitors())
    changed: list[bool] = []
    source.changed.connect(lambda: changed.append(True))
    qt.primaryScreenChanged.emit(qt.primaryScreen())
    assert changed == [True]
