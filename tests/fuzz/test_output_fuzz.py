"""Every service entry point a clerk, a supervisor or an admin reaches, fed hostile input (tests/fuzz/strategies.py):
reports, the survey, print jobs and the official forms.

Each call must either give a right result or refuse with a KioskError a clerk can read (tests/fuzz/checks.py);
anything else it raises fails the test. After an accepted write the stored rows are read back: NFC, no control
characters, within their column limits, SQLite's integrity and foreign-key checks clean. A refused write must have
changed nothing. The database is shared by a test's examples (it grows as a desk's does); the fixed clock never
moves backwards. Run long with ``python -m tests.fuzz.soak`` (a process per test, a time bound).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import msgspec
from hypothesis import strategies as st

from kiosk.context import KioskContext
from kiosk.errors import KioskError
from kiosk.printing.documents import receipt
from kiosk.services.calendar import FIRST_YEAR, LAST_YEAR
from kiosk.services.guidance import GuidanceInput
from kiosk.services.lifecycle import MoveInput
from kiosk.services.reports.service import ReportFormat
from kiosk.services.states import DossierState
from kiosk.services.survey import SurveyTicketView, TicketStatus
from kiosk.services.users import Actor
from tests.fuzz.checks import assert_stored_ok, attempt, fuzz
from tests.fuzz.desk import OFFICE, db_file, dossier_code, near_dates, new_dossier
from tests.fuzz.strategies import (
    NASTY,
    counts,
    dates,
    hostile_text,
    mostly,
    phrases,
    years,
)

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


def test_the_fuzzers_start_where_they_expect() -> None:
    """The table of trouble has no accidental duplicates (a typo would hide a case)."""
    assert len(set(NASTY)) == len(NASTY)
