"""`kiosk survey [--from D] [--to D] [--official USER] [--field TEXT]`: the satisfaction of a period, per criterion,
as the Department's report prints it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from kiosk.cli.parser import date_arg, text_arg
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput
from kiosk.services.survey import TicketStatus
from kiosk.services.survey_questions import LEVEL_LABELS, RATED_LEVELS

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands


def register(commands: Commands) -> None:
    survey = commands.add_parser("survey", help="kết quả đánh giá sự hài lòng theo từng tiêu chí")
    survey.add_argument("--from", dest="first", type=date_arg, metavar="NGÀY", help="từ ngày (mặc định đầu tháng)")
    survey.add_argument("--to", dest="last", type=date_arg, metavar="NGÀY", help="đến ngày (mặc định hôm nay)")
    survey.add_argument("--official", type=text_arg, metavar="TÊN", help="chỉ phiếu về một cán bộ (tên đăng nhập)")
    survey.add_argument("--field", type=text_arg, metavar="LĨNH VỰC", help="chỉ một lĩnh vực thủ tục")
    survey.set_defaults(handler=show_survey)


def show_survey(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    last = args.last or ctx.calendar.today()
    first = args.first or last.replace(day=1)
    if first > last:
        raise InvalidInput(f"Ngày bắt đầu {first:%d/%m/%Y} sau ngày kết thúc {last:%d/%m/%Y}.", field="from")
    official = ctx.users.get(args.official).id if args.official else None
    tally = ctx.survey_stats.tally(first, last, official=official, procedure_field=args.field)
    tickets = tally.tickets
    invited = sum(tickets.values())
    print(f"Đánh giá sự hài lòng từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}", file=out)
    print(
        f"Mời đánh giá: {invited} lượt · trả lời đủ: {tickets[TicketStatus.ANSWERED]} · trả lời một phần: "
        f"{tickets[TicketStatus.PARTIAL]} · không trả lời: {tickets[TicketStatus.NO_ANSWER]} · "
        f"không cần hồ sơ: {tally.walk_in} phiếu",
        file=out,
    )
    for n, criterion in enumerate(tally.criteria, start=1):
        print(f"({n}) {criterion.label}: {criterion.satisfaction.text()}", file=out)
        levels = " · ".join(f"{LEVEL_LABELS[level]} {criterion.counts[level]}" for level in RATED_LEVELS)
        na = f" · Không áp dụng {criterion.not_applicable}" if criterion.not_applicable else ""
        print(f"    {levels}{na}", file=out)
    if any(tally.visits.values()) or any(tally.agencies.values()):
        for label, counts in (("Số lần đến", tally.visits), ("Số cơ quan phải liên hệ", tally.agencies)):
            print(f"{label}: 1: {counts[1]} · 2: {counts[2]} · 3 trở lên: {counts[3]}", file=out)
    return 0
