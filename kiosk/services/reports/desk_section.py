"""The section of the daily and period reports about the citizen side of the desk: the queue (waiting and service
times, tickets per hour, absentees) and the procedure guides handed out."""

from __future__ import annotations

from datetime import date

from kiosk.services.queue import tickets_between
from kiosk.services.queue_stats import QueueStats, queue_stats
from kiosk.services.reports.model import Cell, Section, Table, cell_text
from kiosk.services.reports.model import ColumnKind as Kind
from kiosk.services.reports.queue_tables import guide_slips, queue_figures, queue_hours, queue_tickets
from kiosk.services.reports.sources import Sources


def desk_section(heading: str, sources: Sources, first: date, last: date, *, daily: bool) -> Section:
    zone = sources.calendar.rules.zone
    with sources.db.read() as session:
        tickets = tickets_between(session, first, last)
    stats = queue_stats(tickets, zone)
    start, end = sources.calendar.day_bounds(first, last)
    slips = sources.guide.slips_per_procedure(start, end)
    days = max(len({t.day for t in tickets}), 1)
    tables: list[Table] = [queue_figures(stats), queue_hours(stats, 1 if daily else days)]
    if daily:
        tables.append(queue_tickets(stats, zone))
    tables.append(guide_slips(slips))
    return Section(heading, lines=_lines(stats, sum(s.count for s in slips)), tables=tuple(tables))


def _lines(stats: QueueStats, slips: int) -> tuple[str, ...]:
    if not stats.issued:
        queue = "Không có phiếu số thứ tự nào."
    else:
        queue = (
            f"Cấp {stats.issued} phiếu số thứ tự ({stats.priority} ưu tiên); gọi {stats.called}, vắng mặt "
            f"{stats.absent}, không được gọi {stats.not_called}. Chờ trung bình {_min(stats.mean_wait)} phút, "
            f"phục vụ trung bình {_min(stats.mean_service)} phút."
        )
    return (queue, f"Phiếu hướng dẫn thủ tục đã in: {slips}.")


def _min(value: float | None) -> str:
    cell: Cell = None if value is None else round(value, 3)
    return cell_text(cell, Kind.SCORE)
