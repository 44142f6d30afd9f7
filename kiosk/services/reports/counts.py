"""Counting dossiers for a period, per procedure: the columns of the Department's table.

Every column is a count of distinct dossiers, each decided by one date of the dossier's own record:

- received: ``received_at`` in the period; carried over: still open when the period began;
- resolved (early / on time / late / no fixed limit): ``result_ready_at`` in the period, judged once when the
  result was ready (:mod:`kiosk.services.timeliness`), a re-appointed dossier against its original date; the
  re-appointed and the refused are counted again in their own columns;
- returned: ``returned_at``; withdrawn, stopped or closed without a result: ``ended_at``;
- pending: open when the period ended, as it stood then (its state and appointment read from its events):
  waiting for a supplement (the clock stopped), within time, or overdue against its original appointment.

Voided dossiers (entered by mistake) count nowhere. So for every procedure:
carried over + received = resolved + withdrawn + stopped + pending.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from kiosk.models import Dossier, DossierEvent, Procedure, ProcedureVersion
from kiosk.services.states import ENDED_STATES, OPEN_STATES, Action, DossierState
from kiosk.services.timeliness import Pending, Timeliness, pending

_CHUNK = 900  # ids per IN (...) list, well under SQLite's variable limit


def percent(part: int, whole: int) -> int | None:
    """Whole per cent, halves rounded up, exact in integers; None when there is nothing to divide by.

    The one rounding rule of every share in the reports (on time, satisfied)."""
    if whole <= 0:
        return None
    return (200 * part + whole) // (2 * whole)


@dataclass
class Tally:
    carried: int = 0
    received: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    no_limit: int = 0
    reappointed: int = 0
    refused: int = 0
    returned: int = 0
    withdrawn: int = 0
    stopped: int = 0  # stopped, or closed when the supplement never came
    within_time: int = 0
    overdue: int = 0
    waiting: int = 0  # waiting for a supplement when the period ended

    @property
    def total(self) -> int:
        return self.carried + self.received

    @property
    def resolved(self) -> int:
        return self.early + self.on_time + self.late + self.no_limit

    @property
    def pending(self) -> int:
        return self.within_time + self.overdue + self.waiting

    @property
    def on_time_share(self) -> int | None:
        """(early + on time) over the resolved dossiers that had a fixed limit."""
        return percent(self.early + self.on_time, self.early + self.on_time + self.late)

    def add(self, other: Tally) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass(frozen=True)
class ProcedureKey:
    field: str
    procedure_id: UUID


@dataclass(frozen=True)
class ProcedureName:
    code: str
    name: str


class PeriodCounter:
    """The counts of one period on an open session; ``start <= t < end`` are the period's UTC bounds, ``as_of``
    the day pending dossiers are judged on (the last day, or today while the period runs)."""

    def __init__(self, session: Session, start: datetime, end: datetime, as_of: date, now: datetime) -> None:
        self._session = session
        self._start, self._end, self._as_of, self._now = start, end, as_of, now

    def per_procedure(self) -> dict[ProcedureKey, Tally]:
        tallies: dict[ProcedureKey, Tally] = {}

        def tally(field: str, procedure_id: UUID) -> Tally:
            return tallies.setdefault(ProcedureKey(field, procedure_id), Tally())

        live = Dossier.voided_at.is_(None)
        by = (Dossier.procedure_field, Dossier.procedure_id)
        for field, pid, n in self._grouped(by, and_(live, self._within(Dossier.received_at))):
            tally(field, pid).received += n
        resolved = self._session.execute(
            select(
                *by,
                Dossier.timeliness,
                Dossier.reappointed_at.is_not(None),
                Dossier.outcome == "refused",
                func.count(),
            )
            .where(live, self._within(Dossier.result_ready_at))
            .group_by(*by, Dossier.timeliness, Dossier.reappointed_at.is_not(None), Dossier.outcome == "refused")
        )
        for field, pid, timeliness, reappointed, refused, n in resolved:
            t = tally(field, pid)
            if timeliness is None:
                t.no_limit += n
            else:
                verdict = Timeliness(timeliness)
                t.early += n if verdict is Timeliness.EARLY else 0
                t.on_time += n if verdict is Timeliness.ON_TIME else 0
                t.late += n if verdict is Timeliness.LATE else 0
            t.reappointed += n if reappointed else 0
            t.refused += n if refused else 0
        for field, pid, n in self._grouped(by, and_(live, self._within(Dossier.returned_at))):
            tally(field, pid).returned += n
        ended = self._session.execute(
            select(*by, Dossier.state, func.count())
            .where(live, self._within(Dossier.ended_at), Dossier.state.in_([s.value for s in ENDED_STATES]))
            .group_by(*by, Dossier.state)
        )
        for field, pid, state, n in ended:
            t = tally(field, pid)
            if DossierState(state) is DossierState.WITHDRAWN:
                t.withdrawn += n
            else:
                t.stopped += n
        for row in open_at(self._session, self._start, self._now):
            tally(row.field, row.procedure_id).carried += 1
        for row in open_at(self._session, self._end, self._now):
            t = tally(row.field, row.procedure_id)
            if row.state is DossierState.SUPPLEMENT_REQUESTED:
                t.waiting += 1
            elif pending(self._as_of, row.due) is Pending.OVERDUE:
                t.overdue += 1
            else:
                t.within_time += 1
        return tallies

    def _within(self, column: Any) -> ColumnElement[bool]:
        return and_(column >= self._start, column < self._end)

    def _grouped(self, by: Sequence[Any], condition: ColumnElement[bool]) -> Iterable[Any]:
        return self._session.execute(select(*by, func.count()).where(condition).group_by(*by))


@dataclass(frozen=True)
class OpenDossier:
    id: UUID
    field: str
    procedure_id: UUID
    state: DossierState  # as it stood at the moment asked about
    due: date | None  # the appointment in force then, before any re-appointment


def open_at(session: Session, moment: datetime, now: datetime) -> list[OpenDossier]:
    """The dossiers received before ``moment`` and neither resolved nor ended by then (voided ones excluded)."""
    columns = (
        Dossier.id,
        Dossier.procedure_field,
        Dossier.procedure_id,
        Dossier.state,
        Dossier.original_due_date,
    )
    before = and_(Dossier.voided_at.is_(None), Dossier.received_at < moment)
    candidates: dict[UUID, Any] = {}
    for condition in (
        Dossier.state.in_([s.value for s in OPEN_STATES]),
        and_(Dossier.result_ready_at >= moment),
        and_(Dossier.ended_at >= moment),
    ):
        for row in session.execute(select(*columns).where(condition, before)):
            candidates[row.id] = row
    if moment >= now:  # the present: the record as it stands
        return [
            OpenDossier(r.id, r.procedure_field, r.procedure_id, DossierState(r.state), r.original_due_date)
            for r in candidates.values()
        ]
    history = _states_before(session, list(candidates), moment)
    found = []
    for r in candidates.values():
        state, due = history.get(r.id, (None, None))
        if state is None:  # no recorded step before then (a record loaded from elsewhere): take it as in process
            state = DossierState(r.state) if DossierState(r.state) in OPEN_STATES else DossierState.IN_PROCESS
        found.append(OpenDossier(r.id, r.procedure_field, r.procedure_id, state, due or r.original_due_date))
    return found


def _states_before(
    session: Session, ids: list[UUID], moment: datetime
) -> dict[UUID, tuple[DossierState | None, date | None]]:
    """For each dossier, its state and appointment after its last recorded step before ``moment``."""
    found: dict[UUID, tuple[DossierState | None, date | None]] = {}
    dated = (Action.REGISTER.value, Action.SUPPLEMENT_RECEIVED.value)
    for chunk in _chunks(ids):
        events = session.execute(
            select(DossierEvent.dossier_id, DossierEvent.action, DossierEvent.to_state, DossierEvent.data)
            .where(DossierEvent.dossier_id.in_(chunk), DossierEvent.at < moment)
            .order_by(DossierEvent.dossier_id, DossierEvent.seq)
        )
        for dossier_id, action, to_state, data in events:
            state, due = found.get(dossier_id, (None, None))
            if to_state:
                state = DossierState(to_state)
            if action in dated and (data or {}).get("due_date"):
                due = date.fromisoformat(data["due_date"])
            found[dossier_id] = (state, due)
    return found


def _chunks(ids: list[UUID]) -> Iterator[list[UUID]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def procedure_names(session: Session, ids: Iterable[UUID]) -> dict[UUID, ProcedureName]:
    """Each procedure's code and its current name."""
    wanted = list(set(ids))
    names: dict[UUID, ProcedureName] = {}
    for chunk in _chunks(wanted):
        rows = session.execute(
            select(Procedure.id, Procedure.code, ProcedureVersion.name)
            .join(
                ProcedureVersion,
                and_(
                    ProcedureVersion.procedure_id == Procedure.id, ProcedureVersion.version == Procedure.current_version
                ),
            )
            .where(Procedure.id.in_(chunk))
        )
        for pid, code, name in rows:
            names[pid] = ProcedureName(code, name)
    return names
