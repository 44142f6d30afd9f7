"""Every legal move, every illegal one, the supplement restart, the one re-appointment, auto-close, timeliness."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from sqlalchemy import text

from kiosk.clock import FixedClock
from kiosk.context import KioskContext
from kiosk.errors import Conflict, InvalidInput
from kiosk.services.dossier_views import Applicant, DossierView
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import MOVES, NATIONAL_STATUS, Action, DossierState
from kiosk.services.timeliness import Timeliness
from kiosk.services.users import Actor
from tests.helpers import local

S = DossierState
AN = Applicant("person", "Nguyễn Văn An", "0912345678")
FULL = {
    S.IN_PROCESS: MoveInput(S.IN_PROCESS, office="Phòng Khảo thí"),
    S.SUPPLEMENT_REQUESTED: MoveInput(S.SUPPLEMENT_REQUESTED, reason="Thiếu giấy tờ", missing=("Giấy khai sinh",)),
    S.RESULT_READY: MoveInput(S.RESULT_READY, outcome="approved"),
    S.RETURNED: MoveInput(S.RETURNED),
    S.WITHDRAWN: MoveInput(S.WITHDRAWN, reason="Người nộp xin rút"),
    S.STOPPED: MoveInput(S.STOPPED, reason="Theo yêu cầu của cơ quan có thẩm quyền"),
    S.CLOSED: MoveInput(S.CLOSED),
    S.RECEIVED: MoveInput(S.RECEIVED),
}
PATH_TO = {
    S.RECEIVED: [],
    S.IN_PROCESS: [S.IN_PROCESS],
    S.SUPPLEMENT_REQUESTED: [S.SUPPLEMENT_REQUESTED],
    S.RESULT_READY: [S.IN_PROCESS, S.RESULT_READY],
    S.RETURNED: [S.IN_PROCESS, S.RESULT_READY, S.RETURNED],
    S.WITHDRAWN: [S.WITHDRAWN],
    S.STOPPED: [S.IN_PROCESS, S.STOPPED],
    S.CLOSED: [S.SUPPLEMENT_REQUESTED, S.CLOSED],
}


def new_dossier(ctx: KioskContext, by: Actor, code: str = "2.001914") -> DossierView:
    return ctx.registration.register(RegistrationInput(code, AN), by=by)


def dossier_in(ctx: KioskContext, by: Actor, state: DossierState) -> str:
    code = new_dossier(ctx, by).code
    for step in PATH_TO[state]:
        ctx.lifecycle.move(code, FULL[step], by=by)
    return code


@pytest.mark.parametrize(("start", "target"), sorted(MOVES, key=str))
def test_every_legal_move(ctx: KioskContext, admin: Actor, start: DossierState, target: DossierState) -> None:
    code = dossier_in(ctx, admin, start)
    view = ctx.lifecycle.move(code, FULL[target], by=admin)
    assert view.state is target and view.national_status == NATIONAL_STATUS[target]
    last = view.events[-1]
    assert (last.from_state, last.to_state, last.action) == (start, target, MOVES[(start, target)].action)
    assert last.form == MOVES[(start, target)].form and last.username == "cli"


def test_every_illegal_move_is_refused_and_changes_nothing(ctx: KioskContext, admin: Actor) -> None:
    illegal = [(a, b) for a, b in itertools.product(S, S) if (a, b) not in MOVES]
    assert len(illegal) == 64 - len(MOVES)
    for start, target in illegal:
        code = dossier_in(ctx, admin, start)
        before = ctx.search.show(code)
        with pytest.raises(Conflict, match=r"Không thể chuyển|đã ở trạng thái") as error:
            ctx.lifecycle.move(code, FULL[target], by=admin)
        assert ctx.search.show(code) == before, (start, target)
        if start is not target:
            assert "Từ trạng thái này chỉ chuyển được sang" in error.value.message


def test_moves_ask_for_what_the_law_asks(ctx: KioskContext, admin: Actor) -> None:
    received = new_dossier(ctx, admin).code
    with pytest.raises(InvalidInput, match=r"(?i)Phòng chuyên môn"):
        ctx.lifecycle.move(received, MoveInput(S.IN_PROCESS), by=admin)
    with pytest.raises(InvalidInput, match="giấy tờ cần bổ sung"):
        ctx.lifecycle.move(received, MoveInput(S.SUPPLEMENT_REQUESTED, reason="Thiếu"), by=admin)
    with pytest.raises(InvalidInput, match=r"(?i)Lý do yêu cầu bổ sung"):
        ctx.lifecycle.move(received, MoveInput(S.SUPPLEMENT_REQUESTED, missing=("Ảnh",)), by=admin)
    with pytest.raises(InvalidInput, match=r"(?i)Lý do"):
        ctx.lifecycle.move(received, MoveInput(S.WITHDRAWN), by=admin)
    processing = dossier_in(ctx, admin, S.IN_PROCESS)
    with pytest.raises(InvalidInput, match=r"(?i)Căn cứ dừng"):
        ctx.lifecycle.move(processing, MoveInput(S.STOPPED), by=admin)
    with pytest.raises(InvalidInput, match="kết quả"):
        ctx.lifecycle.move(processing, MoveInput(S.RESULT_READY), by=admin)
    with pytest.raises(InvalidInput, match=r"(?i)Lý do từ chối"):
        ctx.lifecycle.move(processing, MoveInput(S.RESULT_READY, outcome="refused"), by=admin)
    refused = ctx.lifecycle.move(
        processing, MoveInput(S.RESULT_READY, outcome="refused", reason="Không đủ điều kiện"), by=admin
    )
    assert refused.outcome == "refused" and refused.outcome_reason == "Không đủ điều kiện"


def test_supplement_request_lists_every_missing_paper(ctx: KioskContext, admin: Actor) -> None:
    code = new_dossier(ctx, admin).code
    view = ctx.lifecycle.move(
        code,
        MoveInput(S.SUPPLEMENT_REQUESTED, reason="Thiếu căn cứ", missing=("Giấy khai sinh", " ", "Ảnh 3x4")),
        by=admin,
    )
    assert view.events[-1].data["missing"] == ["Giấy khai sinh", "Ảnh 3x4"]
    assert view.events[-1].form == "supplement_request"


def test_supplement_received_restarts_the_limit_from_zero(ctx: KioskContext, admin: Actor, clock: FixedClock) -> None:
    view = new_dossier(ctx, admin)  # Wednesday 25/11, 5 working days: due 2/12
    assert view.due_date == date(2026, 12, 2)
    ctx.lifecycle.move(view.code, FULL[S.IN_PROCESS], by=admin)
    ctx.lifecycle.move(view.code, FULL[S.SUPPLEMENT_REQUESTED], by=admin)
    clock.set(local(2026, 11, 30, 15, 30))  # Monday, after the cut-off
    back = ctx.lifecycle.move(view.code, MoveInput(S.IN_PROCESS), by=admin)
    assert back.state is S.IN_PROCESS
    assert back.counted_from == date(2026, 12, 1)
    assert back.due_date == back.original_due_date == date(2026, 12, 8)
    assert back.events[-1].action is Action.SUPPLEMENT_RECEIVED and back.events[-1].form == "receipt"
    assert back.events[-1].data["due_date"] == "2026-12-08"


def test_timeliness_is_judged_when_the_result_is_ready(ctx: KioskContext, admin: Actor, clock: FixedClock) -> None:
    outcomes = {}
    for day, expected in (
        (date(2026, 12, 1), Timeliness.EARLY),
        (date(2026, 12, 2), Timeliness.ON_TIME),
        (date(2026, 12, 3), Timeliness.LATE),
    ):
        clock.set(local(2026, 11, 25, 9, 0))
        code = dossier_in(ctx, admin, S.IN_PROCESS)
        clock.set(local(day.year, day.month, day.day, 17, 0))
        outcomes[expected] = ctx.lifecycle.move(code, FULL[S.RESULT_READY], by=admin).timeliness
    assert outcomes == {t: t for t in Timeliness}


def test_one_reappointment_at_least_a_day_before(ctx: KioskContext, admin: Actor, clock: FixedClock) -> None:
    code = dossier_in(ctx, admin, S.IN_PROCESS)  # due Wednesday 2/12
    with pytest.raises(InvalidInput, match="sau ngày hẹn cũ"):
        ctx.lifecycle.reappoint(code, date(2026, 12, 1), "Cần xác minh", by=admin)
    with pytest.raises(InvalidInput, match="ngày nghỉ"):
        ctx.lifecycle.reappoint(code, date(2026, 12, 5), "Cần xác minh", by=admin)
    with pytest.raises(InvalidInput, match=r"(?i)Lý do hẹn lại"):
        ctx.lifecycle.reappoint(code, date(2026, 12, 7), "  ", by=admin)
    clock.set(local(2026, 12, 1, 16, 0))  # the day before the due date: still allowed
    view = ctx.lifecycle.reappoint(code, date(2026, 12, 7), "Phòng chuyên môn cần xác minh", by=admin)
    assert view.due_date == date(2026, 12, 7) and view.original_due_date == date(2026, 12, 2) and view.reappointed
    assert view.due_at == local(2026, 12, 7, 16, 30)
    assert view.events[-1].action is Action.REAPPOINT and view.events[-1].form == "apology"
    assert view.events[-1].data == {"old_due_date": "2026-12-02", "new_due_date": "2026-12-07"}
    with pytest.raises(Conflict, match="chỉ cho phép hẹn lại một lần"):
        ctx.lifecycle.reappoint(code, date(2026, 12, 9), "Lần hai", by=admin)
    clock.set(local(2026, 12, 4, 10, 0))  # ready after the original date but before the new one
    ready = ctx.lifecycle.move(code, FULL[S.RESULT_READY], by=admin)
    assert ready.timeliness is Timeliness.LATE and ready.events[-1].data["met_new_date"] is True


def test_reappointment_on_the_due_day_is_too_late(ctx: KioskContext, admin: Actor, clock: FixedClock) -> None:
    code = dossier_in(ctx, admin, S.IN_PROCESS)
    clock.set(local(2026, 12, 2, 8, 0))
    with pytest.raises(Conflict, match="chậm nhất 1 ngày trước"):
        ctx.lifecycle.reappoint(code, date(2026, 12, 7), "Muộn", by=admin)
    waiting = dossier_in(ctx, admin, S.SUPPLEMENT_REQUESTED)
    with pytest.raises(Conflict, match="Chỉ hẹn lại hồ sơ đang giải quyết"):
        ctx.lifecycle.reappoint(waiting, date(2026, 12, 20), "x", by=admin)


def test_stale_supplements_close_after_the_notice_period(ctx: KioskContext, admin: Actor, clock: FixedClock) -> None:
    waiting = dossier_in(ctx, admin, S.SUPPLEMENT_REQUESTED)  # notice on 25/11
    answered = dossier_in(ctx, admin, S.SUPPLEMENT_REQUESTED)
    ctx.lifecycle.move(answered, MoveInput(S.IN_PROCESS), by=admin)
    system = ctx.users.system()
    clock.set(local(2026, 12, 10, 23, 59))  # 15 days after the notice: not yet
    assert ctx.lifecycle.close_stale(15, by=system) == []
    clock.set(local(2026, 12, 11, 0, 1))
    assert ctx.lifecycle.close_stale(15, by=system) == [waiting]
    view = ctx.search.show(waiting)
    assert view.state is S.CLOSED and view.national_status == 8
    assert view.events[-1].username == "system" and view.events[-1].data["automatic"] is True
    assert ctx.search.show(answered).state is S.IN_PROCESS
    assert ctx.lifecycle.close_stale(15, by=system) == []


def test_return_records_who_collected(ctx: KioskContext, admin: Actor) -> None:
    applicant = ctx.lifecycle.move(dossier_in(ctx, admin, S.RESULT_READY), MoveInput(S.RETURNED), by=admin)
    assert applicant.collector == "Nguyễn Văn An" and applicant.events[-1].data["collector_kind"] == "applicant"
    proxy = ctx.lifecycle.move(
        dossier_in(ctx, admin, S.RESULT_READY), MoveInput(S.RETURNED, collector="Lê Thị Bích"), by=admin
    )
    assert proxy.collector == "Lê Thị Bích" and proxy.events[-1].data["collector_kind"] == "proxy"
    post = ctx.lifecycle.move(dossier_in(ctx, admin, S.RESULT_READY), MoveInput(S.RETURNED, collector="post"), by=admin)
    assert post.events[-1].data["collector_kind"] == "post"


def test_events_are_append_only(ctx: KioskContext, admin: Actor) -> None:
    code = dossier_in(ctx, admin, S.IN_PROCESS)
    with pytest.raises(Exception, match="append-only"), ctx.db.write() as session:
        session.execute(text("UPDATE dossier_event SET reason = 'sửa lén'"))
    with pytest.raises(Exception, match="append-only"), ctx.db.write() as session:
        session.execute(text("DELETE FROM dossier_event"))
    assert len(ctx.search.show(code).events) == 2


def test_state_is_rebuilt_from_events(ctx: KioskContext, admin: Actor) -> None:
    from kiosk.services.demo import DemoBuilder

    DemoBuilder(ctx, seed=7).run(20)
    with ctx.db.read() as session:
        codes = [c for (c,) in session.execute(text("SELECT code FROM dossier"))]
    assert len(codes) > 20
    for code in codes:
        view = ctx.search.show(code)
        state = None
        for event in view.events:
            assert event.from_state == state or event.seq == 1, (code, event)
            state = event.to_state
        assert state is view.state, code
        assert [e.seq for e in view.events] == list(range(1, len(view.events) + 1))
        assert [e.at for e in view.events] == sorted(e.at for e in view.events)
