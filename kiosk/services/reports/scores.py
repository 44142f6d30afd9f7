"""Circular 01/2018/TT-VPCP Art. 13-15: the officials' and the desk's scores on the indicators the desk collects.

Each dossier or answer earns 2, 1 or 0 points on an indicator; an indicator's score is the average of its points
over the period, rounded to one decimal (halves up). The desk collects four of the nine indicators:

1. time taken against the limit, from the dossiers' own record (early 2, on time 1, late 0);
3. how many times the citizen came (once 2, twice 1, three or more 0), asked on the touch screen;
4. how many agencies the citizen had to contact (one 2, two 1, three or more 0), asked on the touch screen;
7. the officials' attitude, from the survey's criterion about the official (points per level in the settings).

An official's score adds indicators 1, 3 and 7 (at most 6): from 5 the official completes 100% of the task, from
3.5 to below 5 between 70% and 100%, below 3.5 below 70%. The desk's line adds all four.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.models import Dossier, SurveyAnswer, SurveyResponse
from kiosk.services.timeliness import Timeliness

TIME_POINTS = {Timeliness.EARLY.value: 2, Timeliness.ON_TIME.value: 1, Timeliness.LATE.value: 0}
COUNT_POINTS = {1: 2, 2: 1, 3: 0}
OFFICIAL_INDICATORS = (1, 3, 7)
DESK_INDICATORS = (1, 3, 4, 7)
DESK = None  # the key of the desk's own line


@dataclass
class Points:
    total: int = 0
    count: int = 0

    def add(self, points: int, n: int) -> None:
        self.total += points * n
        self.count += n

    @property
    def average(self) -> float | None:
        """One decimal, halves rounded up, exact in integers."""
        if not self.count:
            return None
        return ((20 * self.total + self.count) // (2 * self.count)) / 10


@dataclass
class Score:
    indicators: dict[int, Points] = field(default_factory=lambda: defaultdict(Points))

    def average(self, indicator: int) -> float | None:
        return self.indicators[indicator].average if indicator in self.indicators else None

    def sum_of(self, indicators: Iterable[int]) -> float | None:
        """The sum of the indicators' averages; None while one of them has nothing to average."""
        averages = [self.average(i) for i in indicators]
        if any(a is None for a in averages):
            return None
        return round(sum(a for a in averages if a is not None), 1)


def band(score: float | None) -> str:
    if score is None:
        return "Chưa đủ số liệu"
    if score >= 5:
        return "Hoàn thành 100% nhiệm vụ"
    if score >= 3.5:
        return "Hoàn thành từ 70% đến dưới 100%"
    return "Hoàn thành dưới 70%"


def scores(
    session: Session,
    bounds: tuple[datetime, datetime],
    first: date,
    last: date,
    *,
    criterion: str,
    attitude_points: Mapping[str, int],
) -> dict[UUID | None, Score]:
    """Each official's score (by user id) and the desk's (key None) for one period."""
    found: dict[UUID | None, Score] = defaultdict(Score)
    start, end = bounds
    timed = session.execute(
        select(Dossier.clerk_id, Dossier.timeliness, func.count())
        .where(
            Dossier.voided_at.is_(None),
            Dossier.result_ready_at >= start,
            Dossier.result_ready_at < end,
            Dossier.timeliness.is_not(None),
        )
        .group_by(Dossier.clerk_id, Dossier.timeliness)
    )
    for clerk, timeliness, n in timed:
        _add(found, clerk, 1, TIME_POINTS[str(timeliness)], n)
    answered = SurveyResponse.answered_on.between(first, last)
    for indicator, column in ((3, SurveyResponse.visits), (4, SurveyResponse.agencies)):
        rows = session.execute(
            select(SurveyResponse.official_id, column, func.count())
            .where(answered, column.is_not(None))
            .group_by(SurveyResponse.official_id, column)
        )
        for official, value, n in rows:
            _add(found, official, indicator, COUNT_POINTS[int(value or 0)], n)
    attitude = session.execute(
        select(SurveyResponse.official_id, SurveyAnswer.level, func.count())
        .join(SurveyResponse, SurveyAnswer.response_id == SurveyResponse.id)
        .where(answered, SurveyAnswer.criterion == criterion, SurveyAnswer.level.in_(list(attitude_points)))
        .group_by(SurveyResponse.official_id, SurveyAnswer.level)
    )
    for official, level, n in attitude:
        _add(found, official, 7, attitude_points[level], n)
    return dict(found)


def _add(found: dict[UUID | None, Score], official: UUID | None, indicator: int, points: int, n: int) -> None:
    found[DESK].indicators[indicator].add(points, n)
    if official is not None and indicator != 4:  # the agencies a citizen visits are the desk's matter
        found[official].indicators[indicator].add(points, n)
