"""`kiosk sync` (for the OS scheduler and on demand) and `kiosk central …` (the Department's administrator)."""

from __future__ import annotations

import argparse
import socket
from datetime import datetime
from typing import TYPE_CHECKING, TextIO
from zoneinfo import ZoneInfo

from kiosk.cli.parser import date_arg, text_arg
from kiosk.config import load_settings
from kiosk.context import KioskContext
from kiosk.paths import Paths
from kiosk.services.sync import admin
from kiosk.services.sync.address import shown_url
from kiosk.services.sync.service import SyncResult, SyncStatus

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands


def register(commands: Commands) -> None:
    sync = commands.add_parser(
        "sync",
        help="đồng bộ với máy chủ trung tâm: gửi dữ liệu mới, nhận danh mục và lịch nghỉ",
        description="Không tuỳ chọn: đồng bộ ngay (dùng cho lịch chạy của hệ điều hành).",
    )
    mode = sync.add_mutually_exclusive_group()
    mode.add_argument("--status", action="store_true", help="lần đồng bộ gần nhất, số dòng đang chờ gửi, lỗi gần nhất")
    mode.add_argument("--verify", action="store_true", help="so số dòng và tổng kiểm theo từng ngày với máy chủ")
    sync.add_argument("--from", dest="since", type=date_arg, metavar="NGÀY", help="với --verify: chỉ từ ngày này")
    sync.set_defaults(handler=sync_command)

    central = commands.add_parser("central", help="quản trị máy chủ trung tâm (dành cho Sở)")
    actions = central.add_subparsers(dest="action", required=True, metavar="{init,add-station,stations,publish}")
    url_help = "địa chỉ của chủ cơ sở dữ liệu trung tâm: postgresql://TÀI_KHOẢN@MÁY:5432/CSDL"
    init = actions.add_parser("init", help="tạo hoặc nâng cấp lược đồ cơ sở dữ liệu trung tâm")
    init.add_argument("--url", required=True, help=url_help)
    init.set_defaults(bare_handler=central_init)
    add = actions.add_parser("add-station", help="đăng ký một quầy (trạm) và in tài khoản của nó")
    add.add_argument("name", type=text_arg, metavar="TÊN", help="tên quầy, ví dụ «Quầy 1 – Sở GDĐT»")
    add.add_argument("--url", required=True, help=url_help)
    add.set_defaults(bare_handler=central_add_station)
    listing = actions.add_parser("stations", help="các quầy đã đăng ký và số hồ sơ đã gửi")
    listing.add_argument("--url", required=True, help=url_help)
    listing.set_defaults(bare_handler=central_stations)
    publish = actions.add_parser(
        "publish", help="công bố danh mục thủ tục và lịch nghỉ của máy này cho mọi quầy (nhận ở lần đồng bộ sau)"
    )
    publish.add_argument("--url", required=True, help=url_help)
    publish.set_defaults(handler=central_publish)


def sync_command(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    zone = ctx.settings.zone()
    if args.status:
        print_status(ctx.sync.status(), zone, out)
        return 0
    if args.verify:
        report = ctx.sync.verify(args.since)
        compared = sum(report.tables.values())
        if report.matches:
            print(f"Khớp: {compared} dòng của quầy này giống hệt trên máy chủ trung tâm.", file=out)
            return 0
        print(f"Khác nhau ở {len(report.differences)} chỗ (đã so {compared} dòng):", file=out)
        for difference in report.differences:
            print(f"  {difference.describe()}", file=out)
        waiting = ctx.sync.status().waiting
        if waiting:
            print(f"Còn {waiting} dòng chờ gửi: chạy «kiosk sync» rồi so lại.", file=out)
        return 1
    if not ctx.sync.configured:
        print("Chưa cài đặt máy chủ trung tâm (mục [sync] url): không có gì để đồng bộ.", file=out)
        return 0
    result = ctx.sync.run(lambda sent, left: print(f"  đã gửi {sent} dòng, còn {left}", file=out, flush=True))
    print(describe_result(result), file=out)
    return 0


def describe_result(result: SyncResult) -> str:
    text = f"Đồng bộ xong trong {result.seconds:.1f} giây: gửi {result.pushed} dòng."
    if result.pulled is not None:
        pulled = result.pulled
        text += (
            f" Nhận bản công bố số {pulled.publication}: {pulled.procedures_changed} thủ tục thay đổi, "
            f"{pulled.holidays} ngày nghỉ/làm bù."
        )
    return text


def print_status(status: SyncStatus, zone: ZoneInfo, out: TextIO) -> None:
    if not status.configured:
        print("Máy chủ trung tâm: chưa cài đặt (mục [sync] url).", file=out)
    else:
        print(f"Máy chủ trung tâm: {status.target}", file=out)
    print(f"Lần đồng bộ thành công gần nhất: {_when(status.last_success_at, zone)}", file=out)
    if status.last_error:  # the last attempt failed
        print(f"Lần thử gần nhất (không thành công): {_when(status.last_attempt_at, zone)}", file=out)
    print(f"Dòng đang chờ gửi: {status.waiting}", file=out)
    if status.last_error:
        print(f"Lỗi gần nhất: {status.last_error}", file=out)


def _when(at: datetime | None, zone: ZoneInfo) -> str:
    return "chưa có" if at is None else f"{at.astimezone(zone):%H:%M %d/%m/%Y}"


def central_init(args: argparse.Namespace, paths: Paths, out: TextIO) -> int:
    before, after = admin.init_central(args.url, load_settings(paths).sync)
    if before == after:
        print(f"Cơ sở dữ liệu trung tâm {shown_url(args.url)} đã ở lược đồ mới nhất ({after}).", file=out)
    elif before is None:
        print(f"Đã tạo lược đồ trung tâm ({after}) trên {shown_url(args.url)}.", file=out)
    else:
        print(f"Đã nâng cấp lược đồ trung tâm từ {before} lên {after}.", file=out)
    return 0


def central_add_station(args: argparse.Namespace, paths: Paths, out: TextIO) -> int:
    from kiosk.clock import SystemClock

    made = admin.add_station(args.url, args.name, load_settings(paths).sync, now=SystemClock().now())
    print(f"Đã đăng ký quầy «{made.name}».", file=out)
    print(f"Tài khoản: {made.role}", file=out)
    print(f"Mật khẩu:  {made.password}   (chỉ hiện một lần; hãy chép ngay)", file=out)
    print("Trên máy của quầy, thêm vào tệp cài đặt settings.toml:", file=out)
    print("\n[sync]", file=out)
    print(f'url = "{made.url}"', file=out)
    return 0


def central_stations(args: argparse.Namespace, paths: Paths, out: TextIO) -> int:
    settings = load_settings(paths)
    zone = settings.zone()
    found = admin.stations(args.url, settings.sync)
    if not found:
        print("Chưa có quầy nào đăng ký.", file=out)
        return 0
    for info in found:
        last = _when(info.last_change, zone)
        print(f"{info.name}  ({info.role}): {info.dossiers} hồ sơ, thay đổi gần nhất {last}", file=out)
    return 0


def central_publish(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    by = f"{ctx.settings.office.agency_name} – {socket.gethostname()}"
    published = admin.publish(args.url, ctx.settings.sync, ctx.db, ctx.catalog, by=by, now=ctx.clock.now())
    print(
        f"Đã công bố bản số {published.number}: {published.procedures} thủ tục, {published.holidays} ngày nghỉ/làm "
        "bù. Các quầy nhận ở lần đồng bộ sau.",
        file=out,
    )
    return 0
