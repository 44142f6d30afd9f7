"""The queue's figures for the supervisor: how long people waited, how long they were served, when they came.

Waiting time runs from taking the ticket to its first call; service time from the first call to the next call (or
the "absent" press) that ended it. A ticket ended without a recorded end (the desk closed with it at the counter)
has a waiting time but no service time. Times are in minutes; averages are plain means of the tickets that have one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.services.queue import TicketState, TicketView


def minutes(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 60


@dataclass(frozen=True)
class TicketTimes:
    ticket: TicketView
    wait: float | None  # minutes; None: never called
    service: float | None  # minutes; None: not ended, or its end unknown


@dataclass(frozen=True)
class HourTally:
    hour: int  # local hour the tickets were taken in: 7 stands for 07:00–08:00
    issued: int
    called: int
    mean_wait: float | None


@dataclass(frozen=True)
class QueueStats:
    issued: int
    priority: int
    called: int
    served: int
    absent: int  # called but nobody came forward
    not_called: int  # still waiting, or left before their turn
    mean_wait: float | None
    longest_wait: float | None
    mean_service: float | None
    longest_service: float | None
    hours: tuple[HourTally, ...]  # the hours anyone took a ticket in, in order
    groups: tuple[tuple[str, int], ...]  # (group label, tickets), in the order first seen
    times: tuple[TicketTimes, ...] = field(default=())  # per ticket, in the order taken


def ticket_times(ticket: TicketView) -> TicketTimes:
    wait = minutes(ticket.issued_at, ticket.called_at) if ticket.called_at is not None else None
    service = None
    if ticket.called_at is not None and ticket.done_at is not None:
        service = minutes(ticket.called_at, ticket.done_at)
    return TicketTimes(ticket, wait, service)


def queue_stats(tickets: Sequence[TicketView], zone: ZoneInfo) -> QueueStats:
    times = tuple(ticket_times(t) for t in tickets)
    waits = [t.wait for t in times if t.wait is not None]
    services = [t.service for t in times if t.service is not None]
    states = Counter(t.state for t in tickets)
    by_hour: dict[int, list[TicketTimes]] = {}
    for entry in times:
        by_hour.setdefault(entry.ticket.issued_at.astimezone(zone).hour, []).append(entry)
    hours = tuple(
        HourTally(
            hour,
            len(entries),
            sum(1 for e in entries if e.wait is not None),
            _mean([e.wait for e in entries if e.wait is not None]),
        )
        for hour, entries in sorted(by_hour.items())
    )
    groups = Counter(t.group_label for t in tickets)
    return QueueStats(
        issued=len(tickets),
        priority=sum(1 for t in tickets if t.priority),
        called=len(waits),
        served=states[TicketState.SERVED] + states[TicketState.CALLED],
        absent=states[TicketState.ABSENT],
        not_called=states[TicketState.WAITING],
        mean_wait=_mean(waits),
        longest_wait=max(waits, default=None),
        mean_service=_mean(services),
        longest_service=max(services, default=None),
        hours=hours,
        groups=tuple(groups.items()),
        times=times,
    )


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None
