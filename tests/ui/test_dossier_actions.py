"""Every action of the dossier view, through its buttons; each dialog's answer is given by its ask()."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import GuiApp
from kiosk.printing.documents import Document
from kiosk.services.dossier_views import Applicant
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import Action, DossierState
from kiosk.ui.dossier import actions
from kiosk.ui.dossier.detail import DossierDialog
from kiosk.ui.main_window import Page
from tests.ui.conftest import PASSWORDS, log_in

S = DossierState
AN = Applicant("person", "Nguyễn Văn An", "0912345678")


def opened(desk: GuiApp, state: DossierState = S.RECEIVED, user: str = "lan") -> DossierDialog:
    ctx = desk.context
    by = ctx.users.get("lan")
    code = ctx.registration.register(RegistrationInput("2.001914", AN), by=by).code
    steps = {
        S.IN_PROCESS: [MoveInput(S.IN_PROCESS, office="Phòng A")],
        S.SUPPLEMENT_REQUESTED: [MoveInput(S.SUPPLEMENT_REQUESTED, reason="Thiếu", missing=("Ảnh",))],
        S.RESULT_READY: [MoveInput(S.IN_PROCESS, office="Phòng A"), MoveInput(S.RESULT_READY, outcome="approved")],
    }
    for move in steps.get(state, []):
        ctx.lifecycle.move(code, move, by=by)
    if not desk.window.session.logged_in:
        log_in(desk.window, user)
    dialog = desk.window.open_dossier(code)
    assert dialog is not None and dialog.view.state is state
    return dialog


def answer(monkeypatch: pytest.MonkeyPatch, cls: type, value: object) -> None:
    monkeypatch.setattr(cls, "ask", staticmethod(lambda *a, **k: value))


def test_only_allowed_actions_are_offered(desk: GuiApp) -> None:
    dialog = opened(desk, S.RECEIVED)
    assert set(dialog.action_buttons) == {
        "in_process",
        "supplement_requested",
        "withdrawn",
        "reappoint",
        "correct",
        "void",
        "reprint",
        "forms",
    }
    dialog.close()
    ready = opened(desk, S.RESULT_READY)
    assert set(ready.action_buttons) == {"returned", "correct", "void", "reprint", "forms"}


def test_forward_then_supplement_then_received_again(
    desk: GuiApp, monkeypatch: pytest.MonkeyPatch, printed: list[Document]
) -> None:
    dialog = opened(desk)
    answer(monkeypatch, actions.ForwardDialog, "Phòng Khảo thí và Quản lý chất lượng")
    dialog.action_buttons["in_process"].click()
    assert dialog.view.state is S.IN_PROCESS and dialog.view.office == "Phòng Khảo thí và Quản lý chất lượng"
    answer(monkeypatch, actions.SupplementRequestDialog, actions.SupplementRequest(("Giấy khai sinh",), "Thiếu căn cứ"))
    dialog.action_buttons["supplement_requested"].click()
    assert dialog.view.state is S.SUPPLEMENT_REQUESTED
    assert dialog.view.events[-1].data["missing"] == ["Giấy khai sinh"]
    answer(monkeypatch, actions.ConfirmDialog, "")
    dialog.action_buttons["in_process"].click()
    assert dialog.view.state is S.IN_PROCESS and dialog.view.events[-1].action is Action.SUPPLEMENT_RECEIVED
    assert printed[-1].kind == "receipt"  # the new receipt with the new appointment
    assert dialog.history.rowCount() == 4


def test_result_ready_refused_needs_a_reason_and_return_starts_the_survey(
    desk: GuiApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = opened(desk, S.IN_PROCESS)
    answer(monkeypatch, actions.ResultDialog, actions.ResultAnswer("refused", "Không đủ điều kiện"))
    dialog.action_buttons["result_ready"].click()
    assert dialog.view.state is S.RESULT_READY and dialog.view.outcome == "refused"
    answer(monkeypatch, actions.ReturnDialog, "Lê Thị Bích")
    with qtbot.waitSignal(desk.window.result_returned, timeout=1_000) as signal:
        dialog.action_buttons["returned"].click()
    assert signal.args is not None and signal.args[0].code == dialog.view.code
    assert dialog.view.state is S.RETURNED and dialog.view.collector == "Lê Thị Bích"


def test_f4_return_screen_returns_the_selected_result(
    desk: GuiApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = opened(desk, S.RESULT_READY)
    first.close()
    desk.window.dossier_dialog = None
    page = desk.window.show_page(Page.RETURN)
    assert page is not None and page.model.rowCount() == 1  # type: ignore[attr-defined]
    answer(monkeypatch, actions.ReturnDialog, "applicant")
    with qtbot.waitSignal(desk.window.result_returned, timeout=1_000):
        page.action_button.click()  # type: ignore[attr-defined]
    assert desk.context.search.show(first.view.code).state is S.RETURNED


def test_reappoint_once(desk: GuiApp, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = opened(desk, S.IN_PROCESS)
    answer(monkeypatch, actions.ReappointDialog, actions.Reappointment(date(2026, 12, 7), "Cần xác minh"))
    dialog.action_buttons["reappoint"].click()
    assert dialog.view.due_date == date(2026, 12, 7) and dialog.view.reappointed
    assert "reappoint" not in dialog.action_buttons


def test_withdraw_and_stop(desk: GuiApp, monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, actions.ReasonDialog, "Người nộp đề nghị")
    dialog = opened(desk)
    dialog.action_buttons["withdrawn"].click()
    assert dialog.view.state is S.WITHDRAWN and dialog.view.events[-1].form == "stop_notice"
    dialog.close()
    other = opened(desk, S.IN_PROCESS)
    other.action_buttons["stopped"].click()
    assert other.view.state is S.STOPPED
    other.close()
    waiting = opened(desk, S.SUPPLEMENT_REQUESTED)
    assert {"in_process", "closed", "withdrawn"} <= set(waiting.action_buttons)
    answer(monkeypatch, actions.ConfirmDialog, "")
    waiting.action_buttons["closed"].click()
    assert waiting.view.state is S.CLOSED and waiting.view.national_status == 8


def test_correct_a_typo(desk: GuiApp, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = opened(desk)
    fixed = Applicant("person", "Nguyễn Văn Ân", "0912345678")
    answer(monkeypatch, actions.CorrectDialog, actions.CorrectionAnswer(fixed, "Sai dấu"))
    dialog.action_buttons["correct"].click()
    assert dialog.view.applicant.name == "Nguyễn Văn Ân"
    assert dialog.view.events[-1].data["changes"]["applicant_name"] == ["Nguyễn Văn An", "Nguyễn Văn Ân"]


def test_a_clerk_voids_only_with_a_supervisor(
    desk: GuiApp, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    dialog = opened(desk)
    asked: list[bool] = []

    def ask(needs_approval: bool, parent: object = None) -> actions.VoidAnswer:
        asked.append(needs_approval)
        return actions.VoidAnswer("Nhập nhầm", "minh", "sai-mat-khau")

    monkeypatch.setattr(actions.VoidDialog, "ask", staticmethod(ask))
    dialog.action_buttons["void"].click()
    assert asked == [True] and warnings == ["Sai tên đăng nhập hoặc mật khẩu."] and not dialog.view.voided
    answer(monkeypatch, actions.VoidDialog, actions.VoidAnswer("Nhập nhầm", "minh", PASSWORDS["minh"]))
    dialog.action_buttons["void"].click()
    assert dialog.view.voided and dialog.view.void_supervisor == "Lê Văn Minh"
    assert set(dialog.action_buttons) == {"reprint"}


def test_reprint_says_so(desk: GuiApp, printed: list[Document]) -> None:
    dialog = opened(desk)
    dialog.action_buttons["reprint"].click()
    assert printed[-1].reprint and printed[-1].code == dialog.view.code


def test_action_dialogs_ask_for_what_the_law_asks(qtbot: QtBot) -> None:
    result = actions.ResultDialog()
    qtbot.addWidget(result)
    result.refused.setChecked(True)
    assert result.problem() == "Từ chối giải quyết cần ghi lý do."
    result.reason.setPlainText("Không đủ điều kiện")
    assert result.problem() is None
    ret = actions.ReturnDialog("Nguyễn Văn An", by_post=False)
    qtbot.addWidget(ret)
    ret.proxy.setChecked(True)
    assert ret.problem() == "Hãy ghi họ tên người nhận thay."
    void = actions.VoidDialog(needs_approval=True)
    qtbot.addWidget(void)
    void.reason.setPlainText("Nhập nhầm")
    assert "lãnh đạo" in (void.problem() or "")
    forward = actions.ForwardDialog(["Phòng A"])
    qtbot.addWidget(forward)
    assert forward.problem() is None
