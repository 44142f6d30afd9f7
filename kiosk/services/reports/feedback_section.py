"""The feedback register in the reports: a period's counts, Circular 01/2018's indicator 8, and the section the
daily summary and the period report print.

Every count is of distinct feedback, each decided by one date of its own record: carried over (open when the period
began), received (``received_at`` in the period), answered on time / late (``answered_at`` in the period, against
the deadline in office time), still open within time / overdue (open when the period ended, judged on its last day,
or today while it runs). So for each kind: carried over + received = answered + open, and a period cut in two adds
up. The share answered on time is :func:`~kiosk.services.reports.counts.percent`, as every share of the reports.

In the daily report (``kiosk/services/reports/daily.py``)::

    feedback_section(sources, day, day, "VI. Phản ánh, kiến nghị")

and in the period report (``kiosk/services/reports/period.py``)::

    feedback_section(sources, first, last, "V. Tiếp nhận, xử lý phản ánh, kiến nghị")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select

from kiosk.errors import InvalidInput
from kiosk.models import Database, Feedback
from kiosk.services.calendar import CalendarService
from kiosk.services.feedback_types import KIND_LABELS, FeedbackKind, on_time
from kiosk.services.reports.counts import percent
from kiosk.services.reports.model import Column, ColumnKind, Row, RowKind, Section, Table
from kiosk.services.timeliness import Pending, pending

INDICATOR_NAME = "Chỉ số 8 – tiếp thu, giải trình ý kiến phản ánh, kiến nghị (Thông tư 01/2018/TT-VPCP, Điều 13)"
#: What each score means, printed under the tables so the rule can be checked against the Circular.
INDICATOR_RULE = (
    "Chỉ số 8: 2 điểm khi không có phản ánh, kiến nghị hoặc tất cả được trả lời đúng hạn; 1 điểm khi có phản ánh, "
    "kiến nghị trả lời quá hạn; 0 điểm khi còn phản ánh, kiến nghị quá hạn chưa trả lời."
)
POINT_REASONS = {
    2: "không có phản ánh, kiến nghị trả lời quá hạn",
    1: "có phản ánh, kiến nghị trả lời quá hạn",
    0: "còn phản ánh, kiến nghị quá hạn chưa trả lời",
}


@dataclass
class FeedbackTally:
    """A period's feedback of one kind (or all): every count is of distinct feedback.

    carried over + received = answered (on time + late) + open at the end (within time + overdue)."""

    carried: int = 0  # open when the period began
    received: int = 0
    on_time: int = 0  # answered in the period, on or before the deadline
    late: int = 0  # answered in the period, after the deadline
    within_time: int = 0  # still open at the end of the period (or today), deadline not passed
    overdue: int = 0  # still open, deadline passed

    @property
    def answered(self) -> int:
        return self.on_time + self.late

    @property
    def open(self) -> int:
        return self.within_time + self.overdue

    @property
    def on_time_share(self) -> int | None:
        """Answered on time over answered, whole per cent (None when nothing was answered)."""
        return percent(self.on_time, self.answered)

    @property
    def indicator8(self) -> int:
        return indicator8_points(late=self.late, overdue=self.overdue)

    def add(self, other: FeedbackTally) -> None:
        for name in ("carried", "received", "on_time", "late", "within_time", "overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class FeedbackCounts:
    first: date
    last: date
    as_of: date  # the day the open ones are judged on: the period's last day, or today while it runs
    by_kind: dict[FeedbackKind, FeedbackTally] = field(default_factory=dict)

    def kind(self, kind: FeedbackKind) -> FeedbackTally:
        return self.by_kind.get(kind, FeedbackTally())

    def total(self) -> FeedbackTally:
        total = FeedbackTally()
        for tally in self.by_kind.values():
            total.add(tally)
        return total


def indicator8_points(*, late: int, overdue: int) -> int:
    """Circular 01/2018/TT-VPCP Art. 13, indicator 8 (tiếp thu, giải trình đối với các ý kiến phản ánh, kiến nghị;
    at most 2 points), for one period.

    UNVERIFIED: the indicator's name and its 2-point maximum were seen in a provincial evaluation form, not its
    scoring rule. The rule here is the plausible one: 2 when there was no feedback or every one was answered on
    time (those still open within their deadline do not count against it); 1 when some were answered late; 0 when
    some are still unanswered past their deadline.
    """
    if overdue > 0:
        return 0
    if late > 0:
        return 1
    return 2


def count_feedback(db: Database, calendar: CalendarService, first: date, last: date) -> FeedbackCounts:
    """Each feedback counted once per column, each column by a date of its own record: carried over (open when the
    period began), received, answered on time / late (answered in the period), open within time / overdue (open
    when the period ended, judged on its last day, or today while it runs)."""
    if first > last:
        raise InvalidInput(f"Ngày bắt đầu {first:%d/%m/%Y} sau ngày kết thúc {last:%d/%m/%Y}.", field="from")
    start, end = calendar.day_bounds(first, last)
    as_of = min(last, calendar.today())
    zone = calendar.rules.zone
    by_kind: dict[FeedbackKind, FeedbackTally] = {}
    with db.read() as session:
        rows = session.execute(
            select(Feedback.kind, Feedback.received_at, Feedback.due_date, Feedback.answered_at).where(
                Feedback.received_at < end, or_(Feedback.answered_at.is_(None), Feedback.answered_at >= start)
            )
        )
        for kind, received_at, due_date, answered_at in rows:
            tally = by_kind.setdefault(FeedbackKind(kind), FeedbackTally())
            _count(tally, (start, end), as_of, received_at, due_date, answered_at, zone)
    return FeedbackCounts(first, last, as_of, by_kind)


def _count(
    tally: FeedbackTally,
    bounds: tuple[datetime, datetime],
    as_of: date,
    received_at: datetime,
    due: date,
    answered_at: datetime | None,
    zone: ZoneInfo,
) -> None:
    start, end = bounds
    if received_at < start:
        tally.carried += 1
    else:
        tally.received += 1
    if answered_at is not None and answered_at < end:
        if on_time(answered_at, due, zone):
            tally.on_time += 1
        else:
            tally.late += 1
    elif pending(as_of, due) is Pending.OVERDUE:
        tally.overdue += 1
    else:
        tally.within_time += 1


def kinds_in_order(counts: FeedbackCounts) -> Iterable[tuple[FeedbackKind, FeedbackTally]]:
    """Complaints, then suggestions (both, even when one has none)."""
    return ((kind, counts.kind(kind)) for kind in FeedbackKind)


# -- the report's section ----------------------------------------------------------------------------------------------


class Readable(Protocol):
    """What the section reads from (the report builders' ``Sources`` is one)."""

    @property
    def db(self) -> Database: ...

    @property
    def calendar(self) -> CalendarService: ...


def feedback_section(sources: Readable, first: date, last: date, heading: str) -> Section:
    """The section for the daily summary (``first == last``: a figures table that also prints on the roll) or the
    period report (a table by kind with the totals)."""
    counts = count_feedback(sources.db, sources.calendar, first, last)
    table = feedback_figures(counts) if first == last else feedback_table(counts)
    return Section(heading, lines=feedback_lines(counts), tables=(table,))


def feedback_lines(counts: FeedbackCounts) -> tuple[str, ...]:
    """The figures in words, the share answered on time and indicator 8's points."""
    total = counts.total()
    complaints, suggestions = counts.kind(FeedbackKind.COMPLAINT), counts.kind(FeedbackKind.SUGGESTION)
    end = "cuối ngày" if counts.first == counts.last else "cuối kỳ"
    share = total.on_time_share
    points = total.indicator8
    return (
        f"Tiếp nhận {total.received} phản ánh, kiến nghị ({complaints.received} phản ánh, {suggestions.received} "
        f"kiến nghị); từ trước chuyển sang {total.carried}.",
        f"Đã trả lời {total.answered}: đúng hạn {total.on_time}, quá hạn {total.late}. Đang xử lý {end} "
        f"{total.open}: trong hạn {total.within_time}, quá hạn {total.overdue}.",
        "Tỷ lệ trả lời đúng hạn: "
        + (
            "chưa có phản ánh, kiến nghị nào được trả lời."
            if share is None
            else f"{share}% ({total.on_time}/{total.answered})."
        ),
        f"{INDICATOR_NAME}: {points}/2 điểm – {POINT_REASONS[points]}.",
    )


FIGURE_COLUMNS = (Column("Chỉ tiêu", ColumnKind.TEXT, width=5.0), Column("Số phản ánh, kiến nghị"))


def feedback_figures(counts: FeedbackCounts) -> Table:
    """Label and number, one per line: the daily summary's table (the roll prints it as figures)."""
    t = counts.total()
    end = "cuối ngày" if counts.first == counts.last else "cuối kỳ"
    item, group = RowKind.ITEM, RowKind.GROUP
    rows = (
        (("Tiếp nhận mới", t.received), group),
        (("– Phản ánh", counts.kind(FeedbackKind.COMPLAINT).received), item),
        (("– Kiến nghị", counts.kind(FeedbackKind.SUGGESTION).received), item),
        (("Đã trả lời", t.answered), group),
        (("– Đúng hạn", t.on_time), item),
        (("– Quá hạn", t.late), item),
        ((f"Đang xử lý {end}", t.open), group),
        (("– Trong hạn", t.within_time), item),
        (("– Quá hạn trả lời", t.overdue), item),
    )
    return Table(
        "feedback",
        "Phản ánh, kiến nghị",
        FIGURE_COLUMNS,
        tuple(Row(cells, kind) for cells, kind in rows),
        f"Đang xử lý: tính đến {end}; quá hạn xét theo hạn trả lời. {INDICATOR_RULE}",
    )


TABLE_COLUMNS = (
    Column("Loại", ColumnKind.TEXT, width=2.2),
    Column("Kỳ trước chuyển sang", short="chuyển sang"),
    Column("Tiếp nhận trong kỳ", short="nhận"),
    Column("Đúng hạn", group="Đã trả lời", short="trả lời đúng hạn"),
    Column("Quá hạn", group="Đã trả lời", short="trả lời quá hạn"),
    Column("Trong hạn", group="Đang xử lý", short="đang xử lý trong hạn"),
    Column("Quá hạn", group="Đang xử lý", short="đang xử lý quá hạn"),
    Column("Tỷ lệ trả lời đúng hạn (%)", ColumnKind.PERCENT, width=1.3, short="đúng hạn"),
    Column("Điểm chỉ số 8", width=1.1, short="chỉ số 8"),
)


def feedback_table(counts: FeedbackCounts) -> Table:
    """Complaints, suggestions and the total, each with its columns; indicator 8 is scored on the total."""
    rows = [Row(_cells(KIND_LABELS[kind], tally, None)) for kind, tally in kinds_in_order(counts)]
    total = counts.total()
    rows.append(Row(_cells("Tổng cộng", total, total.indicator8), RowKind.TOTAL))
    return Table(
        "feedback",
        "Tiếp nhận, xử lý phản ánh, kiến nghị",
        TABLE_COLUMNS,
        tuple(rows),
        f"Đang xử lý: tính đến cuối kỳ (hoặc hôm nay nếu kỳ chưa kết thúc). {INDICATOR_RULE}",
    )


def _cells(label: str, t: FeedbackTally, points: int | None) -> tuple[str | int | None, ...]:
    return (label, t.carried, t.received, t.on_time, t.late, t.within_time, t.overdue, t.on_time_share, points)
