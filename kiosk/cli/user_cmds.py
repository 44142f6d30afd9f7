"""`kiosk user add | list | pin | unlock | reset-password | passwd`."""

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
    actions = user.add_subparsers(dest="action", required=True, metavar="{add,list,pin,unlock,reset-password,passwd}")
    add = actions.add_parser(
        "add", help="thêm người dùng (mật khẩu hỏi trên màn hình, hoặc dòng đầu của stdin)", parents=[user_option()]
    )
    add.add_argument("name", type=text_arg, help="tên đăng nhập")
    add.add_argument("--role", required=True, choices=["clerk", "supervisor", "admin"], help="vai trò")
    add.add_argument("--full-name", type=text_arg, default="", help="họ và tên")
    add.add_argument(
        "--own-password",
        action="store_true",
        help="chính người dùng đó gõ mật khẩu của mình (mặc định: phải đổi mật khẩu ở lần đăng nhập đầu)",
    )
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
    unlock = actions.add_parser(
        "unlock", help="mở khoá tài khoản bị khoá vì nhập sai mật khẩu nhiều lần", parents=[user_option()]
    )
    unlock.add_argument("name", type=text_arg, help="tên đăng nhập")
    unlock.set_defaults(handler=user_unlock)
    reset = actions.add_parser(
        "reset-password",
        help="đặt lại mật khẩu (người đó phải đổi ở lần đăng nhập tới; hỏi trên màn hình, hoặc dòng đầu của stdin)",
        parents=[user_option()],
    )
    reset.add_argument("name", type=text_arg, help="tên đăng nhập")
    reset.set_defaults(handler=user_reset_password)
    passwd = actions.add_parser(
        "passwd",
        help="đổi mật khẩu của chính mình (mật khẩu cũ rồi mật khẩu mới; hoặc hai dòng đầu của stdin)",
    )
    passwd.add_argument("name", type=text_arg, help="tên đăng nhập của mình")
    passwd.set_defaults(handler=user_passwd)


def user_add(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    by = actor(ctx, args)
    password = read_password(f"Mật khẩu cho {args.name}: ", confirm=True)
    user = ctx.users.add(
        args.name, args.full_name, args.role, password, by=by, must_change_password=not args.own_password
    )
    print(f"Đã thêm {user.username} ({user.full_name}) – {ROLE_LABELS[user.role]}.", file=out)
    if not args.own_password:
        print("Người dùng này phải đổi mật khẩu ở lần đăng nhập đầu.", file=out)
    return 0


def user_list(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    states = ctx.users.account_states()
    for user in ctx.users.all():
        state = states.get(user.username)
        mark = ""
        if state is not None and state.locked:
            mark = "  [ĐÃ KHOÁ]"
        elif state is not None and state.must_change_password:
            mark = "  [chờ đổi mật khẩu]"
        print(f"{user.username:<16} {ROLE_LABELS[user.role]:<20} {user.full_name}{mark}", file=out)
    return 0


def user_unlock(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    ctx.users.unlock(args.name, by=actor(ctx, args))
    print(f"Đã mở khoá tài khoản {args.name}.", file=out)
    return 0


def user_reset_password(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    by = actor(ctx, args)
    password = read_password(f"Mật khẩu mới cho {args.name}: ", confirm=True)
    ctx.users.reset_password(args.name, password, by=by)
    print(f"Đã đặt lại mật khẩu cho {args.name}; người đó phải đổi mật khẩu ở lần đăng nhập tới.", file=out)
    return 0


def user_passwd(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    old = read_password("Mật khẩu hiện tại: ", confirm=False)
    new = read_password("Mật khẩu mới: ", confirm=True, thing="mật khẩu mới")
    ctx.users.change_password(args.name, old, new)
    print(f"Đã đổi mật khẩu của {args.name}.", file=out)
    return 0


def user_pin(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    by = actor(ctx, args)
    pin = read_password(f"Mã PIN cho {args.name}: ", confirm=True, thing="mã PIN")
    ctx.users.set_pin(args.name, pin, by=by)
    print(f"Đã đặt mã PIN màn hình đánh giá cho {args.name}.", file=out)
    return 0
