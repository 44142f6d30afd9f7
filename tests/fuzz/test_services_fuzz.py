"""Every service entry point a clerk, a supervisor or an admin reaches, fed hostile input (tests/fuzz/strategies.py).

Each call must either give a right result or refuse with a KioskError a clerk can read (tests/fuzz/checks.py);
anything else it raises fails the test. After an accepted write the stored rows are read back: NFC, no control
characters, within their column limits, SQLite's integrity and foreign-key checks clean. A refused write must have
changed nothing.

The database is shared by a test's examples (it grows as a desk's does); the fixed clock never moves backwards.
Run long with ``python -m tests.fuzz.soak`` (a process per test, a time bound) or ``FUZZ_EXAMPLES=1000 pytest
tests/fuzz``.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import msgspec
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.config import parse_settings
from kiosk.context import KioskContext
from kiosk.errors import KioskError
from kiosk.models import Dossier, DossierDocument, DossierEvent, GuidanceRecord, Role, User
from kiosk.printing.documents import receipt
from kiosk.services.appointment import LimitKind, TimeLimit
from kiosk.services.calendar import FIRST_YEAR, LAST_YEAR
from kiosk.services.catalog import validate_spec
from kiosk.services.catalog_csv import COLUMNS, read_file, read_specs
from kiosk.services.catalog_types import CutoffMode, DocumentForm, DocumentSpec, ProcedureSpec
from kiosk.services.corrections import Correction
from kiosk.services.dossier_views import Applicant, DossierView, ReceivedDocument
from kiosk.services.guidance import GuidanceInput
from kiosk.services.ledger import LedgerFilter, Period
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.reports.service import ReportFormat
from kiosk.services.states import MOVES, DossierState, allowed_targets
from kiosk.services.survey import SurveyTicketView, TicketStatus
from kiosk.services.users import Actor
from kiosk.text import fold
from tests.fuzz.checks import assert_stored_ok, attempt, clean, fuzz, is_nfc
from tests.fuzz.strategies import (
    EMAILS,
    ID_NUMBERS,
    NASTY,
    PHRASES,
    TAX_CODES,
    VN,
    addresses,
    aware_moments,
    counts,
    dates,
    emails,
    enum_or_wrong,
    good_organisation_names,
    good_person_names,
    good_phones,
    good_phrases,
    hostile_text,
    id_numbers,
    mostly,
    organisation_names,
    person_names,
    phones,
    phrases,
    plausible,
    reasons,
    received_moments,
    spoil,
    tax_codes,
    text_or,
    valid_text,
    years,
)

CODES = ("2.001914", "1.010020", "DP-0004", "DP-0014", "DP-0001")
AN = Applicant("person", "Nguyễn Văn An", "0912345678")
DOSSIER_TABLES = ("dossier", "dossier_document", "dossier_event")
OFFICE = "Phòng Khảo thí và Quản lý chất lượng"
EXTERNAL_REF = "H15.22-240101-0001"

procedure_codes = st.one_of(text_or(*CODES), st.sampled_from(CODES).map(str.lower))
good_codes = st.one_of(st.sampled_from(CODES), st.sampled_from(CODES).map(lambda c: f" {c.lower()} "))
forms = st.sampled_from(list(DocumentForm))
small_counts = st.one_of(st.integers(1, 99), counts)
hostile_papers = st.lists(st.builds(ReceivedDocument, phrases, forms, small_counts, st.booleans()), max_size=4).map(
    tuple
)


@st.composite
def applicants(draw: st.DrawFn, most: int = 2) -> Applicant:
    """An applicant as typed: right, or with one or two fields wrong."""
    fields = spoil(
        draw,
        {
            "kind": st.sampled_from(("person", "organisation")),
            "name": good_person_names,
            "phone": good_phones,
            "id_number": st.one_of(st.none(), st.sampled_from(ID_NUMBERS)),
            "tax_code": st.one_of(st.none(), st.sampled_from(TAX_CODES)),
            "address": st.one_of(st.just(""), plausible(PHRASES[7])),
            "email": st.one_of(st.just(""), st.sampled_from(EMAILS)),
            "vneid_checked": st.booleans(),
        },
        {
            "kind": enum_or_wrong("person", "organisation"),
            "name": st.one_of(person_names, organisation_names),
            "phone": phones,
            "id_number": id_numbers,
            "tax_code": tax_codes,
            "address": addresses,
            "email": emails,
        },
        most,
    )
    return Applicant(**fields)


def db_file(ctx: KioskContext) -> Path:
    return ctx.db.path


def rows(ctx: KioskContext, table: type) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def line(text: str) -> str:
    """What clean_line makes of a line the clerk typed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def new_dossier(ctx: KioskContext, by: Actor, code: str = "2.001914") -> DossierView:
    return ctx.registration.register(RegistrationInput(code, AN), by=by)


