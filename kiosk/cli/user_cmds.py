"""`kiosk user add | list | pin`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from kiosk.cli.common import actor, read_password, user_option
from kiosk.cli.parser import text_arg
from kiosk.context import KioskContext
from kiosk.services.users import ROLE_LABELS

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands


def register(commands: Commands) -> None:
    user = commands.add_parser("user", help="người dùng")
    actions = user.add_subparsers(dest="action", required=True, metavar="{add,list,pin}")
    add = actions.add_parser(
        "add", help="thêm người dùng (mật khẩu hỏi trên màn hình, hoặc dòng đầu của stdin)", parents=[user_option()]
    )
    add.add_argument("name", type=text_arg, help="tên đăng nhập")
    add.add_argument("--role", required=True, choices=["clerk", "supervisor", "admin"], help="vai trò")
    add.add_argument("--full-name", type=text_arg, default="", help="họ và tên")
    add.set_defaults(handler=user_add)
    listing = actions.add_parser("list", help="danh sách người dùng")
    listing.set_defaults(handler=user_list)
    pin = actions.add_parser(
        "pin",
        help="đặt mã PIN màn hình đánh giá cho lãnh đạo (hỏi trên màn hình, hoặc dòng đầu của stdin)",
        parents=[user_option()],
    )
    pin.add_argument("name", type=text_arg, help="tên đăng nhập của lãnh đạo / quản trị")
    pin.set_defaults(handler=user_pin)


def user_add(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    by = actor(ctx, args)
    password = read_password(f"Mật khẩu cho {args.name}: ", confirm=True)
    user = ctx.users.add(args.name, args.full_name, args.role, password, by=by)
    print(f"Đã thêm {user.username} ({user.full_name}) – {ROLE_LABELS[user.role]}.", file=out)
    return 0


def user_list(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    for user in ctx.users.all():
        print(f"{user.username:<16} {ROLE_LABELS[user.role]:<20} {user.full_name}", file=out)
    return 0


def user_pin(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    by = actor(ctx, args)
    pin = read_password(f"Mã PIN cho {args.name}: ", confirm=True, thing="mã PIN")
    ctx.users.set_pin(args.name, pin, by=by)
    print(f"Đã đặt mã PIN màn hình đánh giá cho {args.name}.", file=out)
    return 0
