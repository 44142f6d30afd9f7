"""At the desk: a clock gone back stops «Tiếp nhận» until a supervisor confirms it; a damaged database is told."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.app import GuiApp
from kiosk.clock import FixedClock
from kiosk.models import Dossier
from kiosk.services.clock_guard import ClockGuard
from kiosk.services.users import UserService
from kiosk.ui import clock_dialog
from kiosk.ui.clock_dialog import ClockConfirmDialog
from kiosk.ui.main_window import Page
from tests.helpers import local
from tests.ui.conftest import PASSWORDS, choose, registration, type_text


def dossiers(desk: GuiApp) -> int:
    with desk.context.db.read() as session:
        return session.scalar(select(func.count()).select_from(Dossier)) or 0


def fill(desk: GuiApp, qtbot: QtBot) -> None:
    page = registration(desk)
    choose(page, qtbot, "chinh sua van bang")
    type_text(page.applicant.edits["applicant_name"], "Nguyễn Văn An")
    qtbot.keyClicks(page.applicant.edits["phone"], "0912345678")


def test_a_supervisor_confirms_and_the_dossier_goes_in(
    desk: GuiApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = desk.context.clock
    assert isinstance(clock, FixedClock)
    fill(desk, qtbot)
    form = desk.window.pages[Page.REGISTER]
    clock.set(local(2026, 11, 25, 10, 0))
    form.accept_dossier()  # type: ignore[attr-defined]
    assert dossiers(desk) == 1
    clock.set(local(2026, 11, 25, 9, 0))  # an hour back
    fill_again = form.applicant  # type: ignore[attr-defined]
    type_text(fill_again.edits["applicant_name"], "Trần Thị Bình")
    qtbot.keyClicks(fill_again.edits["phone"], "0987654321")
    form.picker.choose_row(0)  # type: ignore[attr-defined]
    shown: list[str] = []

    def supervisor_at_the_desk(message: str, users: UserService, guard: ClockGuard, parent: object) -> bool:
        shown.append(message)
        dialog = ClockConfirmDialog(message, users, guard)
        dialog.username.setText("lan")  # a clerk cannot confirm
        dialog.password.setText(PASSWORDS["lan"])
        assert not dialog.try_confirm()
        assert dialog.problem.text() and dialog.password.text() == ""
        dialog.username.setText("minh")
        dialog.password.setText(PASSWORDS["minh"])
        return dialog.try_confirm()

    monkeypatch.setattr(clock_dialog, "confirm_clock", supervisor_at_the_desk)
    form.accept_dossier()  # type: ignore[attr-defined]
    assert shown and shown[0].startswith("Đồng hồ máy tính đang chỉ 09:00 ngày 25/11/2026")
    assert dossiers(desk) == 2
    assert [e.actor for e in desk.context.audit.recent(action="clock_confirmed")] == ["minh"]


def test_without_a_confirmation_nothing_is_registered_and_the_form_stays(
    desk: GuiApp, qtbot: QtBot, warnings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = desk.context.clock
    assert isinstance(clock, FixedClock)
    desk.context.audit.record("lan", "login", "lan")  # something recorded at 9:00
    clock.set(local(2026, 11, 25, 8, 0))
    fill(desk, qtbot)
    monkeypatch.setattr(clock_dialog, "confirm_clock", lambda *_args: False)  # the supervisor is not there
    form = desk.window.pages[Page.REGISTER]
    form.accept_dossier()  # type: ignore[attr-defined]
    assert dossiers(desk) == 0
    assert warnings and warnings[-1].startswith("Đồng hồ máy tính đang chỉ 08:00 ngày 25/11/2026")
    assert form.applicant.edits["applicant_name"].text() == "Nguyễn Văn An"  # type: ignore[attr-defined]


def test_the_check_after_start_tells_the_desk_a_damaged_database_and_what_to_restore(
    desk: GuiApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.app import check_health
    from kiosk.models.damage import mark_damaged
    from kiosk.ui import messages
    from kiosk.ui.tasks import ImmediateRunner

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "error", lambda _parent, title, text: shown.append((title, text)))
    check_health(desk, ImmediateRunner())
    assert shown == []  # a sound database: nothing to say
    backup = desk.context.backups.backup().path
    mark_damaged(desk.context.db.path, "database disk image is malformed")
    check_health(desk, ImmediateRunner())
    ((title, text),) = shown
    assert title == "Cơ sở dữ liệu bị hỏng"
    assert "database disk image is malformed" in text and f'kiosk restore "{backup}"' in text
