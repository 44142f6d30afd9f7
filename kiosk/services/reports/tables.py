"""The tables the builders share: dossiers by field and procedure, and the satisfaction per criterion."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from uuid import UUID

from kiosk.services.reports.counts import ProcedureKey, ProcedureName, Tally
from kiosk.services.reports.model import Cell, Column, ColumnKind, Row, RowKind, Table
from kiosk.services.survey_questions import LEVEL_LABELS, RATED_LEVELS, Level
from kiosk.services.survey_stats import SurveyTally
from kiosk.text import fold

RECEIVED, RESOLVED, PENDING, ENDED = "Số hồ sơ nhận giải quyết", "Đã giải quyết", "Đang giải quyết", "Không giải quyết"

#: The period table's columns after the name, and how each is read off a tally.
TALLY_COLUMNS: tuple[tuple[Column, Callable[[Tally], Cell]], ...] = (
    (Column("Tổng số", group=RECEIVED), lambda t: t.total),
    (Column("Kỳ trước chuyển sang", group=RECEIVED, width=1.4), lambda t: t.carried),
    (Column("Mới tiếp nhận", group=RECEIVED, short="nhận mới"), lambda t: t.received),
    (Column("Tổng số", group=RESOLVED, short="giải quyết"), lambda t: t.resolved),
    (Column("Sớm hẹn", group=RESOLVED, short="sớm"), lambda t: t.early),
    (Column("Đúng hẹn", group=RESOLVED, short="đúng"), lambda t: t.on_time),
    (Column("Trễ hẹn", group=RESOLVED, short="trễ"), lambda t: t.late),
    (Column("Không quy định thời hạn", group=RESOLVED, width=1.4), lambda t: t.no_limit),
    (Column("Trong đó: hẹn lại", group=RESOLVED, width=1.2), lambda t: t.reappointed),
    (Column("Trong đó: từ chối", group=RESOLVED, width=1.2), lambda t: t.refused),
    (Column("Tổng số", group=PENDING), lambda t: t.pending),
    (Column("Trong hạn", group=PENDING), lambda t: t.within_time),
    (Column("Quá hạn", group=PENDING, short="quá hạn"), lambda t: t.overdue),
    (Column("Chờ bổ sung", group=PENDING), lambda t: t.waiting),
    (Column("Rút hồ sơ", group=ENDED, short="rút"), lambda t: t.withdrawn),
    (Column("Dừng, đóng", group=ENDED, short="dừng, đóng"), lambda t: t.stopped),
    (Column("Đã trả kết quả", short="trả"), lambda t: t.returned),
    (Column("Tỷ lệ đúng hạn (%)", ColumnKind.PERCENT, short="đúng hạn"), lambda t: t.on_time_share),
)

TALLY_NOTE = (
    "Sớm hẹn / đúng hẹn / trễ hẹn: ngày có kết quả trước / đúng / sau ngày hẹn, xét theo ngày hẹn ban đầu (hồ sơ hẹn "
    "lại vẫn xét theo ngày hẹn đầu và được đếm thêm ở cột «hẹn lại»). Đang giải quyết: tính đến hết ngày cuối kỳ; "
    "chờ bổ sung thì tạm dừng tính thời hạn. Tỷ lệ đúng hạn = (sớm hẹn + đúng hẹn) / hồ sơ đã giải quyết có quy "
    "định thời hạn. Không tính hồ sơ đã huỷ do nhập nhầm."
)


#: What the roll prints of a procedure's line: received, resolved (early, on time, late), returned, ended.
ROLL_COLUMNS = (3, 4, 5, 6, 7, 17, 15, 16)


def tally_cells(name: str, tally: Tally) -> tuple[Cell, ...]:
    return (name, *(read(tally) for _c, read in TALLY_COLUMNS))


def procedure_table(
    key: str,
    title: str,
    tallies: Mapping[ProcedureKey, Tally],
    names: Mapping[UUID, ProcedureName],
    *,
    keep: Callable[[Tally], bool] = lambda _t: True,
    roll_columns: tuple[int, ...] = (),
) -> Table:
    """Fields in alphabetical order (diacritics folded), each a bold subtotal row over its procedures; the total."""
    by_field: dict[str, list[tuple[ProcedureName, Tally]]] = {}
    for k, tally in tallies.items():
        if keep(tally):
            name = names.get(k.procedure_id, ProcedureName("?", "(thủ tục không còn trong danh mục)"))
            by_field.setdefault(k.field, []).append((name, tally))
    rows: list[Row] = []
    grand = Tally()
    for number, field in enumerate(sorted(by_field, key=fold), start=1):
        subtotal = Tally()
        items = sorted(by_field[field], key=lambda item: fold(item[0].name))
        for _name, tally in items:
            subtotal.add(tally)
        grand.add(subtotal)
        rows.append(Row(tally_cells(f"{_roman(number)}. Lĩnh vực {field}", subtotal), RowKind.GROUP))
        rows += [Row(tally_cells(f"{i}. {n.name} ({n.code})", t)) for i, (n, t) in enumerate(items, start=1)]
    rows.append(Row(tally_cells("Tổng cộng", grand), RowKind.TOTAL))
    columns = (Column("Lĩnh vực, thủ tục hành chính", ColumnKind.TEXT, width=5.5), *(c for c, _r in TALLY_COLUMNS))
    return Table(key, title, columns, tuple(rows), TALLY_NOTE, roll_columns)


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def satisfaction_table(key: str, title: str, tally: SurveyTally) -> Table:
    """Per criterion: each level's count, "không áp dụng", the rated answers and the share satisfied."""
    columns = (
        Column("Tiêu chí", ColumnKind.TEXT, width=4.0),
        *(Column(LEVEL_LABELS[level], group="Số phiếu theo mức") for level in RATED_LEVELS),
        Column(LEVEL_LABELS[Level.NOT_APPLICABLE], group="Số phiếu theo mức"),
        Column("Số phiếu trả lời", short="phiếu"),
        Column("Tỷ lệ hài lòng (%)", ColumnKind.PERCENT, short="hài lòng"),
    )
    rows = tuple(
        Row(
            (
                f"({n}) {c.label}",
                *(c.counts[level] for level in RATED_LEVELS),
                c.not_applicable,
                c.satisfaction.answered,
                c.satisfaction.percent,
            )
        )
        for n, c in enumerate(tally.criteria, start=1)
    )
    note = (
        "Tỷ lệ hài lòng = (Rất hài lòng + Hài lòng) / số phiếu trả lời câu hỏi đó; «Không áp dụng» không tính. "
        "Phiếu đánh giá không gắn với hồ sơ hay người nộp (bảo mật theo Nghị định 61/2018, Điều 27)."
    )
    return Table(key, title, columns, rows, note, roll_columns=(len(columns) - 2, len(columns) - 1))
