"""The citizen survey: a single-use ticket per returned dossier (or per walk-in), closed once with the answers.

The ticket is issued when the clerk hands the result back and travels to the citizen screen as its token. Closing
it stores the answers given (all of them: answered; some: partial; none: no answer) in one ``BEGIN IMMEDIATE``
transaction that first checks the ticket is still open, so a token used twice stores nothing the second time and a
dossier never has two responses. The response keeps the day, the official and the field, not the dossier.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.config import SurveySettings
from kiosk.errors import Conflict, InvalidInput, NotFound
from kiosk.models import Database, Dossier, DossierEvent, SurveyAnswer, SurveyResponse, SurveyTicket
from kiosk.services.calendar import CalendarService
from kiosk.services.dossier_store import load
from kiosk.services.states import Action, DossierState
from kiosk.services.survey_questions import AGENCIES, VISITS, Kind, Question, survey_questions
from kiosk.services.users import Actor


class TicketStatus(StrEnum):
    ISSUED = "issued"
    ANSWERED = "answered"
    PARTIAL = "partial"  # the citizen left before the end: the answers given count
    NO_ANSWER = "no_answer"


#: All the clerk may know of a rating: whether it is going on or done, never what was chosen.
DESK_LABELS = {
    TicketStatus.ISSUED: "đang đánh giá",
    TicketStatus.ANSWERED: "đã đánh giá",
    TicketStatus.PARTIAL: "đã đánh giá",
    TicketStatus.NO_ANSWER: "không đánh giá",
}


@dataclass(frozen=True)
class SurveyTicketView:
    token: str
    dossier_code: str | None  # None: a walk-in rating
    scale: int
    questions: tuple[Question, ...]

    @property
    def walk_in(self) -> bool:
        return self.dossier_code is None


class SurveyService:
    def __init__(self, db: Database, clock: Clock, calendar: CalendarService, settings: SurveySettings) -> None:
        self._db = db
        self._clock = clock
        self._calendar = calendar
        self.settings = settings

    def issue(self, code: str, *, by: Actor) -> SurveyTicketView:
        """A ticket for the citizen who just collected this dossier's result at the counter."""
        self._require_enabled()
        with self._db.write() as session:
            dossier = load(session, code)
            if DossierState(dossier.state) is not DossierState.RETURNED:
                raise Conflict(f"Hồ sơ {dossier.code} chưa trả kết quả: chưa mời đánh giá được.")
            if _returned_by_post(session, dossier):
                raise Conflict(f"Kết quả hồ sơ {dossier.code} gửi qua bưu chính: không có người đánh giá tại quầy.")
            if session.scalar(select(SurveyTicket.id).where(SurveyTicket.dossier_id == dossier.id)) is not None:
                raise Conflict(f"Hồ sơ {dossier.code} đã được mời đánh giá; mỗi hồ sơ chỉ đánh giá một lần.")
            ticket = self._new_ticket(dossier.id, by)
            session.add(ticket)
            return self._view(ticket.token, dossier.code)

    def issue_walk_in(self, *, by: Actor | None) -> SurveyTicketView:
        """A ticket for a citizen without a dossier, when a supervisor has allowed walk-in ratings."""
        self._require_enabled()
        if not self.settings.walk_in:
            raise Conflict("Đánh giá không cần hồ sơ đang tắt; lãnh đạo có thể bật trong cài đặt màn hình đánh giá.")
        with self._db.write() as session:
            ticket = self._new_ticket(None, by)
            session.add(ticket)
            return self._view(ticket.token, None)

    def close(self, ticket: SurveyTicketView, answers: Mapping[str, str]) -> TicketStatus:
        """Store the answers once and end the ticket; a ticket already closed stores nothing (Conflict)."""
        given = _checked(ticket.questions, answers)
        if not given:
            status = TicketStatus.NO_ANSWER
        elif len(given) == len(ticket.questions):
            status = TicketStatus.ANSWERED
        else:
            status = TicketStatus.PARTIAL
        now = self._clock.now()
        with self._db.write() as session:
            row = session.scalar(select(SurveyTicket).where(SurveyTicket.token == ticket.token))
            if row is None:
                raise NotFound("Không có phiếu đánh giá này.")
            if row.status != TicketStatus.ISSUED:
                raise Conflict("Phiếu đánh giá này đã dùng rồi; mỗi lượt chỉ ghi nhận một lần.")
            row.status = status.value
            row.closed_at = now
            if given:
                session.add(self._response(session, row, ticket, given))
        return status

    def status(self, code: str) -> TicketStatus | None:
        """How the dossier's rating stands, for the clerk: never the answers."""
        with self._db.read() as session:
            dossier = load(session, code, allow_voided=True)
            value = session.scalar(select(SurveyTicket.status).where(SurveyTicket.dossier_id == dossier.id))
        return None if value is None else TicketStatus(value)

    def expire_open(self) -> int:
        """Tickets left open by an earlier run (the app was closed mid-survey) end as not answered."""
        with self._db.write() as session:
            result = session.execute(
                update(SurveyTicket)
                .where(SurveyTicket.status == TicketStatus.ISSUED.value)
                .values(status=TicketStatus.NO_ANSWER.value, closed_at=self._clock.now())
            )
            return int(result.rowcount)  # type: ignore[attr-defined]

    def _require_enabled(self) -> None:
        if not self.settings.enabled:
            raise Conflict("Màn hình đánh giá đang tắt trong cài đặt.")

    def _new_ticket(self, dossier_id: object, by: Actor | None) -> SurveyTicket:
        return SurveyTicket(
            token=os.urandom(24).hex(),  # 192 random bits, never guessed nor repeated
            dossier_id=dossier_id,
            issued_at=self._clock.now(),
            issued_by=None if by is None else by.id,
            status=TicketStatus.ISSUED.value,
        )

    def _view(self, token: str, code: str | None) -> SurveyTicketView:
        return SurveyTicketView(token, code, self.settings.scale, survey_questions(self.settings))

    def _response(
        self, session: Session, row: SurveyTicket, ticket: SurveyTicketView, given: dict[str, str]
    ) -> SurveyResponse:
        field = None
        if row.dossier_id is not None:
            dossier = session.get(Dossier, row.dossier_id)
            field = None if dossier is None else dossier.procedure_field
        ratings = [q for q in ticket.questions if q.kind is Kind.RATING and q.key in given]
        return SurveyResponse(
            answered_on=self._calendar.today(),
            official_id=row.issued_by,
            procedure_field=field,
            walk_in=row.dossier_id is None,
            scale=ticket.scale,
            complete=len(given) == len(ticket.questions),
            visits=_count(given, VISITS),
            agencies=_count(given, AGENCIES),
            answers=[
                SurveyAnswer(position=i, criterion=q.key, label=q.label, level=given[q.key])
                for i, q in enumerate(ratings, start=1)
            ],
        )


def _checked(questions: tuple[Question, ...], answers: Mapping[str, str]) -> dict[str, str]:
    by_key = {q.key: q for q in questions}
    for key, value in answers.items():
        question = by_key.get(key)
        if question is None or not question.accepts(value):
            raise InvalidInput(f"Câu trả lời «{value}» không thuộc câu hỏi «{key}» của phiếu này.", field=key)
    return dict(answers)


def _count(given: Mapping[str, str], key: str) -> int | None:
    return int(given[key]) if key in given else None


def _returned_by_post(session: Session, dossier: Dossier) -> bool:
    data = session.scalar(
        select(DossierEvent.data)
        .where(DossierEvent.dossier_id == dossier.id, DossierEvent.action == Action.RETURN.value)
        .order_by(DossierEvent.seq.desc())
        .limit(1)
    )
    return data is not None and data.get("collector_kind") == "post"
