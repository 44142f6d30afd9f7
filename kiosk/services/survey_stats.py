"""Counting the survey for the reports: per criterion, each level and the share satisfied, over a period.

The share satisfied is computed in one place, :func:`satisfaction`: (Rất hài lòng + Hài lòng) over the answers to
that question, "Không áp dụng" left out; it is printed the way the Department's report prints it,
"Mức độ hài lòng 93% (28/30 phiếu)".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from sqlalchemy import ColumnElement, Integer, Select, and_, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from kiosk.config import SurveySettings
from kiosk.models import Database, SurveyAnswer, SurveyResponse, SurveyTicket
from kiosk.services.calendar import CalendarService
from kiosk.services.reports.counts import percent
from kiosk.services.survey import TicketStatus
from kiosk.services.survey_questions import RATED_LEVELS, SATISFIED_LEVELS, Level


@dataclass(frozen=True)
class Satisfaction:
    satisfied: int
    answered: int

    @property
    def percent(self) -> int | None:
        """Whole per cent, halves rounded up (28/30 → 93); None when nobody answered."""
        return percent(self.satisfied, self.answered)

    def text(self) -> str:
        if self.percent is None:
            return "Chưa có phiếu trả lời"
        return f"Mức độ hài lòng {self.percent}% ({self.satisfied}/{self.answered} phiếu)"


def satisfaction(counts: Mapping[Level, int]) -> Satisfaction:
    """The one formula: satisfied levels over every rated answer ("không áp dụng" is not an answer to rate)."""
    answered = sum(n for level, n in counts.items() if level in RATED_LEVELS)
    satisfied = sum(n for level, n in counts.items() if level in SATISFIED_LEVELS)
    return Satisfaction(satisfied, answered)


@dataclass(frozen=True)
class CriterionTally:
    key: str
    label: str
    counts: dict[Level, int]  # every level of the 5-level scale, 0 where nobody chose it, and NOT_APPLICABLE

    @property
    def satisfaction(self) -> Satisfaction:
        return satisfaction(self.counts)

    @property
    def not_applicable(self) -> int:
        return self.counts[Level.NOT_APPLICABLE]


@dataclass(frozen=True)
class SurveyTally:
    first: date
    last: date
    responses: int
    complete: int
    walk_in: int
    tickets: dict[TicketStatus, int]  # how the invitations of the period ended (not answered included)
    criteria: tuple[CriterionTally, ...]
    visits: dict[int, int] = field(default_factory=dict)  # 1, 2, 3 (three or more) → responses
    agencies: dict[int, int] = field(default_factory=dict)

    def criterion(self, key: str) -> CriterionTally:
        return next(c for c in self.criteria if c.key == key)


class SurveyStats:
    def __init__(self, db: Database, calendar: CalendarService, settings: SurveySettings) -> None:
        self._db = db
        self._calendar = calendar
        self.settings = settings

    def tally(
        self, first: date, last: date, *, official: UUID | None = None, procedure_field: str | None = None
    ) -> SurveyTally:
        """The period's answers, optionally for one official or one field; the configured criteria come first."""
        where: list[ColumnElement[bool]] = [SurveyResponse.answered_on.between(first, last)]
        if official is not None:
            where.append(SurveyResponse.official_id == official)
        if procedure_field is not None:
            where.append(SurveyResponse.procedure_field == procedure_field)
        condition = and_(*where)
        with self._db.read() as session:
            totals = session.execute(
                select(
                    func.count(),
                    func.coalesce(func.sum(SurveyResponse.complete.cast(Integer)), 0),
                    func.coalesce(func.sum(SurveyResponse.walk_in.cast(Integer)), 0),
                ).where(condition)
            ).one()
            rows = (
                session.execute(
                    select(SurveyAnswer.criterion, SurveyAnswer.level, func.count(), func.max(SurveyAnswer.label))
                    .join(SurveyResponse, SurveyAnswer.response_id == SurveyResponse.id)
                    .where(condition)
                    .group_by(SurveyAnswer.criterion, SurveyAnswer.level)
                )
            ).all()
            visits = _counted(session.execute(_per(SurveyResponse.visits, condition)))
            agencies = _counted(session.execute(_per(SurveyResponse.agencies, condition)))
            tickets = self._tickets(session, first, last, official)
        return SurveyTally(
            first=first,
            last=last,
            responses=int(totals[0]),
            complete=int(totals[1]),
            walk_in=int(totals[2]),
            tickets=tickets,
            criteria=self._criteria(rows),
            visits=visits,
            agencies=agencies,
        )

    def _criteria(self, rows: Iterable[tuple[str, str, int, str]]) -> tuple[CriterionTally, ...]:
        counts: dict[str, dict[Level, int]] = {}
        labels: dict[str, str] = {}
        for key, level, n, label in rows:
            counts.setdefault(key, dict.fromkeys(Level, 0))[Level(level)] = int(n)
            labels.setdefault(key, label)
        configured = [(c.key, c.label) for c in self.settings.criteria]
        retired = sorted((k, labels[k]) for k in counts if k not in dict(configured))
        return tuple(
            CriterionTally(k, label, counts.get(k, dict.fromkeys(Level, 0))) for k, label in configured + retired
        )

    def _tickets(self, session: Session, first: date, last: date, official: UUID | None) -> dict[TicketStatus, int]:
        start, end = self._calendar.day_bounds(first, last)
        query = select(SurveyTicket.status, func.count()).where(
            SurveyTicket.issued_at >= start, SurveyTicket.issued_at < end
        )
        if official is not None:
            query = query.where(SurveyTicket.issued_by == official)
        found = dict.fromkeys(TicketStatus, 0)
        for status, n in session.execute(query.group_by(SurveyTicket.status)):
            found[TicketStatus(status)] = int(n)
        return found


def _per(column: InstrumentedAttribute[int | None], condition: ColumnElement[bool]) -> Select[int | None, int]:
    return select(column, func.count()).where(condition, column.is_not(None)).group_by(column)


def _counted(rows: Iterable[tuple[int | None, int]]) -> dict[int, int]:
    found = dict.fromkeys((1, 2, 3), 0)
    for value, n in rows:
        if value is None:
            continue
        found[int(value)] = int(n)
    return found
