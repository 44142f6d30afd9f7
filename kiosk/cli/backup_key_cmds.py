"""`kiosk backup key new --out FILE` and `kiosk backup key show`: the supervisor's key for the copies that leave the PC.

``key new`` writes the private key, encrypted with a passphrase typed twice, into a file the supervisor keeps (their
own USB stick), and puts the public key into the settings; from the next backup on, the copies in the second
folder are encrypted to it. ``key show`` says which key is set, without opening the database.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import msgspec

from kiosk.cli.common import actor, read_password, user_option
from kiosk.config import Settings, load_settings
from kiosk.context import KioskContext
from kiosk.models import Role
from kiosk.paths import Paths
from kiosk.services.backup_keys import (
    NEW_KEY_COMMAND,
    PASSPHRASE_MIN,
    check_destination,
    check_passphrase,
    create_key,
)

if TYPE_CHECKING:
    from kiosk.cli.parser import ArgumentParser


def register(backup: ArgumentParser) -> None:
    """``key new`` and ``key show`` under ``kiosk backup``."""
    groups = backup.add_subparsers(dest="group", metavar="{key}")
    key = groups.add_parser("key", help="khoá mã hoá các bản sao lưu ra khỏi máy (thư mục thứ hai)")
    actions = key.add_subparsers(dest="action", required=True, metavar="{new,show}")
    new = actions.add_parser(
        "new",
        help="tạo khoá mới (lãnh đạo): khoá bí mật vào tệp của lãnh đạo, khoá công khai vào cài đặt",
        parents=[user_option()],
    )
    new.add_argument(
        "--out",
        required=True,
        type=_path_arg,
        metavar="TỆP",
        help="tệp khoá ghi ra, ở nơi lãnh đạo giữ (ví dụ USB riêng), không phải trên máy này",
    )
    new.set_defaults(handler=key_new, bare_handler=None)
    show = actions.add_parser("show", help="khoá đang dùng để mã hoá bản sao ở thư mục thứ hai")
    show.set_defaults(bare_handler=key_show)


def _path_arg(value: str) -> Path:
    return Path(value).expanduser()


def key_new(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    by = actor(ctx, args)
    by.require(Role.SUPERVISOR)
    folders = _kiosk_folders(ctx.paths, ctx.settings, ctx.db.path)
    check_destination(args.out, folders)  # before the passphrase is typed
    passphrase = check_passphrase(
        read_password(f"Mật khẩu của khoá (ít nhất {PASSPHRASE_MIN} ký tự): ", confirm=True, thing="mật khẩu của khoá")
    )
    now = ctx.clock.now().astimezone(ctx.settings.zone())
    recipient = create_key(args.out, passphrase, now=now, kiosk_folders=folders)
    previous = ctx.settings.backup.recipient
    backup = msgspec.structs.replace(ctx.settings.backup, recipient=recipient)
    ctx.change_settings(msgspec.structs.replace(ctx.settings, backup=backup), by=by.username)
    ctx.audit.record(by.username, "backup_key_created", recipient, {"replaced": previous or None})
    print(f"Đã tạo khoá và ghi tệp khoá: {args.out}", file=out)
    print(f"Khoá công khai (đã lưu vào cài đặt): {recipient}", file=out)
    print(
        "Từ lần sao lưu tới, bản sao ở thư mục thứ hai được mã hoá bằng khoá này; máy kiosk không tự mở được chúng.",
        file=out,
    )
    print(
        "Hãy cất tệp khoá và mật khẩu ở nơi khác, ngoài máy này (USB riêng của lãnh đạo, mật khẩu ghi giấy cất két), "
        "và không để cùng chỗ với các bản sao lưu. Mất tệp khoá hoặc quên mật khẩu thì không ai mở được các bản "
        "sao đã mã hoá.",
        file=out,
    )
    if previous:
        print(f"Khoá cũ ({previous}) vẫn cần để mở các bản sao mã hoá trước hôm nay: đừng huỷ tệp khoá cũ.", file=out)
    print("Nếu phần mềm kiosk đang mở trên máy này, hãy đóng rồi mở lại để bản sao đêm nay dùng khoá mới.", file=out)
    return 0


def key_show(args: argparse.Namespace, paths: Paths, out: TextIO) -> int:
    settings = load_settings(paths)
    recipient = settings.backup.recipient
    second = settings.backup.second_dir.strip()
    if recipient:
        print(f"Bản sao ở thư mục thứ hai được mã hoá bằng khoá: {recipient}", file=out)
        if not second:
            print("(Chưa cài đặt thư mục thứ hai: chưa có bản sao nào ra khỏi máy.)", file=out)
        return 0
    print("Chưa có khoá mã hoá bản sao lưu.", file=out)
    if second:
        print(
            f"Vì vậy chưa có bản sao nào được ghi vào thư mục thứ hai {second}. "
            f"Lãnh đạo hãy tạo khoá: {NEW_KEY_COMMAND}",
            file=out,
        )
    else:
        print(f"Khi cài đặt thư mục thứ hai, lãnh đạo cần tạo khoá trước: {NEW_KEY_COMMAND}", file=out)
    return 0


def _kiosk_folders(paths: Paths, settings: Settings, db_path: Path) -> list[Path]:
    """Where the key file must not go: the kiosk's own folders and the second backup folder."""
    folders = [paths.data_dir, paths.config_dir, paths.log_dir, paths.backup_dir, db_path.parent]
    if settings.backup.second_dir.strip():
        folders.append(Path(settings.backup.second_dir.strip()).expanduser())
    return folders
