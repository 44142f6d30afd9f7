"""`kiosk audit verify` and `kiosk audit list`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from kiosk.cli.parser import text_arg
from kiosk.context import KioskContext

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands


def register(commands: Commands) -> None:
    audit = commands.add_parser("audit", help="nhật ký thao tác (không sửa, không xoá được)")
    actions = audit.add_subparsers(dest="action", required=True, metavar="{verify,list}")
    verify = actions.add_parser("verify", help="kiểm tra chuỗi nhật ký: mục nào bị sửa hoặc bị xoá")
    verify.set_defaults(handler=audit_verify)
    listing = actions.add_parser("list", help="các mục gần nhất")
    listing.add_argument("--action", type=text_arg, help="chỉ một loại thao tác, ví dụ login_failed")
    listing.add_argument("--limit", type=int, default=50, help="số mục (mặc định 50)")
    listing.set_defaults(handler=audit_list)


def audit_verify(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    check = ctx.audit.verify()
    if check.sound:
        print(f"Nhật ký nguyên vẹn: {check.entries} mục, chuỗi mã băm khớp từ đầu đến cuối.", file=out)
        return 0
    print(f"Nhật ký đã bị can thiệp ({len(check.problems)} chỗ, trong {check.entries} mục):", file=out)
    for problem in check.problems:
        print(f"  {problem}", file=out)
    return 1


def audit_list(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    zone = ctx.settings.zone()
    for entry in reversed(ctx.audit.recent(limit=max(1, args.limit), action=args.action)):
        details = ", ".join(f"{k}={v}" for k, v in sorted(entry.details.items()))
        line = f"{entry.seq:>6}  {entry.at.astimezone(zone):%d/%m/%Y %H:%M:%S}  {entry.actor:<12} {entry.action:<18}"
        print(f"{line} {entry.target}" + (f"  ({details})" if details else ""), file=out)
    return 0
