"""What several command groups share: the acting user, passwords, and printing a dossier."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from kiosk.cli.parser import ArgumentParser
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput, StorageError
from kiosk.services.catalog_types import FORM_LABELS
from kiosk.services.dossier_views import DossierView
from kiosk.services.print_jobs import JobView
from kiosk.services.states import ACTION_LABELS, NATIONAL_STATUS_LABELS, STATE_LABELS
from kiosk.services.timeliness import TIMELINESS_LABELS
from kiosk.services.users import Actor
from kiosk.text import require_unicode


def user_option() -> ArgumentParser:
    """``--user NAME``: act as that user (default: the command-line account, an admin)."""
    parent = ArgumentParser(add_help=False)
    parent.add_argument("--user", metavar="TÊN", help="thực hiện với tư cách người dùng này (mặc định: cli)")
    return parent


def actor(ctx: KioskContext, args: argparse.Namespace) -> Actor:
    """The acting user. Naming a user only ever narrows what the default admin account may do."""
    name = getattr(args, "user", None)
    return ctx.users.get(name) if name else ctx.users.cli()


def read_password(prompt: str, *, confirm: bool, thing: str = "mật khẩu") -> str:
    """From the terminal (asked twice when ``confirm``), or the first line of standard input."""
    if not sys.stdin.isatty():
        return require_unicode(sys.stdin.readline().rstrip("\r\n"), field="password", label=thing.capitalize())
    first = require_unicode(getpass.getpass(prompt), field="password", label=thing.capitalize())
    if confirm and getpass.getpass(f"Nhập lại {thing}: ") != first:
        raise InvalidInput(f"Hai lần nhập {thing} không khớp.", field="password")
    return first


def job_outcome(job: JobView, out: TextIO) -> int:
    """Say how a print job ended; exit code 8 when the printer failed."""
    if job.status == "sent":
        print(f"Lệnh in số {job.number}: đã in ({job.printer}).", file=out)
        return 0
    print(f"Lệnh in số {job.number}: LỖI – {job.last_error}", file=out)
    return 8


def write_file(path: Path, data: bytes, out: TextIO) -> int:
    """Write a file the user named, or say in words why it could not be written."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise StorageError(f"Không ghi được tệp {path}: {_why(exc)}.") from exc
    print(f"Đã ghi {path}.", file=out)
    return 0


def _why(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "thư mục chứa tệp không tồn tại"
    if isinstance(exc, PermissionError):
        return "không có quyền ghi vào đó"
    if isinstance(exc, IsADirectoryError):
        return "đó là một thư mục"
    return exc.strerror or str(exc)


def print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def print_dossier(view: DossierView, out: TextIO, zone: Any) -> None:
    def at(value: Any) -> str:
        return value.astimezone(zone).strftime("%H:%M:%S %d/%m/%Y") if value else "—"

    status = NATIONAL_STATUS_LABELS[view.national_status]
    lines = [
        f"Mã hồ sơ:        {view.code}{'  (ĐÃ HUỶ – nhập nhầm)' if view.voided else ''}",
        f"Số sổ theo dõi:  {view.ledger_number}/{view.ledger_year}",
        f"Thủ tục:         {view.procedure.name} ({view.procedure.code}, phiên bản {view.procedure.version})",
        f"Người nộp:       {view.applicant.name} – {view.applicant.phone}"
        + (f" – CCCD {view.applicant.id_number}" if view.applicant.id_number else "")
        + (f" – MST {view.applicant.tax_code}" if view.applicant.tax_code else ""),
        f"Nhận lúc:        {at(view.received_at)}",
        f"Hẹn trả:         {at(view.due_at) if view.due_at else 'không hẹn (không quy định thời hạn)'}"
        + (
            f" (hẹn lại; hẹn ban đầu {view.original_due_date:%d/%m/%Y})"
            if view.reappointed and view.original_due_date
            else ""
        ),
        f"Trạng thái:      {STATE_LABELS[view.state]} (mã quốc gia {view.national_status}: {status})",
    ]
    if view.timeliness:
        lines.append(
            f"Kết quả:         {TIMELINESS_LABELS[view.timeliness]}" + (f" – {view.outcome}" if view.outcome else "")
        )
    if view.voided:
        lines.append(f"Huỷ:             {view.void_reason} (duyệt: {view.void_supervisor})")
    lines.append("Giấy tờ:")
    for i, doc in enumerate(view.documents, start=1):
        form = FORM_LABELS[doc.form]
        extra = "" if doc.from_catalog else " [giấy tờ khác]"
        lines.append(f"  {i}. {doc.name}{f' ({form})' if form else ''} × {doc.count}{extra}")
    lines.append("Diễn biến:")
    for e in view.events:
        reason = f" – {e.reason}" if e.reason else ""
        lines.append(f"  {e.seq}. {at(e.at)}  {ACTION_LABELS[e.action]} ({e.username}){reason}")
    out.write("\n".join(lines) + "\n")
