"""`kiosk demo --days N`: realistic demo data on an empty database."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from kiosk.cli.parser import count_arg
from kiosk.context import KioskContext
from kiosk.services.demo import DEMO_PASSWORD, DemoBuilder
from kiosk.services.states import STATE_LABELS, DossierState

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands


def register(commands: Commands) -> None:
    demo = commands.add_parser("demo", help="tạo dữ liệu mẫu (chỉ trên cơ sở dữ liệu trống)")
    demo.add_argument("--days", type=count_arg, default=30, help="số ngày gần đây (mặc định 30)")
    demo.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (mặc định 1)")
    demo.add_argument("--force", action="store_true", help="vẫn tạo khi cơ sở dữ liệu đã có hồ sơ")
    demo.set_defaults(handler=demo_data)


def demo_data(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    builder = DemoBuilder(ctx, seed=args.seed)
    report = builder.run(args.days, force=args.force)
    print(f"Đã tạo {report.dossiers} hồ sơ và {report.guidance} phiếu hướng dẫn trong {args.days} ngày.", file=out)
    for state in DossierState:
        if report.states.get(state.value):
            print(f"  {STATE_LABELS[state]}: {report.states[state.value]}", file=out)
    if report.users:
        print(f"Người dùng mẫu: {', '.join(report.users)} (mật khẩu: {DEMO_PASSWORD})", file=out)
    return 0
