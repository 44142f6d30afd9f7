"""What the report builders read from: the database, the office's calendar and clock, the survey's counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from kiosk.clock import Clock
from kiosk.config import Settings
from kiosk.models import Database
from kiosk.services.calendar import CalendarService
from kiosk.services.guide import GuideService
from kiosk.services.reports.counts import PeriodCounter, ProcedureKey, ProcedureName, Tally, procedure_names
from kiosk.services.reports.model import Report, ReportKind, Section
from kiosk.services.survey_stats import SurveyStats


@dataclass(frozen=True)
class Counted:
    tallies: dict[ProcedureKey, Tally]
    names: dict[UUID, ProcedureName]

    def total(self) -> Tally:
        total = Tally()
        for tally in self.tallies.values():
            total.add(tally)
        return total


@dataclass
class Sources:
    db: Database
    calendar: CalendarService
    clock: Clock
    survey: SurveyStats
    settings: Settings
    guide: GuideService

    def local_now(self) -> datetime:
        return self.clock.now().astimezone(self.calendar.rules.zone).replace(tzinfo=None, microsecond=0)

    def report(
        self,
        kind: ReportKind,
        title: str,
        period: tuple[date, date],
        made_by: str,
        sections: Sequence[Section],
        *,
        landscape: bool,
        stem: str,
    ) -> Report:
        """A report of the period, made now; its file name is ``stem`` and the period's dates."""
        first, last = period
        dates = first.isoformat() if first == last else f"{first.isoformat()}-{last.isoformat()}"
        return Report(
            kind=kind,
            title=title,
            period=period_text(first, last),
            first=first,
            last=last,
            made_at=self.local_now(),
            made_by=made_by,
            sections=tuple(sections),
            landscape=landscape,
            file_stem=f"{stem}-{dates}",
        )

    def count(self, first: date, last: date) -> Counted:
        """The period's counts per procedure, with the procedures' names."""
        start, end = self.calendar.day_bounds(first, last)
        as_of = min(last, self.calendar.today())  # a period still running: pending as they stand today
        with self.db.read() as session:
            tallies = PeriodCounter(session, start, end, as_of, self.clock.now()).per_procedure()
            names = procedure_names(session, (k.procedure_id for k in tallies))
        return Counted(tallies, names)


def period_text(first: date, last: date) -> str:
    if first == last:
        return f"Ngày {first:%d/%m/%Y}"
    return f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}"
