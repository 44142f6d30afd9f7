"""`kiosk backup [--list]` and `kiosk restore FILE [--yes]`.

``kiosk backup`` makes a backup now, as the nightly job does. ``kiosk backup --list`` and ``kiosk restore`` run
without opening the database (``bare_handler``): it may be the damaged thing a backup is wanted for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kiosk.clock import SystemClock
from kiosk.config import load_settings
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput
from kiosk.paths import Paths
from kiosk.services.backup_rotation import nightly_stamp
from kiosk.services.backups import BackupInfo, BackupService
from kiosk.services.restore import BackupContents, describe_backup, restore
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
    restore_cmd = commands.add_parser("restore", help="khôi phục cơ sở dữ liệu từ một bản sao lưu (đóng kiosk trước)")
    restore_cmd.add_argument(
        "file", type=_file_arg, metavar="TỆP", help="tệp sao lưu, ví dụ kiosk-20261125-210000.sqlite3"
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
        print(f"Bản sao thứ hai: {result.second_copy} (kiểm tra toàn vẹn: đạt)", file=out)
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
            _print_folder(service.list(second), second, out)
        else:
            print(f"Thư mục thứ hai {second}: không thấy (ổ USB chưa cắm, ổ mạng chưa kết nối?)", file=out)
    return 0


def _print_folder(found: list[BackupInfo], folder: Path, out: TextIO) -> None:
    if not found:
        print(f"Chưa có bản sao lưu hằng đêm nào trong {folder}.", file=out)
        return
    print(f"Các bản sao lưu trong {folder} (mới nhất trước):", file=out)
    for info in found:
        print(f"  {info.taken_at:%d/%m/%Y %H:%M:%S}  {file_size(info.size):>10}  {info.path.name}", file=out)


def restore_file(args: argparse.Namespace, paths: Paths, out: TextIO) -> int:
    paths = paths.ensure()
    settings = load_settings(paths)
    db_path = settings.database_path(paths)
    contents = describe_backup(args.file)  # a wrong file is refused before anything is asked
    if not args.yes and not _confirmed(contents, db_path, out):
        print("Đã huỷ; cơ sở dữ liệu không thay đổi.", file=out)
        return 1
    now = SystemClock().now().astimezone(settings.zone())
    result = restore(db_path, args.file, paths.backup_dir, now)
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
