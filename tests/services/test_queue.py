"""Queue tickets: numbered per office day, priority first, called and recalled, linked to the dossier, counted."""

from __future__ import annotations

from datetime import date, timedelta

import msgspec
import pytest

from kiosk.clock import FixedClock
from kiosk.config import QueueSettings
from kiosk.context import KioskContext
from kiosk.errors import Conflict, InvalidInput
from kiosk.services.dossier_views import Applicant
from kiosk.services.queue import Source, TicketState, ticket_label
from kiosk.services.queue_stats import queue_stats
from kiosk.services.registration import RegistrationInput
from kiosk.services.users import Actor
from tests.helpers import VN, local

DESK = "Quầy 1"


def test_numbers_run_through_the_day_and_restart_after_local_midnight(ctx: KioskContext, clock: FixedClock) -> None:
    clock.set(local(2026, 11, 25, 23, 58))
    first = ctx.queue.take("submit")
    second = ctx.queue.take("collect", source=Source.DESK)
    assert (first.number, second.number, second.label) == (1, 2, "002")
    assert first.day == date(2026, 11, 25) and second.source is Source.DESK
    clock.set(local(2026, 11, 26, 0, 1))  # 17:01 UTC on the 25th: the office's day has changed
    after = ctx.queue.take("submit")
    assert (after.day, after.number) == (date(2026, 11, 26), 1)
    clock.set(local(2026, 11, 26, 7, 30))
    assert ctx.queue.take("ask").number == 2


def test_people_ahead_and_priority_first(ctx: KioskContext, clerk: Actor) -> None:
    a = ctx.queue.take("submit")
    b = ctx.queue.take("collect")
    p = ctx.queue.take("submit", priority=True)
    c = ctx.queue.take("ask")
    assert [t.ahead for t in (a, b, p, c)] == [0, 1, 0, 3]  # a priority ticket waits only for priority ones
    called = [ctx.queue.call_next(counter=DESK, by=clerk) for _ in range(4)]
    assert [t.number for t in called if t] == [p.number, a.number, b.number, c.number]
    assert ctx.queue.call_next(counter=DESK, by=clerk) is None  # nobody left; the last one is done
    assert [t.state for t in ctx.queue.tickets(a.day, a.day)] == [TicketState.SERVED] * 4


