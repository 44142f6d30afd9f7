"""Every service entry point a clerk, a supervisor or an admin reaches, fed hostile input (tests/fuzz/strategies.py):
registering, moving, correcting, voiding, guiding and finding dossiers.

Each call must either give a right result or refuse with a KioskError a clerk can read (tests/fuzz/checks.py);
anything else it raises fails the test. After an accepted write the stored rows are read back: NFC, no control
characters, within their column limits, SQLite's integrity and foreign-key checks clean. A refused write must have
changed nothing. The database is shared by a test's examples (it grows as a desk's does); the fixed clock never
moves backwards. Run long with ``python -m tests.fuzz.soak`` (a process per test, a time bound).
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from kiosk.context import KioskContext
from kiosk.errors import KioskError
from kiosk.models import Dossier, DossierDocument, DossierEvent, GuidanceRecord
from kiosk.services.calendar import FIRST_YEAR, LAST_YEAR
from kiosk.services.corrections import Correction
from kiosk.services.dossier_views import Applicant, ReceivedDocument
from kiosk.services.guidance import GuidanceInput
from kiosk.services.ledger import LedgerFilter, Period
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import MOVES, DossierState, allowed_targets
from kiosk.services.users import Actor
from kiosk.text import fold
from tests.fuzz.checks import assert_stored_ok, attempt, clean, fuzz, is_nfc
from tests.fuzz.desk import (
    CODES,
    DOSSIER_TABLES,
    EXTERNAL_REF,
    OFFICE,
    applicants,
    check_view,
    db_file,
    dossier_code,
    forms,
    good_codes,
    hostile_papers,
    line,
    near_dates,
    new_dossier,
    procedure_codes,
    recent,
    rows,
    usernames,
)
from tests.fuzz.strategies import (
    VN,
    aware_moments,
    counts,
    dates,
    enum_or_wrong,
    good_organisation_names,
    good_person_names,
    good_phones,
    good_phrases,
    hostile_text,
    mostly,
    organisation_names,
    person_names,
    phones,
    phrases,
    plausible,
    reasons,
    received_moments,
    spoil,
    text_or,
)

# -- registration ------------------------------------------------------------------------------------------------------


@st.composite
def registration_inputs(draw: st.DrawFn, ctx: KioskContext) -> RegistrationInput:
    wrong = draw(st.sampled_from(("nothing", "nothing", "applicant", "record", "papers")))
    fields = spoil(
        draw,
        {
            "procedure_code": good_codes,
            "sets": st.integers(1, 20),
            "delivery": st.sampled_from(("counter", "post")),
            "external_ref": st.one_of(st.just(""), plausible(EXTERNAL_REF)),
            "received_at": st.one_of(st.none(), recent),
        },
        {
            "procedure_code": procedure_codes,
            "sets": counts,
            "delivery": enum_or_wrong("counter", "post"),
            "external_ref": hostile_text,
            "received_at": received_moments,
        },
        2 if wrong == "record" else 0,
    )
    papers = "hostile" if wrong == "papers" else draw(st.sampled_from(("catalog", "listed")))
    documents: tuple[ReceivedDocument, ...] | None = None
    if papers == "listed":  # the catalog's papers as the clerk ticks them, some optional ones, some extra
        try:
            catalog = ctx.catalog.get(fields["procedure_code"]).documents
        except KioskError:
            catalog = ()
        chosen = [d for d in catalog if not d.optional or draw(st.booleans())]
        listed = [
            ReceivedDocument(
                draw(st.sampled_from((d.name, unicodedata.normalize("NFD", d.name), f" {d.name}  "))),
                d.form,
                draw(st.integers(1, 99)),
                True,
            )
            for d in draw(st.permutations(chosen))
        ]
        extra = draw(st.lists(st.builds(ReceivedDocument, good_phrases, forms, st.integers(1, 99), st.just(False))))
        documents = tuple(listed + extra[:3])
    elif papers == "hostile":
        documents = draw(hostile_papers)
        if draw(st.sampled_from(range(10))) == 5:
            documents = documents * 31 or (ReceivedDocument("Đơn"),) * 61  # past the 60 papers a dossier may list
    applicant = draw(applicants(2 if wrong == "applicant" else 0))
    return RegistrationInput(applicant=applicant, documents=documents, **fields)


@fuzz(data=st.data())
def test_register(ctx: KioskContext, clerk: Actor, data: st.DataObject) -> None:
    given_input = data.draw(registration_inputs(ctx))
    before = rows(ctx, Dossier), rows(ctx, DossierDocument), rows(ctx, DossierEvent)
    outcome = attempt("registration.register", lambda: ctx.registration.register(given_input, by=clerk), given_input)
    if isinstance(outcome, KioskError):
        assert (rows(ctx, Dossier), rows(ctx, DossierDocument), rows(ctx, DossierEvent)) == before
        return
    view = outcome
    check_view(view)
    assert view.applicant.name == line(given_input.applicant.name)
    assert view.applicant.kind == given_input.applicant.kind and view.sets == given_input.sets
    assert view.delivery == given_input.delivery and view.state is DossierState.RECEIVED
    assert view.procedure.code == given_input.procedure_code.strip().upper()
    now = ctx.clock.now()
    if given_input.received_at is None:
        assert view.received_at == now.replace(microsecond=0)
    else:
        assert view.received_at == given_input.received_at.replace(microsecond=0)
    assert datetime(2000, 1, 1, tzinfo=UTC) <= view.received_at <= now + timedelta(minutes=1)
    if view.due_date is not None:
        assert view.due_date >= view.received_at.astimezone(VN).date()
        assert ctx.calendar.calendar().is_working_day(view.due_date)
    if given_input.documents is not None:
        assert [d.name for d in view.documents] == [line(d.name) for d in given_input.documents]
    stored = ctx.search.show(view.code)
    assert stored.applicant == view.applicant and stored.documents == view.documents
    assert stored.received_at == view.received_at and stored.due_date == view.due_date
    assert view.code in [r.code for r in ctx.search.find(view.code)]
    # search folds diacritics and case: the name typed in NFD capitals finds the dossier
    shouted = unicodedata.normalize("NFD", view.applicant.name.upper())
    assert view.code in [r.code for r in ctx.search.find(shouted, limit=10_000)] or fold(shouted) != fold(
        view.applicant.name
    )
    assert_stored_ok(db_file(ctx), DOSSIER_TABLES)


# -- the dossier's life ------------------------------------------------------------------------------------------------


@st.composite
def moves(draw: st.DrawFn, current: DossierState) -> MoveInput:
    targets = allowed_targets(current) or list(DossierState)
    fields = spoil(
        draw,
        {
            "to": st.sampled_from(targets),
            "reason": good_phrases,
            "office": plausible(OFFICE),
            "outcome": st.sampled_from(("approved", "refused")),
            "collector": st.sampled_from(("", "applicant", "post", "APPLICANT", "Nguyễn Văn Bình")),
            "missing": st.lists(good_phrases, min_size=1, max_size=3).map(tuple),
        },
        {
            "to": st.sampled_from(list(DossierState)),
            "reason": st.one_of(st.just(""), reasons),
            "office": st.one_of(st.just(""), text_or(OFFICE)),
            "outcome": st.one_of(st.just(""), enum_or_wrong("approved", "refused")),
            "collector": text_or("applicant", "post", "Nguyễn Văn Bình"),
            "missing": st.lists(phrases, max_size=4).map(tuple),
        },
    )
    return MoveInput(**fields)


@fuzz(data=st.data())
def test_lifecycle_moves_and_reappoint(ctx: KioskContext, clerk: Actor, data: st.DataObject) -> None:
    real = new_dossier(ctx, clerk, data.draw(st.sampled_from(CODES))).code
    for _ in range(data.draw(st.integers(1, 6))):
        code = data.draw(dossier_code(real))
        before = ctx.search.show(real)
        if data.draw(st.sampled_from(range(5))) == 3:
            due = before.due_date or date(2026, 12, 1)
            soon = st.integers(1, 40).map(lambda n, due=due: due + timedelta(days=n))
            new_date = data.draw(mostly(soon, dates))
            reason = data.draw(mostly(good_phrases, reasons))
            outcome = attempt(
                "lifecycle.reappoint",
                lambda c=code, d=new_date, r=reason: ctx.lifecycle.reappoint(c, d, r, by=clerk),
                code,
                reason,
            )
            if isinstance(outcome, KioskError):
                assert ctx.search.show(real) == before
                continue
            assert before.due_date is not None and outcome.due_date == new_date > before.due_date
            assert FIRST_YEAR <= new_date.year <= LAST_YEAR, f"re-appointed to {new_date}"
            assert ctx.calendar.calendar().is_working_day(new_date) and outcome.reappointed
            assert outcome.original_due_date == before.original_due_date
        else:
            move = data.draw(moves(before.state))
            outcome = attempt("lifecycle.move", lambda c=code, m=move: ctx.lifecycle.move(c, m, by=clerk), code, move)
            if isinstance(outcome, KioskError):
                assert ctx.search.show(real) == before
                continue
            assert (before.state, move.to) in MOVES and outcome.state is move.to
            event = outcome.events[-1]
            assert event.reason is None or (is_nfc(event.reason) and event.reason == event.reason.strip())
            if move.to is DossierState.IN_PROCESS and before.state is DossierState.RECEIVED:
                assert outcome.office == line(move.office)
            if move.to is DossierState.SUPPLEMENT_REQUESTED:
                assert event.data["missing"] == [line(m) for m in move.missing if m.strip()]
        check_view(outcome)
        assert ctx.search.show(real) == outcome
        assert_stored_ok(db_file(ctx), DOSSIER_TABLES)


# -- corrections and voids ---------------------------------------------------------------------------------------------


@st.composite
def corrections(draw: st.DrawFn) -> Correction:
    fields = spoil(
        draw,
        {
            "applicant": st.one_of(st.none(), applicants(1)),
            "documents": st.none(),
            "sets": st.one_of(st.none(), st.integers(1, 20)),
            "external_ref": st.one_of(st.none(), st.just(""), plausible(EXTERNAL_REF)),
        },
        {"documents": hostile_papers.filter(bool), "sets": counts, "external_ref": hostile_text},
        most=1,
    )
    return Correction(**fields)


@fuzz(data=st.data())
def test_corrections_and_voids(ctx: KioskContext, clerk: Actor, supervisor: Actor, data: st.DataObject) -> None:
    real = new_dossier(ctx, clerk, "DP-0014").code
    code = data.draw(dossier_code(real))
    before = ctx.search.show(real)
    if data.draw(st.sampled_from(("correct", "void", "correct"))) == "correct":
        change, reason = data.draw(corrections()), data.draw(mostly(good_phrases, reasons))
        outcome = attempt(
            "corrections.correct", lambda: ctx.corrections.correct(code, change, reason, by=clerk), code, change, reason
        )
        if isinstance(outcome, KioskError):
            assert ctx.search.show(real) == before
            return
        check_view(outcome)
        if change.applicant is not None:
            assert outcome.applicant.name == line(change.applicant.name)
        if change.sets is not None:
            assert outcome.sets == change.sets
        if change.external_ref is not None:
            assert outcome.external_ref == (line(change.external_ref) or None)
    else:
        by, approver = data.draw(st.sampled_from([(supervisor, None), (clerk, supervisor), (clerk, None)]))
        reason = data.draw(mostly(good_phrases, reasons))
        outcome = attempt(
            "corrections.void", lambda: ctx.corrections.void(code, reason, by=by, approver=approver), code, reason
        )
        if isinstance(outcome, KioskError):
            assert ctx.search.show(real) == before
            return
        assert outcome.voided and outcome.void_reason is not None and is_nfc(outcome.void_reason)
        assert approver is not None or by is supervisor
    assert ctx.search.show(real) == outcome
    assert_stored_ok(db_file(ctx), DOSSIER_TABLES)


# -- guidance ----------------------------------------------------------------------------------------------------------


@st.composite
def guidance_inputs(draw: st.DrawFn) -> GuidanceInput:
    fields = spoil(
        draw,
        {
            "kind": st.sampled_from(("supplement", "refusal")),
            "applicant_name": st.one_of(good_person_names, good_organisation_names),
            "reason": good_phrases,
            "phone": st.one_of(st.just(""), good_phones),
            "procedure_code": good_codes,
            "missing": st.lists(good_phrases, min_size=1, max_size=3).map(tuple),
        },
        {
            "kind": enum_or_wrong("supplement", "refusal"),
            "applicant_name": st.one_of(person_names, organisation_names),
            "reason": reasons,
            "phone": phones,
            "procedure_code": st.one_of(st.just(""), procedure_codes),
            "missing": st.lists(phrases, max_size=4).map(tuple),
        },
    )
    return GuidanceInput(**fields)


@fuzz(data=guidance_inputs(), ref=st.one_of(hostile_text, st.text("0123456789abcdefABCDEF-", min_size=6, max_size=40)))
def test_guidance(ctx: KioskContext, clerk: Actor, data: GuidanceInput, ref: str) -> None:
    before = rows(ctx, GuidanceRecord)
    outcome = attempt("guidance.record", lambda: ctx.guidance.record(data, by=clerk), data)
    if isinstance(outcome, KioskError):
        assert rows(ctx, GuidanceRecord) == before
    else:
        assert outcome.applicant_name == line(data.applicant_name) and outcome.kind == data.kind
        assert all(clean(m) for m in outcome.missing) and is_nfc(outcome.reason)
        found = attempt("guidance.find", lambda: ctx.guidance.find(outcome.id.hex[:8]), outcome.id.hex[:8])
        assert not isinstance(found, KioskError) and found.id == outcome.id
        assert_stored_ok(db_file(ctx), ("guidance",))
    attempt("guidance.find", lambda: ctx.guidance.find(ref), ref)


# -- finding dossiers and the ledger -----------------------------------------------------------------------------------

ledger_filters = st.builds(
    LedgerFilter,
    text=st.one_of(
        st.just(""), hostile_text, st.sampled_from(("Nguyễn", "nguyen van an", "AN", "0912345678", "261125-1"))
    ),
    period=st.one_of(st.sampled_from(list(Period)), st.sampled_from([p.value for p in Period])),
    state=st.one_of(st.none(), st.sampled_from(list(DossierState))),
    field=st.one_of(st.none(), st.just("Văn bằng, chứng chỉ"), hostile_text),
    procedure_code=st.one_of(st.none(), good_codes, procedure_codes),
    clerk=st.one_of(st.none(), st.just("lan"), usernames),
    received_from=st.one_of(st.none(), mostly(near_dates, dates)),
    received_to=st.one_of(st.none(), mostly(near_dates, dates)),
)


@fuzz(data=st.data(), query=hostile_text, limit=st.integers(-3, 1000), wanted=ledger_filters, page=st.integers(-3, 500))
def test_search_and_ledger(
    ctx: KioskContext, clerk: Actor, data: st.DataObject, query: str, limit: int, wanted: LedgerFilter, page: int
) -> None:
    if rows(ctx, Dossier) == 0:
        for name in ("Nguyễn Văn An", "Trần Thị An", "Lê Văn Bình"):
            ctx.registration.register(RegistrationInput("2.001914", Applicant("person", name, "0912345678")), by=clerk)
    code = data.draw(dossier_code("000.00.10.H15-261125-0001"))
    found = attempt("search.find", lambda: ctx.search.find(query, limit=limit), query)
    if not isinstance(found, KioskError):
        assert len(found) <= max(limit, 0)
        folded = fold(query)
        for row in found:  # a name match holds what was typed, diacritics and case aside
            if folded and not any(ch.isdigit() for ch in query) and row.code != query.strip().upper():
                name = fold(row.applicant_name)
                assert name.startswith(folded) or name.rsplit(" ", 1)[-1] == folded, (query, row.applicant_name)
    shown = attempt("search.show", lambda: ctx.search.show(code), code)
    assert isinstance(shown, KioskError) or shown.code == code.strip().upper()
    listed = attempt("ledger.page", lambda: ctx.ledger.page(wanted, limit=page), wanted)
    counted = attempt("ledger.count", lambda: ctx.ledger.count(wanted), wanted)
    if not isinstance(listed, KioskError):
        assert len(listed) <= max(page, 0)
        assert [r.received_at for r in listed] == sorted((r.received_at for r in listed), reverse=True)
        if wanted.state is not None:
            assert all(r.state is wanted.state for r in listed)
        if wanted.received_from is not None:
            assert all(r.received_at.astimezone(VN).date() >= wanted.received_from for r in listed)
        if wanted.received_to is not None:
            assert all(r.received_at.astimezone(VN).date() <= wanted.received_to for r in listed)
        if not isinstance(counted, KioskError) and page >= 200:
            assert counted[0] >= len(listed) or counted[1]
    attempt("ledger.counters", ctx.ledger.counters)


# -- due dates through the service, odd moments ------------------------------------------------------------------------


@fuzz(code=st.one_of(good_codes, procedure_codes), received=st.one_of(st.none(), recent, aware_moments))
def test_registration_preview(ctx: KioskContext, code: str, received: datetime | None) -> None:
    """What the registration form shows while the clerk types: the appointment for a procedure at a moment."""
    info = attempt("catalog.get", lambda: ctx.catalog.get(code), code)
    if isinstance(info, KioskError):
        return
    preview = attempt("registration.preview", lambda: ctx.registration.preview(info, received))
    if not isinstance(preview, KioskError) and preview.due_date is not None:
        assert preview.due_date >= preview.counted_from
        assert ctx.calendar.calendar().is_working_day(preview.due_date)
