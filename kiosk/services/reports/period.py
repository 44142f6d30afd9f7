"""The period report (Báo cáo tình hình tiếp nhận và giải quyết hồ sơ) that the Department sends on: by field and
procedure, with the share on time per month and the satisfaction per criterion as charts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from kiosk.models import Dossier
from kiosk.services.reports.activity import guidance_per_procedure
from kiosk.services.reports.counts import percent
from kiosk.services.reports.desk_section import desk_section
from kiosk.services.reports.feedback_section import feedback_section
from kiosk.services.reports.model import BarChart, Column, ColumnKind, Report, ReportKind, Row, RowKind, Section, Table
from kiosk.services.reports.periods import months_of
from kiosk.services.reports.sources import Sources
from kiosk.services.reports.tables import procedure_table, satisfaction_table
from kiosk.services.survey_stats import SurveyTally
from kiosk.services.timeliness import Timeliness


def period_report(sources: Sources, first: date, last: date, made_by: str) -> Report:
    counted = sources.count(first, last)
    total = counted.total()
    main = procedure_table("by_procedure", "Số liệu theo lĩnh vực, thủ tục", counted.tallies, counted.names)
    monthly = _monthly(sources, first, last)
    start, end = sources.calendar.day_bounds(first, last)
    with sources.db.read() as session:
        guided = guidance_per_procedure(session, start, end)
    survey = sources.survey.tally(first, last)
    share = total.on_time_share
    summary = (
        f"Tổng số hồ sơ nhận giải quyết: {total.total} (kỳ trước chuyển sang {total.carried}, mới tiếp nhận "
        f"{total.received}). Đã giải quyết {total.resolved}: sớm hẹn {total.early}, đúng hẹn {total.on_time}, "
        f"trễ hẹn {total.late}, không quy định thời hạn {total.no_limit}. Đang giải quyết {total.pending}: trong hạn "
        f"{total.within_time}, quá hạn {total.overdue}, chờ bổ sung {total.waiting}.",
        "Tỷ lệ giải quyết đúng hạn: "
        + ("chưa có hồ sơ có thời hạn được giải quyết." if share is None else f"{share}%."),
        f"Hướng dẫn bổ sung tại quầy (chưa nhận hồ sơ): {sum(n for (k, _p), n in guided.items() if k != 'refusal')}; "
        f"từ chối tiếp nhận: {sum(n for (k, _p), n in guided.items() if k == 'refusal')}.",
    )
    sections = [
        Section("I. Tình hình tiếp nhận và giải quyết hồ sơ", lines=summary, tables=(main,)),
        Section(
            "II. Tỷ lệ giải quyết đúng hạn theo tháng",
            tables=(monthly,),
            charts=(_on_time_chart(monthly),),
        ),
        _survey_section("III. Đánh giá sự hài lòng", survey),
        desk_section("IV. Số thứ tự và hướng dẫn thủ tục", sources, first, last, daily=False),
        feedback_section(sources, first, last, "V. Tiếp nhận, xử lý phản ánh, kiến nghị"),
    ]
    title = "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH"
    return sources.report(ReportKind.PERIOD, title, (first, last), made_by, sections, landscape=True, stem="bao-cao-ky")


def _monthly(sources: Sources, first: date, last: date) -> Table:
    rows = []
    sums = [0, 0, 0, 0]
    with sources.db.read() as session:
        for m_first, m_last in months_of(first, last):
            start, end = sources.calendar.day_bounds(m_first, m_last)
            found = dict.fromkeys((*Timeliness, None), 0)
            query = (
                select(Dossier.timeliness, func.count())
                .where(Dossier.voided_at.is_(None), Dossier.result_ready_at >= start, Dossier.result_ready_at < end)
                .group_by(Dossier.timeliness)
            )
            for timeliness, n in session.execute(query):
                found[Timeliness(timeliness) if timeliness else None] = n
            in_time = found[Timeliness.EARLY] + found[Timeliness.ON_TIME]
            counts = [in_time + found[Timeliness.LATE] + found[None], in_time, found[Timeliness.LATE], found[None]]
            sums = [a + b for a, b in zip(sums, counts, strict=True)]
            label = f"{m_first:%m/%Y}"
            rows.append(Row((label, *counts, percent(in_time, in_time + found[Timeliness.LATE]))))
    rows.append(Row(("Cả kỳ", *sums, percent(sums[1], sums[1] + sums[2])), RowKind.TOTAL))
    columns = (
        Column("Tháng", ColumnKind.TEXT, width=1.5),
        Column("Đã giải quyết"),
        Column("Sớm hẹn và đúng hẹn"),
        Column("Trễ hẹn"),
        Column("Không quy định thời hạn"),
        Column("Tỷ lệ đúng hạn (%)", ColumnKind.PERCENT),
    )
    return Table("monthly", "Hồ sơ đã giải quyết theo tháng", columns, tuple(rows))


def _on_time_chart(monthly: Table) -> BarChart:
    items = [r for r in monthly.rows if r.kind is RowKind.ITEM]
    values = tuple(r.cells[5] if isinstance(r.cells[5], int) else None for r in items)
    captions = tuple(
        "–" if v is None else f"{v}% ({r.cells[2]}/{int(r.cells[2] or 0) + int(r.cells[3] or 0)})"
        for v, r in zip(values, items, strict=True)
    )
    return BarChart(
        "on_time_by_month",
        "Tỷ lệ giải quyết đúng hạn theo tháng (%)",
        tuple(str(r.cells[0]) for r in items),
        tuple(float(v) if v is not None else None for v in values),
        captions,
    )


def satisfaction_chart(tally: SurveyTally) -> BarChart:
    values = tuple(c.satisfaction.percent for c in tally.criteria)
    return BarChart(
        "satisfaction_by_criterion",
        "Tỷ lệ hài lòng theo tiêu chí (%)",
        tuple(c.label for c in tally.criteria),
        tuple(float(v) if v is not None else None for v in values),
        tuple(
            "–"
            if c.satisfaction.percent is None
            else f"{c.satisfaction.percent}% ({c.satisfaction.satisfied}/{c.satisfaction.answered} phiếu)"
            for c in tally.criteria
        ),
    )


def _survey_section(heading: str, survey: SurveyTally) -> Section:
    if not survey.responses:
        return Section(heading, lines=("Chưa có phiếu đánh giá nào trong kỳ.",))
    lines = (f"Số phiếu đánh giá: {survey.responses} ({survey.walk_in} phiếu không kèm hồ sơ).",)
    return Section(
        heading,
        lines=lines,
        tables=(satisfaction_table("satisfaction", "Mức độ hài lòng theo tiêu chí", survey),),
        charts=(satisfaction_chart(survey),),
    )
