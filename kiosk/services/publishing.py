"""Publishing the catalog (công khai thủ tục hành chính): notice-board sheets and static pages for the website.

Both are made from the procedures in force (inactive ones are never published) with what the settings say of the
desk, through one description of each procedure (kiosk/printing/procedure_sheet.py), so the wall and the website
agree. Publishing reads only what the law requires to be public and changes nothing in the database, so any
logged-in user may do it: no role is checked and nothing is audited.

The website is written whole or not at all: into a new hidden folder beside the chosen one, which then takes the
chosen one's place. A folder is only ever replaced when it is empty or holds an earlier publication (an
``index.html`` written by the kiosk, and nothing but what the kiosk writes), never someone else's files.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.clock import Clock, SystemClock
from kiosk.config import Settings
from kiosk.errors import Conflict, InvalidInput, NotFound, StorageError
from kiosk.printing.catalog_site import GENERATOR, INDEX, STYLE, site_files
from kiosk.printing.notice_pdf import NoticePdf, notice_pdf
from kiosk.printing.procedure_sheet import Publication, publication
from kiosk.services.catalog import CatalogService
from kiosk.services.catalog_pages import PAGES_FOLDER
from kiosk.text import clean_line, fold

#: How much of an index.html is read to find the kiosk's mark.
_HEAD_BYTES = 4096


@dataclass(frozen=True)
class SiteReport:
    folder: Path
    pages: int  # one per procedure, besides the index
    fields: tuple[str, ...]
    replaced: bool  # an earlier publication was there and was replaced


class PublishingService:
    def __init__(self, catalog: CatalogService, settings: Settings, clock: Clock | None = None) -> None:
        self._catalog = catalog
        self._clock = clock or SystemClock()
        self.settings = settings  # replaced when the admin changes them

    # -- what is published ----------------------------------------------------------------------------------------

    def fields(self) -> list[str]:
        """The fields of the procedures in force, in the published order."""
        return sorted({p.field for p in self._catalog.all(include_inactive=False)}, key=lambda f: (fold(f), f))

    def choose_fields(self, wanted: Sequence[str]) -> list[str]:
        """The fields named by what was typed, in the published order: a field whose name folds to the text
        exactly, else every field whose name holds each of its words ("van bang" → "Văn bằng, chứng chỉ")."""
        known = self.fields()
        chosen: set[str] = set()
        for text in wanted:
            typed = clean_line(text, field="field", label="Lĩnh vực", max_length=200)
            words = fold(typed).split()
            if not words:
                raise InvalidInput(f"Lĩnh vực «{typed}» không có chữ nào để tìm.", field="field")
            exact = [f for f in known if fold(f) == " ".join(words)]
            found = exact or [f for f in known if all(w in fold(f) for w in words)]
            if not found:
                raise NotFound(
                    f"Không có lĩnh vực nào khớp «{typed}». Các lĩnh vực đang công khai: {'; '.join(known)}.",
                    field="field",
                )
            chosen.update(found)
        return [f for f in known if f in chosen]

    def publication(self, *, fields: Sequence[str] | None = None, now: datetime | None = None) -> Publication:
        """The procedures in force grouped by field (only the fields named, when ``fields`` is given), as
        published on ``now``'s day in the office (default: the clock's)."""
        procedures = self._catalog.all(include_inactive=False)
        if fields:
            chosen = set(self.choose_fields(fields))
            procedures = [p for p in procedures if p.field in chosen]
        if not procedures:
            raise NotFound("Danh mục chưa có thủ tục nào đang áp dụng để công khai.")
        day = (now or self._clock.now()).astimezone(self.settings.zone()).date()
        return publication(procedures, self.settings.office, self.settings.publish.website_url, day)

    # -- the notice board -----------------------------------------------------------------------------------------

    def sheets(self, *, fields: Sequence[str] | None = None, now: datetime | None = None) -> NoticePdf:
        """The notice-board sheets as an A4 PDF, with its page count and the page each sheet starts on."""
        return notice_pdf(self.publication(fields=fields, now=now))

    def sheets_pdf(self, *, fields: Sequence[str] | None = None, now: datetime | None = None) -> bytes:
        return self.sheets(fields=fields, now=now).data

    # -- the website ----------------------------------------------------------------------------------------------

    def site_files(self, *, now: datetime | None = None) -> dict[str, bytes]:
        """Every file of the static site by its path inside the site, as :meth:`write_site` writes them."""
        return site_files(self.publication(now=now))

    def write_site(self, folder: Path, *, now: datetime | None = None) -> SiteReport:
        """Write the whole site into ``folder`` (made, or replaced when empty or an earlier publication)."""
        made = self.publication(now=now)
        files = site_files(made)
        target = _target(folder)
        replaced = _check_folder(target)
        _write_whole(target, files)
        return SiteReport(target, len(made.sheets), tuple(g.name for g in made.groups), replaced)


# -- writing the folder -------------------------------------------------------------------------------------------


def _target(folder: Path) -> Path:
    """The folder as an absolute path with its links resolved; its parent must exist."""
    if not str(folder).strip():
        raise InvalidInput("Cần chọn thư mục để ghi trang danh mục.", field="folder")
    try:
        target = Path(folder).expanduser().resolve()
        parent_ok = target.parent.is_dir()
    except (OSError, RuntimeError, ValueError) as exc:
        raise InvalidInput(f"Không dùng được đường dẫn thư mục {folder}: {_why(exc)}.", field="folder") from exc
    if target.parent == target:
        raise InvalidInput(f"Không ghi trang danh mục vào thư mục gốc {target}; hãy chọn một thư mục con.")
    if not parent_ok:
        raise NotFound(f"Thư mục chứa {target} không tồn tại.", field="folder")
    return target


def _check_folder(target: Path) -> bool:
    """True when ``target`` holds an earlier publication, False when it is empty or not there yet; Conflict when
    it holds anything else."""
    try:
        if not target.exists():
            return False
        if not target.is_dir():
            raise InvalidInput(f"{target} là một tệp, không phải thư mục.", field="folder")
        entries = sorted(p.name for p in target.iterdir())
        if not entries:
            return False
        index = target / INDEX
        ours = index.is_file() and GENERATOR.encode() in index.read_bytes()[:_HEAD_BYTES]
        if not ours:
            raise Conflict(
                f"Thư mục {target} đã có tệp khác và không phải trang danh mục thủ tục đã xuất trước đây (không có "
                "index.html do phần mềm tạo ra). Hãy chọn một thư mục trống, hoặc thư mục đã xuất lần trước.",
                field="folder",
            )
        foreign = [name for name in entries if name not in (INDEX, STYLE, PAGES_FOLDER)]
        foreign += _foreign_pages(target / PAGES_FOLDER)
    except OSError as exc:
        raise StorageError(f"Không đọc được thư mục {target}: {_why(exc)}.") from exc
    if foreign:
        raise Conflict(
            f"Thư mục {target} là trang danh mục đã xuất trước đây nhưng có thêm «{foreign[0]}» không do phần mềm "
            "tạo ra; ghi đè sẽ xoá mất. Hãy chuyển nó đi, hoặc chọn thư mục khác.",
            field="folder",
        )
    return True


def _foreign_pages(pages: Path) -> list[str]:
    """What the pages' folder holds besides pages (the folder itself when it is a file)."""
    if not pages.exists():
        return []
    if not pages.is_dir():
        return [PAGES_FOLDER]
    return [f"{PAGES_FOLDER}/{p.name}" for p in sorted(pages.iterdir()) if not (p.is_file() and p.suffix == ".html")]


