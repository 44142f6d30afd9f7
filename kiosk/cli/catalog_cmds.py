"""`kiosk catalog list | import | export`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kiosk.cli.common import actor, print_json, user_option
from kiosk.cli.parser import text_arg
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput
from kiosk.services.catalog_csv import format_document, read_file, write_specs
from kiosk.services.catalog_types import ProcedureInfo

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands


def register(commands: Commands) -> None:
    catalog = commands.add_parser("catalog", help="danh mục thủ tục hành chính")
    actions = catalog.add_subparsers(dest="action", required=True, metavar="{list,import,export}")
    listing = actions.add_parser("list", help="liệt kê hoặc tìm thủ tục")
    listing.add_argument("--search", type=text_arg, default="", help="tìm theo tên, mã, lĩnh vực (không cần dấu)")
    listing.add_argument("--json", action="store_true", help="in dạng JSON")
    listing.set_defaults(handler=catalog_list)
    imp = actions.add_parser("import", help="nhập danh mục từ tệp CSV (cập nhật theo mã)", parents=[user_option()])
    imp.add_argument("file", type=Path, help="tệp CSV (UTF-8)")
    imp.set_defaults(handler=catalog_import)
    exp = actions.add_parser("export", help="xuất danh mục ra tệp CSV")
    exp.add_argument("file", type=Path, help="tệp CSV sẽ ghi")
    exp.set_defaults(handler=catalog_export)


def _as_json(info: ProcedureInfo) -> dict[str, object]:
    return {
        "code": info.code,
        "name": info.name,
        "field": info.field,
        "level": info.level,
        "national_code": info.national_code,
        "limit_kind": info.limit_kind.value,
        "processing_days": info.days,
        "legal_days": info.legal_days,
        "committed_days": info.committed_days,
        "fee_note": info.fee_note,
        "documents": [
            {"name": d.name, "form": d.form.value, "count": d.count, "optional": d.optional, "condition": d.condition}
            for d in info.documents
        ],
        "active": info.active,
        "quality": info.quality,
        "version": info.version,
    }


def catalog_list(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    if args.search.strip():
        infos = [ctx.catalog.get(s.code) for s in ctx.catalog.search(args.search, limit=500, include_inactive=True)]
    else:
        infos = ctx.catalog.all()
    if args.json:
        print_json([_as_json(i) for i in infos], out)
        return 0
    for info in infos:
        state = "" if info.active else "  [ngừng áp dụng]"
        print(f"{info.code:<12} {info.name} — {info.time_limit().describe()}{state}", file=out)
        for doc in info.documents:
            print(f"{'':<12}   • {format_document(doc)}", file=out)
    print(f"{len(infos)} thủ tục.", file=out)
    return 0


def catalog_import(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    specs = read_file(args.file)
    if not specs:
        raise InvalidInput("Tệp không có thủ tục nào.")
    report = ctx.catalog.save_many(specs, by=actor(ctx, args))
    print(
        f"Đã nhập {len(specs)} thủ tục: {report.created} mới, {report.updated} cập nhật, {report.unchanged} không đổi.",
        file=out,
    )
    return 0


def catalog_export(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    infos = ctx.catalog.all()
    try:
        args.file.write_text(write_specs(i.content() for i in infos), encoding="utf-8", newline="")
    except OSError as exc:
        raise InvalidInput(f"Không ghi được tệp {args.file}: {exc.strerror}.") from exc
    print(f"Đã xuất {len(infos)} thủ tục ra {args.file}.", file=out)
    return 0