def dossier_code(real: str) -> st.SearchStrategy[str]:
    """The dossier's code as typed (mostly right, maybe lower case or padded), a short code, or anything."""
    typed = st.sampled_from((real, real.lower(), f"  {real}\t"))
    return mostly(typed, st.one_of(st.sampled_from((real[-11:], real + "\x00")), hostile_text))


def check_view(view: DossierView) -> None:
    """A dossier as the service returns it: every text clean."""
    a = view.applicant
    for text in (a.name, a.phone, a.address, a.email, a.id_number or "", a.tax_code or "", view.external_ref or ""):
        assert clean(text), text
    for doc in view.documents:
        assert clean(doc.name) and 1 <= doc.count <= 99
    assert 1 <= view.sets <= 20 and view.delivery in ("counter", "post")


# -- registration ------------------------------------------------------------------------------------------------------

near_dates = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 3, 31))
recent = st.datetimes(min_value=datetime(2026, 9, 1), max_value=datetime(2026, 11, 25, 9, 0)).map(
    lambda d: d.replace(tzinfo=VN)
)


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


# -- the catalog -------------------------------------------------------------------------------------------------------

good_document_specs = st.builds(
    DocumentSpec,
    name=good_phrases,
    form=forms,
    count=st.integers(1, 99),
    optional=st.booleans(),
    condition=st.sampled_from(("", "nếu có", "nếu thay đổi hộ tịch")),
)
document_specs = st.builds(
    DocumentSpec,
    name=phrases,
    form=forms,
    count=small_counts,
    optional=st.booleans(),
    condition=st.one_of(st.just(""), text_or("nếu có", "nếu thay đổi hộ tịch")),
)


@st.composite
def procedure_specs(draw: st.DrawFn) -> ProcedureSpec:
    fields = spoil(
        draw,
        {
            "code": st.sampled_from(("DP-9001", "DP-9002", "1.000123", "x_1", " dp-9003 ")),
            "name": good_phrases,
            "field": plausible("Giáo dục và Đào tạo", "Văn bằng, chứng chỉ"),
            "level": st.sampled_from(("province", "district", "commune", " Commune ")),
            "national_code": st.one_of(st.none(), st.just("1.000123")),
            "limit_kind": st.sampled_from(list(LimitKind)),
            "legal_days": st.integers(1, 60),
            "committed_days": st.one_of(st.none(), st.integers(1, 5)),
            "cutoff_mode": st.sampled_from(list(CutoffMode)),
            "cutoff_time": st.times(),
            "fee_note": st.one_of(st.just(""), good_phrases),
            "legal_basis": st.one_of(st.just(""), good_phrases),
            "result_note": st.one_of(st.just(""), good_phrases),
            "quality": st.sampled_from(("V", "S", "U")),
            "source": st.just(""),
            "note": st.one_of(st.just(""), good_phrases),
            "documents": st.lists(good_document_specs, max_size=4).map(tuple),
            "active": st.booleans(),
        },
        {
            "code": text_or("DP-9001", "1.000123"),
            "name": phrases,
            "field": phrases,
            "level": enum_or_wrong("province", "district", "commune"),
            "national_code": text_or("1.000123"),
            "legal_days": st.one_of(st.none(), counts),
            "committed_days": st.one_of(st.integers(0, 400), counts),
            "cutoff_time": st.none(),
            "fee_note": hostile_text,
            "legal_basis": st.one_of(reasons, hostile_text),
            "result_note": hostile_text,
            "quality": enum_or_wrong("V", "S", "U"),
            "source": hostile_text,
            "note": hostile_text,
            "documents": st.lists(document_specs, max_size=5).map(tuple),
        },
    )
    return ProcedureSpec(**fields)