def _write_whole(target: Path, files: dict[str, bytes]) -> None:
    """Write the files into a new folder beside ``target``, then put it in ``target``'s place."""
    fresh: Path | None = None
    try:
        fresh = Path(tempfile.mkdtemp(prefix=".danh-muc-moi-", dir=target.parent))
        for name, data in files.items():
            path = fresh / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        fresh.chmod(0o755)  # a web server must read it (mkdtemp keeps it to its owner)
        _swap(fresh, target)
    except OSError as exc:
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        raise StorageError(
            f"Không ghi được trang danh mục vào {target}: {_why(exc)}. Không có gì bị thay đổi."
        ) from exc


def _swap(fresh: Path, target: Path) -> None:
    if not target.exists():
        fresh.rename(target)
        return
    if not any(target.iterdir()):
        target.rmdir()
        fresh.rename(target)
        return
    old = target.parent / f".danh-muc-cu-{uuid.uuid4().hex[:12]}"
    target.rename(old)
    try:
        fresh.rename(target)
    except OSError:
        old.rename(target)  # the earlier publication goes back where it was
        raise
    shutil.rmtree(old, ignore_errors=True)


def _why(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "đường dẫn không tồn tại"
    if isinstance(exc, PermissionError):
        return "không có quyền ghi vào đó"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return "đường dẫn không hợp lệ"
