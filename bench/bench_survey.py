"""Citizen survey: a tap to the next question on screen (< 50 ms), and the first question on screen after the clerk's
"returned" (< 200 ms), on the whole desk booted offscreen with a real database.

"On screen" means the citizen window has painted: each measure ends with a synchronous repaint of the window.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bench.harness import Figure, median_of
from kiosk.app import GuiApp, boot
from kiosk.paths import Paths
from kiosk.services.dossier_views import Applicant
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import DossierState
from kiosk.ui.survey.screens import QuestionScreen
from kiosk.ui.tasks import ImmediateRunner

ROUNDS = 15


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        gui = boot(
            paths=Paths(root / "data", root / "config", root / "logs", root / "backups"), runner=ImmediateRunner()
        )
        try:
            start_ms, tap_ms = _measure(gui)
        finally:
            gui.close()
    return [
        Figure("survey: clerk's 'returned' → first question painted", start_ms, "ms", 200.0),
        Figure("survey: a tap on a face → next question painted", tap_ms, "ms", 50.0),
    ]


def _measure(gui: GuiApp) -> tuple[float, float]:
    ctx = gui.context
    admin = ctx.users.cli()
    gui.session.set_actor(admin)
    citizen = gui.survey.citizen
    taps: list[float] = []
    citizen.now_ms = lambda: 10_000.0 * len(taps)  # ten seconds between taps: none is taken for a bounce
    starts: list[float] = []
    for _ in range(ROUNDS):
        applicant = Applicant("person", "Nguyễn Thị Thuỳ Dương", "0912345678")
        code = ctx.registration.register(RegistrationInput("2.001914", applicant), by=admin).code
        for move in (
            MoveInput(DossierState.IN_PROCESS, office="Phòng A"),
            MoveInput(DossierState.RESULT_READY, outcome="approved"),
            MoveInput(DossierState.RETURNED),
        ):
            view = ctx.lifecycle.move(code, move, by=admin)
        begin = time.perf_counter()
        gui.window.result_returned.emit(view)
        citizen.repaint()
        starts.append(time.perf_counter() - begin)
        assert isinstance(citizen.stack.currentWidget(), QuestionScreen)
        while isinstance(page := citizen.stack.currentWidget(), QuestionScreen):
            taps.append(0.0)
            begin = time.perf_counter()
            QTest.mouseClick(page.buttons[0], Qt.MouseButton.LeftButton)
            citizen.repaint()
            taps[-1] = time.perf_counter() - begin
        citizen.after_thanks()
    return median_of(starts, "ms"), median_of(taps, "ms")