@fuzz(spec=procedure_specs(), query=hostile_text, limit=st.one_of(st.integers(-5, 600), counts))
def test_catalog_save_and_search(ctx: KioskContext, admin: Actor, spec: ProcedureSpec, query: str, limit: int) -> None:
    outcome = attempt("catalog.save", lambda: ctx.catalog.save(spec, by=admin), spec)
    if not isinstance(outcome, KioskError):
        info, _change = outcome
        assert info.content() == validate_spec(spec)
        assert ctx.catalog.get(spec.code).content() == info.content()
        assert clean(info.name) and clean(info.field) and all(clean(d.name) for d in info.documents)
        # search folds diacritics and case: the name in NFD capitals finds it, and so does its code
        shouted = unicodedata.normalize("NFD", info.name.upper())
        found = attempt("catalog.search", lambda: ctx.catalog.search(shouted, limit=10**4, include_inactive=True))
        assert not isinstance(found, KioskError) and info.code in [s.code for s in found]
        assert ctx.catalog.search(info.code, limit=1, include_inactive=True)[0].code == info.code
        assert_stored_ok(db_file(ctx), ("procedure", "procedure_version", "procedure_document"))
    for code in (spec.code, query):
        switched = attempt("catalog.set_active", lambda c=code: ctx.catalog.set_active(c, False, by=admin), code)
        if not isinstance(switched, KioskError):
            assert not ctx.catalog.get(code).active
            ctx.catalog.set_active(code, True, by=admin)
    found = attempt("catalog.search", lambda: ctx.catalog.search(query, limit=limit), query)
    if not isinstance(found, KioskError):
        assert len(found) <= max(limit, 0)
        words = fold(query).split()
        for summary in found:
            info = ctx.catalog.get(summary.code)
            haystack = fold(f"{info.name} {info.code} {info.national_code or ''} {info.field}")
            assert all(w in haystack for w in words), (query, info.name)
    attempt("catalog.get", lambda: ctx.catalog.get(query), query)


# -- the catalog as CSV ------------------------------------------------------------------------------------------------


@st.composite
def csv_rows(draw: st.DrawFn) -> dict[str, str]:
    cells = st.one_of(st.just(""), hostile_text)
    return spoil(
        draw,
        {
            "code": st.sampled_from(("DP-9101", "DP-9102", '="1.010020"', "dp-9103")),
            "name": good_phrases,
            "field": plausible("Khác", "Văn bằng, chứng chỉ"),
            "level": st.sampled_from(("", "province", "commune")),
            "limit_kind": st.sampled_from(("", "working_days", "same_day", "none")),
            "legal_days": st.one_of(st.just(""), st.integers(1, 60).map(str)),
            "committed_days": st.just(""),
            "cutoff": st.sampled_from(("", "none", "11:00", "11:00:30")),
            "documents": st.sampled_from(
                ("", "Học bạ (bản chính)", "Ảnh 3x4 (2 bản); Giấy tờ ưu tiên (nếu có)", "Đơn (bản sao, nếu cần)")
            ),
            "active": st.sampled_from(("", "0", "1", "không", "no")),
            "quality": st.sampled_from(("", "V", "s", "U")),
            "fee_note": st.one_of(st.just(""), good_phrases),
            "note": st.just(""),
        },
        {
            "code": text_or("DP-9101", '="1.010020"'),
            "name": phrases,
            "field": phrases,
            "level": enum_or_wrong("province", "commune"),
            "limit_kind": enum_or_wrong("working_days", "same_day", "none"),
            "legal_days": st.one_of(st.integers(-5, 400).map(str), cells),
            "committed_days": st.one_of(st.integers(-5, 400).map(str), cells),
            "cutoff": st.one_of(st.sampled_from(("25:00", "7h", "11:00:00:00")), cells),
            "documents": st.one_of(
                st.lists(phrases, max_size=4).map("; ".join),
                st.sampled_from(("A (99 bản)", "A (0 bản)", "A (100 bản)", "(bản chính)", "A (bản chính, bản sao)")),
            ),
            "active": cells,
            "quality": enum_or_wrong("V", "S", "U"),
            "fee_note": cells,
            "note": cells,
        },
        most=3,
    )


