"""`kiosk feedback add|list|show|forward|note|answer`: the register of complaints and suggestions (phản ánh, kiến
nghị), numbered per year ("12/2026"), each answered within its working-day deadline."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

from kiosk.cli.common import actor, print_json, user_option
from kiosk.cli.parser import date_arg, text_arg, year_arg
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput
from kiosk.services.feedback_types import (
    CHANNEL_LABELS,
    KIND_LABELS,
    STANDING_LABELS,
    STEP_LABELS,
    Channel,
    FeedbackFilter,
    FeedbackInput,
    FeedbackKind,
    FeedbackRow,
    FeedbackView,
    Show,
    parse_number,
)

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands

SHORT = 60  # characters of the content in a list line


def register(commands: Commands) -> None:
    feedback = commands.add_parser("feedback", help="sổ tiếp nhận phản ánh, kiến nghị")
    actions = feedback.add_subparsers(dest="action", required=True, metavar="{add,list,show,forward,note,answer}")

    add = actions.add_parser(
        "add", help="ghi nhận một phản ánh, kiến nghị; in số và hạn trả lời", parents=[user_option()]
    )
    add.add_argument(
        "--kind",
        required=True,
        choices=[k.value for k in FeedbackKind],
        help="complaint: phản ánh; suggestion: kiến nghị",
    )
    add.add_argument(
        "--channel",
        required=True,
        choices=[c.value for c in Channel],
        help="phone: điện thoại; in_person: trực tiếp; written: văn bản; electronic: điện tử",
    )
    add.add_argument("--content", required=True, type=text_arg, metavar="NỘI_DUNG", help="nội dung phản ánh, kiến nghị")
    add.add_argument(
        "--name", type=text_arg, default="", metavar="HỌ_TÊN", help="họ tên người phản ánh (bỏ trống: không ghi tên)"
    )
    add.add_argument("--phone", type=text_arg, default="", metavar="SỐ_ĐT", help="số điện thoại để trả lời")
    add.add_argument("--dossier", type=text_arg, default="", metavar="MÃ", help="mã hồ sơ liên quan (nếu có)")
    add.set_defaults(handler=feedback_add)

    listing = actions.add_parser("list", help="danh sách phản ánh, kiến nghị")
    which = listing.add_mutually_exclusive_group()
    which.add_argument("--open", dest="show", action="store_const", const=Show.OPEN, help="đang xử lý")
    which.add_argument("--overdue", dest="show", action="store_const", const=Show.OVERDUE, help="quá hạn trả lời")
    which.add_argument("--answered", dest="show", action="store_const", const=Show.ANSWERED, help="đã trả lời")
    listing.add_argument("--from", dest="first", type=date_arg, metavar="NGÀY", help="nhận từ ngày")
    listing.add_argument("--to", dest="last", type=date_arg, metavar="NGÀY", help="nhận đến ngày")
    listing.add_argument(
        "--search", type=text_arg, default="", metavar="TỪ_KHOÁ", help="số (12 hoặc 12/2026), tên, điện thoại, nội dung"
    )
    listing.add_argument("--json", action="store_true", help="in dạng JSON")
    listing.set_defaults(handler=feedback_list, show=Show.ALL)

    show = actions.add_parser("show", help="xem một phản ánh, kiến nghị và các bước xử lý")
    _number(show)
    show.add_argument("--json", action="store_true", help="in dạng JSON")
    show.set_defaults(handler=feedback_show)

    forward = actions.add_parser("forward", help="chuyển phòng, đơn vị xử lý", parents=[user_option()])
    _number(forward)
    forward.add_argument("--office", required=True, type=text_arg, metavar="PHÒNG", help="phòng, đơn vị nhận xử lý")
    forward.add_argument("--note", type=text_arg, default="", metavar="GHI_CHÚ", help="ghi chú kèm theo")
    forward.set_defaults(handler=feedback_forward)

    note = actions.add_parser("note", help="ghi chú quá trình xử lý", parents=[user_option()])
    _number(note)
    note.add_argument("--text", required=True, type=text_arg, metavar="GHI_CHÚ", help="nội dung ghi chú")
    note.set_defaults(handler=feedback_note)

    answer = actions.add_parser("answer", help="ghi nội dung đã trả lời người phản ánh", parents=[user_option()])
    _number(answer)
    answer.add_argument("--text", required=True, type=text_arg, metavar="TRẢ_LỜI", help="nội dung trả lời")
    answer.add_argument(
        "--office", type=text_arg, default="", metavar="ĐƠN_VỊ", help="đơn vị, người quyết định nội dung trả lời"
    )
    answer.set_defaults(handler=feedback_answer)


def _number(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("number", type=text_arg, metavar="SỐ", help="số phản ánh, kiến nghị: 12 hoặc 12/2026")
    parser.add_argument("--year", type=year_arg, metavar="NĂM", help="năm (mặc định: năm trong số, hoặc năm nay)")


def _which(args: argparse.Namespace) -> tuple[int, int | None]:
    parsed = parse_number(args.number)
    if parsed is None:
        raise InvalidInput(f"«{args.number}» không phải số phản ánh, kiến nghị (viết 12 hoặc 12/2026).", field="number")
    number, year = parsed
    if year is not None and args.year is not None and year != args.year:
        raise InvalidInput(f"Số {args.number} và --year {args.year} chỉ hai năm khác nhau.", field="year")
    return number, year if year is not None else args.year


# -- handlers ----------------------------------------------------------------------------------------------------------


def feedback_add(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    data = FeedbackInput(args.kind, args.channel, args.content, args.name, args.phone, args.dossier)
    view = ctx.feedback.record(data, by=actor(ctx, args))
    note = f" ({view.deadline_note})" if view.deadline_note else ""
    print(f"Đã ghi {KIND_LABELS[view.kind].lower()} số {view.label}.", file=out)
    print(f"Hạn trả lời: {view.due_date:%d/%m/%Y}{note}", file=out)
    return 0


def feedback_list(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    wanted = FeedbackFilter(args.show, args.first, args.last, args.search)
    rows = ctx.feedback.listing(wanted)
    zone = ctx.calendar.rules.zone
    if args.json:
        print_json([_row_json(r, zone) for r in rows], out)
        return 0
    for r in rows:
        print(_line(r, zone), file=out)
    print(f"{len(rows)} phản ánh, kiến nghị." if rows else "Không có phản ánh, kiến nghị nào.", file=out)
    return 0


def feedback_show(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    number, year = _which(args)
    view = ctx.feedback.get(number, year)
    zone = ctx.calendar.rules.zone
    if args.json:
        print_json(_view_json(view, zone), out)
    else:
        _print_view(view, zone, out)
    return 0


def feedback_forward(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    number, year = _which(args)
    view = ctx.feedback.forward(number, args.office, year=year, note=args.note, by=actor(ctx, args))
    print(f"Số {view.label}: đã chuyển {view.office}.", file=out)
    return 0


def feedback_note(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    number, year = _which(args)
    view = ctx.feedback.note(number, args.text, year=year, by=actor(ctx, args))
    print(f"Số {view.label}: đã ghi chú (bước {view.steps[-1].seq}).", file=out)
    return 0


def feedback_answer(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    number, year = _which(args)
    view = ctx.feedback.answer(number, args.text, year=year, office=args.office, by=actor(ctx, args))
    print(f"Số {view.label}: {STANDING_LABELS[view.standing].lower()} (hạn {view.due_date:%d/%m/%Y}).", file=out)
    return 0


# -- output ------------------------------------------------------------------------------------------------------------


def _at(value: datetime | None, zone: ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%H:%M %d/%m/%Y") if value is not None else "—"


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SHORT else flat[: SHORT - 1] + "…"


def _line(r: FeedbackRow, zone: ZoneInfo) -> str:
    who = r.citizen_name or "(không ghi tên)"
    received = r.received_at.astimezone(zone)
    return (
        f"{r.label:>9}  {received:%d/%m/%Y}  {KIND_LABELS[r.kind]:<9}  hạn {r.due_date:%d/%m/%Y}  "
        f"{STANDING_LABELS[r.standing]:<23}  {who} – {_short(r.content)}"
    )


def _print_view(v: FeedbackView, zone: ZoneInfo, out: TextIO) -> None:
    lines = [
        f"Số:              {v.label} ({KIND_LABELS[v.kind].lower()})",
        f"Hình thức:       {CHANNEL_LABELS[v.channel]}",
        f"Nhận lúc:        {_at(v.received_at, zone)} ({v.user_full_name})",
        f"Người phản ánh:  {v.citizen_name or '(không ghi tên)'}" + (f" – {v.phone}" if v.phone else ""),
    ]
    if v.dossier_code:
        lines.append(f"Hồ sơ liên quan: {v.dossier_code}")
    lines.append(f"Hạn trả lời:     {v.due_date:%d/%m/%Y}" + (f" ({v.deadline_note})" if v.deadline_note else ""))
    lines.append(f"Tình trạng:      {STANDING_LABELS[v.standing]}")
    lines.append("Nội dung:")
    lines += [f"  {line}" for line in v.content.splitlines()]
    if v.answer is not None:
        lines.append(f"Trả lời ({_at(v.answered_at, zone)}):")
        lines += [f"  {line}" for line in v.answer.splitlines()]
    lines.append("Các bước xử lý:")
    for s in v.steps:
        office = f" → {s.office}" if s.office else ""
        words = f": {' '.join(s.text.split())}" if s.text and s.action.value != "answered" else ""
        lines.append(f"  {s.seq}. {_at(s.at, zone)}  {STEP_LABELS[s.action]}{office} ({s.username}){words}")
    out.write("\n".join(lines) + "\n")


def _row_json(r: FeedbackRow, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "number": r.label,
        "kind": r.kind.value,
        "channel": r.channel.value,
        "received_at": r.received_at.astimezone(zone).isoformat(),
        "citizen_name": r.citizen_name,
        "phone": r.phone,
        "content": r.content,
        "dossier": r.dossier_code,
        "due_date": r.due_date.isoformat(),
        "state": r.state.value,
        "answered_at": r.answered_at.astimezone(zone).isoformat() if r.answered_at else None,
        "standing": r.standing.value,
    }


def _view_json(v: FeedbackView, zone: ZoneInfo) -> dict[str, Any]:
    return {
        **_row_json(v, zone),
        "recorded_by": v.username,
        "answer": v.answer,
        "deadline_note": v.deadline_note,
        "steps": [
            {
                "seq": s.seq,
                "at": s.at.astimezone(zone).isoformat(),
                "action": s.action.value,
                "user": s.username,
                "office": s.office,
                "text": s.text,
            }
            for s in v.steps
        ],
    }
