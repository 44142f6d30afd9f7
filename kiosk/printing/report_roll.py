"""A report on the thermal roll: the daily summary handed over at closing time, in the receipt's pipeline.

An 80 mm roll has room for a label and a number, not for a table of twenty columns: a two-column table prints
as figures (the label on the left, the number at the right edge), a wider one as one line per row with
the figures the table chose for the roll, zeros left out; group and total lines bold.
"""

from __future__ import annotations

from kiosk.config import OfficeSettings
from kiosk.printing.documents import Block, Document, Figures, Paragraph, Rule, header_lines
from kiosk.services.reports.model import Cell, Column, ColumnKind, Report, RowKind, Table, cell_text


def report_roll(report: Report, office: OfficeSettings) -> Document:
    blocks: list[Block] = [Paragraph(report.period)]
    for section in report.sections:
        blocks.append(Rule())
        if section.heading:
            blocks.append(Paragraph(section.heading.upper()))
        blocks += [Paragraph(line) for line in section.lines]
        blocks += [_table(table) for table in section.tables if table.on_roll]
    blocks.append(Rule())
    blocks.append(Paragraph(f"Lập lúc {report.made_at:%H:%M ngày %d/%m/%Y}, người lập: {report.made_by}"))
    return Document(
        kind=f"report_{report.kind.value}",
        header=header_lines(office),
        title=report.title,
        blocks=tuple(blocks),
        footer=(),
    )


def _table(table: Table) -> Figures:
    if len(table.columns) == 2 and table.columns[0].kind is ColumnKind.TEXT:
        return Figures(
            table.title,
            tuple((str(r.cells[0]), text(r.cells[1], table.columns[1])) for r in table.rows),
            tuple(r.kind is not RowKind.ITEM for r in table.rows),
        )
    wanted = table.roll_columns or tuple(range(1, len(table.columns)))
    if not table.rows:
        return Figures(table.title, ((table.note or "Không có.", ""),))
    numbered = table.columns[0].kind is not ColumnKind.TEXT
    return Figures(
        table.title,
        tuple((f"{n}. " * numbered + _line(table, row.cells, wanted), "") for n, row in enumerate(table.rows, start=1)),
        tuple(row.kind is not RowKind.ITEM for row in table.rows),
    )


def _line(table: Table, cells: tuple[Cell, ...], wanted: tuple[int, ...]) -> str:
    parts = []
    for index in wanted:
        column, cell = table.columns[index], cells[index]
        if cell in (None, 0, ""):
            continue
        label = column.short or column.full_heading.lower()
        parts.append(f"{label} {text(cell, column)}" if column.kind is not ColumnKind.TEXT else text(cell, column))
    if table.columns[0].kind is not ColumnKind.TEXT:  # a running number: the roll numbers the lines itself
        return " – ".join(parts)
    name = "" if cells[0] is None else text(cells[0], table.columns[0])
    return f"{name}: {'; '.join(parts)}" if parts else f"{name}: không phát sinh"


def text(cell: Cell, column: Column) -> str:
    return cell_text(cell, column.kind)


def report_text(report: Report) -> str:
    """The report for a terminal: the roll's lines, figures aligned."""
    out = [report.title, report.period]
    for section in report.sections:
        out += ["", section.heading] if section.heading else [""]
        out += list(section.lines)
        for table in (t for t in section.tables if t.on_roll):
            block = _table(table)
            out.append(f"{block.heading}:")
            width = max((len(label) for label, value in block.rows if value), default=0)
            out += [f"  {label:<{width}}  {value:>6}" if value else f"  {label}" for label, value in block.rows]
    out += ["", f"Lập lúc {report.made_at:%H:%M ngày %d/%m/%Y}, người lập: {report.made_by}"]
    return "\n".join(out) + "\n"
