"""The survey's tickets and answers on a real SQLite file: single use, one per dossier, answers kept apart."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest
from sqlalchemy import func, select

from kiosk.clock import FixedClock
from kiosk.config import SurveySettings
from kiosk.context import KioskContext
from kiosk.errors import Conflict, InvalidInput
from kiosk.models import SurveyAnswer, SurveyResponse, SurveyTicket
from kiosk.services.lifecycle import MoveInput
from kiosk.services.states import DossierState
from kiosk.services.survey import TicketStatus
from kiosk.services.survey_questions import Kind, Level
from kiosk.services.users import Actor
from tests.helpers import local
from tests.services.test_lifecycle import dossier_in

ALL_SATISFIED = {
    "procedure": "very_satisfied",
    "official": "satisfied",
    "time_and_process": "neutral",
    "fees": "not_applicable",
    "overall": "satisfied",
}


def returned(ctx: KioskContext, by: Actor) -> str:
    return dossier_in(ctx, by, DossierState.RETURNED)


def use(ctx: KioskContext, **changes: object) -> None:
    ctx.survey.settings = msgspec.structs.replace(ctx.survey.settings, **changes)
    ctx.survey_stats.settings = ctx.survey.settings


def count(ctx: KioskContext, table: type) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_a_returned_dossier_gets_one_ticket_with_the_five_criteria(ctx: KioskContext, clerk: Actor) -> None:
    code = returned(ctx, clerk)
    ticket = ctx.survey.issue(code, by=clerk)
    assert ticket.dossier_code == code and not ticket.walk_in and ticket.scale == 5
    assert [q.key for q in ticket.questions] == ["procedure", "official", "time_and_process", "fees", "overall"]
    assert [c.label for c in ticket.questions[0].choices] == [
        "Rất hài lòng",
        "Hài lòng",
        "Bình thường",
        "Không hài lòng",
        "Rất không hài lòng",
    ]
    assert ticket.questions[3].choices[-1].label == "Không áp dụng"
    assert all(c.value != "not_applicable" for c in ticket.questions[0].choices)
    assert ctx.survey.status(code) is TicketStatus.ISSUED
    with pytest.raises(Conflict, match="mỗi hồ sơ chỉ đánh giá một lần"):
        ctx.survey.issue(code, by=clerk)


def test_only_a_result_handed_over_at_the_counter_is_rated(ctx: KioskContext, clerk: Actor) -> None:
    ready = dossier_in(ctx, clerk, DossierState.RESULT_READY)
    with pytest.raises(Conflict, match="chưa trả kết quả"):
        ctx.survey.issue(ready, by=clerk)
    ctx.lifecycle.move(ready, MoveInput(DossierState.RETURNED, collector="post"), by=clerk)
    with pytest.raises(Conflict, match="bưu chính"):
        ctx.survey.issue(ready, by=clerk)
    use(ctx, enabled=False)
    with pytest.raises(Conflict, match="đang tắt"):
        ctx.survey.issue(returned(ctx, clerk), by=clerk)
    assert count(ctx, SurveyTicket) == 0


def test_answers_are_stored_once_without_the_dossier(ctx: KioskContext, clerk: Actor) -> None:
    code = returned(ctx, clerk)
    ticket = ctx.survey.issue(code, by=clerk)
    assert ctx.survey.close(ticket, ALL_SATISFIED) is TicketStatus.ANSWERED
    with pytest.raises(Conflict, match="đã dùng rồi"):
        ctx.survey.close(ticket, {"procedure": "very_dissatisfied"})
    assert ctx.survey.status(code) is TicketStatus.ANSWERED
    with ctx.db.read() as session:
        response = session.scalars(select(SurveyResponse)).one()
        assert response.official_id == clerk.id and response.complete and not response.walk_in
        assert response.answered_on == date(2026, 11, 25) and response.procedure_field
        assert {a.criterion: a.level for a in response.answers} == ALL_SATISFIED
        columns = set(SurveyResponse.__table__.columns.keys()) | set(SurveyAnswer.__table__.columns.keys())
    assert not any("dossier" in c or "ticket" in c or c.endswith("_at") for c in columns)


def test_a_survey_left_halfway_keeps_its_answers_and_one_left_untouched_keeps_none(
    ctx: KioskContext, clerk: Actor
) -> None:
    half = ctx.survey.issue(returned(ctx, clerk), by=clerk)
    assert ctx.survey.close(half, {"procedure": "satisfied", "official": "very_satisfied"}) is TicketStatus.PARTIAL
    untouched = ctx.survey.issue(returned(ctx, clerk), by=clerk)
    assert ctx.survey.close(untouched, {}) is TicketStatus.NO_ANSWER
    assert (count(ctx, SurveyResponse), count(ctx, SurveyAnswer)) == (1, 2)
    tally = ctx.survey_stats.tally(date(2026, 11, 1), date(2026, 11, 30))
    assert tally.tickets[TicketStatus.PARTIAL] == tally.tickets[TicketStatus.NO_ANSWER] == 1
    assert (tally.responses, tally.complete) == (1, 0)


def test_an_answer_outside_the_question_is_refused_and_the_ticket_stays_open(ctx: KioskContext, clerk: Actor) -> None:
    use(ctx, scale=3)
    ticket = ctx.survey.issue(returned(ctx, clerk), by=clerk)
    assert [c.label for c in ticket.questions[0].choices] == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    for wrong in ({"procedure": "neutral"}, {"procedure": "not_applicable"}, {"colour": "satisfied"}):
        with pytest.raises(InvalidInput):
            ctx.survey.close(ticket, wrong)
    assert ctx.survey.close(ticket, {"procedure": "dissatisfied"}) is TicketStatus.PARTIAL


def test_walk_in_ratings_only_when_allowed(ctx: KioskContext, clerk: Actor) -> None:
    with pytest.raises(Conflict, match="không cần hồ sơ đang tắt"):
        ctx.survey.issue_walk_in(by=None)
    use(ctx, walk_in=True)
    ticket = ctx.survey.issue_walk_in(by=None)
    assert ticket.walk_in
    ctx.survey.close(ticket, {"overall": "very_satisfied"})
    with ctx.db.read() as session:
        response = session.scalars(select(SurveyResponse)).one()
    assert response.walk_in and response.official_id is None and response.procedure_field is None


def test_the_extra_questions_of_circular_01_count_visits_and_agencies(ctx: KioskContext, clerk: Actor) -> None:
    use(ctx, extra_questions=True)
    ticket = ctx.survey.issue(returned(ctx, clerk), by=clerk)
    extra = ticket.questions[-2:]
    assert [(q.key, q.kind) for q in extra] == [("visits", Kind.COUNT), ("agencies", Kind.COUNT)]
    assert [c.label for c in extra[0].choices] == ["1 lần", "2 lần", "3 lần trở lên"]
    ctx.survey.close(ticket, {**ALL_SATISFIED, "visits": "2", "agencies": "3"})
    tally = ctx.survey_stats.tally(date(2026, 11, 25), date(2026, 11, 25))
    assert tally.visits == {1: 0, 2: 1, 3: 0} and tally.agencies == {1: 0, 2: 0, 3: 1}
    assert tally.complete == 1


def test_open_tickets_of_an_earlier_run_end_as_not_answered(ctx: KioskContext, clerk: Actor) -> None:
    code = returned(ctx, clerk)
    ticket = ctx.survey.issue(code, by=clerk)
    assert ctx.housekeeping() == []
    assert ctx.survey.status(code) is TicketStatus.NO_ANSWER
    with pytest.raises(Conflict):
        ctx.survey.close(ticket, ALL_SATISFIED)


def test_satisfaction_per_criterion_is_printed_like_the_report(
    ctx: KioskContext, clerk: Actor, supervisor: Actor, clock: FixedClock
) -> None:
    """28 of 30 satisfied is 93%; "không áp dụng" is not counted; another official's answers filter out."""
    levels = [Level.VERY_SATISFIED] * 20 + [Level.SATISFIED] * 8 + [Level.NEUTRAL, Level.VERY_DISSATISFIED]
    for i, level in enumerate(levels):
        ticket = ctx.survey.issue(returned(ctx, clerk), by=clerk)
        fees = "not_applicable" if i % 3 == 0 else level.value
        ctx.survey.close(ticket, {"overall": level.value, "fees": fees})
    clock.set(local(2026, 11, 26, 9, 0))
    other = ctx.survey.issue(returned(ctx, supervisor), by=supervisor)
    ctx.survey.close(other, {"overall": "very_dissatisfied"})

    nov25 = ctx.survey_stats.tally(date(2026, 11, 25), date(2026, 11, 25))
    overall = nov25.criterion("overall")
    assert overall.satisfaction.text() == "Mức độ hài lòng 93% (28/30 phiếu)"
    assert overall.counts[Level.VERY_SATISFIED] == 20 and overall.counts[Level.DISSATISFIED] == 0
    fees = nov25.criterion("fees")
    assert fees.not_applicable == 10 and fees.satisfaction.answered == 20
    assert nov25.criterion("procedure").satisfaction.text() == "Chưa có phiếu trả lời"
    assert nov25.criteria[0].label == "Về thủ tục hành chính"

    both = ctx.survey_stats.tally(date(2026, 11, 25), date(2026, 11, 26))
    assert both.criterion("overall").satisfaction.text() == "Mức độ hài lòng 90% (28/31 phiếu)"
    mine = ctx.survey_stats.tally(date(2026, 11, 25), date(2026, 11, 26), official=supervisor.id)
    assert mine.criterion("overall").satisfaction.text() == "Mức độ hài lòng 0% (0/1 phiếu)"
    assert mine.tickets[TicketStatus.ANSWERED] == 0 and mine.tickets[TicketStatus.PARTIAL] == 1


def test_a_criterion_taken_off_the_list_still_counts_in_its_period(ctx: KioskContext, clerk: Actor) -> None:
    ctx.survey.close(ctx.survey.issue(returned(ctx, clerk), by=clerk), ALL_SATISFIED)
    use(ctx, criteria=SurveySettings().criteria[:2])
    tally = ctx.survey_stats.tally(date(2026, 11, 25), date(2026, 11, 25))
    assert [c.key for c in tally.criteria] == ["procedure", "official", "fees", "overall", "time_and_process"]
    assert tally.criterion("fees").label == "Về phí và lệ phí (nếu có)"


@pytest.mark.parametrize(
    ("satisfied", "answered", "percent"), [(28, 30, 93), (1, 8, 13), (1, 200, 1), (1, 40, 3), (2, 3, 67), (0, 0, None)]
)
def test_the_share_rounds_halves_up(satisfied: int, answered: int, percent: int | None) -> None:
    from kiosk.services.survey_stats import Satisfaction

    assert Satisfaction(satisfied, answered).percent == percent
