"""The daily summary (Báo cáo tổng hợp trong ngày): what the desk did today, what is due tomorrow, today's ratings.

Printed on the roll at closing time and on A4; its counts are the period table's for a period of one day.
"""

from __future__ import annotations

from datetime import date

from kiosk.services.reports.activity import Activity, ClerkWork, activity, due_on
from kiosk.services.reports.counts import Tally
from kiosk.services.reports.desk_section import desk_section
from kiosk.services.reports.feedback_section import feedback_section
from kiosk.services.reports.model import Column, ColumnKind, Report, ReportKind, Row, RowKind, Section, Table
from kiosk.services.reports.sources import Sources
from kiosk.services.reports.tables import ROLL_COLUMNS, procedure_table, satisfaction_table
from kiosk.services.states import STATE_LABELS
from kiosk.services.survey_stats import SurveyTally

FIGURE_COLUMNS = (Column("Chỉ tiêu", ColumnKind.TEXT, width=5.0), Column("Số hồ sơ"))


def daily_report(sources: Sources, day: date, made_by: str) -> Report:
    counted = sources.count(day, day)
    total = counted.total()
    start, end = sources.calendar.day_bounds(day, day)
    tomorrow = sources.calendar.calendar().next_working_day(day)
    with sources.db.read() as session:
        work = activity(session, start, end)
        due = due_on(session, tomorrow)
    desk = work.total()
    survey = sources.survey.tally(day, day)
    figures = Table(
        "figures",
        "Số liệu trong ngày",
        FIGURE_COLUMNS,
        tuple(Row(cells, kind) for cells, kind in _figures(total, desk)),
        "Đang giải quyết: tính đến cuối ngày; quá hạn xét theo ngày hẹn ban đầu.",
    )
    by_procedure = procedure_table(
        "by_procedure",
        "Theo thủ tục (các thủ tục có phát sinh trong ngày)",
        counted.tallies,
        counted.names,
        keep=lambda t: bool(t.received or t.resolved or t.returned or t.withdrawn or t.stopped),
        roll_columns=ROLL_COLUMNS,
    )
    due_table = Table(
        "due_tomorrow",
        f"Hồ sơ hẹn trả ngày {tomorrow:%d/%m/%Y} (ngày làm việc tiếp theo)",
        (
            Column("STT", width=0.6),
            Column("Mã hồ sơ", ColumnKind.TEXT, width=2.6),
            Column("Thủ tục", ColumnKind.TEXT, width=4.0),
            Column("Người nộp", ColumnKind.TEXT, width=2.4),
            Column("Trạng thái", ColumnKind.TEXT, width=2.0),
        ),
        tuple(
            Row(
                (
                    n,
                    d.code,
                    d.procedure,
                    d.applicant,
                    STATE_LABELS[d.state] + (" (đã hẹn lại)" if d.reappointed else ""),
                )
            )
            for n, d in enumerate(due, start=1)
        ),
        "" if due else "Không có hồ sơ nào hẹn trả ngày này.",
        roll_columns=(1, 2, 4),
    )
    clerks = Table(
        "per_clerk",
        "Theo cán bộ",
        (
            Column("Cán bộ", ColumnKind.TEXT, width=3.0),
            Column("Tiếp nhận", short="nhận"),
            Column("Trả kết quả", short="trả"),
            Column("Yêu cầu bổ sung", short="yêu cầu bổ sung"),
            Column("Hướng dẫn bổ sung tại quầy", short="hướng dẫn"),
            Column("Từ chối tiếp nhận", short="từ chối"),
            Column("Phiếu đánh giá", short="phiếu đánh giá"),
            Column("Tỷ lệ hài lòng về cán bộ (%)", ColumnKind.PERCENT, short="hài lòng"),
        ),
        _clerk_rows(sources, day, work, survey),
    )
    return sources.report(
        ReportKind.DAILY,
        "BÁO CÁO TỔNG HỢP TRONG NGÀY",
        (day, day),
        made_by,
        (
            Section("I. Tiếp nhận và giải quyết hồ sơ", tables=(figures, by_procedure)),
            Section("II. Hồ sơ hẹn trả ngày làm việc tiếp theo", tables=(due_table,)),
            Section(
                "III. Đánh giá sự hài lòng trong ngày",
                lines=_survey_lines(survey),
                tables=(satisfaction_table("satisfaction", "Theo tiêu chí", survey),) if survey.responses else (),
            ),
            Section("IV. Theo cán bộ", tables=(clerks,)),
            desk_section("V. Số thứ tự và hướng dẫn thủ tục", sources, day, day, daily=True),
            feedback_section(sources, day, day, "VI. Phản ánh, kiến nghị"),
        ),
        landscape=False,
        stem="bao-cao-ngay",
    )


def _figures(t: Tally, desk: ClerkWork) -> list[tuple[tuple[str, int], RowKind]]:
    item, group = RowKind.ITEM, RowKind.GROUP
    return [
        (("Tiếp nhận mới", t.received), group),
        (("Có kết quả (đã giải quyết)", t.resolved), group),
        (("– Sớm hẹn", t.early), item),
        (("– Đúng hẹn", t.on_time), item),
        (("– Trễ hẹn", t.late), item),
        (("– Không quy định thời hạn", t.no_limit), item),
        (("– Trong đó từ chối giải quyết", t.refused), item),
        (("Đã trả kết quả", t.returned), group),
        (("Yêu cầu bổ sung (hồ sơ đã nhận)", desk.supplement_requests), group),
        (("Hướng dẫn bổ sung tại quầy (chưa nhận hồ sơ)", desk.guided), group),
        (("Từ chối tiếp nhận tại quầy", desk.refused_at_intake), group),
        (("Rút hồ sơ, dừng, đóng", t.withdrawn + t.stopped), group),
        (("Đang giải quyết cuối ngày", t.pending), group),
        (("– Trong hạn", t.within_time), item),
        (("– Quá hạn", t.overdue), item),
        (("– Chờ bổ sung", t.waiting), item),
    ]


def _survey_lines(survey: SurveyTally) -> tuple[str, ...]:
    if not survey.responses:
        return ("Chưa có phiếu đánh giá nào trong ngày.",)
    lines = [f"{survey.responses} phiếu đánh giá ({survey.walk_in} phiếu không kèm hồ sơ)."]
    lines += [f"({n}) {c.label}: {c.satisfaction.text()}" for n, c in enumerate(survey.criteria, start=1)]
    return tuple(lines)


def _clerk_rows(sources: Sources, day: date, work: Activity, survey: SurveyTally) -> tuple[Row, ...]:
    criterion = sources.settings.reports.official_criterion
    rows = []

    def share(tally: SurveyTally) -> int | None:
        return next((c.satisfaction.percent for c in tally.criteria if c.key == criterion), None)

    for user_id in sorted(work.per_clerk, key=lambda uid: work.names.get(uid, "")):
        w = work.per_clerk[user_id]
        rated = sources.survey.tally(day, day, official=user_id)
        rows.append(
            Row(
                (
                    work.names.get(user_id, "?"),
                    w.received,
                    w.returned,
                    w.supplement_requests,
                    w.guided,
                    w.refused_at_intake,
                    rated.responses,
                    share(rated),
                )
            )
        )
    t = work.total()
    rows.append(
        Row(
            (
                "Cả bộ phận",
                t.received,
                t.returned,
                t.supplement_requests,
                t.guided,
                t.refused_at_intake,
                survey.responses,
                share(survey),
            ),
            RowKind.TOTAL,
        )
    )
    return tuple(rows)
