"""The yearly ledger (Sổ theo dõi hồ sơ) as a report table, for the XLSX, CSV and JSON files; its PDF is the
official form (:mod:`kiosk.printing.ledger_pdf`)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.services.ledger_book import LEDGER_COLUMNS, LEDGER_DATE_GROUP, LEDGER_DATES, LedgerBook
from kiosk.services.reports.model import Column, ColumnKind, Report, ReportKind, Row, Section, Table

_SIGNATURE = "Ký nhận"  # a column for a pen, not for a file
_NUMBERS = ("STT", "Số lượng hồ sơ (bộ)")


def ledger_report(book: LedgerBook, zone: ZoneInfo, made_at: datetime, made_by: str, name: str) -> Report:
    def at(value: datetime | None) -> str:
        return value.astimezone(zone).strftime("%H:%M %d/%m/%Y") if value else ""

    def day(value: date | None) -> str:
        return f"{value:%d/%m/%Y}" if value else ""

    columns = tuple(
        Column(
            heading,
            ColumnKind.COUNT if heading in _NUMBERS else ColumnKind.TEXT,
            group=LEDGER_DATE_GROUP if index in LEDGER_DATES else "",
            width=mm / 9.5,  # in report units: a count is about 1, the procedure name 4
        )
        for index, (heading, mm) in enumerate(LEDGER_COLUMNS)
        if heading != _SIGNATURE
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
        personal_data=True,
    )
