"""The queue and the guide in the daily summary and the period report, against days computed by hand."""

from __future__ import annotations

from datetime import date

from kiosk.clock import FixedClock
from kiosk.context import KioskContext
from kiosk.printing.documents import Figures
from kiosk.services.reports.model import Report, Table, cell_text
from kiosk.services.users import Actor
from tests.helpers import local

DESK = "Quầy 1"


def at(clock: FixedClock, day: int, hour: int, minute: int) -> None:
    clock.set(local(2026, 11, day, hour, minute))


def a_morning(ctx: KioskContext, clock: FixedClock, clerk: Actor, day: int = 25) -> None:
    """The five tickets of tests/services/test_queue.py: waits 20, 22, 5, 10 (mean 14.25); services 10, 18, 2."""
    at(clock, day, 7, 40)
    ctx.queue.take("submit")
    at(clock, day, 7, 50)
    ctx.queue.take("collect")
    at(clock, day, 8, 0)
    ctx.queue.call_next(counter=DESK, by=clerk)
    at(clock, day, 8, 5)
    ctx.queue.take("submit", priority=True)
    at(clock, day, 8, 10)
    ctx.queue.call_next(counter=DESK, by=clerk)
    at(clock, day, 8, 12)
    ctx.queue.call_next(counter=DESK, by=clerk, absent=True)
    at(clock, day, 8, 20)
    ctx.queue.take("ask")
    at(clock, day, 8, 30)
    ctx.queue.call_next(counter=DESK, by=clerk)
    at(clock, day, 8, 40)
    ctx.queue.take("submit")


def values(table: Table) -> dict[str, object]:
    return {str(row.cells[0]): row.cells[1] for row in table.rows}


def cells(table: Table) -> list[tuple[object, ...]]:
    return [row.cells for row in table.rows]


def test_the_daily_summary_has_the_queue_and_the_guides(
    ctx: KioskContext, clock: FixedClock, clerk: Actor, supervisor: Actor
) -> None:
    a_morning(ctx, clock, clerk)
    at(clock, 25, 9, 0)
    for code in ("1.010020", "1.010020", "2.001914"):
        ctx.guide.record_slip(code, source="screen", by=None)
    at(clock, 24, 9, 0)
    ctx.guide.record_slip("2.001914", source="desk", by=clerk)  # the day before: not in this summary
    at(clock, 25, 17, 0)
    report = ctx.reports.daily(date(2026, 11, 25), by=supervisor)
    assert values(report.table("queue")) == {
        "Số phiếu đã cấp": 5,
        "– Trong đó số ưu tiên": 1,
        "Đã gọi đến quầy": 4,
        "– Được phục vụ": 3,
        "– Vắng mặt khi gọi": 1,
        "Không được gọi (bỏ về hoặc hết giờ)": 1,
        "Thời gian chờ trung bình (phút)": 14.25,
        "Thời gian chờ lâu nhất (phút)": 22.0,
        "Thời gian phục vụ trung bình (phút)": 10.0,
        "Thời gian phục vụ lâu nhất (phút)": 18.0,
    }
    assert cells(report.table("queue_hours")) == [
        ("07:00–08:00", 2, 2, 21.0),
        ("08:00–09:00", 3, 2, 7.5),
        ("Cả ngày", 5, 4, 14.25),
    ]
    # Printed half up, as people round: "14,3" on the roll and in the files.
    queue = report.table("queue")
    assert cell_text(queue.rows[6].cells[1], queue.columns[1].kind) == "14,3"
    assert cells(report.table("queue_tickets")) == [
        ("001", "Nộp hồ sơ", "07:40", "08:00", 20.0, 10.0, "Đã phục vụ"),
        ("002", "Nhận kết quả", "07:50", "08:12", 22.0, 18.0, "Đã phục vụ"),
        ("003", "Nộp hồ sơ (ưu tiên)", "08:05", "08:10", 5.0, 2.0, "Vắng mặt"),
        ("004", "Hỏi, hướng dẫn thủ tục", "08:20", "08:30", 10.0, None, "Đang phục vụ"),
        ("005", "Nộp hồ sơ", "08:40", None, None, None, "Chưa được gọi"),
    ]
    assert cells(report.table("guide_slips")) == [
        ("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", 2),
        ("Chỉnh sửa nội dung văn bằng, chứng chỉ", 1),
        ("Tổng cộng", 3),
    ]
    roll = ctx.reports.roll(report)
    headings = [b.heading for b in roll.blocks if isinstance(b, Figures)]
    assert "Số thứ tự" in headings and "Phiếu hướng dẫn thủ tục đã in" in headings
    assert "Từng phiếu số thứ tự" not in headings  # one line per ticket: A4 and files only
    assert "Từng phiếu số thứ tự" in _pdf_text(ctx, report)


def test_the_period_report_counts_tickets_per_hour_over_the_days(
    ctx: KioskContext, clock: FixedClock, clerk: Actor, supervisor: Actor
) -> None:
    a_morning(ctx, clock, clerk, day=24)
    a_morning(ctx, clock, clerk, day=25)
    report = ctx.reports.period(date(2026, 11, 1), date(2026, 11, 30), by=supervisor)
    figures = values(report.table("queue"))
    assert figures["Số phiếu đã cấp"] == 10 and figures["Thời gian chờ trung bình (phút)"] == 14.25
    assert cells(report.table("queue_hours")) == [
        ("07:00–08:00", 4, 2.0, 4, 21.0),
        ("08:00–09:00", 6, 3.0, 4, 7.5),
        ("Cả kỳ", 10, 5.0, 8, 14.25),
    ]
    assert "queue_tickets" not in [t.key for t in report.tables()]
    section = next(s for s in report.sections if s.heading.startswith("IV."))
    assert section.lines[0] == (
        "Cấp 10 phiếu số thứ tự (2 ưu tiên); gọi 8, vắng mặt 2, không được gọi 2. Chờ trung bình 14,3 phút, "
        "phục vụ trung bình 10,0 phút."
    )


def test_a_day_without_tickets_says_so(ctx: KioskContext, supervisor: Actor) -> None:
    report = ctx.reports.daily(date(2026, 11, 25), by=supervisor)
    section = next(s for s in report.sections if s.heading.startswith("V."))
    assert section.lines == ("Không có phiếu số thứ tự nào.", "Phiếu hướng dẫn thủ tục đã in: 0.")
    assert report.table("queue_hours").note == "Không có phiếu số thứ tự nào."


def _pdf_text(ctx: KioskContext, report: Report) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(ctx.reports.render(report, "pdf"))
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
