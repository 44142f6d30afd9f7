"""The ledger (Sổ theo dõi hồ sơ) as the clerk browses it: filters, newest first, one page at a time.

Pages are read by keyset (received before the last row shown), so the millionth row costs what the first does;
each filter has an index that ends with the receipt time. Counts stop at a cap: "more than 10,000" is all a
clerk needs to know, and counting a million rows is not worth the wait.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, func, select, tuple_
from sqlalchemy.orm import Session

from kiosk.models import Database, Dossier, Procedure, ProcedureVersion, User
from kiosk.services.calendar import CalendarService
from kiosk.services.dossier_search import DossierSearch
from kiosk.services.dossier_views import DossierRow
from kiosk.services.states import RUNNING_STATES, DossierState
from kiosk.services.timeliness import Pending, Timeliness, pending
from kiosk.services.validation import member

COUNT_CAP = 10_000
SEARCH_LIMIT = 500


class Period(StrEnum):
    ALL = "all"
    RECEIVED_TODAY = "received_today"
    DUE_TODAY = "due_today"
    DUE_TOMORROW = "due_tomorrow"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class LedgerFilter:
    text: str = ""  # code, name, phone or ID number; diacritics ignored
    period: Period = Period.ALL
    state: DossierState | None = None
    field: str | None = None
    procedure_code: str | None = None
    clerk: str | None = None  # user name
    received_from: date | None = None
    received_to: date | None = None  # inclusive


@dataclass(frozen=True)
class LedgerRow(DossierRow):
    timeliness: Timeliness | None
    pending: Pending | None  # for dossiers whose clock still runs: within time, due today, overdue

    @property
    def key(self) -> tuple[datetime, UUID]:
        """Where the next page starts."""
        return self.received_at, self.id


@dataclass(frozen=True)
class Counters:
    received_today: int
    returned_today: int
    due_tomorrow: int
    overdue: int


class LedgerService:
    def __init__(self, db: Database, calendar: CalendarService, search: DossierSearch) -> None:
        self._db = db
        self._calendar = calendar
        self._search = search

    def page(
        self, wanted: LedgerFilter, *, after: tuple[datetime, UUID] | None = None, limit: int = 200
    ) -> list[LedgerRow]:
        """Up to ``limit`` rows newest first, starting after the row whose key is ``after``."""
        today = self._calendar.today()
        if wanted.text.strip():
            return self._searched(wanted, today, after, limit)
        query = self._query(wanted, today)
        if after is not None:
            query = query.where(tuple_(Dossier.received_at, Dossier.id) < tuple_(*after))
        query = query.order_by(Dossier.received_at.desc(), Dossier.id.desc()).limit(limit)
        with self._db.read() as session:
            return [_row(d, name, today) for d, name in session.execute(query)]

    def count(self, wanted: LedgerFilter, *, cap: int = COUNT_CAP) -> tuple[int, bool]:
        """How many dossiers match, up to ``cap``; the flag says whether there are more."""
        today = self._calendar.today()
        if wanted.text.strip():
            rows = self._searched(wanted, today, None, SEARCH_LIMIT)
            return len(rows), len(rows) >= SEARCH_LIMIT  # the search itself stops at its limit
        limited = self._query(wanted, today).with_only_columns(Dossier.id).limit(cap + 1).subquery()
        with self._db.read() as session:
            found = session.scalar(select(func.count()).select_from(limited)) or 0
        return min(found, cap), found > cap

    def counters(self) -> Counters:
        """The status bar's figures for today."""
        today = self._calendar.today()
        start, end = self._calendar.day_bounds(today, today)
        tomorrow = self._calendar.calendar().next_working_day(today)
        running = [s.value for s in RUNNING_STATES]
        live = and_(Dossier.voided_at.is_(None), Dossier.state.in_(running))
        with self._db.read() as session:
            received = _count(session, and_(Dossier.received_at >= start, Dossier.received_at < end))
            returned = _count(session, and_(Dossier.returned_at >= start, Dossier.returned_at < end))
            due = _count(session, and_(live, Dossier.due_date == tomorrow))
            overdue = _count(session, and_(live, Dossier.due_date < today))
        return Counters(received, returned, due, overdue)

    def fields(self) -> list[str]:
        with self._db.read() as session:
            return sorted(session.scalars(select(Dossier.procedure_field).distinct()))

    # -- building the query ---------------------------------------------------------------------------------------

    def _query(self, wanted: LedgerFilter, today: date) -> Select[Dossier, str]:
        query = select(Dossier, ProcedureVersion.name).join(
            ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id
        )
        for condition in self._conditions(wanted, today):
            query = query.where(condition)
        return query

    def _conditions(self, wanted: LedgerFilter, today: date) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        running = [s.value for s in RUNNING_STATES]
        period = member(Period, wanted.period, field="period", label="Khoảng thời gian")  # a plain string too
        if period is Period.RECEIVED_TODAY:
            start, end = self._calendar.day_bounds(today, today)
            conditions += [Dossier.received_at >= start, Dossier.received_at < end]
        elif period is Period.DUE_TODAY:
            conditions += [Dossier.state.in_(running), Dossier.due_date == today]
        elif period is Period.DUE_TOMORROW:
            tomorrow = self._calendar.calendar().next_working_day(today)
            conditions += [Dossier.state.in_(running), Dossier.due_date == tomorrow]
        elif period is Period.OVERDUE:
            conditions += [Dossier.state.in_(running), Dossier.due_date < today]
        if period not in (Period.ALL, Period.RECEIVED_TODAY):
            conditions.append(Dossier.voided_at.is_(None))
        if wanted.state is not None:
            state = member(DossierState, wanted.state, field="state", label="Trạng thái")
            conditions.append(Dossier.state == state.value)
        if wanted.field:
            conditions.append(Dossier.procedure_field == wanted.field)
        if wanted.procedure_code:
            procedure = select(Procedure.id).where(Procedure.code == wanted.procedure_code.strip().upper())
            conditions.append(Dossier.procedure_id == procedure.scalar_subquery())
        if wanted.clerk:
            clerk = select(User.id).where(User.username == wanted.clerk.strip().lower())
            conditions.append(Dossier.clerk_id == clerk.scalar_subquery())
        if wanted.received_from or wanted.received_to:
            start, end = self._calendar.day_bounds(
                wanted.received_from or date(2000, 1, 1), wanted.received_to or date(2100, 1, 1)
            )
            conditions += [Dossier.received_at >= start, Dossier.received_at < end]
        return conditions

    def _searched(
        self, wanted: LedgerFilter, today: date, after: tuple[datetime, UUID] | None, limit: int
    ) -> list[LedgerRow]:
        """A text search (few rows) with the other filters applied to its results."""
        found = self._search.find(wanted.text, limit=SEARCH_LIMIT)
        if not found:
            return []
        query = self._query(replace(wanted, text=""), today).where(Dossier.id.in_([r.id for r in found]))
        if after is not None:
            query = query.where(tuple_(Dossier.received_at, Dossier.id) < tuple_(*after))
        query = query.order_by(Dossier.received_at.desc(), Dossier.id.desc()).limit(limit)
        with self._db.read() as session:
            return [_row(d, name, today) for d, name in session.execute(query)]


def _count(session: Session, condition: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count()).select_from(Dossier).where(condition)) or 0


def _row(dossier: Dossier, procedure_name: str, today: date) -> LedgerRow:
    state = DossierState(dossier.state)
    running = state in RUNNING_STATES and dossier.voided_at is None
    return LedgerRow(
        id=dossier.id,
        code=dossier.code,
        applicant_name=dossier.applicant_name,
        phone=dossier.phone,
        procedure_name=procedure_name,
        received_at=dossier.received_at,
        due_date=dossier.due_date,
        state=state,
        voided=dossier.voided_at is not None,
        timeliness=Timeliness(dossier.timeliness) if dossier.timeliness else None,
        pending=pending(today, dossier.due_date) if running else None,
    )
