"""Corrections keep old and new values in the history; a void needs a supervisor and never frees the code."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.context import KioskContext
from kiosk.errors import Conflict, InvalidInput, PermissionDenied
from kiosk.services.corrections import Correction
from kiosk.services.dossier_views import Applicant, ReceivedDocument
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import Action, DossierState
from kiosk.services.users import Actor

AN = Applicant("person", "Nguyễn Văn Ân", "0912345678", id_number="067090012345")


def registered(ctx: KioskContext, by: Actor) -> str:
    return ctx.registration.register(RegistrationInput("2.001914", AN), by=by).code


def test_a_typo_is_corrected_with_old_and_new_values(ctx: KioskContext, clerk: Actor) -> None:
    code = registered(ctx, clerk)
    fixed = replace(AN, name="Nguyễn Văn An", phone="0987 654 321")
    view = ctx.corrections.correct(code, Correction(applicant=fixed, sets=2), "Gõ nhầm dấu và số điện thoại", by=clerk)
    assert view.applicant.name == "Nguyễn Văn An" and view.applicant.phone == "0987654321" and view.sets == 2
    event = view.events[-1]
    assert event.action is Action.CORRECT and event.username == "lan" and event.reason == "Gõ nhầm dấu và số điện thoại"
    assert event.data["changes"] == {
        "applicant_name": ["Nguyễn Văn Ân", "Nguyễn Văn An"],
        "phone": ["0912345678", "0987654321"],
        "sets": [1, 2],
    }
    assert event.from_state is event.to_state is DossierState.RECEIVED
    assert ctx.search.find("0987654321")[0].code == code
    assert ctx.search.find("0912345678") == []


def test_documents_can_be_corrected(ctx: KioskContext, clerk: Actor) -> None:
    code = registered(ctx, clerk)
    old = ctx.search.show(code).documents
    new = (*old, ReceivedDocument("Giấy xác nhận", from_catalog=False))
    view = ctx.corrections.correct(code, Correction(documents=new), "Quên ghi giấy xác nhận", by=clerk)
    assert view.documents == new
    before, after = view.events[-1].data["changes"]["documents"]
    assert len(before) + 1 == len(after) and after[-1]["name"] == "Giấy xác nhận"


def test_a_correction_is_validated_and_must_change_something(ctx: KioskContext, clerk: Actor) -> None:
    code = registered(ctx, clerk)
    with pytest.raises(InvalidInput, match="12 chữ số"):
        ctx.corrections.correct(code, Correction(applicant=replace(AN, id_number="123")), "x", by=clerk)
    with pytest.raises(InvalidInput, match="Không có thông tin nào thay đổi"):
        ctx.corrections.correct(code, Correction(applicant=AN), "x", by=clerk)
    assert len(ctx.search.show(code).events) == 1


def test_void_needs_a_supervisor(ctx: KioskContext, clerk: Actor, supervisor: Actor) -> None:
    code = registered(ctx, clerk)
    with pytest.raises(PermissionDenied, match="lãnh đạo"):
        ctx.corrections.void(code, "Nhập nhầm thủ tục", by=clerk)
    view = ctx.corrections.void(code, "Nhập nhầm thủ tục", by=clerk, approver=supervisor)
    assert view.voided and view.void_supervisor == "Lê Văn Minh" and view.void_reason == "Nhập nhầm thủ tục"
    event = view.events[-1]
    assert event.action is Action.VOID and event.username == "lan" and event.data["supervisor"] == "minh"
    with pytest.raises(Conflict, match="đã bị huỷ"):
        ctx.lifecycle.move(code, MoveInput(DossierState.IN_PROCESS, office="Phòng A"), by=supervisor)
    with pytest.raises(Conflict, match="đã bị huỷ trước đó"):
        ctx.corrections.void(code, "lần nữa", by=supervisor)


def test_a_voided_code_is_never_reused(ctx: KioskContext, clerk: Actor, supervisor: Actor) -> None:
    first = registered(ctx, clerk)
    ctx.corrections.void(first, "Nhập nhầm", by=supervisor)
    second = registered(ctx, clerk)
    assert first.endswith("-0001") and second.endswith("-0002")
    assert ctx.search.show(first).voided and ctx.search.show(first).ledger_number == 1
    assert ctx.search.show(second).ledger_number == 2
