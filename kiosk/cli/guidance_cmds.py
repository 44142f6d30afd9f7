"""`kiosk guidance [--from D] [--to D]`: the citizens guided or refused at the counter, with the numbers their
slips are printed by (`kiosk print form refusal NUMBER`)."""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import TYPE_CHECKING, TextIO

from kiosk.cli.parser import date_arg
from kiosk.context import KioskContext

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands

KINDS = {"supplement": "bổ sung", "refusal": "từ chối"}


def register(commands: Commands) -> None:
    guidance = commands.add_parser("guidance", help="phiếu hướng dẫn bổ sung / từ chối tiếp nhận tại quầy")
    guidance.add_argument("--from", dest="first", type=date_arg, metavar="NGÀY", help="từ ngày (mặc định 30 ngày qua)")
    guidance.add_argument("--to", dest="last", type=date_arg, metavar="NGÀY", help="đến ngày (mặc định hôm nay)")
    guidance.set_defaults(handler=list_guidance)


def list_guidance(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    zone = ctx.calendar.rules.zone
    last = args.last or ctx.calendar.today()
    first = args.first or last - timedelta(days=30)
    start, end = ctx.calendar.day_bounds(first, last)
    records = ctx.guidance.between(start, end)
    for r in records:
        when = r.at.astimezone(zone).strftime("%d/%m/%Y %H:%M")
        print(f"{r.id.hex[:8]}  {when}  {KINDS[r.kind]:<8} {r.applicant_name} – {r.procedure_name or '—'}", file=out)
    if not records:
        print(f"Không có phiếu hướng dẫn nào từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}.", file=out)
    return 0
