"""Queue tickets: taken at the touch screen or the desk, numbered per day, called by the clerk.

A ticket is numbered from 1 each office day (numbers restart at local midnight), in the ``BEGIN IMMEDIATE``
transaction that stores it, so two takers never get the same number. Priority tickets (the elderly, pregnant
women, people with disabilities) are called before the others; within each kind, in the order taken. The ticket at
a counter stays "called" until the clerk calls the next one (it was served) or finds nobody came (absent). A dossier
registered while a ticket is at the counter is linked to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.config import QueueSettings, ServiceGroup
from kiosk.errors import Conflict, InvalidInput
from kiosk.models import Database, QueueTicket
from kiosk.services.calendar import CalendarService
from kiosk.services.users import Actor


class TicketState(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVED = "served"
    ABSENT = "absent"


class Source(StrEnum):
    SCREEN = "screen"  # the citizen's touch screen
    DESK = "desk"  # the clerk, for someone who asked at the counter


def ticket_label(number: int) -> str:
    """How a number is printed and called: three digits at least ("015")."""
    return f"{number:03d}"


@dataclass(frozen=True)
class TicketView:
    id: UUID
    day: date
    number: int
    group_key: str
    group_label: str
    priority: bool
    source: Source
    issued_at: datetime
    ahead: int  # people waiting before this ticket when it was taken
    state: TicketState
    called_at: datetime | None
    calls: int
    counter: str | None
    done_at: datetime | None
    dossier_id: UUID | None

    @property
    def label(self) -> str:
        return ticket_label(self.number)


@dataclass(frozen=True)
class QueueState:
    """Today's queue as the clerk's panel shows it."""

    waiting: int
    waiting_priority: int
    current: TicketView | None  # the ticket at this counter
    issued_today: int


class QueueService:
    def __init__(self, db: Database, clock: Clock, calendar: CalendarService, settings: QueueSettings) -> None:
        self._db = db
        self._clock = clock
        self._calendar = calendar
        self.settings = settings  # replaced when the admin changes them

    # -- taking a ticket --------------------------------------------------------------------------------------------

    def group(self, key: str) -> ServiceGroup:
        found = next((g for g in self.settings.groups if g.key == key), None)
        if found is None:
            choices = ", ".join(g.key for g in self.settings.groups)
            raise InvalidInput(f"Nhóm dịch vụ «{key}» không có; chọn một trong: {choices}.", field="group")
        return found

    def take(self, group_key: str, *, priority: bool = False, source: Source | str = Source.SCREEN) -> TicketView:
        """A new ticket for today, with the number of people waiting before it."""
        if not self.settings.enabled:
            raise Conflict("Quầy chưa dùng số thứ tự (Cài đặt → Số thứ tự).")
        group = self.group(group_key)
        if priority and not self.settings.priority:
            raise InvalidInput("Quầy không cấp số ưu tiên.", field="priority")
        try:
            origin = Source(source)
        except ValueError:
            raise InvalidInput(f"Nơi lấy số «{source}» không hợp lệ (screen, desk).", field="source") from None
        now = self._clock.now()
        today = self._calendar.today()
        with self._db.write() as session:
            number = (session.scalar(select(func.max(QueueTicket.number)).where(QueueTicket.day == today)) or 0) + 1
            before = select(func.count()).where(QueueTicket.day == today, QueueTicket.state == TicketState.WAITING)
            if priority:
                before = before.where(QueueTicket.priority.is_(True))
            ticket = QueueTicket(
                day=today,
                number=number,
                group_key=group.key,
                group_label=group.label,
                priority=priority,
                source=origin.value,
                issued_at=now,
                ahead=session.scalar(before) or 0,
                state=TicketState.WAITING.value,
                calls=0,
            )
            session.add(ticket)
            session.flush()
            return _view(ticket)

    # -- the clerk's calls ------------------------------------------------------------------------------------------

    def state(self, counter: str) -> QueueState:
        today = self._calendar.today()
        with self._db.read() as session:
            rows = session.execute(
                select(QueueTicket.priority, func.count())
                .where(QueueTicket.day == today, QueueTicket.state == TicketState.WAITING)
                .group_by(QueueTicket.priority)
            ).all()
            issued = session.scalar(select(func.count()).where(QueueTicket.day == today)) or 0
            current = _current(session, counter, today)
            counts = {bool(p): n for p, n in rows}
            return QueueState(
                waiting=sum(counts.values()),
                waiting_priority=counts.get(True, 0),
                current=_view(current) if current is not None else None,
                issued_today=issued,
            )

    def call_next(self, *, counter: str, by: Actor, absent: bool = False) -> TicketView | None:
        """The ticket at the counter is done (served, or ``absent``); the next one today is called, priority first.

        None when nobody is waiting (the one at the counter is still closed).
        """
        now = self._clock.now()
        today = self._calendar.today()
        with self._db.write() as session:
            current = _current(session, counter, today)
            if current is not None:
                current.state = (TicketState.ABSENT if absent else TicketState.SERVED).value
                current.done_at = now
            following = session.scalar(
                select(QueueTicket)
                .where(QueueTicket.day == today, QueueTicket.state == TicketState.WAITING)
                .order_by(QueueTicket.priority.desc(), QueueTicket.number)
                .limit(1)
            )
            if following is None:
                return None
            following.state = TicketState.CALLED.value
            following.called_at = following.last_called_at = now
            following.calls = 1
            following.counter = counter
            following.called_by = by.id
            session.flush()
            return _view(following)

    def call_again(self, *, counter: str) -> TicketView | None:
        """The ticket at the counter, called once more (nobody came forward yet); None when there is none."""
        with self._db.write() as session:
            current = _current(session, counter, self._calendar.today())
            if current is None:
                return None
            current.calls += 1
            current.last_called_at = self._clock.now()
            session.flush()
            return _view(current)

    def finish(self, *, counter: str, absent: bool = False) -> TicketView | None:
        """The ticket at the counter is done without calling another (the end of the day)."""
        with self._db.write() as session:
            current = _current(session, counter, self._calendar.today())
            if current is None:
                return None
            current.state = (TicketState.ABSENT if absent else TicketState.SERVED).value
            current.done_at = self._clock.now()
            session.flush()
            return _view(current)

    def link(self, dossier_id: UUID, *, counter: str) -> TicketView | None:
        """Link the dossier just registered to the ticket at the counter, unless that ticket already has one."""
        with self._db.write() as session:
            current = _current(session, counter, self._calendar.today())
            if current is None or current.dossier_id is not None:
                return None
            current.dossier_id = dossier_id
            session.flush()
            return _view(current)

    def settle_earlier_days(self) -> int:
        """Tickets of earlier days still at a counter become served, their end unknown (the desk closed without
        calling another); how many. Tickets never called stay waiting: nobody served them."""
        with self._db.write() as session:
            result = session.execute(
                update(QueueTicket)
                .where(QueueTicket.day < self._calendar.today(), QueueTicket.state == TicketState.CALLED)
                .values(state=TicketState.SERVED.value)
            )
            return int(getattr(result, "rowcount", 0) or 0)

    def tickets(self, first: date, last: date) -> list[TicketView]:
        """Every ticket of the days from ``first`` to ``last``, in the order taken."""
        with self._db.read() as session:
            return tickets_between(session, first, last)


def tickets_between(session: Session, first: date, last: date) -> list[TicketView]:
    """Every ticket of the office days from ``first`` to ``last``, in the order taken (the reports read these)."""
    rows = session.scalars(
        select(QueueTicket)
        .where(QueueTicket.day >= first, QueueTicket.day <= last)
        .order_by(QueueTicket.day, QueueTicket.number)
    )
    return [_view(t) for t in rows]


def _current(session: Session, counter: str, today: date) -> QueueTicket | None:
    """Today's ticket called to this counter and not yet done (the newest, should a crash have left two)."""
    return session.scalar(
        select(QueueTicket)
        .where(QueueTicket.day == today, QueueTicket.state == TicketState.CALLED, QueueTicket.counter == counter)
        .order_by(QueueTicket.called_at.desc())
        .limit(1)
    )


def _view(ticket: QueueTicket) -> TicketView:
    return TicketView(
        id=ticket.id,
        day=ticket.day,
        number=ticket.number,
        group_key=ticket.group_key,
        group_label=ticket.group_label,
        priority=ticket.priority,
        source=Source(ticket.source),
        issued_at=ticket.issued_at,
        ahead=ticket.ahead,
        state=TicketState(ticket.state),
        called_at=ticket.called_at,
        calls=ticket.calls,
        counter=ticket.counter,
        done_at=ticket.done_at,
        dossier_id=ticket.dossier_id,
    )
