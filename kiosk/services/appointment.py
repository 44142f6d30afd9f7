"""The appointment date of a dossier: the one place where a due date and its explanation are computed.

Civil Code 2015 Art. 147: the day of receipt is not counted; the due date is the N-th working day after it.
A dossier received later than the cut-off (15:00:00 by default) or on a non-working day counts as received on
the next working day, and that day is not counted either. Same-day procedures are due on the (effective) day of
receipt. Procedures with no fixed limit get no due date. The explanation is built from the same computation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from kiosk.services.workdays import DayNote, WorkingCalendar

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


class LimitKind(StrEnum):
    WORKING_DAYS = "working_days"
    SAME_DAY = "same_day"
    NONE = "none"


@dataclass(frozen=True)
class TimeLimit:
    kind: LimitKind
    days: int = 0

    def __post_init__(self) -> None:
        if self.kind is LimitKind.WORKING_DAYS and self.days < 1:
            raise ValueError("a working-day limit needs at least one day")
        if self.kind is not LimitKind.WORKING_DAYS and self.days != 0:
            raise ValueError("only a working-day limit has a number of days")

    @classmethod
    def working_days(cls, days: int) -> TimeLimit:
        return cls(LimitKind.SAME_DAY) if days == 0 else cls(LimitKind.WORKING_DAYS, days)

    @classmethod
    def same_day(cls) -> TimeLimit:
        return cls(LimitKind.SAME_DAY)

    @classmethod
    def none(cls) -> TimeLimit:
        return cls(LimitKind.NONE)

    def describe(self) -> str:
        if self.kind is LimitKind.WORKING_DAYS:
            return f"{self.days} ngày làm việc"
        if self.kind is LimitKind.SAME_DAY:
            return "trả trong ngày"
        return "không quy định thời hạn"


@dataclass(frozen=True)
class IntakeRules:
    """The desk's counting rules (from the settings; a procedure may bring its own cut-off)."""

    zone: ZoneInfo
    cutoff: time | None = time(15, 0, 0)
    appointment_time: time = time(16, 30)


class Shift(StrEnum):
    NONE = "none"
    AFTER_CUTOFF = "after_cutoff"
    NON_WORKING_DAY = "non_working_day"


@dataclass(frozen=True)
class Appointment:
    received_at: datetime  # aware, in the office's zone
    limit: TimeLimit
    shift: Shift
    counted_from: date  # the effective day of receipt, itself not counted
    due_date: date | None
    due_at: datetime | None  # aware, in the office's zone
    cutoff: time | None
    skipped: tuple[DayNote, ...] = field(default=())  # weekdays off between receipt and due date
    worked: tuple[DayNote, ...] = field(default=())  # weekend days worked and counted
    receipt_day_note: DayNote | None = None  # why the day of receipt was not a working day

    def explanation(self) -> str:
        """One line of Vietnamese: "5 ngày làm việc; không tính 24/11 – Ngày Văn hóa Việt Nam"."""
        return _explain(self)


def compute_appointment(
    calendar: WorkingCalendar, rules: IntakeRules, received_at: datetime, limit: TimeLimit
) -> Appointment:
    if received_at.tzinfo is None:
        raise ValueError("received_at must be timezone-aware")
    local = received_at.astimezone(rules.zone).replace(microsecond=0)
    day = local.date()
    if not calendar.is_working_day(day):
        shift, counted_from = Shift.NON_WORKING_DAY, calendar.next_working_day(day)
    elif rules.cutoff is not None and local.time() > rules.cutoff:
        shift, counted_from = Shift.AFTER_CUTOFF, calendar.next_working_day(day)
    else:
        shift, counted_from = Shift.NONE, day
    receipt_note = calendar.note(day) if shift is Shift.NON_WORKING_DAY else None

    if limit.kind is LimitKind.NONE:
        return Appointment(local, limit, shift, counted_from, None, None, rules.cutoff, receipt_day_note=receipt_note)
    same_day = limit.kind is LimitKind.SAME_DAY
    due = counted_from if same_day else calendar.add_working_days(counted_from, limit.days)
    due_at = max(datetime.combine(due, rules.appointment_time, tzinfo=rules.zone), local)
    notes = calendar.notes_between(day, due)
    skipped = tuple(n for n in notes if not n.working and not n.is_weekend)
    worked = tuple(n for n in notes if n.working and n.day > counted_from)
    return Appointment(local, limit, shift, counted_from, due, due_at, rules.cutoff, skipped, worked, receipt_note)


