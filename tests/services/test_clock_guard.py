"""A PC clock gone backwards or jumped ahead stops registration until a supervisor confirms the time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.clock import FixedClock
from kiosk.context import KioskContext
from kiosk.errors import PermissionDenied
from kiosk.services.clock_guard import ClockSuspect, Verdict
from kiosk.services.dossier_views import Applicant
from kiosk.services.registration import RegistrationInput
from kiosk.services.users import Actor
from tests.helpers import local

AN = Applicant("person", "Nguyễn Văn An", "0912345678")


def register(ctx: KioskContext, by: Actor) -> str:
    return ctx.registration.register(RegistrationInput("2.001914", AN), by=by).code


def suspects(ctx: KioskContext) -> list[dict[str, object]]:
    return [e.details for e in ctx.audit.recent(limit=100, action="clock_suspect")]


def test_a_clock_that_went_back_stops_registration_until_a_supervisor_confirms(
    ctx: KioskContext, clock: FixedClock, clerk: Actor, supervisor: Actor
) -> None:
    clock.set(local(2026, 11, 25, 10, 0))
    register(ctx, clerk)
    clock.set(local(2026, 11, 25, 9, 0))  # an hour back: the CMOS battery, a wrong manual change

    with pytest.raises(ClockSuspect) as refused:
        register(ctx, clerk)
    with pytest.raises(ClockSuspect):
        register(ctx, clerk)

    assert refused.value.message.startswith("Đồng hồ máy tính đang chỉ 09:00 ngày 25/11/2026, sớm hơn lần ghi gần nhất")
    assert "nhờ lãnh đạo xác nhận" in refused.value.message
    assert len(suspects(ctx)) == 1  # logged once for the situation, not once per attempt
    assert suspects(ctx)[0]["verdict"] == "backwards"
    with pytest.raises(PermissionDenied):
        ctx.clock_guard.confirm(by=clerk)

    ctx.clock_guard.confirm(by=supervisor)
    register(ctx, clerk)
    confirmed = ctx.audit.recent(limit=100, action="clock_confirmed")
    assert [(e.actor, e.details["verdict"]) for e in confirmed] == [("minh", "backwards")]


def test_a_clock_far_ahead_is_suspect_but_tet_is_not(
    ctx: KioskContext, clock: FixedClock, clerk: Actor, supervisor: Actor
) -> None:
    register(ctx, clerk)
    clock.advance(timedelta(days=12))  # the Tết break and a weekend
    assert ctx.clock_guard.check().verdict is Verdict.OK
    register(ctx, clerk)
    clock.advance(timedelta(days=200))
    found = ctx.clock_guard.check()
    assert found.verdict is Verdict.AHEAD
    with pytest.raises(ClockSuspect, match="muộn hơn nhiều so với lần ghi gần nhất"):
        register(ctx, clerk)
    ctx.audit.record("lan", "login", "lan")  # anything recorded at the jumped time does not make it right
    with pytest.raises(ClockSuspect):
        register(ctx, clerk)
    ctx.clock_guard.confirm(by=supervisor)  # a supervisor says the date is right after all
    register(ctx, clerk)
    clock.advance(timedelta(days=1))
    register(ctx, clerk)


def test_a_confirmation_covers_its_situation_only(
    ctx: KioskContext, clock: FixedClock, clerk: Actor, supervisor: Actor
) -> None:
    clock.set(local(2026, 11, 25, 10, 0))
    register(ctx, clerk)
    clock.set(local(2026, 11, 25, 9, 0))
    ctx.clock_guard.confirm(by=supervisor)
    register(ctx, clerk)
    clock.set(local(2026, 11, 26, 10, 0))
    register(ctx, clerk)  # a new, later record
    clock.set(local(2026, 11, 26, 8, 0))  # and back again: a new situation
    with pytest.raises(ClockSuspect):
        register(ctx, clerk)


def test_small_drift_and_a_reset_clock(ctx: KioskContext, clock: FixedClock, clerk: Actor) -> None:
    register(ctx, clerk)
    clock.advance(timedelta(minutes=-3))  # the clock corrected by a few minutes
    register(ctx, clerk)
    clock.set(local(2001, 1, 1, 9, 0))  # the clock reset to a year long gone
    assert ctx.clock_guard.check().verdict is Verdict.BACKWARDS