@st.composite
def catalog_csvs(draw: st.DrawFn) -> str:
    import csv
    import io

    if draw(st.sampled_from(range(6))) == 3:
        return draw(st.one_of(hostile_text, st.text(max_size=400)))
    out = io.StringIO()
    header = list(COLUMNS)
    if draw(st.sampled_from(range(5))) == 3:
        header = draw(st.permutations(COLUMNS))[: draw(st.integers(0, len(COLUMNS)))]
    quoting = draw(st.sampled_from((csv.QUOTE_MINIMAL, csv.QUOTE_ALL)))
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", quoting=quoting)
    writer.writeheader()
    for row in draw(st.lists(csv_rows(), max_size=4)):
        writer.writerow(row)
    return ("\ufeff" if draw(st.booleans()) else "") + out.getvalue()


@fuzz(text=catalog_csvs(), raw=st.binary(max_size=300))
def test_catalog_csv_import(ctx: KioskContext, admin: Actor, tmp_path: Path, text: str, raw: bytes) -> None:
    parsed = attempt("catalog_csv.read_specs", lambda: read_specs(text), text)
    if not isinstance(parsed, KioskError) and parsed:
        saved = attempt("catalog.save_many", lambda: ctx.catalog.save_many(parsed, by=admin), parsed)
        if not isinstance(saved, KioskError):
            assert saved.created + saved.updated + saved.unchanged == len(parsed)
            for spec in parsed:
                assert ctx.catalog.get(spec.code).content() == validate_spec(spec)
            assert_stored_ok(db_file(ctx), ("procedure", "procedure_version", "procedure_document"))
    path = tmp_path / "import.csv"
    path.write_bytes(raw)
    attempt("catalog_csv.read_file", lambda: read_file(path), raw.decode("utf-8", errors="replace"))


# -- the calendar ------------------------------------------------------------------------------------------------------


@fuzz(
    day=mostly(near_dates, dates),
    kind=mostly(st.sampled_from(("off", "working")), enum_or_wrong("off", "working")),
    note=st.one_of(st.just(""), phrases),
    year=years,
    received=mostly(recent, aware_moments),
    days=st.integers(0, 365),
)
def test_calendar(ctx: KioskContext, day: date, kind: str, note: str, year: int, received: datetime, days: int) -> None:
    outcome = attempt("calendar.set_day", lambda: ctx.calendar.set_day(day, kind, note, by=ctx.users.cli()), kind, note)
    if not isinstance(outcome, KioskError):
        assert FIRST_YEAR <= day.year <= LAST_YEAR
        assert outcome.day == day and outcome.working == (kind == "working") and clean(outcome.name)
        assert ctx.calendar.calendar().is_working_day(day) == (kind == "working")
        assert_stored_ok(db_file(ctx), ("calendar_override",))
        removed = attempt("calendar.remove_day", lambda: ctx.calendar.remove_day(day, by=ctx.users.cli()))
        assert not isinstance(removed, KioskError)
    attempt("calendar.remove_day", lambda: ctx.calendar.remove_day(day, by=ctx.users.cli()))
    notes = attempt("calendar.year", lambda: ctx.calendar.year(year))
    assert isinstance(notes, KioskError) or all(n.day.year == year for n in notes)
    appointment = attempt(
        "calendar.appointment", lambda: ctx.calendar.appointment(TimeLimit.working_days(days), received)
    )
    if not isinstance(appointment, KioskError) and appointment.due_date is not None:
        assert appointment.due_date >= appointment.counted_from >= received.astimezone(VN).date()
        assert ctx.calendar.calendar().is_working_day(appointment.due_date)


# -- users -------------------------------------------------------------------------------------------------------------

usernames = text_or("thu", "nv.ha", "nv_hai-2", "LAN", "cli", "system")
good_usernames = st.builds("{}{}".format, st.sampled_from(("thu", "nv.ha", "nv_hai-", "Lan")), st.integers(0, 10**6))
good_passwords = st.sampled_from(("mat-khau-an-toan-1", "Đà Lạt mùa sương 2026", "quầy một cửa 2026"))
passwords = text_or("mat-khau-an-toan-1", "Đà Lạt mùa sương 2026", "matkhau123", "lan-mat-khau", "0123456789")


