"""The citizen's look-up: the right dossier's state and dates, nothing about anyone, and guessing slowed down."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from kiosk.clock import FixedClock
from kiosk.config import CitizenSettings
from kiosk.context import KioskContext
from kiosk.services.dossier_views import Applicant, DossierView
from kiosk.services.lifecycle import MoveInput
from kiosk.services.lookup import Answer, DossierStatus, Outcome
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import DossierState
from kiosk.services.users import Actor
from tests.helpers import local

AN = Applicant("person", "Nguyễn Văn An", "0912345678", id_number="067090012345", address="12 Phan Đình Phùng")
BINH = Applicant("person", "Trần Thị Bình", "0987650000")


def register(ctx: KioskContext, clerk: Actor, applicant: Applicant = AN, code: str = "2.001914") -> DossierView:
    return ctx.registration.register(RegistrationInput(code, applicant), by=clerk)


def tail(view: DossierView, digits: int) -> str:
    """The last ``digits`` digits of the code, as a citizen reads them off the receipt."""
    return view.code.replace("-", "")[-digits:]


def test_the_scanned_code_finds_its_dossier_and_says_only_its_state(ctx: KioskContext, clerk: Actor) -> None:
    view = register(ctx, clerk)
    answer = ctx.lookup.by_code(view.code.lower() + "\n")
    assert answer == Answer(
        Outcome.FOUND,
        DossierStatus(DossierState.RECEIVED, date(2026, 12, 2), False, None, None, None, False),
    )


def test_typed_digits_and_the_phone_find_the_dossier(ctx: KioskContext, clerk: Actor) -> None:
    view = register(ctx, clerk)
    for digits in (4, 6, 10):
        answer = ctx.lookup.by_digits(tail(view, digits), "5678")
        assert answer.outcome is Outcome.FOUND and answer.status is not None
        assert answer.status.due_date == view.due_date


def test_a_wrong_phone_or_a_wrong_number_is_not_found(ctx: KioskContext, clerk: Actor) -> None:
    view = register(ctx, clerk)
    register(ctx, clerk, BINH)
    assert ctx.lookup.by_digits(tail(view, 4), "0000").outcome is Outcome.NOT_FOUND  # Bình's phone, An's number
    assert ctx.lookup.by_digits("0099", "5678").outcome is Outcome.NOT_FOUND
    assert ctx.lookup.by_code("000.00.10.H15-261125-0099").outcome is Outcome.NOT_FOUND


def test_what_is_not_a_code_is_refused_without_counting_as_a_miss(ctx: KioskContext, clerk: Actor) -> None:
    for digits, phone in (("12", "5678"), ("12345678901", "5678"), ("0001", "567"), ("00a1", "5678"), ("", "")):
        assert ctx.lookup.by_digits(digits, phone) == Answer(Outcome.INVALID)
    assert ctx.lookup.by_code("Nguyễn Văn An") == Answer(Outcome.INVALID)
    view = register(ctx, clerk)
    assert ctx.lookup.by_digits(tail(view, 4), "5678").outcome is Outcome.FOUND  # no wait was started


def test_two_days_with_the_same_number_and_phone_ask_for_more_digits(
    ctx: KioskContext, clerk: Actor, clock: FixedClock
) -> None:
    first = register(ctx, clerk)
    clock.set(local(2026, 11, 26, 9, 0))
    second = register(ctx, clerk)
    assert tail(first, 4) == tail(second, 4) == "0001"
    assert ctx.lookup.by_digits("0001", "5678") == Answer(Outcome.AMBIGUOUS)
    assert ctx.lookup.by_digits(tail(second, 5), "5678").outcome is Outcome.FOUND  # 6 in 261126: one day only


def test_each_state_is_told_with_its_dates(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    view = register(ctx, clerk)

    def status() -> DossierStatus:
        answer = ctx.lookup.by_code(view.code)
        assert answer.status is not None
        return answer.status

    ctx.lifecycle.move(view.code, MoveInput(DossierState.IN_PROCESS, office="Văn phòng Sở"), by=clerk)
    assert status().state is DossierState.IN_PROCESS
    ctx.lifecycle.reappoint(view.code, date(2026, 12, 9), "Chờ xác minh", by=clerk)
    assert status().reappointed and status().due_date == date(2026, 12, 9)
    clock.set(local(2026, 11, 30, 10, 0))
    ctx.lifecycle.move(view.code, MoveInput(DossierState.RESULT_READY, outcome="approved"), by=clerk)
    assert status().state is DossierState.RESULT_READY and status().result_ready_on == date(2026, 11, 30)
    clock.set(local(2026, 12, 1, 8, 0))
    ctx.lifecycle.move(view.code, MoveInput(DossierState.RETURNED, collector="applicant"), by=clerk)
    assert status().returned_on == date(2026, 12, 1)


def test_a_voided_dossier_is_not_found(ctx: KioskContext, clerk: Actor, supervisor: Actor) -> None:
    view = register(ctx, clerk)
    ctx.corrections.void(view.code, "Nhập nhầm", by=clerk, approver=supervisor)
    assert ctx.lookup.by_code(view.code).outcome is Outcome.NOT_FOUND


def test_nothing_about_any_applicant_is_in_any_answer(ctx: KioskContext, clerk: Actor) -> None:
    """Whatever is typed, the answer holds the state and dates only: no field of a dossier's applicant."""
    an, binh = register(ctx, clerk), register(ctx, clerk, BINH)
    secrets = {AN.name, AN.phone, AN.id_number, AN.address, BINH.name, BINH.phone, an.code, binh.code}
    secrets |= {an.procedure.name, an.procedure.code}
    tries = [ctx.lookup.by_code(an.code), ctx.lookup.by_code(binh.code), ctx.lookup.by_digits(tail(an, 4), "0000")]
    tries += [ctx.lookup.by_digits(tail(binh, 4), "0000"), ctx.lookup.by_digits("0001", "5678")]
    assert {a.outcome for a in tries} >= {Outcome.FOUND, Outcome.NOT_FOUND}
    for answer in tries:
        words = repr(answer)
        assert not [s for s in secrets if s and s in words], words
        if answer.status is not None:
            assert {f.name for f in dataclasses.fields(answer.status)} == {
                "state",
                "due_date",
                "reappointed",
                "result_ready_on",
                "returned_on",
                "ended_on",
                "by_post",
            }


