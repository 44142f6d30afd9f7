"""`kiosk holidays …` and `kiosk due …`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from kiosk.cli.common import actor, user_option
from kiosk.cli.parser import count_arg, date_arg, local_datetime_arg, text_arg, year_arg
from kiosk.context import KioskContext
from kiosk.services.appointment import WEEKDAYS, TimeLimit
from kiosk.services.calendar import check_year
from kiosk.services.workdays import DayNote, NoteSource

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands


def register(commands: Commands) -> None:
    holidays = commands.add_parser("holidays", help="lịch ngày nghỉ, ngày làm bù")
    actions = holidays.add_subparsers(dest="action", required=True, metavar="{list,add,remove}")
    listing = actions.add_parser("list", help="các ngày nghỉ lễ và ngày làm bù trong năm")
    listing.add_argument("--year", type=year_arg, help="năm (mặc định: năm nay)")
    listing.set_defaults(handler=holidays_list)
    add = actions.add_parser(
        "add", help="thêm một ngày nghỉ hoặc một ngày làm việc bù (thắng lịch nhà nước)", parents=[user_option()]
    )
    add.add_argument("date", type=date_arg, help="ngày, YYYY-MM-DD")
    add.add_argument("--kind", required=True, choices=["off", "working"], help="off: nghỉ; working: làm việc")
    add.add_argument("--note", type=text_arg, default="", help="ghi chú (lý do, văn bản)")
    add.set_defaults(handler=holidays_add)
    remove = actions.add_parser("remove", help="bỏ một ngày đã thêm", parents=[user_option()])
    remove.add_argument("date", type=date_arg, help="ngày, YYYY-MM-DD")
    remove.set_defaults(handler=holidays_remove)

    due = commands.add_parser("due", help="tính ngày hẹn trả kết quả")
    limit = due.add_mutually_exclusive_group(required=True)
    limit.add_argument("--days", type=count_arg, help="số ngày làm việc (0: trả trong ngày)")
    limit.add_argument("--procedure", type=text_arg, metavar="MÃ", help="theo thời hạn của thủ tục trong danh mục")
    due.add_argument(
        "--received", type=local_datetime_arg, help="thời điểm nhận 'YYYY-MM-DD HH:MM' (mặc định: bây giờ)"
    )
    due.set_defaults(handler=due_date)


def holidays_list(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    year = args.year or ctx.calendar.today().year
    check_year(year)
    notes = ctx.calendar.year(year)
    print(f"Lịch năm {year}: ngày nghỉ lễ, ngày nghỉ bù và ngày làm việc bù", file=out)
    for note in notes:
        print(_note_line(note), file=out)
    return 0


def holidays_add(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    note = ctx.calendar.set_day(args.date, args.kind, args.note, by=actor(ctx, args))
    print(f"Đã ghi: {_note_line(note)}", file=out)
    return 0


def holidays_remove(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    ctx.calendar.remove_day(args.date, by=actor(ctx, args))
    after = ctx.calendar.calendar().note(args.date)
    now = _note_line(after) if after else f"{args.date:%Y-%m-%d} là ngày bình thường"
    print(f"Đã bỏ điều chỉnh ngày {args.date:%Y-%m-%d}. Bây giờ: {now}", file=out)
    return 0


def due_date(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    received = args.received.replace(tzinfo=ctx.calendar.rules.zone) if args.received else None
    if args.procedure:
        info = ctx.catalog.get(args.procedure)
        appointment = ctx.calendar.appointment(info.time_limit(), received, cutoff=info.cutoff())
    else:
        appointment = ctx.calendar.appointment(TimeLimit.working_days(args.days), received)
    print(f"{appointment.due_date:%Y-%m-%d}" if appointment.due_date else "-", file=out)
    print(appointment.explanation(), file=out)
    return 0


def _note_line(note: DayNote) -> str:
    kind = "làm việc" if note.working else "nghỉ"
    source = "quản trị" if note.source is NoteSource.ADMIN else "lịch nhà nước"
    weekday = WEEKDAYS[note.day.weekday()]
    return f"{note.day:%Y-%m-%d}  {weekday:<9} {kind:<9} {note.name}  ({source})"
