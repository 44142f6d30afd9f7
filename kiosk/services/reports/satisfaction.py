"""The satisfaction report (Báo cáo kết quả đánh giá sự hài lòng): per criterion, per official, and the Circular
01/2018 scores per quarter when the touch screen asks its extra questions."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy import select

from kiosk.models import User
from kiosk.services.reports.model import Column, ColumnKind, Report, ReportKind, Row, RowKind, Section, Table
from kiosk.services.reports.period import satisfaction_chart
from kiosk.services.reports.periods import Preset, preset_period, quarters_of
from kiosk.services.reports.scores import DESK, DESK_INDICATORS, OFFICIAL_INDICATORS, Score, band, scores
from kiosk.services.reports.sources import Sources
from kiosk.services.reports.tables import satisfaction_table
from kiosk.services.survey import TicketStatus
from kiosk.services.survey_stats import SurveyTally


def survey_report(sources: Sources, first: date, last: date, made_by: str) -> Report:
    tally = sources.survey.tally(first, last)
    officials = _officials(sources)
    per_official = {uid: sources.survey.tally(first, last, official=uid) for uid in officials}
    per_official = {uid: t for uid, t in per_official.items() if t.responses}
    sections = [
        Section(
            "I. Kết quả đánh giá theo tiêu chí",
            lines=_lines(tally),
            tables=(satisfaction_table("satisfaction", "Mức độ hài lòng theo tiêu chí", tally),),
            charts=(satisfaction_chart(tally),) if tally.responses else (),
        ),
        Section("II. Theo cán bộ, công chức", tables=(_per_official(tally, per_official, officials),)),
    ]
    quarterly = _scores(sources, first, last, officials)
    if quarterly is not None:
        sections.append(quarterly)
    title = "BÁO CÁO KẾT QUẢ ĐÁNH GIÁ SỰ HÀI LÒNG CỦA TỔ CHỨC, CÁ NHÂN"
    return sources.report(
        ReportKind.SURVEY, title, (first, last), made_by, sections, landscape=True, stem="bao-cao-hai-long"
    )


def _officials(sources: Sources) -> dict[UUID, str]:
    with sources.db.read() as session:
        return {uid: name for uid, name in session.execute(select(User.id, User.full_name).order_by(User.full_name))}


def _lines(tally: SurveyTally) -> tuple[str, ...]:
    t = tally.tickets
    invited = sum(t.values())
    lines = [
        f"Số phiếu đánh giá: {tally.responses}, trong đó trả lời đủ các câu: {tally.complete}; phiếu không kèm hồ sơ: "
        f"{tally.walk_in}.",
        f"Mời đánh giá sau khi trả kết quả: {invited} lượt (trả lời đủ {t[TicketStatus.ANSWERED]}, một phần "
        f"{t[TicketStatus.PARTIAL]}, không trả lời {t[TicketStatus.NO_ANSWER]}).",
    ]
    lines += [f"({n}) {c.label}: {c.satisfaction.text()}" for n, c in enumerate(tally.criteria, start=1)]
    return tuple(lines)


def _per_official(tally: SurveyTally, per: dict[UUID, SurveyTally], names: dict[UUID, str]) -> Table:
    columns = (
        Column("Cán bộ, công chức", ColumnKind.TEXT, width=3.0),
        Column("Số phiếu"),
        *(Column(c.label, ColumnKind.PERCENT, group="Tỷ lệ hài lòng (%)", width=1.4) for c in tally.criteria),
    )
    keys = [c.key for c in tally.criteria]

    def cells(name: str, t: SurveyTally) -> tuple[str | int | None, ...]:
        shares = {c.key: c.satisfaction.percent for c in t.criteria}
        return (name, t.responses, *(shares.get(k) for k in keys))

    rows = [Row(cells(names[uid], t)) for uid, t in per.items()]
    rows.append(Row(cells("Cả bộ phận", tally), RowKind.TOTAL))
    note = "Phiếu không kèm hồ sơ chỉ tính vào dòng cả bộ phận." if tally.walk_in else ""
    return Table("per_official", "Tỷ lệ hài lòng theo cán bộ", columns, tuple(rows), note)


def _scores(sources: Sources, first: date, last: date, names: dict[UUID, str]) -> Section | None:
    """Per quarter, each official's and the desk's indicator averages; None when the period has no extra answers
    and the survey does not ask them."""
    settings = sources.settings
    rows: list[Row] = []
    asked = settings.survey.extra_questions
    with sources.db.read() as session:
        for q_first, q_last in quarters_of(first, last):
            found = scores(
                session,
                sources.calendar.day_bounds(q_first, q_last),
                q_first,
                q_last,
                criterion=settings.reports.official_criterion,
                attitude_points=settings.reports.attitude_points,
            )
            desk = found.get(DESK, Score())
            asked = asked or 3 in desk.indicators or 4 in desk.indicators
            quarter = f"Quý {(q_first.month - 1) // 3 + 1}/{q_first.year}"
            if (q_first, q_last) != preset_period(Preset.QUARTER, q_first):
                quarter += f" ({q_first:%d/%m}–{q_last:%d/%m})"
            for uid in sorted((k for k in found if k is not None), key=lambda k: names.get(k, "")):
                rows.append(_score_row(quarter, names.get(uid, "?"), found[uid], OFFICIAL_INDICATORS, RowKind.ITEM))
            rows.append(_score_row(quarter, "Cả bộ phận", desk, DESK_INDICATORS, RowKind.TOTAL))
    if not asked:
        return None
    columns = (
        Column("Kỳ", ColumnKind.TEXT, width=2.0),
        Column("Cán bộ, công chức", ColumnKind.TEXT, width=2.6),
        Column("1. Thời gian so với quy định", ColumnKind.SCORE, group="Điểm trung bình theo chỉ số"),
        Column("3. Số lần đi lại", ColumnKind.SCORE, group="Điểm trung bình theo chỉ số"),
        Column("4. Số cơ quan phải liên hệ", ColumnKind.SCORE, group="Điểm trung bình theo chỉ số"),
        Column("7. Thái độ của cán bộ", ColumnKind.SCORE, group="Điểm trung bình theo chỉ số"),
        Column("Tổng điểm", ColumnKind.SCORE),
        Column("Mức hoàn thành", ColumnKind.TEXT, width=2.4),
    )
    note = (
        "Thông tư 01/2018/TT-VPCP, Điều 13–15: mỗi chỉ số 2/1/0 điểm, điểm trung bình làm tròn một chữ số thập phân. "
        "Điểm của cán bộ = chỉ số 1 + 3 + 7 (tối đa 6): từ 5 điểm hoàn thành 100%, từ 3,5 đến dưới 5 hoàn thành "
        "70% đến dưới 100%, dưới 3,5 hoàn thành dưới 70%. Dòng cả bộ phận cộng cả chỉ số 4."
    )
    table = Table("scores", "Điểm đánh giá theo Thông tư 01/2018/TT-VPCP", columns, tuple(rows), note)
    return Section("III. Điểm đánh giá theo quý (Thông tư 01/2018/TT-VPCP)", tables=(table,))


def _score_row(quarter: str, name: str, score: Score, indicators: tuple[int, ...], kind: RowKind) -> Row:
    total = score.sum_of(indicators)
    cells = (
        quarter,
        name,
        score.average(1),
        score.average(3),
        score.average(4) if 4 in indicators else None,
        score.average(7),
        total,
        band(total) if kind is RowKind.ITEM else ("" if total is None else f"{total:.1f}/8".replace(".", ",")),
    )
    return Row(cells, kind)
