"""The queue and the guide in the supervisor's reports: waiting and service times, tickets per hour, absentees,
and the guidance slips printed per procedure."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from kiosk.services.guide import SlipCount
from kiosk.services.queue_stats import QueueStats
from kiosk.services.reports.model import Cell, Column, ColumnKind, Row, RowKind, Table

OUTCOMES = {"waiting": "Chưa được gọi", "called": "Đang phục vụ", "served": "Đã phục vụ", "absent": "Vắng mặt"}


def _minutes(value: float | None) -> Cell:
    """Minutes as computed (to the millisecond): the cell is rounded half up to one decimal where it is printed."""
    return None if value is None else round(value, 3)


def queue_figures(stats: QueueStats) -> Table:
    item, group = RowKind.ITEM, RowKind.GROUP
    rows: list[tuple[tuple[str, Cell], RowKind]] = [
        (("Số phiếu đã cấp", stats.issued), group),
        (("– Trong đó số ưu tiên", stats.priority), item),
        (("Đã gọi đến quầy", stats.called), group),
        (("– Được phục vụ", stats.served), item),
        (("– Vắng mặt khi gọi", stats.absent), item),
        (("Không được gọi (bỏ về hoặc hết giờ)", stats.not_called), group),
        (("Thời gian chờ trung bình (phút)", _minutes(stats.mean_wait)), group),
        (("Thời gian chờ lâu nhất (phút)", _minutes(stats.longest_wait)), item),
        (("Thời gian phục vụ trung bình (phút)", _minutes(stats.mean_service)), group),
        (("Thời gian phục vụ lâu nhất (phút)", _minutes(stats.longest_service)), item),
    ]
    return Table(
        "queue",
        "Số thứ tự",
        (Column("Chỉ tiêu", ColumnKind.TEXT, width=5.0), Column("Số liệu")),
        tuple(Row(cells, kind) for cells, kind in rows),
        "Thời gian chờ: từ lúc lấy số đến lần gọi đầu; thời gian phục vụ: từ lần gọi đầu đến khi gọi số tiếp theo "
        "(hoặc báo vắng mặt). Phiếu chưa ghi được lúc kết thúc không tính thời gian phục vụ.",
    )


def queue_hours(stats: QueueStats, days: int) -> Table:
    """Tickets taken in each hour of the day; over a period, also the mean per working day that had tickets."""
    columns = [
        Column("Giờ lấy số", ColumnKind.TEXT, width=1.6),
        Column("Số phiếu", short="phiếu"),
        Column("Đã gọi", short="gọi"),
        Column("Chờ trung bình (phút)", ColumnKind.SCORE, short="chờ TB"),
    ]
    if days > 1:
        columns.insert(2, Column("Trung bình mỗi ngày", ColumnKind.SCORE, short="TB/ngày"))
    rows = []
    for hour in stats.hours:
        cells: list[Cell] = [f"{hour.hour:02d}:00–{hour.hour + 1:02d}:00", hour.issued, hour.called]
        cells.append(_minutes(hour.mean_wait))
        if days > 1:
            cells.insert(2, round(hour.issued / days, 3))
        rows.append(Row(tuple(cells)))
    total: list[Cell] = ["Cả ngày" if days == 1 else "Cả kỳ", stats.issued, stats.called, _minutes(stats.mean_wait)]
    if days > 1:
        total.insert(2, round(stats.issued / days, 3))
    rows.append(Row(tuple(total), RowKind.TOTAL))
    note = "" if stats.hours else "Không có phiếu số thứ tự nào."
    if days > 1:
        note = (note + f" Trung bình mỗi ngày: chia cho {days} ngày có cấp số.").strip()
    return Table("queue_hours", "Số phiếu theo giờ", tuple(columns), tuple(rows), note)


def queue_tickets(stats: QueueStats, zone: ZoneInfo) -> Table:
    """Every ticket of the day with its waiting and service time (A4 and files only: too long for the roll)."""
    rows = []
    for entry in stats.times:
        t = entry.ticket
        called = t.called_at.astimezone(zone).strftime("%H:%M") if t.called_at else None
        rows.append(
            Row(
                (
                    t.label,
                    t.group_label + (" (ưu tiên)" if t.priority else ""),
                    t.issued_at.astimezone(zone).strftime("%H:%M"),
                    called,
                    _minutes(entry.wait),
                    _minutes(entry.service),
                    OUTCOMES[t.state.value],
                )
            )
        )
    return Table(
        "queue_tickets",
        "Từng phiếu số thứ tự",
        (
            Column("Số", ColumnKind.TEXT, width=0.8),
            Column("Dịch vụ", ColumnKind.TEXT, width=2.6),
            Column("Lấy số", ColumnKind.TEXT),
            Column("Gọi lúc", ColumnKind.TEXT),
            Column("Chờ (phút)", ColumnKind.SCORE),
            Column("Phục vụ (phút)", ColumnKind.SCORE),
            Column("Kết quả", ColumnKind.TEXT, width=1.6),
        ),
        tuple(rows),
        "" if rows else "Không có phiếu số thứ tự nào.",
        on_roll=False,
    )


def guide_slips(counts: Sequence[SlipCount]) -> Table:
    rows = [Row((c.name, c.count)) for c in counts]
    rows.append(Row(("Tổng cộng", sum(c.count for c in counts)), RowKind.TOTAL))
    return Table(
        "guide_slips",
        "Phiếu hướng dẫn thủ tục đã in",
        (Column("Thủ tục", ColumnKind.TEXT, width=6.0), Column("Số phiếu")),
        tuple(rows),
        "" if counts else "Chưa in phiếu hướng dẫn nào.",
    )