def test_calling_again_and_absent(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    assert ctx.queue.call_again(counter=DESK) is None
    first, second = ctx.queue.take("submit"), ctx.queue.take("submit")
    called = ctx.queue.call_next(counter=DESK, by=clerk)
    assert called is not None and called.number == first.number and called.calls == 1
    clock.advance(timedelta(minutes=1))
    again = ctx.queue.call_again(counter=DESK)
    assert again is not None and again.calls == 2 and again.called_at == called.called_at
    nxt = ctx.queue.call_next(counter=DESK, by=clerk, absent=True)
    assert nxt is not None and nxt.number == second.number
    states = {t.number: t.state for t in ctx.queue.tickets(first.day, first.day)}
    assert states == {1: TicketState.ABSENT, 2: TicketState.CALLED}
    state = ctx.queue.state(DESK)
    assert state.current is not None and state.current.number == 2 and state.waiting == 0
    assert ctx.queue.state("Quầy 2").current is None  # another counter has its own


def test_the_dossier_registered_from_a_ticket_is_linked_once(ctx: KioskContext, clerk: Actor) -> None:
    ctx.queue.take("submit")
    ctx.queue.call_next(counter=DESK, by=clerk)
    first = ctx.registration.register(RegistrationInput("2.001914", Applicant("person", "An", "0912345678")), by=clerk)
    second = ctx.registration.register(
        RegistrationInput("2.001914", Applicant("person", "Bình", "0912345679")), by=clerk
    )
    linked = ctx.queue.link(first.id, counter=DESK)
    assert linked is not None and linked.dossier_id == first.id
    assert ctx.queue.link(second.id, counter=DESK) is None  # the ticket keeps the first dossier
    ctx.queue.finish(counter=DESK)
    assert ctx.queue.link(second.id, counter=DESK) is None  # nobody at the counter


def test_yesterdays_ticket_left_at_the_counter_is_settled(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    ctx.queue.take("submit")
    ctx.queue.take("submit")
    ctx.queue.call_next(counter=DESK, by=clerk)
    clock.set(local(2026, 11, 26, 7, 30))
    assert ctx.queue.state(DESK).current is None and ctx.queue.state(DESK).waiting == 0
    assert ctx.queue.call_next(counter=DESK, by=clerk) is None  # yesterday's waiting ticket is not called today
    assert ctx.queue.settle_earlier_days() == 1
    states = [(t.state, t.done_at) for t in ctx.queue.tickets(date(2026, 11, 25), date(2026, 11, 25))]
    assert states == [(TicketState.SERVED, None), (TicketState.WAITING, None)]


def test_groups_priority_and_the_switch_are_checked(ctx: KioskContext) -> None:
    with pytest.raises(InvalidInput, match="Nhóm dịch vụ «nop» không có"):
        ctx.queue.take("nop")
    with pytest.raises(InvalidInput, match="Nơi lấy số"):
        ctx.queue.take("submit", source="phone")
    ctx.queue.settings = msgspec.structs.replace(ctx.queue.settings, priority=False)
    with pytest.raises(InvalidInput, match="không cấp số ưu tiên"):
        ctx.queue.take("submit", priority=True)
    ctx.queue.settings = QueueSettings(enabled=False)
    with pytest.raises(Conflict, match="chưa dùng số thứ tự"):
        ctx.queue.take("submit")


def test_queue_statistics_match_a_hand_computed_day(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    """Five tickets on 25/11 (office times); the priority ticket 003 is called before 002, which waited longer:

    no  taken  group            called  ended   outcome      wait  service
    001 07:40  submit           08:00   08:10   served        20     10
    002 07:50  collect          08:12   08:30   served        22     18
    003 08:05  submit, priority 08:10   08:12   absent         5      2
    004 08:20  ask              08:30   –       at counter    10      –
    005 08:40  submit           –       –       waiting        –      –
    Mean wait (20+22+5+10)/4 = 14.25, longest 22; mean service (10+18+2)/3 = 10, longest 18.
    Hours: 7h took 2 (both called, waits 20 and 22: mean 21); 8h took 3 (2 called, waits 5 and 10: mean 7.5).
    """

    def at(hour: int, minute: int) -> None:
        clock.set(local(2026, 11, 25, hour, minute))

    at(7, 40)
    ctx.queue.take("submit")
    at(7, 50)
    ctx.queue.take("collect")
    at(8, 0)
    ctx.queue.call_next(counter=DESK, by=clerk)  # 001
    at(8, 5)
    ctx.queue.take("submit", priority=True)
    at(8, 10)
    ctx.queue.call_next(counter=DESK, by=clerk)  # 001 served; 003 (priority) called
    at(8, 12)
    ctx.queue.call_next(counter=DESK, by=clerk, absent=True)  # 003 absent; 002 called
    at(8, 20)
    ctx.queue.take("ask")
    at(8, 30)
    ctx.queue.call_next(counter=DESK, by=clerk)  # 002 served; 004 called
    at(8, 40)
    ctx.queue.take("submit")
    tickets = ctx.queue.tickets(date(2026, 11, 25), date(2026, 11, 25))
    assert [(t.number, t.state) for t in tickets] == [
        (1, TicketState.SERVED),
        (2, TicketState.SERVED),
        (3, TicketState.ABSENT),
        (4, TicketState.CALLED),
        (5, TicketState.WAITING),
    ]
    stats = queue_stats(tickets, VN)
    assert (stats.issued, stats.priority, stats.called, stats.served, stats.absent, stats.not_called) == (
        5,
        1,
        4,
        3,
        1,
        1,
    )
    assert stats.mean_wait == pytest.approx(14.25) and stats.longest_wait == pytest.approx(22)
    assert stats.mean_service == pytest.approx(10) and stats.longest_service == pytest.approx(18)
    assert [(h.hour, h.issued, h.called) for h in stats.hours] == [(7, 2, 2), (8, 3, 2)]
    assert stats.hours[0].mean_wait == pytest.approx(21) and stats.hours[1].mean_wait == pytest.approx(7.5)
    assert stats.groups == (("Nộp hồ sơ", 3), ("Nhận kết quả", 1), ("Hỏi, hướng dẫn thủ tục", 1))
    assert ticket_label(1015) == "1015"
