"""`kiosk print receipt CODE [--to FILE.png|FILE.bin] | test | jobs | reprint JOB`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kiosk.cli.common import actor, user_option
from kiosk.cli.parser import text_arg
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput
from kiosk.printing.documents import receipt
from kiosk.services.print_jobs import JobView

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands

STATUS = {"queued": "chờ in", "sent": "đã in", "failed": "LỖI"}


def register(commands: Commands) -> None:
    printing = commands.add_parser("print", help="in phiếu trên máy in nhiệt")
    actions = printing.add_subparsers(dest="action", required=True, metavar="{receipt,test,jobs,reprint}")
    rec = actions.add_parser("receipt", help="in (lại) giấy tiếp nhận của một hồ sơ", parents=[user_option()])
    rec.add_argument("code", type=text_arg, help="mã hồ sơ")
    rec.add_argument("--to", type=Path, metavar="TỆP", help="ghi ra tệp thay vì in: .png (ảnh) hoặc .bin (mã ESC/POS)")
    rec.add_argument("--reprint", action="store_true", help="ghi «BẢN IN LẠI» trên phiếu")
    rec.set_defaults(handler=print_receipt)
    test = actions.add_parser("test", help="in thử", parents=[user_option()])
    test.set_defaults(handler=print_test)
    jobs = actions.add_parser("jobs", help="các lệnh in gần đây")
    jobs.set_defaults(handler=print_jobs)
    again = actions.add_parser("reprint", help="in lại một lệnh in (theo số)", parents=[user_option()])
    again.add_argument("job", type=int, help="số lệnh in (xem «kiosk print jobs»)")
    again.set_defaults(handler=print_again)


def _report(job: JobView, out: TextIO) -> int:
    if job.status == "sent":
        print(f"Lệnh in số {job.number}: đã in ({job.printer}).", file=out)
        return 0
    print(f"Lệnh in số {job.number}: LỖI – {job.last_error}", file=out)
    return 8


def print_receipt(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    view = ctx.search.show(args.code)
    doc = receipt(view, ctx.settings.office, ctx.calendar.rules.zone, reprint=args.reprint)
    if args.to is not None:
        suffix = args.to.suffix.lower()
        if suffix == ".png":
            ctx.printing.renderer().render(doc).save(args.to)
        elif suffix == ".bin":
            args.to.write_bytes(ctx.printing.render_bytes(doc))
        else:
            raise InvalidInput("Tệp ra phải có đuôi .png (ảnh) hoặc .bin (mã ESC/POS).", field="to")
        print(f"Đã ghi {args.to}.", file=out)
        return 0
    return _report(ctx.printing.print_now(doc, by=actor(ctx, args), dossier_id=view.id), out)


def print_test(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    doc = ctx.printing.check_page(ctx.settings.office, ctx.calendar.rules.zone)
    return _report(ctx.printing.print_now(doc, by=actor(ctx, args)), out)


def print_jobs(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    zone = ctx.calendar.rules.zone
    for job in ctx.printing.recent():
        when = job.created_at.astimezone(zone).strftime("%d/%m/%Y %H:%M")
        error = f" – {job.last_error}" if job.status == "failed" and job.last_error else ""
        reprint = " (in lại)" if job.reprint else ""
        print(f"{job.number:>5}  {when}  {STATUS[job.status]:<7} {job.title}{reprint}{error}", file=out)
    return 0


def print_again(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    job = ctx.printing.again(args.job, by=actor(ctx, args))
    return _report(ctx.printing.send(job.id), out)