# -- the explanation ------------------------------------------------------------------------------------------------


def _explain(a: Appointment) -> str:
    if a.limit.kind is LimitKind.NONE:
        return "Không quy định thời hạn giải quyết: không hẹn ngày trả"
    if a.limit.kind is LimitKind.SAME_DAY:
        head = (
            "Trả trong ngày" if a.shift is Shift.NONE else f"Trả trong ngày làm việc tiếp theo, {_day(a.counted_from)}"
        )
    else:
        head = a.limit.describe()
        if a.shift is not Shift.NONE:
            head += f", tính từ sau ngày {_day(a.counted_from)}"
    if a.shift is Shift.AFTER_CUTOFF and a.cutoff is not None:
        head += f" (nhận sau {_clock(a.cutoff)} ngày {a.received_at:%d/%m})"
    elif a.shift is Shift.NON_WORKING_DAY:
        reason = f" – {a.receipt_day_note.name}" if a.receipt_day_note else ""
        head += f" (nhận vào ngày nghỉ {_day(a.received_at.date())}{reason})"
    parts = [head]
    if a.skipped:
        parts.append("không tính " + ", ".join(_runs(a.skipped)))
    if a.worked:
        parts.append("có tính " + ", ".join(f"{_day(n.day)} – {n.name}" for n in a.worked))
    return "; ".join(parts)


def _runs(notes: tuple[DayNote, ...]) -> list[str]:
    """Consecutive days off (only weekends between them) grouped: "16/02–20/02 – Tết Nguyên Đán"."""
    groups: list[list[DayNote]] = []
    for note in notes:
        if groups and _adjacent(groups[-1][-1].day, note.day):
            groups[-1].append(note)
        else:
            groups.append([note])
    out = []
    for group in groups:
        span = f"{group[0].day:%d/%m}" if len(group) == 1 else f"{group[0].day:%d/%m}–{group[-1].day:%d/%m}"
        out.append(f"{span} – {_label(group)}")
    return out


def _adjacent(before: date, after: date) -> bool:
    gap = (after - before).days
    return gap == 1 or (gap <= 3 and before.weekday() == 4)  # Friday → Monday spans only the weekend


def _label(group: list[DayNote]) -> str:
    """The names of a run, shortened to what they share: "Giao thừa Tết Nguyên Đán", "Mùng hai Tết Nguyên Đán"
    and "Mùng ba Tết Nguyên Đán" become "Tết Nguyên Đán" (the longest ending of two or more words that several
    names share)."""
    names = list(dict.fromkeys(n.name for n in group))
    shared = Counter(suffix for name in names for suffix in _endings(name))
    labels = []
    for name in names:
        common = [s for s in _endings(name) if shared[s] >= 2]
        labels.append(max(common, key=lambda s: (shared[s], len(s))) if common else name)
    return ", ".join(dict.fromkeys(labels))


def _endings(name: str) -> list[str]:
    words = name.split()
    return [" ".join(words[i:]) for i in range(len(words) - 1)]


def _day(d: date) -> str:
    return f"{WEEKDAYS[d.weekday()]} {d:%d/%m/%Y}"


def _clock(t: time) -> str:
    return f"{t:%H:%M}" if t.second == 0 else f"{t:%H:%M:%S}"
