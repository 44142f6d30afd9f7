"""The whole desk booted offscreen on a copy of the seeded database, with a fixed clock and synchronous tasks."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk import app as app_module
from kiosk.clock import FixedClock
from kiosk.printing.documents import Document
from kiosk.ui.main_window import MainWindow, Page
from kiosk.ui.paper import PaperDialog
from kiosk.ui.preview import PreviewDialog
from kiosk.ui.registration.page import RegistrationPage
from kiosk.ui.tasks import ImmediateRunner
from tests.helpers import local
from tests.ui.fake_monitors import CLERK, FakeMonitors

PASSWORDS = {"lan": "mat-khau-so-1", "minh": "mat-khau-so-2", "quantri": "mat-khau-so-3"}


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[Document]:
    """Papers the desk would print (the preview dialog is replaced by a list)."""
    papers: list[Document] = []
    monkeypatch.setattr(
        PreviewDialog, "show_document", classmethod(lambda cls, doc, *_shown, **_options: papers.append(doc))
    )
    return papers


@dataclass(frozen=True)
class ShownPaper:
    pdf: bytes
    title: str
    file_name: str
    note: str
    copies: Callable[[int], bytes] | None


@pytest.fixture(autouse=True)
def office_papers(monkeypatch: pytest.MonkeyPatch) -> list[ShownPaper]:
    """Official forms the desk would preview for the office printer (recorded, no modal window opens)."""
    shown: list[ShownPaper] = []

    def show(
        _cls: type,
        pdf: bytes,
        title: str,
        file_name: str,
        _parent: object = None,
        *,
        note: str = "",
        copies: Callable[[int], bytes] | None = None,
    ) -> None:
        shown.append(ShownPaper(pdf, title, file_name, note, copies))

    monkeypatch.setattr(PaperDialog, "show_pdf", classmethod(show))
    return shown


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the desk would show in a warning box."""
    shown: list[str] = []
    from kiosk.ui import messages

    monkeypatch.setattr(messages, "warn", lambda _parent, _title, text: shown.append(text))
    return shown


@dataclass
class Questions:
    """Yes/no questions the desk would ask: answered from ``answers`` in turn, then with ``answer``."""

    texts: list[str] = field(default_factory=list)
    answers: list[bool] = field(default_factory=list)
    answer: bool = False


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Questions:
    questions = Questions()
    from kiosk.ui import messages

    def ask(_parent: object, _title: str, text: str, _yes: str, _no: str) -> bool:
        questions.texts.append(text)
        return questions.answers.pop(0) if questions.answers else questions.answer

    monkeypatch.setattr(messages, "ask", ask)
    return questions


@pytest.fixture
def monitors() -> FakeMonitors:
    """The desk's monitors: the clerk's alone, until a test plugs in the citizen's."""
    return FakeMonitors(CLERK)


@pytest.fixture
def desk(
    paths: object,
    template_db: Path,
    qtbot: QtBot,
    printed: list[Document],
    warnings: list[str],
    asked: Questions,
    monitors: FakeMonitors,
) -> Iterator[app_module.GuiApp]:
    from kiosk.paths import Paths

    assert isinstance(paths, Paths)
    shutil.copyfile(template_db, paths.default_database)
    clock = FixedClock(local(2026, 11, 25, 9, 0))
    gui = app_module.boot(paths=paths, clock=clock, runner=ImmediateRunner(), monitors=monitors)
    qtbot.addWidget(gui.window)
    users = gui.context.users
    admin = users.cli()
    for name, full_name, role in (
        ("lan", "Trần Thị Lan", "clerk"),
        ("minh", "Lê Văn Minh", "supervisor"),
        ("quantri", "Nguyễn Quản Trị", "admin"),
    ):  # their own passwords: no forced change at log-in (tests/ui/test_login_lockout.py has that)
        users.add(name, full_name, role, PASSWORDS[name], by=admin, must_change_password=False)
    yield gui
    gui.close()


def type_text(widget: QWidget, text: str) -> None:
    """Type as a Vietnamese input method (Unikey, ibus) does: the finished word arrives as a commit string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def log_in(window: MainWindow, username: str) -> None:
    dialog = window.login_dialog
    assert dialog is not None, "no login dialog is open"
    dialog.username.setText(username)
    dialog.password.setText(PASSWORDS[username])
    assert dialog.try_login(), dialog.message.text()
    window.activateWindow()  # offscreen, focus follows only the active window
    QApplication.processEvents()


def registration(desk: app_module.GuiApp, user: str = "lan") -> RegistrationPage:
    log_in(desk.window, user)
    page = desk.window.pages[Page.REGISTER]
    assert isinstance(page, RegistrationPage)
    return page


def choose(page: RegistrationPage, qtbot: QtBot, words: str) -> None:
    qtbot.keyClicks(page.picker.search, words)
    qtbot.keyClick(page.picker.search, Qt.Key.Key_Return)
