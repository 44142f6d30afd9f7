"""`kiosk publish sheets|site`: the catalog in force, published (công khai thủ tục hành chính).

    kiosk publish sheets --out niem-yet.pdf [--field "Văn bằng"]…   # the notice-board sheets, A4
    kiosk publish site --out /var/www/thu-tuc                        # the static pages for the website

Anyone may publish: it reads only public information and changes nothing in the database.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kiosk.cli.common import write_file
from kiosk.cli.parser import text_arg
from kiosk.context import KioskContext
from kiosk.services.catalog_pages import PAGES_FOLDER

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands


def register(commands: Commands) -> None:
    publish = commands.add_parser("publish", help="công khai danh mục thủ tục: bảng niêm yết (PDF), trang web (HTML)")
    kinds = publish.add_subparsers(dest="kind", required=True, metavar="{sheets,site}")
    sheets = kinds.add_parser("sheets", help="bảng niêm yết tại quầy: mỗi thủ tục một trang A4, có trang mục lục")
    sheets.add_argument("--out", type=_path_arg, required=True, metavar="TỆP.pdf", help="tệp PDF sẽ ghi")
    sheets.add_argument(
        "--field",
        type=text_arg,
        action="append",
        metavar="LĨNH_VỰC",
        help='chỉ lĩnh vực này (gõ không dấu được, ví dụ "van bang"); lặp lại để chọn nhiều lĩnh vực',
    )
    sheets.set_defaults(handler=publish_sheets)
    site = kinds.add_parser("site", help="trang web tĩnh: index.html, mỗi thủ tục một trang, style.css")
    site.add_argument(
        "--out",
        type=_path_arg,
        required=True,
        metavar="THƯ_MỤC",
        help="thư mục sẽ ghi (chưa có, trống, hoặc đã xuất lần trước: được thay toàn bộ)",
    )
    site.set_defaults(handler=publish_site)


def _path_arg(value: str) -> Path:
    if not value.strip():
        raise argparse.ArgumentTypeError("cần một đường dẫn")
    return Path(value)


def publish_sheets(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    made = ctx.publishing.sheets(fields=args.field, now=ctx.clock.now())
    written = write_file(args.out, made.data, out)
    chosen = f" (lĩnh vực: {'; '.join(made.fields)})" if args.field else ""
    print(f"Bảng niêm yết: {len(made.sheet_pages)} thủ tục{chosen}, {made.pages} trang A4.", file=out)
    return written


def publish_site(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    report = ctx.publishing.write_site(args.out, now=ctx.clock.now())
    verb = "Đã thay trang danh mục cũ trong" if report.replaced else "Đã ghi trang danh mục vào"
    print(f"{verb} {report.folder}:", file=out)
    print(f"  index.html – {report.pages} thủ tục thuộc {len(report.fields)} lĩnh vực", file=out)
    print(f"  {PAGES_FOLDER}/ – {report.pages} trang thủ tục", file=out)
    print("  style.css", file=out)
    url = ctx.publishing.settings.publish.website_url
    if url:
        print(f"Đưa cả thư mục lên {url} để mã QR trên bảng niêm yết dẫn tới đúng trang.", file=out)
    return 0