@st.composite
def accounts(draw: st.DrawFn) -> dict[str, str]:
    return spoil(
        draw,
        {
            "username": good_usernames,
            "full_name": st.one_of(st.just(""), good_person_names),
            "role": st.sampled_from(("supervisor", "admin", "clerk")),
            "password": good_passwords,
        },
        {
            "username": usernames,
            "full_name": person_names,
            "role": enum_or_wrong("clerk", "supervisor", "admin"),
            "password": passwords,
        },
        most=1,
    )


@fuzz(
    account=accounts(),
    other=st.one_of(good_passwords, passwords),
    pin=mostly(
        st.text("0123456789", min_size=4, max_size=8), st.one_of(st.text("0123456789", max_size=10), hostile_text)
    ),
)
def test_users(ctx: KioskContext, admin: Actor, account: dict[str, str], other: str, pin: str) -> None:
    from argon2 import PasswordHasher

    # The same Argon2id, made cheap: what is fuzzed is the input handling, not the hashing
    ctx.users._given_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    ctx.clock.advance(timedelta(minutes=2))  # type: ignore[attr-defined]  # past the PIN pad's wait, forward only
    username, full_name, role, password = (
        account["username"],
        account["full_name"],
        account["role"],
        account["password"],
    )
    before = rows(ctx, User)
    added = attempt(
        "users.add", lambda: ctx.users.add(username, full_name, role, password, by=admin), username, full_name, role
    )
    if isinstance(added, KioskError):
        assert rows(ctx, User) == before
    else:
        assert added.username == username.strip().lower() and added.username.isascii()
        assert added.full_name == line(full_name or username.strip().lower()) and clean(added.full_name)
        signed = attempt("users.authenticate", lambda: ctx.users.authenticate(username, password))
        assert not isinstance(signed, KioskError) and signed.id == added.id
        assert_stored_ok(db_file(ctx), ("user_account", "audit_log"))
    name = username if isinstance(added, KioskError) else added.username
    attempt("users.authenticate", lambda: ctx.users.authenticate(name, other))
    pinned = attempt("users.set_pin", lambda: ctx.users.set_pin(name, pin, by=admin), name)
    if not isinstance(pinned, KioskError):
        assert pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8
        verified = attempt("users.verify_pin", lambda: ctx.users.verify_pin(pin))
        assert not isinstance(verified, KioskError) and verified.can(Role.SUPERVISOR)  # its holder, or another
    changed = attempt("users.change_password", lambda: ctx.users.change_password(name, password, other), name)
    if not isinstance(changed, KioskError):
        assert not isinstance(attempt("users.authenticate", lambda: ctx.users.authenticate(name, other)), KioskError)
    attempt("users.reset_password", lambda: ctx.users.reset_password(name, other, by=admin), name)
    attempt("users.unlock", lambda: ctx.users.unlock(name, by=admin), name)
    attempt("users.verify_pin", lambda: ctx.users.verify_pin(pin))
    attempt("users.get", lambda: ctx.users.get(name), name)
    attempt("users.needs_new_password", lambda: ctx.users.needs_new_password(name), name)
    assert_stored_ok(db_file(ctx), ("user_account", "audit_log"))


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


# -- reports -----------------------------------------------------------------------------------------------------------


