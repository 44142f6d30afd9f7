"""The reports' numbers against a December worked out by hand, one dossier per case.

The story (2.001914: 5 working days; DP-0018: 3; DP-0200: no fixed limit), every step at the time it happened:

    K  received 2/11, result 5/11                         → November only
    A  received 27/11, result 3/12 (due 4/12), returned 7/12 → carried over; early; returned
    L  received 30/11, stopped 10/12                      → carried over; stopped
    B  received 1/12 by Lan, result 8/12 at 17:00 (due 8/12, after the cut-off) → on time; returned 9/12
    C  received 1/12 (due 8/12), re-appointed to 10/12, refused 10/12 → late (original date); re-appointed; refused
    H  received 1/12, withdrawn 4/12                      → withdrawn
    I  received 1/12, voided the same day                 → nowhere
    J  DP-0200 received 1/12, result 15/12                → no fixed limit
    D  DP-0018 received 2/12, supplement asked 3/12, never came → waiting at the end
    E  DP-0018 received 2/12, supplement asked 3/12, came 4/12 (new due 9/12), result 9/12 → on time
    F  DP-0018 received 2/12 (due 7/12), still in process → overdue at the end
    G  DP-0018 received 30/12, due 5/1/2027 over the New Year holiday → within time at the end

December by hand: carried 2, received 8, resolved 5 (early 1, on time 2, late 1, no limit 1; re-appointed 1,
refused 1), returned 2 (A, B), withdrawn 1, stopped 1, pending 3 (within 1, overdue 1, waiting 1);
2 + 8 = 5 + 1 + 1 + 3.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import msgspec
import pytest
from openpyxl import load_workbook

from kiosk.clock import FixedClock
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput, PermissionDenied
from kiosk.services.catalog_types import DocumentSpec, LimitKind, ProcedureSpec
from kiosk.services.dossier_views import Applicant
from kiosk.services.guidance import GuidanceInput
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.reports.counts import percent
from kiosk.services.reports.model import Report, RowKind, Table
from kiosk.services.reports.periods import Preset, months_of, preset_period, previous, quarters_of
from kiosk.services.reports.service import ReportFormat
from kiosk.services.states import DossierState
from kiosk.services.users import Actor
from tests.helpers import local

S = DossierState
AN = Applicant("person", "Nguyễn Văn An", "0912345678")


class Desk:
    def __init__(self, ctx: KioskContext, clock: FixedClock, admin: Actor, clerk: Actor) -> None:
        self.ctx, self.clock, self.admin, self.clerk = ctx, clock, admin, clerk
        self.codes: dict[str, str] = {}

    def at(self, month: int, day: int, hour: int = 9, minute: int = 0, year: int = 2026) -> Desk:
        self.clock.set(local(year, month, day, hour, minute))
        return self

    def register(self, name: str, procedure: str = "2.001914", *, by: Actor | None = None) -> date | None:
        view = self.ctx.registration.register(RegistrationInput(procedure, AN), by=by or self.admin)
        self.codes[name] = view.code
        return view.due_date

    def move(self, name: str, to: DossierState, *, by: Actor | None = None, **extra: object) -> None:
        self.ctx.lifecycle.move(self.codes[name], MoveInput(to, **extra), by=by or self.admin)  # type: ignore[arg-type]


@pytest.fixture
def december(ctx: KioskContext, clock: FixedClock, admin: Actor, clerk: Actor) -> Desk:
    ctx.registration.guard = None  # a history written out of order, by hand: the clock guard has its own tests
    paper = (DocumentSpec("Đơn đề nghị"),)
    spec = ProcedureSpec("DP-0200", "Thủ tục không hạn", "Khác", limit_kind=LimitKind.NONE, documents=paper)
    ctx.catalog.save(spec, by=admin)
    settings = ctx.settings
    ctx.change_settings(
        msgspec.structs.replace(settings, survey=msgspec.structs.replace(settings.survey, extra_questions=True))
    )
    desk = Desk(ctx, clock, admin, clerk)
    office = {"office": "Phòng Khảo thí"}
    desk.at(11, 2).register("K")
    desk.move("K", S.IN_PROCESS, **office)
    desk.at(11, 5, 10).move("K", S.RESULT_READY, outcome="approved")
    assert desk.at(11, 27).register("A") == date(2026, 12, 4)
    desk.move("A", S.IN_PROCESS, **office)
    desk.at(11, 30).register("L")
    desk.move("L", S.IN_PROCESS, **office)
    desk.at(12, 1)
    assert desk.register("B", by=clerk) == date(2026, 12, 8)
    desk.move("B", S.IN_PROCESS, by=clerk, **office)
    desk.register("C")
    desk.move("C", S.IN_PROCESS, **office)
    desk.register("H")
    desk.register("I")
    ctx.corrections.void(desk.codes["I"], "Nhập nhầm thủ tục", by=admin)
    assert desk.register("J", "DP-0200") is None
    desk.move("J", S.IN_PROCESS, **office)
    ctx.guidance.record(
        GuidanceInput("supplement", "Lê Thị Bé", "Thiếu bản sao", procedure_code="2.001914", missing=("Bản sao",)),
        by=clerk,
    )
    ctx.guidance.record(GuidanceInput("refusal", "Lê Văn Cư", "Không thuộc thẩm quyền"), by=clerk)
    desk.at(12, 2)
    for name in "DEF":
        assert desk.register(name, "DP-0018") == date(2026, 12, 7)
        desk.move(name, S.IN_PROCESS, **office)
    desk.at(12, 3, 10).move("A", S.RESULT_READY, outcome="approved")
    for name in "DE":
        desk.move(name, S.SUPPLEMENT_REQUESTED, reason="Thiếu học bạ", missing=("Học bạ",))
    desk.at(12, 4).move("E", S.IN_PROCESS)
    assert ctx.search.show(desk.codes["E"]).due_date == date(2026, 12, 9)
    desk.move("H", S.WITHDRAWN, reason="Người nộp xin rút")
    desk.at(12, 7).move("A", S.RETURNED, by=clerk)
    ticket = ctx.survey.issue(desk.codes["A"], by=clerk)
    ctx.survey.close(ticket, {"procedure": "satisfied", "official": "very_satisfied", "visits": "1", "agencies": "1"})
    ctx.lifecycle.reappoint(desk.codes["C"], date(2026, 12, 10), "Cần xác minh thêm", by=admin)
    desk.at(12, 8, 17).move("B", S.RESULT_READY, by=clerk, outcome="approved")
    desk.at(12, 9, 10).move("B", S.RETURNED, by=clerk)
    ticket = ctx.survey.issue(desk.codes["B"], by=clerk)
    ctx.survey.close(ticket, {"procedure": "neutral", "official": "neutral", "visits": "2", "agencies": "1"})
    desk.move("E", S.RESULT_READY, outcome="approved")
    desk.at(12, 10, 10).move("C", S.RESULT_READY, outcome="refused", reason="Không đủ điều kiện")
    desk.move("L", S.STOPPED, reason="Theo yêu cầu của cơ quan có thẩm quyền")
    desk.at(12, 15, 10).move("J", S.RESULT_READY, outcome="approved")
    assert desk.at(12, 30).register("G", "DP-0018") == date(2027, 1, 5)  # 31/12, (1/1 off), 4/1, 5/1
    desk.move("G", S.IN_PROCESS, **office)
    desk.at(1, 4, 9, year=2027)
    return desk


def totals(table: Table) -> dict[str, object]:
    row = table.total()
    assert row is not None
    return {c.full_heading: cell for c, cell in zip(table.columns, row.cells, strict=True)}


DECEMBER = {
    "Số hồ sơ nhận giải quyết – Tổng số": 10,
    "Số hồ sơ nhận giải quyết – Kỳ trước chuyển sang": 2,
    "Số hồ sơ nhận giải quyết – Mới tiếp nhận": 8,
    "Đã giải quyết – Tổng số": 5,
    "Đã giải quyết – Sớm hẹn": 1,
    "Đã giải quyết – Đúng hẹn": 2,
    "Đã giải quyết – Trễ hẹn": 1,
    "Đã giải quyết – Không quy định thời hạn": 1,
    "Đã giải quyết – Trong đó: hẹn lại": 1,
    "Đã giải quyết – Trong đó: từ chối": 1,
    "Đang giải quyết – Tổng số": 3,
    "Đang giải quyết – Trong hạn": 1,
    "Đang giải quyết – Quá hạn": 1,
    "Đang giải quyết – Chờ bổ sung": 1,
    "Không giải quyết – Rút hồ sơ": 1,
    "Không giải quyết – Dừng, đóng": 1,
    "Đã trả kết quả": 2,
    "Tỷ lệ đúng hạn (%)": 75,
}


def test_december_by_hand(december: Desk) -> None:
    report = december.ctx.reports.period(date(2026, 12, 1), date(2026, 12, 31), by=december.admin)
    table = report.table("by_procedure")
    got = totals(table)
    assert got == {"Lĩnh vực, thủ tục hành chính": "Tổng cộng", **DECEMBER}
    fields = [r.cells[0] for r in table.rows if r.kind is RowKind.GROUP]
    assert fields == ["I. Lĩnh vực Giáo dục trung học", "II. Lĩnh vực Khác", "III. Lĩnh vực Văn bằng, chứng chỉ"]
    # every field's row adds up its procedures, and the fields add up to the total
    for column in range(1, len(table.columns) - 1):
        groups = [r for r in table.rows if r.kind is RowKind.GROUP]
        assert sum(int(r.cells[column] or 0) for r in groups) == table.total().cells[column]  # type: ignore[union-attr]
        items = [r for r in table.rows if r.kind is RowKind.ITEM]
        assert sum(int(r.cells[column] or 0) for r in items) == table.total().cells[column]  # type: ignore[union-attr]


def test_november_and_the_state_a_dossier_was_in_then(december: Desk) -> None:
    reports = december.ctx.reports
    november = totals(reports.period(date(2026, 11, 1), date(2026, 11, 30), by=december.admin).table("by_procedure"))
    assert november["Số hồ sơ nhận giải quyết – Mới tiếp nhận"] == 3  # K, A, L
    assert november["Đã giải quyết – Đúng hẹn"] + november["Đã giải quyết – Sớm hẹn"] == 1  # type: ignore[operator]
    assert november["Đang giải quyết – Trong hạn"] == 2  # A and L, both due in December
    # At the end of 3/12, E waited for its supplement (it came the next day) and F was still within time.
    early = totals(reports.period(date(2026, 12, 1), date(2026, 12, 3), by=december.admin).table("by_procedure"))
    assert early["Đang giải quyết – Chờ bổ sung"] == 2
    assert early["Đang giải quyết – Quá hạn"] == 0
    assert early["Đã giải quyết – Sớm hẹn"] == 1  # A, ready on 3/12


def test_counted_once_per_column_however_the_period_is_cut(december: Desk) -> None:
    """Received, resolved, returned and ended over December equal the sums over any cut into shorter periods."""
    reports, admin = december.ctx.reports, december.admin
    whole = totals(reports.period(date(2026, 12, 1), date(2026, 12, 31), by=admin).table("by_procedure"))
    additive = [k for k in DECEMBER if "Kỳ trước" not in k and "Đang" not in k and "Tổng số" not in k and "%" not in k]
    pieces = [(date(2026, 12, 1), date(2026, 12, 4)), (date(2026, 12, 5), date(2026, 12, 9))]
    pieces.append((date(2026, 12, 10), date(2026, 12, 31)))
    summed = dict.fromkeys(additive, 0)
    for first, last in pieces:
        part = totals(reports.period(first, last, by=admin).table("by_procedure"))
        for key in additive:
            summed[key] += int(part[key])  # type: ignore[call-overload]
    assert summed == {k: whole[k] for k in additive}


def test_the_month_table_and_chart(december: Desk) -> None:
    report = december.ctx.reports.period(date(2026, 11, 1), date(2026, 12, 31), by=december.admin)
    monthly = report.table("monthly")
    assert [r.cells for r in monthly.rows] == [
        ("11/2026", 1, 1, 0, 0, 100),
        ("12/2026", 5, 3, 1, 1, 75),
        ("Cả kỳ", 6, 4, 1, 1, 80),
    ]
    (chart, satisfaction) = report.charts()
    assert chart.labels == ("11/2026", "12/2026") and chart.values == (100.0, 75.0)
    assert chart.captions == ("100% (1/1)", "75% (3/4)")
    assert satisfaction.labels[1] == "Về cán bộ, công chức" and satisfaction.values[1] == 50.0


def test_the_daily_summary(december: Desk) -> None:
    ctx = december.ctx
    report = ctx.reports.daily(date(2026, 12, 1), by=december.admin)
    figures = {r.cells[0]: r.cells[1] for r in report.table("figures").rows}
    assert figures["Tiếp nhận mới"] == 4  # B, C, H, J: the voided I is not counted
    assert figures["Hướng dẫn bổ sung tại quầy (chưa nhận hồ sơ)"] == 1
    assert figures["Từ chối tiếp nhận tại quầy"] == 1
    assert figures["Đang giải quyết cuối ngày"] == 6  # A, L carried in; B, C, H, J
    clerks = {r.cells[0]: r.cells[1:6] for r in report.table("per_clerk").rows}
    assert clerks["Trần Thị Lan"] == (1, 0, 0, 1, 1)
    assert clerks["Cả bộ phận"] == (4, 0, 0, 1, 1)
    on_ninth = ctx.reports.daily(date(2026, 12, 9), by=december.admin)
    figures = {r.cells[0]: r.cells[1] for r in on_ninth.table("figures").rows}
    assert (figures["Có kết quả (đã giải quyết)"], figures["– Đúng hẹn"], figures["Đã trả kết quả"]) == (1, 1, 1)
    due = on_ninth.table("due_tomorrow")
    assert [(r.cells[1], r.cells[4]) for r in due.rows] == [
        (december.codes["C"], "Đã có kết quả, chờ trả (đã hẹn lại)")
    ]
    survey = on_ninth.sections[2]
    assert "(2) Về cán bộ, công chức: Mức độ hài lòng 0% (0/1 phiếu)" in survey.lines
    assert {r.cells[0]: r.cells[6:] for r in on_ninth.table("per_clerk").rows}["Trần Thị Lan"] == (1, 0)


def test_an_empty_period_has_zeros_and_no_shares(ctx: KioskContext, admin: Actor) -> None:
    report = ctx.reports.period(date(2025, 3, 1), date(2025, 3, 31), by=admin)
    got = totals(report.table("by_procedure"))
    assert got["Tỷ lệ đúng hạn (%)"] is None
    assert all(v == 0 for k, v in got.items() if k not in ("Lĩnh vực, thủ tục hành chính", "Tỷ lệ đúng hạn (%)"))
    assert report.table("monthly").rows[0].cells == ("03/2025", 0, 0, 0, 0, None)
    assert report.sections[2].lines == ("Chưa có phiếu đánh giá nào trong kỳ.",)
    for fmt in ReportFormat:
        if fmt is not ReportFormat.ESCPOS:
            assert ctx.reports.render(report, fmt)


def test_satisfaction_and_circular_01_scores(december: Desk) -> None:
    report = december.ctx.reports.survey(date(2026, 10, 1), date(2026, 12, 31), by=december.admin)
    rows = {r.cells[0]: r.cells[1:] for r in report.table("satisfaction").rows}
    assert rows["(1) Về thủ tục hành chính"] == (0, 1, 1, 0, 0, 0, 2, 50)
    assert rows["(2) Về cán bộ, công chức"] == (1, 0, 1, 0, 0, 0, 2, 50)
    per = {r.cells[0]: r.cells[1:4] for r in report.table("per_official").rows}
    assert per["Trần Thị Lan"] == (2, 50, 50)
    scores = {r.cells[1]: r.cells[2:] for r in report.table("scores").rows}
    # Lan: indicator 1 from B (on time: 1); 3 from visits 1 and 2 (2 and 1 → 1.5); 7 from "very satisfied" and
    # "neutral" (2 and 1 → 1.5): 4.0, between 3.5 and 5.
    assert scores["Trần Thị Lan"] == (1.0, 1.5, None, 1.5, 4.0, "Hoàn thành từ 70% đến dưới 100%")
    # The desk: indicator 1 over K (early: 2), A (2), B (1), C (0), E (1) → 1.2 (J has no limit); indicator 4: both
    # answered one agency → 2.0.
    assert scores["Cả bộ phận"][:5] == (1.2, 1.5, 2.0, 1.5, 6.2)


def test_reports_are_for_supervisors(ctx: KioskContext, clerk: Actor, supervisor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        ctx.reports.daily(date(2026, 11, 25), by=clerk)
    with pytest.raises(PermissionDenied):
        ctx.reports.period(date(2026, 11, 1), date(2026, 11, 25), by=clerk)
    assert ctx.reports.daily(date(2026, 11, 25), by=supervisor).made_by == "Lê Văn Minh"


def test_bad_periods_are_refused_in_words(ctx: KioskContext, admin: Actor) -> None:
    with pytest.raises(InvalidInput, match="sau ngày kết thúc"):
        ctx.reports.period(date(2026, 12, 31), date(2026, 12, 1), by=admin)
    with pytest.raises(InvalidInput, match="mười năm"):
        ctx.reports.survey(date(2000, 1, 1), date(2026, 1, 1), by=admin)
    with pytest.raises(InvalidInput, match="Định dạng"):
        ctx.reports.render(ctx.reports.daily(date(2026, 11, 25), by=admin), "docx")


def test_every_format_carries_the_same_numbers(december: Desk) -> None:
    reports = december.ctx.reports
    report = reports.period(date(2026, 12, 1), date(2026, 12, 31), by=december.admin)
    expected = [[_plain(c) for c in r.cells] for t in report.tables() for r in t.rows]
    from_json = json.loads(reports.render(report, ReportFormat.JSON))
    assert [r["cells"] for s in from_json["sections"] for t in s["tables"] for r in t["rows"]] == [
        [c for c in row] for row in (list(r.cells) for t in report.tables() for r in t.rows)
    ]
    assert msgspec.json.decode(reports.render(report, ReportFormat.JSON), type=Report) == report
    assert _csv_rows(reports.render(report, ReportFormat.CSV), report) == expected
    assert _xlsx_rows(reports.render(report, ReportFormat.XLSX), report) == expected


def _plain(cell: object) -> object:
    return "" if cell is None else cell


def _csv_rows(data: bytes, report: Report) -> list[list[object]]:
    assert data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    found: list[list[object]] = []
    for table in report.tables():
        start = lines.index([c.full_heading for c in table.columns]) + 1
        for line in lines[start : start + len(table.rows)]:
            found.append([_number(v) for v in line])
    return found


def _number(value: str) -> object:
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def _xlsx_rows(data: bytes, report: Report) -> list[list[object]]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    found: list[list[object]] = []
    for sheet, table in zip(book.worksheets, report.tables(), strict=True):
        rows = list(sheet.iter_rows(values_only=True))
        notice = 1 if report.personal_data else 0  # the personal-data line under the period
        assert rows[1][0] == report.title and rows[3 + notice][0] == table.title
        body = rows[6 + notice : 6 + notice + len(table.rows)]
        found += [["" if v is None else v for v in row[: len(table.columns)]] for row in body]
    return found


def test_presets_and_calendar_cuts() -> None:
    day = date(2026, 11, 25)
    assert preset_period(Preset.MONTH, day) == (date(2026, 11, 1), date(2026, 11, 30))
    assert preset_period(Preset.QUARTER, day) == (date(2026, 10, 1), date(2026, 12, 31))
    assert preset_period(Preset.HALF, day) == (date(2026, 7, 1), date(2026, 12, 31))
    assert preset_period(Preset.YEAR, day) == (date(2026, 1, 1), date(2026, 12, 31))
    assert previous(Preset.QUARTER, day) == (date(2026, 7, 1), date(2026, 9, 30))
    assert previous(Preset.MONTH, date(2026, 1, 10)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert preset_period(Preset.MONTH, date(2028, 2, 3)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert months_of(date(2026, 11, 15), date(2027, 1, 2)) == [
        (date(2026, 11, 15), date(2026, 11, 30)),
        (date(2026, 12, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 1, 2)),
    ]
    assert quarters_of(date(2026, 3, 15), date(2026, 4, 2)) == [
        (date(2026, 3, 15), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 2)),
    ]


@pytest.mark.parametrize(("part", "whole", "share"), [(28, 30, 93), (1, 2, 50), (1, 8, 13), (0, 5, 0), (3, 0, None)])
def test_one_rounding_rule(part: int, whole: int, share: int | None) -> None:
    assert percent(part, whole) == share


def test_a_running_period_judges_pending_dossiers_as_of_today(
    ctx: KioskContext, clock: FixedClock, admin: Actor
) -> None:
    clock.set(local(2026, 11, 20, 10, 0))
    due = ctx.registration.register(RegistrationInput("2.001914", AN), by=admin).due_date
    assert due == date(2026, 11, 30)  # 5 working days, not counting the 24/11 holiday
    quarter = (date(2026, 10, 1), date(2026, 12, 31))
    clock.set(local(2026, 11, 25, 9, 0))  # the quarter still running: the dossier is not late yet
    running = totals(ctx.reports.period(*quarter, by=admin).table("by_procedure"))
    assert (running["Đang giải quyết – Trong hạn"], running["Đang giải quyết – Quá hạn"]) == (1, 0)
    clock.set(local(2027, 1, 4, 9, 0))  # the quarter over: at its end the dossier was overdue
    ended = totals(ctx.reports.period(*quarter, by=admin).table("by_procedure"))
    assert (ended["Đang giải quyết – Trong hạn"], ended["Đang giải quyết – Quá hạn"]) == (0, 1)
