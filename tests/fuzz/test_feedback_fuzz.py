"""The feedback register fed hostile input (tests/fuzz/strategies.py): recording, forwarding, notes, answers, the
list and its filters, the reports' counts, erasing contacts, and the ``kiosk feedback`` command.

Each call must give a right result or refuse with a KioskError a clerk can read (tests/fuzz/checks.py); a refused
write changes nothing, and after every accepted one the stored rows are NFC, free of control characters and within
their columns, with SQLite's checks clean. The fixed clock only moves forwards.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from hypothesis import strategies as st

from kiosk.clock import FixedClock
from kiosk.context import KioskContext
from kiosk.errors import KioskError
from kiosk.models import Feedback, FeedbackStep
from kiosk.paths import Paths
from kiosk.services.feedback_types import (
    ERASED,
    FeedbackFilter,
    FeedbackInput,
    FeedbackKind,
    FeedbackState,
    FeedbackView,
    Show,
    Standing,
    StepAction,
)
from kiosk.services.users import Actor
from kiosk.text import clean_paragraph
from tests.fuzz.checks import assert_stored_ok, attempt, clean, fuzz, is_nfc
from tests.fuzz.desk import OFFICE, db_file, dossier_code, line, near_dates, new_dossier, rows
from tests.fuzz.strategies import (
    PHONES,
    VIETNAMESE_NAMES,
    counts,
    dates,
    enum_or_wrong,
    good_phrases,
    hostile_text,
    mostly,
    organisation_names,
    person_names,
    phones,
    plausible,
    reasons,
    spoil,
    years,
)
from tests.fuzz.test_cli_fuzz import (
    SUPERVISOR_PASSWORD,
    Desk,
    Opt,
    Pos,
    arg,
    arg_or,
    bad_date,
    bad_int,
    bad_user,
    command,
    good_date,
    good_user,
    typed,
)
from tests.helpers import local

TABLES = ("feedback", "feedback_step")
KINDS = ("complaint", "suggestion")
CHANNELS = ("phone", "in_person", "written", "electronic")
CONTENTS = (
    "Cán bộ hẹn trả bằng nhưng đến nơi chưa có.",
    "Đề nghị bố trí thêm ghế chờ cho người cao tuổi.",
    "Phòng chờ nóng;\nmáy lấy số hỏng từ sáng",
)


def paragraph(text: str) -> str:
    """What clean_paragraph makes of text the clerk typed."""
    return clean_paragraph(text, field="x", label="x", max_length=10**9, required=False)


@st.composite
def feedback_inputs(draw: st.DrawFn, real_code: str) -> FeedbackInput:
    fields = spoil(
        draw,
        {
            "kind": st.sampled_from(KINDS),
            "channel": st.sampled_from(CHANNELS),
            "content": plausible(*CONTENTS),
            "citizen_name": st.one_of(st.just(""), plausible(*VIETNAMESE_NAMES)),
            "phone": st.one_of(st.just(""), st.sampled_from(PHONES)),
            "dossier_code": st.one_of(st.just(""), st.just(real_code), st.just(real_code.lower())),
        },
        {
            "kind": enum_or_wrong(*KINDS),
            "channel": enum_or_wrong(*CHANNELS),
            "content": st.one_of(reasons, hostile_text),
            "citizen_name": st.one_of(person_names, organisation_names),
            "phone": phones,
            "dossier_code": dossier_code(real_code),
        },
    )
    return FeedbackInput(**fields)


def advance(ctx: KioskContext, data: st.DataObject) -> None:
    """Time goes by at the desk: now and then hours or days (never backwards)."""
    clock = ctx.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(minutes=data.draw(st.sampled_from((0, 0, 7, 300, 60 * 24, 60 * 24 * 9)))))


@fuzz(data=st.data())
def test_record(ctx: KioskContext, clerk: Actor, data: st.DataObject) -> None:
    real = new_dossier(ctx, clerk).code
    advance(ctx, data)
    given = data.draw(feedback_inputs(real))
    before = rows(ctx, Feedback), rows(ctx, FeedbackStep)
    year = ctx.clock.now().astimezone(ctx.calendar.rules.zone).year
    last = max(
        (r.number for r in ctx.feedback.listing(FeedbackFilter(Show.ALL), limit=10_000) if r.year == year), default=0
    )
    outcome = attempt("feedback.record", lambda: ctx.feedback.record(given, by=clerk), given)
    if isinstance(outcome, KioskError):
        assert (rows(ctx, Feedback), rows(ctx, FeedbackStep)) == before
        return
    view = outcome
    assert (view.year, view.number) == (year, last + 1)  # the year's next number, no gap
    assert view.kind.value == given.kind and view.channel.value == given.channel
    assert view.content == paragraph(given.content) and view.content and is_nfc(view.content)
    assert view.citizen_name == line(given.citizen_name) and clean(view.citizen_name)
    assert (view.phone is None) == (not given.phone.strip()) and (view.phone is None or view.phone.isdigit())
    assert view.dossier_code == (real if given.dossier_code.strip() else None)
    received_on = view.received_at.astimezone(ctx.calendar.rules.zone).date()
    assert view.due_date > received_on and ctx.calendar.calendar().is_working_day(view.due_date)
    assert view.state is FeedbackState.OPEN and [s.action for s in view.steps] == [StepAction.RECEIVED]
    assert ctx.feedback.get(view.number, view.year) == view
    assert_stored_ok(db_file(ctx), TABLES)


def _get(ctx: KioskContext, number: int, year: int) -> FeedbackView | None:
    try:
        return ctx.feedback.get(number, year)
    except KioskError:
        return None


@fuzz(data=st.data())
def test_handling(ctx: KioskContext, clerk: Actor, supervisor: Actor, data: st.DataObject) -> None:
    real = ctx.feedback.record(FeedbackInput("complaint", "phone", CONTENTS[0], "Nguyễn Văn An"), by=clerk)
    for _ in range(data.draw(st.integers(1, 5))):
        advance(ctx, data)
        number = data.draw(mostly(st.just(real.number), counts))
        year = data.draw(mostly(st.sampled_from((None, real.year)), years))
        target = year if year is not None else ctx.feedback.today().year
        who = data.draw(st.sampled_from((clerk, supervisor)))
        before = _get(ctx, number, target)
        action = data.draw(st.sampled_from(("forward", "note", "answer", "get")))
        call: Callable[[], FeedbackView]
        if action == "forward":
            office = data.draw(mostly(plausible(OFFICE, "Văn phòng Sở"), hostile_text))
            note = data.draw(st.one_of(st.just(""), mostly(good_phrases, reasons)))
            call = partial(ctx.feedback.forward, number, office, year=year, note=note, by=who)
            inputs: tuple[object, ...] = (office, note)
        elif action == "note":
            text = data.draw(mostly(good_phrases, reasons))
            call, inputs = partial(ctx.feedback.note, number, text, year=year, by=who), (text,)
        elif action == "answer":
            text = data.draw(mostly(good_phrases, reasons))
            office = data.draw(st.one_of(st.just(""), mostly(plausible(OFFICE), hostile_text)))
            call = partial(ctx.feedback.answer, number, text, year=year, office=office, by=who)
            inputs = (text, office)
        else:
            call, inputs = partial(ctx.feedback.get, number, year), ()
        outcome = attempt(f"feedback.{action}", call, *inputs)
        after = _get(ctx, number, target)
        if isinstance(outcome, KioskError) or action == "get":
            assert (after.steps, after.state) == (before.steps, before.state) if after and before else after == before
            if action == "get" and not isinstance(outcome, KioskError):
                assert outcome == before
            continue
        assert before is not None and after is not None and outcome == after
        assert (after.number, after.year) == (number, target) and len(after.steps) == len(before.steps) + 1
        step = after.steps[-1]
        assert step.username == who.username and step.seq == len(after.steps)
        assert clean(step.office or "") and is_nfc(step.text)
        if action == "answer":
            assert before.state is FeedbackState.OPEN and after.state is FeedbackState.ANSWERED
            assert after.answer == step.text and after.standing in (Standing.ANSWERED_ON_TIME, Standing.ANSWERED_LATE)
        if action == "forward":
            assert before.state is FeedbackState.OPEN and after.office == step.office == line(office)
        assert_stored_ok(db_file(ctx), TABLES)


@st.composite
def feedback_filters(draw: st.DrawFn) -> FeedbackFilter:
    fields = spoil(
        draw,
        {
            "show": st.sampled_from(list(Show)),
            "first": st.one_of(st.none(), near_dates),
            "last": st.one_of(st.none(), near_dates.map(lambda d: d + timedelta(days=200))),
            "text": st.sampled_from(("", "1", "2/2026", "số 1/2026", "nguyen van an", "ghe", "0912345678")),
        },
        {
            "show": enum_or_wrong(*(s.value for s in Show)),
            "first": dates,
            "last": dates,
            "text": hostile_text,
        },
    )
    return FeedbackFilter(**fields)


@fuzz(data=st.data(), wanted=feedback_filters(), limit=st.integers(-3, 1000), first=dates, last=dates, days=counts)
def test_listing_counts_and_erasure(
    ctx: KioskContext,
    clerk: Actor,
    data: st.DataObject,
    wanted: FeedbackFilter,
    limit: int,
    first: date,
    last: date,
    days: int,
) -> None:
    if rows(ctx, Feedback) == 0:
        clock = ctx.clock
        assert isinstance(clock, FixedClock)
        for at, content in ((local(2026, 11, 2, 9), CONTENTS[0]), (local(2026, 11, 20, 9), CONTENTS[1])):
            clock.set(at)
            ctx.feedback.record(
                FeedbackInput("suggestion", "in_person", content, "Nguyễn Văn An", "0912345678"), by=clerk
            )
        ctx.feedback.answer(1, "Đã trả lời", year=2026, by=clerk)
        clock.set(local(2026, 11, 25, 9))
    found = attempt("feedback.listing", lambda: ctx.feedback.listing(wanted, limit=limit), wanted)
    if not isinstance(found, KioskError):
        assert len(found) <= max(limit, 0)
        show = Show(wanted.show)
        for row in found:
            assert show is Show.ALL or (row.state is FeedbackState.OPEN) == (show in (Show.OPEN, Show.OVERDUE))
            assert show is not Show.OVERDUE or row.standing is Standing.OVERDUE
    counted = attempt("feedback.counts", lambda: ctx.feedback.counts(first, last), first, last)
    if not isinstance(counted, KioskError):
        for kind in FeedbackKind:
            t = counted.kind(kind)
            assert t.carried + t.received == t.answered + t.open
            assert t.on_time_share is None or 0 <= t.on_time_share <= 100
            assert t.indicator8 in (0, 1, 2)
    erased = attempt("feedback.erase_contacts", lambda: ctx.feedback.erase_contacts(days), days)
    if not isinstance(erased, KioskError):
        assert erased >= 0
        for row in ctx.feedback.listing(FeedbackFilter(Show.ALL)):
            if row.state is FeedbackState.OPEN:
                assert row.citizen_name == "Nguyễn Văn An"  # an open one keeps its contact
            else:
                assert row.citizen_name in ("Nguyễn Văn An", ERASED)
    assert_stored_ok(db_file(ctx), TABLES)


# -- the command -------------------------------------------------------------------------------------------------------


@pytest.fixture
def station(paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Desk:
    """A station with a supervisor (minh), a clerk (lan) and a dossier, run from the test's folder (as
    tests/fuzz/test_cli_fuzz.py sets up its desk)."""
    clock = FixedClock(local(2026, 11, 25, 9, 0))
    monkeypatch.setattr("kiosk.context.SystemClock", lambda: clock)
    monkeypatch.setattr("argon2.PasswordHasher", partial(PasswordHasher, time_cost=1, memory_cost=1024, parallelism=1))
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    setup = Desk(folder, paths.default_database, capsys, monkeypatch)
    assert setup.run("user", "add", "minh", "--role", "supervisor", "--own-password", stdin=SUPERVISOR_PASSWORD)[0] == 0
    assert setup.run("user", "add", "lan", "--role", "clerk", "--own-password", stdin=setup.lan_password)[0] == 0
    setup.new_dossier()
    return setup


def _number_pos(real: str) -> Pos:
    return Pos(
        st.sampled_from((real, real.split("/")[0], f" {real} ", f"số {real}")),
        st.one_of(arg_or("1", "1/2026", "999999", "0", "-1", "1/1999"), bad_int),
    )


@fuzz(data=st.data())
def test_feedback_command(station: Desk, data: st.DataObject) -> None:
    dossier = station.new_dossier()
    code, out, err = station.run(
        "feedback", "add", "--kind", "complaint", "--channel", "phone", "--content", "Chờ lâu", "--user", "lan"
    )
    assert code == 0, err
    real = out.splitlines()[0].removeprefix("Đã ghi phản ánh số ").rstrip(".")
    year_opt = Opt(st.just("2026"), st.one_of(st.integers(1990, 2110).map(str), bad_int))
    chosen = data.draw(st.permutations(("add", "list", "show", "forward", "note", "answer")))
    for action in chosen[: data.draw(st.integers(1, 3))]:
        if action == "add":
            argv = command(
                data.draw,
                ["feedback", "add"],
                table={
                    "--kind": Opt(st.sampled_from(KINDS), arg_or(*KINDS), required=True),
                    "--channel": Opt(st.sampled_from(CHANNELS), arg_or(*CHANNELS), required=True),
                    "--content": Opt(typed(*CONTENTS), arg, required=True),
                    "--name": Opt(typed(*VIETNAMESE_NAMES), arg),
                    "--phone": Opt(st.sampled_from(PHONES), arg_or(*PHONES)),
                    "--dossier": Opt(st.sampled_from((dossier, dossier.lower())), arg_or(dossier)),
                    "--user": Opt(good_user, bad_user),
                },
            )
        elif action == "list":
            argv = command(
                data.draw,
                ["feedback", "list"],
                table={
                    data.draw(st.sampled_from(("--open", "--overdue", "--answered"))): Opt(None, flag=True),
                    "--from": Opt(good_date, bad_date),
                    "--to": Opt(good_date, bad_date),
                    "--search": Opt(typed(real, "Chờ lâu", "nguyen"), arg),
                    "--json": Opt(None, flag=True),
                },
            )
        elif action == "show":
            argv = command(
                data.draw,
                ["feedback", "show"],
                [_number_pos(real)],
                {"--year": year_opt, "--json": Opt(None, flag=True)},
            )
        else:
            text = "--office" if action == "forward" else "--text"
            table = {
                text: Opt(typed(OFFICE, "Đã gọi lại", "Đã trả lời qua điện thoại"), arg, required=True),
                "--year": year_opt,
                "--user": Opt(good_user, bad_user),
            }
            if action == "forward":
                table["--note"] = Opt(typed("Chuyển để xem xét"), arg)
            if action == "answer":
                table["--office"] = Opt(typed("Văn phòng Sở"), arg)
            argv = command(data.draw, ["feedback", action], [_number_pos(real)], table)
        code, out, _ = station.fuzz(f"feedback {action}", argv)
        if code == 0 and action == "add":
            assert out.startswith("Đã ghi ") and "Hạn trả lời: " in out
