"""`kiosk backup [--list]`, `kiosk backup key new|show` and `kiosk restore FILE [--key KEYFILE] [--yes]`.

``kiosk backup`` makes a backup now, as the nightly job does. ``kiosk backup --list`` and ``kiosk restore`` run
without opening the database (``bare_handler``): it may be the damaged thing a backup is wanted for. A restore is a
supervisor's or an admin's job: ``--user`` is checked against the accounts read straight from the database file.
An encrypted copy (``….sqlite3.age``, from the second folder) is decrypted with the supervisor's key file into a
private folder inside the data folder, restored from there like any backup, and the decrypted copy removed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kiosk.cli import backup_key_cmds
from kiosk.cli.common import read_password, user_option
from kiosk.clock import SystemClock
from kiosk.config import Settings, load_settings
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput, KioskError, NotFound, PermissionDenied
from kiosk.models import Role
from kiosk.paths import Paths
from kiosk.services.age_files import looks_encrypted
from kiosk.services.backup_keys import decrypted, key_needs_passphrase, load_identity
from kiosk.services.backup_rotation import nightly_stamp
from kiosk.services.backups import BackupInfo, BackupService
from kiosk.services.restore import BackupContents, account_role, describe_backup, restore
from kiosk.services.users import CLI_USERNAME, ROLE_LABELS
from kiosk.text import fold

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands

CONFIRMATION = "CÓ"


def register(commands: Commands) -> None:
    backup = commands.add_parser("backup", help="sao lưu cơ sở dữ liệu ngay (như bản sao lưu hằng đêm)")
    # --list stores its own handler: listing works without opening the database, even a damaged one.
    backup.add_argument(
        "--list",
        dest="bare_handler",
        action="store_const",
        const=backup_list,
        help="liệt kê các bản sao lưu, mới nhất trước",
    )
    backup.set_defaults(handler=backup_now, bare_handler=None)
    backup_key_cmds.register(backup)
    restore_cmd = commands.add_parser(
        "restore", help="khôi phục cơ sở dữ liệu từ một bản sao lưu (đóng kiosk trước)", parents=[user_option()]
    )
    restore_cmd.add_argument(
        "file",
        type=_file_arg,
        metavar="TỆP",
        help="tệp sao lưu, ví dụ kiosk-20261125-210000.sqlite3 (hoặc bản mã hoá ….sqlite3.age, cùng --key)",
    )
    restore_cmd.add_argument(
        "--key",
        type=_file_arg,
        metavar="TỆP_KHOÁ",
        help="tệp khoá của lãnh đạo, để mở bản sao đã mã hoá (mật khẩu của khoá sẽ được hỏi)",
    )
    restore_cmd.add_argument("--yes", action="store_true", help="không hỏi xác nhận (dùng trong kịch bản)")
    restore_cmd.set_defaults(bare_handler=restore_file)


def _file_arg(value: str) -> Path:
    return Path(value).expanduser()


def backup_now(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    result = ctx.backups.backup()
    print(f"Đã sao lưu: {result.path}", file=out)
    seconds = f"{result.seconds:.1f}".replace(".", ",")
    print(f"Dung lượng: {file_size(result.size)}; thời gian: {seconds} giây; kiểm tra toàn vẹn: đạt", file=out)
    if result.second_copy is not None:
        print(f"Bản sao thứ hai, đã mã hoá: {result.second_copy} (đọc lại từ ổ đĩa: khớp)", file=out)
    elif result.second_error is not None:
        print(f"Bản sao thứ hai: KHÔNG CÓ – {result.second_error}", file=out)
        print(f"Cảnh báo: {result.second_error}", file=sys.stderr)
    if result.removed:
        print(f"Đã xoá {len(result.removed)} bản sao lưu cũ theo lịch giữ:", file=out)
        for path in result.removed:
            print(f"  {path}", file=out)
    else:
        print("Không xoá bản sao lưu cũ nào.", file=out)
    return 0


def _service(paths: Paths) -> BackupService:
    settings = load_settings(paths)
    return BackupService(
        settings.database_path(paths), paths.backup_dir, settings.backup, SystemClock(), settings.zone()
    )


def backup_list(args: argparse.Namespace, paths: Paths, out: TextIO) -> int:
    service = _service(paths)
    _print_folder(service.list(), service.backup_dir, out)
    others = sorted(
        (p for p in service.backup_dir.glob("kiosk-*.sqlite3") if nightly_stamp(p.name) is None and p.is_file()),
        key=lambda p: p.name,
        reverse=True,
    )
    if others:
        print("Bản sao khác (trước khi nâng cấp, trước khi khôi phục; không bị xoá tự động):", file=out)
        for path in others:
            print(f"  {file_size(path.stat().st_size):>10}  {path}", file=out)
    second = service.second_dir
    if second is not None:
        if second.is_dir():
            _print_folder(service.list(second), second, out, mark_plain=True)
        else:
            print(f"Thư mục thứ hai {second}: không thấy (ổ USB chưa cắm, ổ mạng chưa kết nối?)", file=out)
    return 0


def _print_folder(found: list[BackupInfo], folder: Path, out: TextIO, *, mark_plain: bool = False) -> None:
    if not found:
        print(f"Chưa có bản sao lưu hằng đêm nào trong {folder}.", file=out)
        return
    print(f"Các bản sao lưu trong {folder} (mới nhất trước):", file=out)
    for info in found:
        plain = "  (KHÔNG mã hoá: bản chép từ phiên bản cũ)" if mark_plain and not info.encrypted else ""
        print(f"  {info.taken_at:%d/%m/%Y %H:%M:%S}  {file_size(info.size):>10}  {info.path.name}{plain}", file=out)


def restore_file(args: argparse.Namespace, paths: Paths, out: TextIO) -> int:
    paths = paths.ensure()
    settings = load_settings(paths)
    db_path = settings.database_path(paths)
    who = _restorer(db_path, args.user)
    try:
        encrypted = looks_encrypted(args.file)
    except OSError:
        encrypted = False  # describe_backup says what is wrong with the file
    if not encrypted:
        if args.key is not None:
            raise InvalidInput(f"Tệp {args.file} không được mã hoá: bỏ --key.", field="key")
        return _restore_from(args.file, None, args, settings, paths, who, out)
    if args.key is None:
        raise InvalidInput(
            f"Tệp {args.file} là bản sao lưu đã mã hoá: cần tệp khoá của lãnh đạo. Thêm --key TỆP_KHOÁ "
            "(mật khẩu của khoá sẽ được hỏi).",
            field="key",
        )
    passphrase = read_password("Mật khẩu của khoá: ", confirm=False) if key_needs_passphrase(args.key) else None
    identity = load_identity(args.key, passphrase)
    with decrypted(args.file, identity, paths.data_dir) as plain:
        return _restore_from(plain, args.file, args, settings, paths, who, out)


def _restorer(db_path: Path, name: str | None) -> str:
    """Who restores: the command line's own admin account, or ``--user``, who must be a supervisor or an admin."""
    if not name:
        return CLI_USERNAME
    username = name.strip().lower()
    try:
        role = account_role(db_path, username)
    except KioskError as exc:
        raise PermissionDenied(
            f"{exc.message} Không kiểm tra được quyền của «{username}»: bỏ --user để khôi phục bằng tài khoản quản "
            "trị của dòng lệnh."
        ) from exc
    if role is None:
        raise NotFound(f"Không có người dùng «{name}».", field="user")
    if role not in (Role.SUPERVISOR.value, Role.ADMIN.value):
        raise PermissionDenied(
            f"Việc này cần quyền «{ROLE_LABELS[Role.SUPERVISOR]}»; tài khoản {username} không có quyền đó."
        )
    return username


