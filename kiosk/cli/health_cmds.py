"""`kiosk check`: is the database sound, and if not, which backup to restore."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from kiosk.clock import SystemClock
from kiosk.config import load_settings
from kiosk.paths import Paths
from kiosk.services.backups import BackupService
from kiosk.services.health import check_database

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands


def register(commands: Commands) -> None:
    check = commands.add_parser("check", help="kiểm tra cơ sở dữ liệu có bị hỏng không (và bản sao lưu nên khôi phục)")
    check.set_defaults(bare_handler=check_command)  # works on a database too damaged to open the usual way


def check_command(args: argparse.Namespace, paths: Paths, out: TextIO) -> int:
    settings = load_settings(paths)
    db_path = settings.database_path(paths)
    if not db_path.exists():
        print(f"Chưa có cơ sở dữ liệu tại {db_path}.", file=out)
        return 0
    backups = BackupService(db_path, paths.backup_dir, settings.backup, SystemClock(), settings.zone())
    health = check_database(db_path, backups)
    if health.sound:
        print(f"Cơ sở dữ liệu {db_path} nguyên vẹn.", file=out)
        return 0
    print(health.advice(), file=out)
    return 7
