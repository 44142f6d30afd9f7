"""The ledger: filters, newest first, keyset pages, capped counts and the status-bar counters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kiosk.clock import FixedClock
from kiosk.context import KioskContext
from kiosk.services.dossier_views import Applicant
from kiosk.services.ledger import LedgerFilter, Period
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import DossierState as S
from kiosk.services.timeliness import Pending, Timeliness
from kiosk.services.users import Actor
from tests.helpers import local


def register(ctx: KioskContext, by: Actor, code: str, name: str, phone: str = "0912345678") -> str:
    return ctx.registration.register(RegistrationInput(code, Applicant("person", name, phone)), by=by).code


@pytest.fixture
def desk(ctx: KioskContext, clerk: Actor, admin: Actor, clock: FixedClock) -> dict[str, str]:
    """A few dossiers over two weeks: one overdue, one due today, one due tomorrow, one returned early."""
    ctx.registration.guard = None  # a history written after the users were made: the clock guard's own tests say why
    codes = {}
    clock.set(local(2026, 11, 11, 9, 0))
    codes["overdue"] = register(ctx, clerk, "2.001914", "Nguyễn Văn An")  # due 18/11
    clock.set(local(2026, 11, 17, 9, 0))
    codes["due_today"] = register(ctx, admin, "2.001914", "Trần Thị Bình")  # due 25/11 (24/11 off)
    clock.set(local(2026, 11, 18, 9, 0))
    codes["due_tomorrow"] = register(ctx, clerk, "2.001914", "Lê Văn Cường")  # due 26/11
    clock.set(local(2026, 11, 18, 9, 5))
    codes["returned"] = register(ctx, clerk, "DP-0004", "Phạm Thị Dung")
    ctx.lifecycle.move(codes["returned"], MoveInput(S.IN_PROCESS, office="Phòng A"), by=clerk)
    clock.set(local(2026, 11, 20, 9, 0))
    ctx.lifecycle.move(codes["returned"], MoveInput(S.RESULT_READY, outcome="approved"), by=clerk)
    clock.set(local(2026, 11, 25, 9, 0))
    ctx.lifecycle.move(codes["returned"], MoveInput(S.RETURNED), by=clerk)
    codes["today"] = register(ctx, clerk, "1.010020", "Hoàng Văn Em")
    return codes


def codes_of(ctx: KioskContext, wanted: LedgerFilter) -> list[str]:
    return [r.code for r in ctx.ledger.page(wanted)]


def test_all_newest_first_with_flags(ctx: KioskContext, desk: dict[str, str]) -> None:
    rows = ctx.ledger.page(LedgerFilter())
    assert [r.code for r in rows] == [desk[k] for k in ("today", "returned", "due_tomorrow", "due_today", "overdue")]
    flags = {r.code: (r.pending, r.timeliness) for r in rows}
    assert flags[desk["overdue"]] == (Pending.OVERDUE, None)
    assert flags[desk["due_today"]] == (Pending.DUE_TODAY, None)
    assert flags[desk["due_tomorrow"]] == (Pending.WITHIN_TIME, None)
    assert flags[desk["returned"]] == (None, Timeliness.EARLY)
    assert rows[0].procedure_name == "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (LedgerFilter(period=Period.RECEIVED_TODAY), ["today"]),
        (LedgerFilter(period=Period.DUE_TODAY), ["today", "due_today"]),
        (LedgerFilter(period=Period.DUE_TOMORROW), ["due_tomorrow"]),
        (LedgerFilter(period=Period.OVERDUE), ["overdue"]),
        (LedgerFilter(state=S.RETURNED), ["returned"]),
        (LedgerFilter(field="Giáo dục và đào tạo thuộc hệ thống giáo dục quốc dân"), ["returned"]),
        (LedgerFilter(procedure_code="2.001914"), ["due_tomorrow", "due_today", "overdue"]),
        (LedgerFilter(clerk="cli"), ["due_today"]),
        (
            LedgerFilter(received_from=date(2026, 11, 17), received_to=date(2026, 11, 18)),
            ["returned", "due_tomorrow", "due_today"],
        ),
        (LedgerFilter(text="binh"), ["due_today"]),
        (LedgerFilter(text="0912345678", state=S.RETURNED), ["returned"]),
        (LedgerFilter(text="khong co ai"), []),
    ],
)
def test_filters(ctx: KioskContext, desk: dict[str, str], wanted: LedgerFilter, expected: list[str]) -> None:
    assert codes_of(ctx, wanted) == [desk[k] for k in expected]
    count, more = ctx.ledger.count(wanted)
    assert (count, more) == (len(expected), False)


def test_pages_follow_each_other_without_gaps(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    made = []
    for i in range(23):
        clock.advance(timedelta(minutes=1))
        made.append(register(ctx, clerk, "1.010020", f"Người Số {chr(65 + i)}"))
    seen: list[str] = []
    after = None
    while True:
        page = ctx.ledger.page(LedgerFilter(), after=after, limit=5)
        if not page:
            break
        seen += [r.code for r in page]
        after = page[-1].key
    assert seen == list(reversed(made))
    assert ctx.ledger.count(LedgerFilter(), cap=10) == (10, True)


def test_counters(ctx: KioskContext, desk: dict[str, str]) -> None:
    counters = ctx.ledger.counters()
    assert (counters.received_today, counters.returned_today, counters.due_tomorrow, counters.overdue) == (1, 1, 1, 1)


def test_voided_and_waiting_dossiers_are_not_overdue(
    ctx: KioskContext, desk: dict[str, str], supervisor: Actor
) -> None:
    ctx.corrections.void(desk["overdue"], "Nhập nhầm", by=supervisor)
    assert codes_of(ctx, LedgerFilter(period=Period.OVERDUE)) == []
    row = next(r for r in ctx.ledger.page(LedgerFilter()) if r.code == desk["overdue"])
    assert row.voided and row.pending is None
    ctx.lifecycle.move(
        desk["due_today"], MoveInput(S.SUPPLEMENT_REQUESTED, reason="Thiếu", missing=("Ảnh",)), by=supervisor
    )
    assert codes_of(ctx, LedgerFilter(period=Period.DUE_TODAY)) == [desk["today"]]


def test_filters_given_as_plain_strings_as_forms_give_them(ctx: KioskContext, desk: dict[str, str]) -> None:
    wanted = LedgerFilter(period="overdue", state="in_process")  # type: ignore[arg-type]
    assert codes_of(ctx, wanted) == []
    assert codes_of(ctx, LedgerFilter(period="overdue")) == [desk["overdue"]]  # type: ignore[arg-type]
    assert codes_of(ctx, LedgerFilter(state="returned")) == [desk["returned"]]  # type: ignore[arg-type]
