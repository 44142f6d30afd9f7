"""The citizen screen's lock-down: thousands of random touches, long presses, wrong PINs, closes and timeouts
never leave it, never open the supervisor's menu, never change a setting. Only the right PIN does."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from kiosk.app import GuiApp
from kiosk.clock import FixedClock
from tests.ui.fake_monitors import CLERK, TOUCH, FakeMonitors
from tests.ui.test_survey_screen import TapClock, return_result, tap
from tests.ui.test_survey_screen import taps as taps  # the fixture, shared with the survey screen's tests

PIN = "2580"
TOUCHES = 2_000


def test_no_touch_path_leaves_the_citizen_screen_without_the_pin(
    desk: GuiApp, monitors: FakeMonitors, taps: TapClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    users = desk.context.users
    users.set_pin("minh", PIN, by=users.get("minh"))
    monitors.plug(CLERK, TOUCH)
    citizen = desk.survey.citizen
    settings = desk.context.settings
    return_result(desk, monkeypatch)
    rng = random.Random(1125)
    typed = ""
    for step in range(TOUCHES):
        taps.ms += rng.choice((0, 40, 300, 600, 1_500))
        page = citizen.stack.currentWidget()
        buttons = [b for b in page.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()]
        roll = rng.random()
        if page is citizen.pin_screen and roll < 0.6:
            key = rng.choice([k for k in citizen.pin_screen.keys if len(k) == 1 or k in ("Đồng ý", "Xoá")])
            if key.isdigit():
                typed = (typed + key)[-8:]
            if key == "Đồng ý" and typed.endswith(PIN):
                key = "Xoá"  # a citizen does not know the PIN: the one sequence they cannot type
            tap(qtbot, taps, citizen.pin_screen.keys[key], after_ms=60)
        elif buttons and roll < 0.75:
            qtbot.mouseClick(rng.choice(buttons), Qt.MouseButton.LeftButton)
        elif roll < 0.85 and page is citizen.idle_screen:
            citizen.idle_screen.long_pressed.emit()  # a hand resting on the screen
        elif roll < 0.9:
            citizen.close()  # a swipe, Alt+F4, the window manager
        elif roll < 0.93:
            rng.choice((citizen.answer_timer, citizen.thanks_timer)).timeout.emit()
        else:
            spot = QPoint(rng.randrange(citizen.width()), rng.randrange(citizen.height()))
            qtbot.mouseClick(citizen.childAt(spot) or citizen, Qt.MouseButton.LeftButton)
        assert citizen.isVisible(), f"left the screen at touch {step}"
        assert citizen.stack.currentWidget() is not citizen.menu_screen, f"menu without the PIN at touch {step}"
        assert desk.context.settings == settings

    # The one way out: the right PIN, once the wait that the run of wrong PINs imposed is over.
    clock = desk.context.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(hours=1))
    citizen.ask_pin()
    for key in PIN:
        tap(qtbot, taps, citizen.pin_screen.keys[key], after_ms=60)
    tap(qtbot, taps, citizen.pin_screen.keys["Đồng ý"])
    assert citizen.stack.currentWidget() is citizen.menu_screen