@fuzz(
    first=mostly(near_dates, dates),
    last=mostly(near_dates, dates),
    year=mostly(st.integers(2025, 2027), years),
    book=mostly(st.just(1), counts),
    fmt=mostly(st.sampled_from([f.value for f in ReportFormat]), hostile_text),
    render=st.sampled_from(range(5)),
)
def test_reports(
    ctx: KioskContext, supervisor: Actor, first: date, last: date, year: int, book: int, fmt: str, render: int
) -> None:
    made = [
        attempt("reports.daily", lambda: ctx.reports.daily(first, by=supervisor)),
        attempt("reports.period", lambda: ctx.reports.period(first, last, by=supervisor)),
        attempt("reports.survey", lambda: ctx.reports.survey(first, last, by=supervisor)),
        attempt("reports.ledger", lambda: ctx.reports.ledger(year, book, by=supervisor)),
    ]
    for report in made:
        if isinstance(report, KioskError):
            continue
        assert report.first <= report.last and report.first.year >= FIRST_YEAR and report.last.year <= LAST_YEAR
        if render == 3:  # rendering is slow (ReportLab, openpyxl): one example in five
            data = attempt("reports.export", lambda r=report: ctx.reports.export(r, fmt, by=supervisor), fmt)
            assert isinstance(data, KioskError) or (isinstance(data, bytes) and data)
        elif render == 4:  # a file made elsewhere (the PDF on screen, saved as it is): only the logging
            attempt("reports.exported", lambda r=report: ctx.reports.exported(r, fmt, by=supervisor), fmt)
    if first <= last:
        tally = attempt("survey_stats.tally", lambda: ctx.survey_stats.tally(first, last))
        assert not isinstance(tally, KioskError) and tally.responses >= tally.complete >= 0


# -- the citizen survey ------------------------------------------------------------------------------------------------

LEVELS = ("very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied", "not_applicable")
KEYS = ("procedure", "official", "time_and_process", "fees", "overall", "visits", "agencies")
answer_values = mostly(st.sampled_from((*LEVELS, "1", "2", "3")), st.one_of(st.sampled_from(("0", "4", "٣")), phrases))
answer_keys = mostly(st.sampled_from(KEYS), hostile_text)


@fuzz(
    answers=st.dictionaries(answer_keys, answer_values, max_size=8),
    forged=st.sampled_from(range(5)),
    extra=st.booleans(),
    scale=st.sampled_from((5, 3)),
    data=st.data(),
)
def test_survey(
    ctx: KioskContext,
    clerk: Actor,
    answers: dict[str, str],
    forged: int,
    extra: bool,
    scale: int,
    data: st.DataObject,
) -> None:
    ctx.survey.settings = msgspec.structs.replace(ctx.survey.settings, extra_questions=extra, scale=scale, walk_in=True)
    real = new_dossier(ctx, clerk, "1.010020").code
    for step in (
        MoveInput(DossierState.IN_PROCESS, office=OFFICE),
        MoveInput(DossierState.RESULT_READY, outcome="approved"),
        MoveInput(DossierState.RETURNED),
    ):
        ctx.lifecycle.move(real, step, by=clerk)
    code = data.draw(dossier_code(real))
    issued = attempt("survey.issue", lambda: ctx.survey.issue(code, by=clerk), code)
    ticket = ctx.survey.issue_walk_in(by=clerk) if isinstance(issued, KioskError) else issued
    if forged == 3:
        ticket = SurveyTicketView(ticket.token[::-1], None, ticket.scale, ticket.questions)
    outcome = attempt("survey.close", lambda: ctx.survey.close(ticket, answers), answers)
    if not isinstance(outcome, KioskError):
        keys = {q.key for q in ticket.questions}
        assert set(answers) <= keys
        whole = TicketStatus.ANSWERED if set(answers) == keys else TicketStatus.PARTIAL
        assert outcome is (TicketStatus.NO_ANSWER if not answers else whole)
        again = attempt("survey.close", lambda: ctx.survey.close(ticket, answers), answers)
        assert isinstance(again, KioskError)
        if not ticket.walk_in:
            assert ctx.survey.status(real) is outcome
        assert_stored_ok(db_file(ctx), ("survey_response", "survey_answer", "survey_ticket"))
    attempt("survey.status", lambda: ctx.survey.status(code), code)


# -- print jobs and forms ----------------------------------------------------------------------------------------------

ROLES = ("receipt", "control_slip", "supplement_request", "apology", "stop_notice", "refusal", "ledger")


