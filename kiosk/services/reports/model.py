"""What a report says, independent of the paper or file it goes to.

A report is a title, its period and sections; a section holds lines of text, tables and bar charts. The PDF, the
XLSX workbook, the CSV file, the JSON document and the thermal roll are all drawn from one ``Report`` value, so the
same report carries the same numbers in every format: the builders count, the exporters only lay out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

#: A table cell: text, a count, a whole per cent, a score with one decimal, or nothing (shown empty / "–").
Cell = str | int | float | None
DASH = "–"


class ReportKind(StrEnum):
    DAILY = "daily"
    PERIOD = "period"
    SURVEY = "survey"
    LEDGER = "ledger"


class RowKind(StrEnum):
    ITEM = "item"
    GROUP = "group"  # a field's heading row, carrying the field's subtotals; printed bold
    TOTAL = "total"  # the totals row; printed bold


class ColumnKind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    PERCENT = "percent"  # a whole per cent, None where the share has no denominator
    SCORE = "score"  # one decimal


@dataclass(frozen=True)
class Column:
    heading: str
    kind: ColumnKind = ColumnKind.COUNT
    #: A heading spanning this column and its neighbours that share it ("Đã giải quyết" over three columns).
    group: str = ""
    #: Relative width on paper (a count is 1; names are wider).
    width: float = 1.0
    #: A few words for the thermal roll, where there is no room for headings ("trễ hẹn").
    short: str = ""

    @property
    def full_heading(self) -> str:
        """The heading with its group, for files that have one heading row (CSV): "Đã giải quyết – Sớm hẹn"."""
        return f"{self.group} – {self.heading}" if self.group else self.heading


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    kind: RowKind = RowKind.ITEM


@dataclass(frozen=True)
class Table:
    key: str  # a stable name: the JSON key and the XLSX sheet
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    #: Printed under the table: what the columns mean, where the rule is not obvious.
    note: str = ""
    #: The columns the thermal roll prints, by index (empty: all of them).
    roll_columns: tuple[int, ...] = ()
    #: False for a table too long for the roll and the terminal (one row per ticket): A4 and files only.
    on_roll: bool = True

    def column(self, heading: str) -> int:
        """The index of the column with this full heading (the test and the CLI look numbers up by heading)."""
        return next(i for i, c in enumerate(self.columns) if c.full_heading == heading)

    def total(self) -> Row | None:
        return next((r for r in self.rows if r.kind is RowKind.TOTAL), None)


@dataclass(frozen=True)
class BarChart:
    """Bars from 0 to ``maximum``: the share on time per month, the satisfaction per criterion."""

    key: str
    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]  # None: nothing to show for that bar (no dossier resolved that month)
    captions: tuple[str, ...]  # written on or above each bar: "93% (28/30)"
    maximum: float = 100.0
    unit: str = "%"


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[BarChart, ...] = ()


#: Printed at the top of every file that carries citizens' personal data (Decree 13/2023/NĐ-CP).
PERSONAL_DATA_NOTICE = (
    "Tài liệu có dữ liệu cá nhân của người nộp hồ sơ (Nghị định 13/2023/NĐ-CP): chỉ dùng cho công việc, "
    "không chia sẻ ra ngoài, xoá khi hết cần."
)


@dataclass(frozen=True)
class Report:
    kind: ReportKind
    title: str  # "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ"
    period: str  # "Từ ngày 01/10/2026 đến ngày 31/12/2026"
    first: date
    last: date
    made_at: datetime  # local time, naive: when the figures were read
    made_by: str  # the full name printed under "NGƯỜI LẬP BIỂU"
    sections: tuple[Section, ...]
    landscape: bool = False
    file_stem: str = field(default="bao-cao")  # "bao-cao-ngay-2026-11-25": the name a saved file gets
    book: int = 0  # the yearly ledger's book number (its PDF is the official form of that book)
    #: Citizens' names, addresses or phones in the rows (the ledger): the files say so, and saving one is logged.
    personal_data: bool = False

    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables() if t.key == key)

    def charts(self) -> list[BarChart]:
        return [c for s in self.sections for c in s.charts]


def cell_text(value: Cell, kind: ColumnKind) -> str:
    """A cell as printed: "93%", "5,3" (a comma before the decimal), "1.250" (a dot between thousands), "–" for
    a number that is not there."""
    if value is None:
        return "" if kind is ColumnKind.TEXT else DASH
    if isinstance(value, str) or kind is ColumnKind.TEXT:
        return str(value)
    if kind is ColumnKind.PERCENT:
        return f"{_half_up(value, '1')}%"
    if kind is ColumnKind.SCORE or not float(value).is_integer():
        return _half_up(value, "0.1").replace(".", ",")
    return f"{int(value):,}".replace(",", ".")


def _half_up(value: float, unit: str) -> str:
    """Rounded as people round (5,25 → 5,3), from the number as written rather than its binary neighbour."""
    return str(Decimal(repr(value)).quantize(Decimal(unit), rounding=ROUND_HALF_UP))
