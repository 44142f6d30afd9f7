"""The yearly ledger (Sổ theo dõi hồ sơ) as a report table, for the XLSX, CSV and JSON files; its PDF is the
official form (:mod:`kiosk.printing.ledger_pdf`)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.services.ledger_book import LedgerBook
from kiosk.services.reports.model import Column, ColumnKind, Report, ReportKind, Row, Section, Table

_DATES = "Ngày, tháng, năm"


def ledger_report(book: LedgerBook, zone: ZoneInfo, made_at: datetime, made_by: str, name: str) -> Report:
    def at(value: datetime | None) -> str:
        return value.astimezone(zone).strftime("%H:%M %d/%m/%Y") if value else ""

    def day(value: date | None) -> str:
        return f"{value:%d/%m/%Y}" if value else ""

    text = ColumnKind.TEXT
    columns = (
        Column("STT", width=0.6),
        Column("Mã hồ sơ", text, width=2.5),
        Column("Tên thủ tục hành chính", text, width=4.0),
        Column("Số lượng hồ sơ (bộ)", width=0.8),
        Column("Tên cá nhân, tổ chức", text, width=2.5),
        Column("Địa chỉ, số điện thoại", text, width=2.5),
        Column("Cơ quan chủ trì giải quyết", text, width=2.0),
        Column("Nhận hồ sơ", text, group=_DATES, width=1.5),
        Column("Hẹn trả kết quả", text, group=_DATES, width=1.5),
        Column("Chuyển hồ sơ đến cơ quan giải quyết", text, group=_DATES, width=1.5),
        Column("Nhận kết quả từ cơ quan giải quyết", text, group=_DATES, width=1.5),
        Column("Trả kết quả cho cá nhân, tổ chức", text, group=_DATES, width=1.5),
        Column("Ghi chú", text, width=2.0),
    )
    rows = tuple(
        Row(
            (
                e.number,
                e.code,
                e.procedure,
                e.sets,
                e.applicant,
                e.contact,
                e.office,
                at(e.received_at),
                day(e.due_date),
                at(e.forwarded_at),
                at(e.result_at),
                at(e.returned_at),
                e.note,
            )
        )
        for e in book.entries
    )
    first, last = date(book.year, 1, 1), date(book.year, 12, 31)
    table = Table("ledger", f"{name} năm {book.year}, quyển số {book.book:02d}", columns, rows)
    return Report(
        kind=ReportKind.LEDGER,
        title=name.upper(),
        period=f"Năm {book.year}, quyển số {book.book:02d}",
        first=first,
        last=last,
        made_at=made_at,
        made_by=made_by,
        sections=(Section("", tables=(table,)),),
        landscape=True,
        file_stem=f"so-theo-doi-ho-so-{book.year}-quyen-{book.book:02d}",
        book=book.book,
    )
