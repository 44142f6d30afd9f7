"""The ``kiosk`` command: the GUI by default, and every admin or supervisor job a script may want."""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from kiosk import __version__
from kiosk.cli import (
    audit_cmds,
    backup_cmds,
    calendar_cmds,
    catalog_cmds,
    demo_cmds,
    dossier_cmds,
    feedback_cmds,
    guidance_cmds,
    health_cmds,
    print_cmds,
    publish_cmds,
    report_cmds,
    survey_cmds,
    sync_cmds,
    user_cmds,
)
from kiosk.cli.parser import ArgumentParser
from kiosk.context import KioskContext, open_context
from kiosk.errors import KioskError
from kiosk.logs import configure_logging
from kiosk.paths import Paths

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace, KioskContext, TextIO], int]
#: A command that must run without opening the database (``kiosk restore``: it may be the damaged thing being
#: replaced) sets ``bare_handler`` instead of ``handler``, and gets the paths instead of the context.
BareHandler = Callable[[argparse.Namespace, Paths, TextIO], int]


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="kiosk",
        description="Quầy Một Cửa – phần mềm Bộ phận Tiếp nhận và Trả kết quả. Không có lệnh: mở giao diện.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}", help="phiên bản")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=ArgumentParser)
    dossier_cmds.register(commands)
    catalog_cmds.register(commands)
    calendar_cmds.register(commands)
    user_cmds.register(commands)
    print_cmds.register(commands)
    guidance_cmds.register(commands)
    feedback_cmds.register(commands)
    survey_cmds.register(commands)
    report_cmds.register(commands)
    publish_cmds.register(commands)
    backup_cmds.register(commands)
    sync_cmds.register(commands)
    audit_cmds.register(commands)
    health_cmds.register(commands)
    demo_cmds.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a name with undecodable bytes is echoed escaped, never a crash
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(args_list)
    paths = Paths.from_environment()
    log_file = configure_logging(paths)
    if args.command is None:
        from kiosk.app import main as gui_main

        return gui_main(args_list)
    bare: BareHandler | None = getattr(args, "bare_handler", None)
    try:
        if bare is not None:
            return bare(args, paths, sys.stdout)
        handler: Handler = args.handler
        with open_context(paths) as ctx:
            return handler(args, ctx, sys.stdout)
    except KioskError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (`kiosk holidays list | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except Exception:
        log.exception("unexpected error in command %s", args.command)
        print(
            f"Lỗi không mong muốn; lệnh chưa thực hiện xong. Chi tiết đã ghi vào nhật ký: {log_file}",
            file=sys.stderr,
        )
        return 70