@fuzz(
    number=mostly(st.integers(1, 3), st.one_of(st.integers(-3, 5), counts)),
    role=mostly(st.sampled_from(ROLES), hostile_text),
    key=mostly(st.sampled_from((None, "2018", "2025")), hostile_text),
    data=st.data(),
)
def test_print_jobs_and_forms(
    ctx: KioskContext, clerk: Actor, number: int, role: str, key: str | None, data: st.DataObject
) -> None:
    if not ctx.printing.recent(limit=1):
        view = new_dossier(ctx, clerk)
        ctx.printing.submit(receipt(view, ctx.settings.office, ctx.calendar.rules.zone), by=clerk, dossier_id=view.id)
        ctx.guidance.record(GuidanceInput("refusal", "Nguyễn Văn An", "Không thuộc thẩm quyền"), by=clerk)
    real = ctx.search.find("Nguyễn Văn An", limit=1)[0].code
    code = data.draw(dossier_code(real))
    (record,) = ctx.guidance.between(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))[:1]
    ref = data.draw(mostly(st.just(record.id.hex[:8]), hostile_text))
    again = attempt("printing.again", lambda: ctx.printing.again(number, by=clerk), number)
    assert isinstance(again, KioskError) or again.status == "queued"
    attempt("printing.job", lambda: ctx.printing.job(number), number)
    attempt("printing.document", lambda: ctx.printing.document(number), number)
    pdf = attempt("forms.dossier_pdf", lambda: ctx.forms.dossier_pdf(role, code, key=key), role, key, code)
    assert isinstance(pdf, KioskError) or pdf.startswith(b"%PDF")
    pdf = attempt("forms.guidance_pdf", lambda: ctx.forms.guidance_pdf(ref, key=key), ref, key)
    assert isinstance(pdf, KioskError) or pdf.startswith(b"%PDF")
    attempt("audit.recent", lambda: ctx.audit.recent(limit=number, action=ref))


# -- settings ----------------------------------------------------------------------------------------------------------

SECTIONS = {
    "office": ("agency_code", "timezone", "agency_name", "specialist_offices", "hotline"),
    "calendar": ("cutoff_enabled", "cutoff_time", "appointment_time"),
    "station": ("sequence_start", "sequence_end", "name"),
    "printer": ("connection", "port", "timeout_s", "width_dots", "cut", "receipt_copies"),
    "survey": ("scale", "criteria", "timeout_s", "long_press_s"),
    "reports": ("attitude_points", "official_criterion"),
    "sync": ("url", "sslmode", "connect_timeout_s", "batch_size"),
    "database": ("path", "busy_timeout_ms"),
    "forms": ("form_set", "ledger_book_size"),
    "nowhere": ("nothing",),
}
_toml_scalars = st.one_of(
    st.integers(-(2**64), 2**64).map(str),
    st.floats(allow_nan=True).map(lambda f: str(f).lower()),
    st.sampled_from(
        ("true", "false", "15:00:00", "25:61:00", "1979-05-27T07:32:00Z", "inf", "nan", "0x10", "[]", "{}")
    ),
    st.sampled_from(("Asia/Ho_Chi_Minh", "Mars/Olympus", "../../etc/passwd", "", "UTC", "America", "\x00")).map(
        lambda s: msgspec.json.encode(s).decode()
    ),
    valid_text.map(lambda s: msgspec.json.encode(s).decode()),
    st.just('[{key = "a", label = "A", question = "Q?"}, {key = "a", label = "B", question = "R?"}]'),
    st.just("{very_satisfied = 2, satisfied = 9}"),
)


@st.composite
def settings_files(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 4))
    if choice == 0:
        return draw(st.binary(max_size=500))
    if choice == 1:
        return draw(hostile_text).encode("utf-8", errors="surrogatepass")
    lines = []
    for section in draw(st.lists(st.sampled_from(sorted(SECTIONS)), max_size=4, unique=True)):
        lines.append(f"[{section}]")
        for key in draw(st.lists(st.sampled_from(SECTIONS[section]), max_size=4, unique=True)):
            lines.append(f"{key} = {draw(_toml_scalars)}")
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


@fuzz(raw=settings_files())
def test_parse_settings(raw: bytes) -> None:
    outcome = attempt("config.parse_settings", lambda: parse_settings(raw), raw.decode("utf-8", errors="replace"))
    if not isinstance(outcome, KioskError):
        assert outcome.station.sequence_start <= outcome.station.sequence_end
        assert outcome.zone() is not None and len(outcome.survey.criteria) >= 1
        assert parse_settings(msgspec.toml.encode(outcome)) == outcome


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


def test_the_fuzzers_start_where_they_expect() -> None:
    """The table of trouble has no accidental duplicates (a typo would hide a case)."""
    assert len(set(NASTY)) == len(NASTY)
