"""`kiosk print receipt CODE [--to FILE.png|FILE.bin] | test | jobs | reprint JOB` on the receipt printer, and the
official forms as PDF: `kiosk print form ROLE CODE [--set 2018|2025] --to FILE.pdf`, `kiosk print ledger --year Y`."""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kiosk.cli.common import actor, job_outcome, user_option, write_file
from kiosk.cli.parser import text_arg, year_arg
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput, KioskError
from kiosk.printing.documents import receipt
from kiosk.printing.form_sets import FormRole, parse_role

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands

STATUS = {"queued": "chờ in", "sending": "đang in", "sent": "đã in", "failed": "LỖI", "unsure": "có thể đã in"}


def register(commands: Commands) -> None:
    printing = commands.add_parser("print", help="in phiếu trên máy in nhiệt")
    actions = printing.add_subparsers(dest="action", required=True, metavar="{receipt,test,jobs,reprint,form,ledger}")
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
    roles = ", ".join(r.value for r in FormRole if r is not FormRole.LEDGER)
    form = actions.add_parser("form", help="biểu mẫu A5 của một hồ sơ hoặc phiếu hướng dẫn, ra tệp PDF")
    form.add_argument("role", type=_role_arg, metavar="MẪU", help=f"một trong: {roles}")
    form.add_argument(
        "code", type=text_arg, metavar="MÃ", help="mã hồ sơ, hoặc số phiếu hướng dẫn (xem «kiosk guidance»)"
    )
    _paper_options(form)
    form.add_argument("--copies", type=int, choices=(1, 2), default=1, help="giấy tiếp nhận: số liên (mặc định 1)")
    form.set_defaults(handler=print_form)
    ledger = actions.add_parser("ledger", help="sổ theo dõi hồ sơ của một năm (A4 ngang), ra tệp PDF")
    ledger.add_argument("--year", type=year_arg, required=True, help="năm của sổ")
    ledger.add_argument("--book", type=int, default=1, metavar="SỐ", help="quyển số (mặc định 1)")
    _paper_options(ledger)
    ledger.set_defaults(handler=print_ledger)


def _role_arg(value: str) -> FormRole:
    try:
        return parse_role(value)
    except KioskError as exc:
        raise argparse.ArgumentTypeError(exc.message.rstrip(".")) from None


def _paper_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", choices=("2018", "2025"), help="bộ biểu mẫu (mặc định theo cài đặt)")
    parser.add_argument("--to", type=Path, required=True, metavar="TỆP.pdf", help="tệp PDF ghi ra")


def print_receipt(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    view = ctx.search.show(args.code)
    doc = receipt(view, ctx.settings.office, ctx.calendar.rules.zone, reprint=args.reprint)
    if args.to is not None:
        suffix = args.to.suffix.lower()
        if suffix == ".png":
            image = io.BytesIO()
            ctx.printing.renderer().render(doc).save(image, format="PNG")
            data = image.getvalue()
        elif suffix == ".bin":
            data = ctx.printing.render_bytes(doc)
        else:
            raise InvalidInput("Tệp ra phải có đuôi .png (ảnh) hoặc .bin (mã ESC/POS).", field="to")
        return write_file(args.to, data, out)
    return job_outcome(ctx.printing.print_now(doc, by=actor(ctx, args), dossier_id=view.id), out)


def print_test(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    doc = ctx.printing.check_page(ctx.settings.office, ctx.calendar.rules.zone)
    return job_outcome(ctx.printing.print_now(doc, by=actor(ctx, args)), out)


def print_jobs(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    zone = ctx.calendar.rules.zone
    for job in ctx.printing.recent():
        when = job.created_at.astimezone(zone).strftime("%d/%m/%Y %H:%M")
        error = f" – {job.last_error}" if job.status in ("failed", "unsure") and job.last_error else ""
        reprint = " (in lại)" if job.reprint else ""
        print(f"{job.number:>5}  {when}  {STATUS[job.status]:<7} {job.title}{reprint}{error}", file=out)
    return 0


def print_again(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    job = ctx.printing.again(args.job, by=actor(ctx, args))
    return job_outcome(ctx.printing.send(job.id), out)


def print_form(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    _check_pdf(args.to)
    if args.role in (FormRole.REFUSAL, FormRole.SUPPLEMENT_REQUEST) and "-" not in args.code:
        pdf = ctx.forms.guidance_pdf(args.code, key=args.set)  # a guidance record: no dossier code
    else:
        pdf = ctx.forms.dossier_pdf(args.role, args.code, key=args.set, copies=args.copies)
    return write_file(args.to, pdf, out)


def print_ledger(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    _check_pdf(args.to)
    return write_file(args.to, ctx.forms.ledger_pdf(args.year, book=args.book, key=args.set), out)


def _check_pdf(path: Path) -> None:
    if path.suffix.lower() != ".pdf":
        raise InvalidInput("Tệp ra phải có đuôi .pdf.", field="to")
