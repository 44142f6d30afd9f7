"""What the report builders read from: the database, the office's calendar and clock, the survey's counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from kiosk.clock import Clock
from kiosk.config import Settings
from kiosk.models import Database
from kiosk.services.calendar import CalendarService
from kiosk.services.reports.counts import PeriodCounter, ProcedureKey, ProcedureName, Tally, procedure_names
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

    def local_now(self) -> datetime:
        return self.clock.now().astimezone(self.calendar.rules.zone).replace(tzinfo=None, microsecond=0)

    def count(self, first: date, last: date) -> Counted:
        """The period's counts per procedure, with the procedures' names."""
        start, end = self.calendar.day_bounds(first, last)
        as_of = min(last, self.calendar.today())  # a period still running: pending as they stand today
        with self.db.read() as session:
            tallies = PeriodCounter(session, start, end, as_of, self.clock.now()).per_procedure()
            names = procedure_names(session, (k.procedure_id for k in tallies))
        return Counted(tallies, names)