def test_misses_in_a_row_make_the_screen_wait_longer_each_time(
    ctx: KioskContext, clerk: Actor, clock: FixedClock
) -> None:
    ctx.lookup.settings = CitizenSettings(lookup_free_tries=3, lookup_wait_s=30, lookup_wait_max_s=100)
    view = register(ctx, clerk)
    assert [ctx.lookup.by_digits("0042", "5678").wait_s for _ in range(3)] == [0, 0, 30]
    # While it waits nothing is looked up, not even the right dossier.
    assert ctx.lookup.by_code(view.code) == Answer(Outcome.WAIT, wait_s=30)
    clock.advance(timedelta(seconds=29, milliseconds=500))
    assert ctx.lookup.by_digits(tail(view, 4), "5678") == Answer(Outcome.WAIT, wait_s=1)
    clock.advance(timedelta(seconds=1))
    assert ctx.lookup.by_digits("0042", "5678") == Answer(Outcome.NOT_FOUND, wait_s=60)  # doubled
    clock.advance(timedelta(seconds=60))
    assert ctx.lookup.by_digits("0043", "5678").wait_s == 100  # 120, capped
    clock.advance(timedelta(seconds=100))
    assert ctx.lookup.by_digits(tail(view, 4), "5678").outcome is Outcome.FOUND
    assert ctx.lookup.by_digits("0042", "5678") == Answer(Outcome.NOT_FOUND)  # the count started again


@pytest.mark.parametrize("scanned", ["", "   ", "000.00.10.H15-261125", "https://example.com/?q=1", "0" * 200])
def test_scans_that_are_no_code_are_invalid(ctx: KioskContext, scanned: str) -> None:
    assert ctx.lookup.by_code(scanned) == Answer(Outcome.INVALID)
