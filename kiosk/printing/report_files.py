"""A report as a file for other programs: JSON, CSV and an Excel workbook, from the same ``Report`` value as the PDF.

The numbers are the report's own cells, written as numbers (no formulas): the totals row is the one the report
counted. CSV is UTF-8 with a byte-order mark so that Excel reads the Vietnamese letters; each table follows the
previous one after a blank line, with its title and one heading row ("Đã giải quyết – Sớm hẹn").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import msgspec

from kiosk.services.reports.model import PERSONAL_DATA_NOTICE, Cell, ColumnKind, Report, RowKind, Table
from kiosk.text import nfc


def report_json(report: Report) -> bytes:
    """Every section, table (headings and rows) and chart, with the period as ISO dates."""
    return msgspec.json.format(msgspec.json.encode(report), indent=2) + b"\n"


def report_csv(report: Report) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([nfc(report.title)])
    writer.writerow([nfc(report.period)])
    if report.personal_data:
        writer.writerow([PERSONAL_DATA_NOTICE])
    for table in report.tables():
        writer.writerow([])
        writer.writerow([nfc(table.title)])
        writer.writerow([nfc(c.full_heading) for c in table.columns])
        for row in table.rows:
            writer.writerow([_plain(cell) for cell in row.cells])
    return out.getvalue().encode("utf-8-sig")


def _plain(cell: Cell) -> str | int | float:
    if cell is None:
        return ""
    return nfc(cell) if isinstance(cell, str) else cell


def report_xlsx(report: Report, agency: str) -> bytes:
    """One sheet per table: the agency, title, period and table title above a two-row heading, frozen below it."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    grey = PatternFill("solid", fgColor="EEEEEE")
    for table, name in zip(report.tables(), _sheet_names(report.tables()), strict=True):
        sheet = book.create_sheet(name)
        sheet.append([nfc(agency.upper())])
        sheet.append([nfc(report.title)])
        sheet.append([nfc(report.period)])
        if report.personal_data:
            sheet.append([PERSONAL_DATA_NOTICE])
        sheet.append([nfc(table.title)])
        top = sheet.max_row + 1
        for r in range(1, top):
            sheet.cell(r, 1).font = bold
        for index, column in enumerate(table.columns, start=1):
            group, heading = (column.group, column.heading) if column.group else (column.heading, "")
            sheet.cell(top, index, nfc(group))
            sheet.cell(top + 1, index, nfc(heading) if heading else None)
            for r in (top, top + 1):
                cell = sheet.cell(r, index)
                cell.font, cell.alignment, cell.border, cell.fill = bold, wrap, box, grey
            width = 48 if column.kind is ColumnKind.TEXT and column.width >= 4 else 14 + 4 * (column.width > 1.5)
            sheet.column_dimensions[get_column_letter(index)].width = width
        for first, last in _spans(table):
            if last > first:
                sheet.merge_cells(start_row=top, start_column=first + 1, end_row=top, end_column=last + 1)
        for index, column in enumerate(table.columns, start=1):
            if not column.group:
                sheet.merge_cells(start_row=top, start_column=index, end_row=top + 1, end_column=index)
        for row in table.rows:
            sheet.append([_plain(cell) if cell is not None else None for cell in row.cells])
            current = sheet.max_row
            for index, column in enumerate(table.columns, start=1):
                cell = sheet.cell(current, index)
                cell.border = box
                if column.kind is ColumnKind.SCORE:
                    cell.number_format = "0.0"
                if row.kind is not RowKind.ITEM:
                    cell.font = bold
        if table.note:
            sheet.append([])
            sheet.append([nfc(table.note)])
        sheet.freeze_panes = sheet.cell(top + 2, 2)
        sheet.row_dimensions[top + 1].height = 45
    if not book.worksheets:
        book.create_sheet("Báo cáo").append([nfc(report.title)])
    book.properties.title = nfc(report.title)
    book.properties.creator = "Quầy Một Cửa"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _spans(table: Table) -> Iterator[tuple[int, int]]:
    """Runs of neighbouring columns under the same group heading, as (first, last) indexes."""
    start = 0
    columns = table.columns
    for i in range(1, len(columns) + 1):
        if i == len(columns) or columns[i].group != columns[start].group or not columns[i].group:
            if columns[start].group:
                yield start, i - 1
            start = i


def _sheet_names(tables: list[Table]) -> list[str]:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique."""
    names: list[str] = []
    for table in tables:
        base = "".join(" " if ch in "[]:*?/\\" else ch for ch in nfc(table.title))[:28].strip() or table.key
        name, n = base, 2
        while name.lower() in (x.lower() for x in names):
            name = f"{base[:26]} ({n})"
            n += 1
        names.append(name)
    return names
