"""Early, on time, late: decided here and nowhere else.

A dossier is judged once, when its result is ready, against its appointment: before the due day → early (sớm
hẹn), on the due day → on time (đúng hẹn), after it → late (trễ hẹn). A re-appointed dossier is judged against
its original date, and whether it met the new date is shown beside it. A dossier still pending is "within time"
or "overdue" as of a given day. Procedures without a fixed limit are never late.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Timeliness(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"


class Pending(StrEnum):
    WITHIN_TIME = "within_time"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


TIMELINESS_LABELS = {Timeliness.EARLY: "Sớm hẹn", Timeliness.ON_TIME: "Đúng hẹn", Timeliness.LATE: "Trễ hẹn"}
PENDING_LABELS = {Pending.WITHIN_TIME: "Trong hạn", Pending.DUE_TODAY: "Đến hạn hôm nay", Pending.OVERDUE: "Quá hạn"}


def judge(ready_on: date, original_due: date | None) -> Timeliness | None:
    """How a result ready on ``ready_on`` stands against the original appointment (None: no fixed limit)."""
    if original_due is None:
        return None
    if ready_on < original_due:
        return Timeliness.EARLY
    if ready_on == original_due:
        return Timeliness.ON_TIME
    return Timeliness.LATE


def met_new_date(ready_on: date, due: date | None, original_due: date | None) -> bool | None:
    """For a re-appointed dossier: was the result ready by the new date? None when it was never re-appointed."""
    if due is None or original_due is None or due == original_due:
        return None
    return ready_on <= due


def pending(as_of: date, due: date | None) -> Pending | None:
    if due is None:
        return None
    if as_of < due:
        return Pending.WITHIN_TIME
    if as_of == due:
        return Pending.DUE_TODAY
    return Pending.OVERDUE
