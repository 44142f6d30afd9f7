"""`kiosk report daily|period|survey|ledger`: the supervisor's reports as PDF, XLSX, CSV, JSON or on the roll.

    kiosk report daily [--date D]
    kiosk report period (--from D --to D | --preset month|quarter|half|year [--date D])
    kiosk report survey (--from D --to D | --preset …)
    kiosk report ledger --year Y [--book N]

each with ``--format pdf|xlsx|csv|json|escpos`` and ``--out FILE`` (the format follows the file's extension when
not given) or ``--print`` (the thermal printer; a PDF goes to the system's printer through ``lp``). Without either,
the report is written to the terminal as text (CSV and JSON as themselves).
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kiosk.cli.common import actor, job_outcome, user_option, write_file
from kiosk.cli.parser import date_arg, year_arg
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput, PrinterError
from kiosk.services.reports.model import PERSONAL_DATA_NOTICE, Report
from kiosk.services.reports.periods import Preset, preset_period
from kiosk.services.reports.service import ReportFormat

if TYPE_CHECKING:
    from PIL import Image

    from kiosk.cli.parser import Commands

SUFFIXES = {".pdf": ReportFormat.PDF, ".xlsx": ReportFormat.XLSX, ".csv": ReportFormat.CSV, ".json": ReportFormat.JSON}
SUFFIXES |= {".bin": ReportFormat.ESCPOS, ".png": ReportFormat.ESCPOS}


def register(commands: Commands) -> None:
    report = commands.add_parser("report", help="báo cáo: tổng hợp ngày, theo kỳ, hài lòng, sổ theo dõi hồ sơ")
    kinds = report.add_subparsers(dest="kind", required=True, metavar="{daily,period,survey,ledger}")
    daily = kinds.add_parser("daily", help="tổng hợp trong ngày", parents=[user_option()])
    daily.add_argument("--date", type=date_arg, metavar="NGÀY", help="ngày báo cáo (mặc định hôm nay)")
    _output(daily)
    daily.set_defaults(handler=report_daily)
    for name, text, handler in (
        ("period", "tình hình tiếp nhận và giải quyết hồ sơ theo kỳ", report_period),
        ("survey", "kết quả đánh giá sự hài lòng theo kỳ", report_survey),
    ):
        parser = kinds.add_parser(name, help=text, parents=[user_option()])
        parser.add_argument("--from", dest="first", type=date_arg, metavar="NGÀY", help="từ ngày")
        parser.add_argument("--to", dest="last", type=date_arg, metavar="NGÀY", help="đến ngày")
        parser.add_argument(
            "--preset", choices=[p.value for p in Preset], help="cả tháng / quý / 6 tháng / năm chứa --date"
        )
        parser.add_argument(
            "--date", type=date_arg, metavar="NGÀY", help="với --preset: ngày trong kỳ (mặc định hôm nay)"
        )
        _output(parser)
        parser.set_defaults(handler=handler)
    ledger = kinds.add_parser("ledger", help="sổ theo dõi hồ sơ của một năm", parents=[user_option()])
    ledger.add_argument("--year", type=year_arg, required=True, help="năm của sổ")
    ledger.add_argument("--book", type=int, default=1, metavar="SỐ", help="quyển số (mặc định 1)")
    _output(ledger)
    ledger.set_defaults(handler=report_ledger)


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=[f.value for f in ReportFormat], help="định dạng (mặc định theo đuôi tệp)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, metavar="TỆP", help="ghi ra tệp")
    where.add_argument("--print", dest="to_printer", action="store_true", help="in ra máy in")


def report_daily(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    report = ctx.reports.daily(args.date or ctx.calendar.today(), by=actor(ctx, args))
    return _deliver(report, args, ctx, out)


def report_period(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    first, last = _period(args, ctx)
    return _deliver(ctx.reports.period(first, last, by=actor(ctx, args)), args, ctx, out)


def report_survey(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    first, last = _period(args, ctx)
    return _deliver(ctx.reports.survey(first, last, by=actor(ctx, args)), args, ctx, out)


def report_ledger(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    return _deliver(ctx.reports.ledger(args.year, args.book, by=actor(ctx, args)), args, ctx, out)


def _period(args: argparse.Namespace, ctx: KioskContext) -> tuple[date, date]:
    if args.preset:
        if args.first or args.last:
            raise InvalidInput("Dùng --preset hoặc --from/--to, không dùng cả hai.", field="preset")
        return preset_period(args.preset, args.date or ctx.calendar.today())
    if not (args.first and args.last):
        raise InvalidInput("Cần --from và --to (hoặc --preset month|quarter|half|year).", field="from")
    return args.first, args.last


def _deliver(report: Report, args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    fmt = _format(args)
    if args.to_printer:
        return _print(report, fmt or ReportFormat.ESCPOS, ctx, args, out)
    if args.out is None:
        if fmt in (ReportFormat.CSV, ReportFormat.JSON):
            out.write(ctx.reports.export(report, fmt, by=actor(ctx, args)).decode("utf-8-sig"))
            return 0
        if fmt is not None:
            raise InvalidInput(f"Định dạng {fmt.value} cần --out TỆP (hoặc --print).", field="out")
        from kiosk.printing.report_roll import report_text

        out.write(report_text(report))
        return 0
    if fmt is None:
        raise InvalidInput(
            "Không đoán được định dạng từ đuôi tệp; thêm --format pdf|xlsx|csv|json|escpos.", field="out"
        )
    if fmt is ReportFormat.ESCPOS:
        doc = ctx.reports.roll(report)
        if args.out.suffix.lower() == ".png":
            data = _png(ctx.printing.renderer().render(doc))
        else:
            data = ctx.printing.render_bytes(doc)
    else:
        data = ctx.reports.export(report, fmt, by=actor(ctx, args))
    written = write_file(args.out, data, out)
    if written == 0 and report.personal_data:
        print(f"Lưu ý: {PERSONAL_DATA_NOTICE}", file=out)
    return written


def _format(args: argparse.Namespace) -> ReportFormat | None:
    if args.format:
        return ReportFormat(args.format)
    if args.out is not None:
        return SUFFIXES.get(args.out.suffix.lower())
    return None


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _print(report: Report, fmt: ReportFormat, ctx: KioskContext, args: argparse.Namespace, out: TextIO) -> int:
    if fmt is ReportFormat.ESCPOS:
        return job_outcome(ctx.printing.print_now(ctx.reports.roll(report), by=actor(ctx, args)), out)
    if fmt is not ReportFormat.PDF:
        raise InvalidInput("Chỉ in được phiếu nhiệt (escpos) hoặc PDF.", field="format")
    lp = shutil.which("lp") or shutil.which("lpr")
    if lp is None:
        raise PrinterError("Máy này không có lệnh in lp/lpr; ghi ra tệp với --out rồi in từ trình xem PDF.")
    data = ctx.reports.export(report, fmt, by=actor(ctx, args))
    result = subprocess.run([lp], input=data, capture_output=True, timeout=60, check=False)
    if result.returncode != 0:
        raise PrinterError(f"Máy in văn phòng từ chối lệnh in: {result.stderr.decode(errors='replace').strip()}")
    print("Đã gửi báo cáo PDF tới máy in văn phòng.", file=out)
    return 0