def _restore_from(
    file: Path,
    shown: Path | None,
    args: argparse.Namespace,
    settings: Settings,
    paths: Paths,
    who: str,
    out: TextIO,
) -> int:
    """Restore from ``file`` (the decrypted copy of ``shown`` when that is given), asking first unless --yes."""
    db_path = settings.database_path(paths)
    contents = describe_backup(file, shown=shown)  # a wrong file is refused before anything is asked
    if not args.yes and not _confirmed(contents, db_path, out):
        print("Đã huỷ; cơ sở dữ liệu không thay đổi.", file=out)
        return 1
    now = SystemClock().now().astimezone(settings.zone())
    result = restore(db_path, file, paths.backup_dir, now, actor=who, shown=shown)
    print(f"Đã khôi phục cơ sở dữ liệu {db_path} từ {result.restored_from}.", file=out)
    if result.previous_copy is None:
        print("Trước đó chưa có cơ sở dữ liệu nào.", file=out)
    elif result.previous_raw:
        print(
            f"Cơ sở dữ liệu cũ không đọc được; đã chép nguyên tệp (cùng các tệp -wal, -shm nếu có) vào: "
            f"{result.previous_copy}",
            file=out,
        )
    else:
        print(f"Cơ sở dữ liệu trước khi khôi phục được giữ tại: {result.previous_copy}", file=out)
    if result.migrated:
        print(f"Lược đồ: {result.schema_before} → {result.schema_after} (đã nâng cấp).", file=out)
    else:
        print(f"Lược đồ: {result.schema_after}.", file=out)
    print(f"Số hồ sơ: {result.dossiers}.", file=out)
    return 0


def _confirmed(contents: BackupContents, db_path: Path, out: TextIO) -> bool:
    if not sys.stdin.isatty():
        raise InvalidInput(
            "Khôi phục thay toàn bộ dữ liệu hiện tại và cần xác nhận, nhưng không có bàn phím để hỏi. "
            "Thêm --yes để xác nhận.",
            field="yes",
        )
    print(f"Khôi phục từ {contents.path} ({file_size(contents.size)}, {contents.dossiers} hồ sơ).", file=out)
    print(
        f"Toàn bộ dữ liệu hiện tại trong {db_path} sẽ được thay bằng dữ liệu của bản sao lưu này "
        "(một bản sao của dữ liệu hiện tại được giữ lại trong thư mục sao lưu).",
        file=out,
    )
    print(f"Gõ {CONFIRMATION} để tiếp tục: ", end="", file=out, flush=True)
    answer = sys.stdin.readline().strip()
    return fold(answer) == fold(CONFIRMATION)  # "có" and "CO" too: not every keyboard types Ó


def file_size(size: int) -> str:
    """1,2 MB: a size as people read it, with the Vietnamese decimal comma."""
    value = float(size)
    for unit in ("byte", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "byte" else f"{value:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        value /= 1024
    raise AssertionError("unreachable")
