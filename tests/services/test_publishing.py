"""The published catalog as a website, read back the way a browser would: every page parsed, checked against the
catalog in force (inactive procedures absent), links followed, the search's fold compared with kiosk.text.fold,
the same bytes every time, and a folder of someone else's files never touched."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import msgspec
import pytest

from kiosk.context import KioskContext
from kiosk.errors import Conflict, InvalidInput, KioskError, NotFound, StorageError
from kiosk.printing.catalog_site import FOLD_BLOCKS
from kiosk.services.appointment import LimitKind
from kiosk.services.catalog_pages import procedure_page
from kiosk.services.catalog_types import DocumentForm, DocumentSpec, ProcedureInfo, ProcedureSpec
from kiosk.services.users import Actor
from kiosk.text import fold
from tests.helpers import local

NOW = local(2026, 11, 25, 9, 0)
RETIRED = "DP-0010"  # "Giải thể trường trung học phổ thông", switched off in these tests
#: How each form must read on the page, written out here rather than taken from the code under test.
FORMS = {
    DocumentForm.ORIGINAL: "Bản chính",
    DocumentForm.COPY: "Bản sao",
    DocumentForm.ORIGINAL_SHOWN: "Bản chính để đối chiếu",
    DocumentForm.ANY: "–",
}
#: A procedure with everything a page can hold, and text that must be escaped.
RICH = ProcedureSpec(
    code="DP-0099",
    name='Cho phép hoạt động giáo dục <b>"Đặc biệt"</b> & liên kết đào tạo với nước ngoài',
    field="Hợp tác quốc tế",
    national_code="1.005088",
    legal_days=20,
    committed_days=15,
    fee_note="Theo Nghị quyết của HĐND tỉnh <số 12/2025>",
    legal_basis="Luật Giáo dục 2019;\nNghị định 86/2018/NĐ-CP & Nghị định 125/2024/NĐ-CP",
    result_note="Quyết định cho phép hoạt động giáo dục",
    documents=(
        DocumentSpec("Tờ trình đề nghị <cho phép>", DocumentForm.ORIGINAL),
        DocumentSpec("Giấy chứng nhận đầu tư", DocumentForm.COPY, 2),
        DocumentSpec("Căn cước công dân", DocumentForm.ORIGINAL_SHOWN),
        DocumentSpec("Hợp đồng liên kết", DocumentForm.ANY, 3, optional=True, condition="nếu liên kết đào tạo"),
        DocumentSpec("Giấy tờ ưu tiên", optional=True),
    ),
)
#: Vietnamese as people type it: accents or none, decomposed, capitals, odd spaces, đ, and what fold must survive.
SAMPLES = (
    "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
    "cap ban sao",
    "CẤP BẢN SAO",
    unicodedata.normalize("NFD", "Cấp bản sao văn bằng"),
    "Đăng ký   dự thi\ttốt nghiệp\u00a0THPT",
    "ĐẠI HỌC Đà Lạt – Lâm Đồng",
    "Phúc khảo bài thi; giấy tờ (bản chính)",
    "Trường Mầm non 19/5",
    "Nguyễn Thị Thuỳ Dương, Huỳnh Ngọc Ánh",
    "Ủy ban nhân dân xã Ea H'leo",
    "Ưu tiên ơ ư ỡ ự ỹ ẵ ẫ ỗ ờ",
    "x\u0301 straße İstanbul Å ǅ",
    "  đầu  cuối  ",
    "\u2003em\u2009thin\u3000ideographic\u0085next",
)


# -- reading the site as a browser does ------------------------------------------------------------------------


@dataclass
class Page:
    """One HTML page: its text, the links and resources it names, its tables, its search items by field."""

    text: str = ""
    h1: str = ""
    lang: str = ""
    charset: str = ""
    links: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)
    fields: list[tuple[str, list[tuple[str, str, str]]]] = field(default_factory=list)  # (field, [(name, href, key)])
    script: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._texts: list[str] = []
        self._stack: list[str] = []
        self._capture: list[str] | None = None
        self._row: list[str] | None = None
        self._item: tuple[str, str] | None = None  # (href, key) of the search item being read
        self._dt = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self._stack.append(tag)
        if tag == "html":
            self.page.lang = a.get("lang", "")
        if tag == "meta" and "charset" in a:
            self.page.charset = a["charset"]
        if tag == "a":
            self.page.links.append(a.get("href", ""))
        if tag in ("link", "script", "img", "iframe") and (a.get("href") or a.get("src")):
            self.page.resources.append(a.get("href") or a.get("src") or "")
        if tag == "tr" and "tbody" in self._stack:
            self._row = []
        if tag == "li" and "data-search" in a:
            self._item = ("", a["data-search"])
        if tag == "a" and self._item is not None:
            self._item = (a.get("href", ""), self._item[1])
        if tag in ("h1", "h2", "td", "dt", "dd", "a", "script"):
            self._capture = []
        self._tag_start(tag)

    def _tag_start(self, tag: str) -> None:
        if tag == "section":
            self.page.fields.append(("", []))

    def handle_endtag(self, tag: str) -> None:
        captured = " ".join("".join(self._capture).split()) if self._capture is not None else ""
        if tag == "h1":
            self.page.h1 = captured
        elif tag == "h2" and "section" in self._stack and self.page.fields:
            self.page.fields[-1] = (captured, self.page.fields[-1][1])
        elif tag == "td" and self._row is not None:
            self._row.append(captured)
        elif tag == "tr" and self._row is not None:
            self.page.rows.append(self._row)
            self._row = None
        elif tag == "dt":
            self._dt = captured
        elif tag == "dd":
            self.page.facts[self._dt] = captured
        elif tag == "a" and self._item is not None and self.page.fields:
            self.page.fields[-1][1].append((captured, self._item[0], self._item[1]))
            self._item = None
        elif tag == "script":
            self.page.script = "".join(self._capture or [])
        if tag in ("h1", "h2", "td", "dt", "dd", "a", "script"):
            self._capture = None
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if "script" not in self._stack and "title" not in self._stack:
            self._texts.append(data)
        if self._capture is not None:
            self._capture.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = " ".join(" ".join(self._texts).split())


def read_page(path: Path) -> Page:
    raw = path.read_bytes().decode("utf-8")
    reader = _Reader()
    reader.feed(raw)
    reader.close()
    return reader.page


def js_fold(text: str, script: str) -> str:
    """The search's fold as the page's script does it, step by step, with the table and space class the page
    carries (there is no JavaScript engine here; the script's few lines are mirrored, its data is read)."""
    table_found = re.search(r"var FOLD = (\{.*?\});", script)
    space_found = re.search(r"var SPACE = /(\[.*?\])/;", script)
    assert table_found and space_found, "the page's script has lost its fold table"
    table, space = json.loads(table_found.group(1)), re.compile(space_found.group(1))
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if space.fullmatch(ch):
            out.append(" ")
        elif ch in table:
            out.append(table[ch])
        else:  # ch.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase()
            bare = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
            out.append(bare.lower())
    return " ".join(w for w in "".join(out).split(" ") if w)


# -- fixtures ---------------------------------------------------------------------------------------------------


@pytest.fixture
def published(ctx: KioskContext, admin: Actor) -> list[ProcedureInfo]:
    """The catalog with one rich procedure more and one switched off; the procedures in force."""
    ctx.catalog.save(RICH, by=admin)
    ctx.catalog.set_active(RETIRED, False, by=admin)
    return ctx.catalog.all(include_inactive=False)


def with_office(ctx: KioskContext, **changes: str) -> None:
    office = msgspec.structs.replace(ctx.settings.office, **changes)
    ctx.change_settings(msgspec.structs.replace(ctx.settings, office=office))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """Where the tests write sites (tmp_path also holds the kiosk's own folders)."""
    folder = tmp_path / "xuat"
    folder.mkdir()
    return folder


def listing(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- the pages --------------------------------------------------------------------------------------------------


def test_every_procedure_in_force_has_its_page_as_the_catalog_says(
    ctx: KioskContext, published: list[ProcedureInfo], tmp_path: Path
) -> None:
    with_office(ctx, address="Số 23 Lê Hồng Phong, Đà Lạt", hotline="0263 3 822 000")
    report = ctx.publishing.write_site(tmp_path / "web", now=NOW)
    assert report.pages == len(published) == 20 and not report.replaced
    for info in published:
        page = read_page(tmp_path / "web" / procedure_page(info.code))
        assert page.h1 == " ".join(info.name.split()), info.code
        assert f"Mã thủ tục: {info.code}" in page.text and f"Lĩnh vực: {info.field}" in page.text
        assert page.facts["Thời hạn giải quyết"].startswith(info.time_limit().describe())
        assert page.facts["Phí, lệ phí"] == (info.fee_note or "Không")
        assert page.facts["Nơi nộp hồ sơ và nhận kết quả"].endswith("Số 23 Lê Hồng Phong, Đà Lạt")
        assert page.facts["Đường dây nóng"] == "0263 3 822 000"
        assert page.facts["Thời gian tiếp nhận"] == ctx.settings.office.opening_hours
        assert len(page.rows) == len(info.documents)
        for number, (row, doc) in enumerate(zip(page.rows, info.documents, strict=True), start=1):
            number_cell, name, form, count, note = row
            assert (number_cell, name, form, count) == (str(number), doc.name, FORMS[doc.form], str(doc.count))
            if doc.condition:
                assert fold(note) == fold(doc.condition)
            else:
                assert note == ("Nếu có" if doc.optional else "")
        assert "Căn cứ pháp lý" in page.text if info.legal_basis else "Căn cứ pháp lý" not in page.text
    assert not (tmp_path / "web" / procedure_page(RETIRED)).exists()
    assert len(list((tmp_path / "web" / "thu-tuc").iterdir())) == len(published)


def test_a_page_shows_what_the_admin_typed_escaped(
    ctx: KioskContext, published: list[ProcedureInfo], tmp_path: Path
) -> None:
    ctx.publishing.write_site(tmp_path / "web", now=NOW)
    path = tmp_path / "web" / procedure_page("DP-0099")
    raw = path.read_text(encoding="utf-8")
    page = read_page(path)
    assert page.h1 == RICH.name and "<b>" not in raw and "&lt;b&gt;&quot;Đặc biệt&quot;&lt;/b&gt; &amp;" in raw
    assert "Mã thủ tục: DP-0099 (mã quốc gia: 1.005088)" in page.text
    assert page.facts["Thời hạn giải quyết"] == "15 ngày làm việc (thời hạn theo quy định: 20 ngày làm việc)"
    assert page.facts["Phí, lệ phí"] == "Theo Nghị quyết của HĐND tỉnh <số 12/2025>"
    assert page.facts["Kết quả thực hiện"] == "Quyết định cho phép hoạt động giáo dục"
    assert page.rows[0][1] == "Tờ trình đề nghị <cho phép>"
    assert page.rows[3] == ["4", "Hợp đồng liên kết", "–", "3", "Nếu liên kết đào tạo"]
    assert "Luật Giáo dục 2019; Nghị định 86/2018/NĐ-CP & Nghị định 125/2024/NĐ-CP" in page.text


def test_every_file_is_utf8_nfc_vietnamese_and_self_contained(
    ctx: KioskContext, published: list[ProcedureInfo], tmp_path: Path
) -> None:
    ctx.publishing.write_site(tmp_path / "web", now=NOW)
    files = listing(tmp_path / "web")
    assert set(files) == {"index.html", "style.css"} | {procedure_page(i.code) for i in published}
    for name, data in files.items():
        text = data.decode("utf-8")
        assert unicodedata.is_normalized("NFC", text), name
        assert "http://" not in text and "https://" not in text and "@import" not in text and "url(" not in text
        if name.endswith(".html"):
            page = read_page(tmp_path / "web" / name)
            assert page.lang == "vi" and page.charset == "utf-8", name
            assert text.startswith("<!DOCTYPE html>") and '<meta name="viewport"' in text
            assert page.resources == [("../" if "/" in name else "") + "style.css"], name
    assert "@media (max-width:" in files["style.css"].decode() and "@media print" in files["style.css"].decode()


def test_the_index_lists_every_procedure_under_its_field_and_every_link_leads_somewhere(
    ctx: KioskContext, published: list[ProcedureInfo], tmp_path: Path
) -> None:
    web = tmp_path / "web"
    report = ctx.publishing.write_site(web, now=NOW)
    index = read_page(web / "index.html")
    expected: dict[str, list[ProcedureInfo]] = {}
    for info in published:
        expected.setdefault(info.field, []).append(info)
    fields = [name for name, _items in index.fields]
    assert fields == sorted(expected, key=fold) == list(report.fields)
    assert "Giáo dục trung học" in fields and "Hợp tác quốc tế" in fields
    for name, items in index.fields:
        wanted = sorted(expected[name], key=lambda i: fold(i.name))
        assert [(n, href) for n, href, _key in items] == [(i.name, procedure_page(i.code)) for i in wanted]
    assert "Giải thể trường trung học phổ thông" not in index.text
    assert "Cập nhật ngày 25/11/2026" in index.text and "Gồm 20 thủ tục thuộc 7 lĩnh vực" in index.text
    for page_path in [web / "index.html", *web.glob("thu-tuc/*.html")]:
        for link in read_page(page_path).links:
            assert (page_path.parent / link).resolve().is_file(), (page_path, link)


def test_the_search_folds_as_the_kiosk_does(ctx: KioskContext, published: list[ProcedureInfo], tmp_path: Path) -> None:
    ctx.publishing.write_site(tmp_path / "web", now=NOW)
    index = read_page(tmp_path / "web" / "index.html")
    script = index.script
    for text in SAMPLES:
        assert js_fold(text, script) == fold(text), text
    for first, last in FOLD_BLOCKS:  # every letter the table covers, alone and as a capital in a word
        for point in range(first, last + 1):
            ch = chr(point)
            assert js_fold(f"A{ch}b", script) == fold(f"A{ch}b"), f"U+{point:04X}"
    items = [item for _field, group in index.fields for item in group]
    for name, _href, key in items:
        assert key == fold(key) and fold(name) in key

    def found(query: str) -> list[str]:
        words = js_fold(query, script).split(" ")
        return [name for name, _href, key in items if all(w in key for w in words)]

    assert found("cap ban sao") == ["Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"]
    assert found("CẤP BẢN SAO") == found(unicodedata.normalize("NFD", "cấp bản sao")) == found("cap ban sao")
    assert found("1.010020") == found("cap ban sao")
    assert "Chuyển trường đối với học sinh trung học cơ sở" in found("chuyen truong")
    assert found("dac biet") == [RICH.name]


def test_the_same_catalog_gives_the_same_bytes(
    ctx: KioskContext, published: list[ProcedureInfo], tmp_path: Path
) -> None:
    ctx.publishing.write_site(tmp_path / "a", now=NOW)
    ctx.publishing.write_site(tmp_path / "b", now=local(2026, 11, 25, 16, 59))
    assert listing(tmp_path / "a") == listing(tmp_path / "b") == ctx.publishing.site_files(now=NOW)
    ctx.publishing.write_site(tmp_path / "c", now=local(2026, 12, 1, 8, 0))
    later = listing(tmp_path / "c")
    assert later["style.css"] == listing(tmp_path / "a")["style.css"]
    assert b"01/12/2026" in later["index.html"] and b"25/11/2026" not in later["index.html"]


def test_the_settings_in_force_are_published(ctx: KioskContext, tmp_path: Path) -> None:
    with_office(ctx, parent_agency="UBND TỈNH LÂM ĐỒNG", agency_name="Sở Giáo dục và Đào tạo Lâm Đồng")
    ctx.publishing.write_site(tmp_path / "web", now=NOW)
    index = read_page(tmp_path / "web" / "index.html")
    assert index.text.startswith("UBND TỈNH LÂM ĐỒNG SỞ GIÁO DỤC VÀ ĐÀO TẠO LÂM ĐỒNG Bộ phận Tiếp nhận")


# -- writing the folder -----------------------------------------------------------------------------------------


def test_an_earlier_publication_is_replaced_whole(
    ctx: KioskContext, admin: Actor, published: list[ProcedureInfo], out: Path
) -> None:
    web = out / "web"
    web.mkdir()
    assert not ctx.publishing.write_site(web, now=NOW).replaced  # an empty folder is fine
    ctx.catalog.set_active("DP-0099", False, by=admin)
    report = ctx.publishing.write_site(web, now=NOW)
    assert report.replaced and report.folder == web.resolve() and report.pages == len(published) - 1
    assert not (web / procedure_page("DP-0099")).exists()  # a procedure no longer in force loses its page
    assert sorted(p.name for p in out.iterdir()) == ["web"]  # nothing left beside it


@pytest.mark.parametrize(
    ("contents", "error", "words"),
    [
        ({"ghi-chu.txt": "Của phòng Tổ chức"}, Conflict, "không phải trang danh mục thủ tục đã xuất trước đây"),
        ({"index.html": "<html>Trang chủ của Sở</html>", "logo.png": "x"}, Conflict, "không có index.html do"),
    ],
)
def test_a_folder_of_other_files_is_refused_untouched(
    ctx: KioskContext, out: Path, contents: dict[str, str], error: type[KioskError], words: str
) -> None:
    web = out / "web"
    web.mkdir()
    for name, text in contents.items():
        (web / name).write_text(text, encoding="utf-8")
    before = listing(web)
    with pytest.raises(error) as caught:
        ctx.publishing.write_site(web, now=NOW)
    assert words in caught.value.message and str(web.resolve()) in caught.value.message
    assert listing(web) == before and sorted(p.name for p in out.iterdir()) == ["web"]


def test_an_earlier_publication_with_someone_elses_file_is_refused(ctx: KioskContext, out: Path) -> None:
    web = out / "web"
    ctx.publishing.write_site(web, now=NOW)
    (web / "thu-tuc" / "anh-bia.jpg").write_bytes(b"\xff\xd8")
    before = listing(web)
    with pytest.raises(Conflict, match=re.escape("«thu-tuc/anh-bia.jpg» không do phần mềm tạo ra")):
        ctx.publishing.write_site(web, now=NOW)
    assert listing(web) == before


def test_places_that_are_not_a_folder_are_refused(ctx: KioskContext, out: Path) -> None:
    (out / "danh-muc.html").write_text("x", encoding="utf-8")
    with pytest.raises(InvalidInput, match="là một tệp, không phải thư mục"):
        ctx.publishing.write_site(out / "danh-muc.html", now=NOW)
    with pytest.raises(NotFound, match="không tồn tại"):
        ctx.publishing.write_site(out / "khong-co" / "web", now=NOW)
    with pytest.raises(InvalidInput, match="thư mục gốc"):
        ctx.publishing.write_site(Path("/"), now=NOW)


def test_a_write_that_fails_halfway_leaves_the_earlier_publication(
    ctx: KioskContext, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    web = out / "web"
    ctx.publishing.write_site(web, now=NOW)
    before = listing(web)
    good = ctx.publishing.site_files(now=local(2026, 12, 1, 8, 0))
    broken = {"thu-tuc": b"a file where the pages' folder must go", **good}  # the pages then cannot be written
    monkeypatch.setattr("kiosk.services.publishing.site_files", lambda _publication: broken)
    with pytest.raises(StorageError, match=r"Không ghi được trang danh mục vào .*\. Không có gì bị thay đổi"):
        ctx.publishing.write_site(web, now=local(2026, 12, 1, 8, 0))
    assert listing(web) == before and sorted(p.name for p in out.iterdir()) == ["web"]


# -- choosing fields --------------------------------------------------------------------------------------------


def test_fields_are_chosen_as_typed(ctx: KioskContext, published: list[ProcedureInfo]) -> None:
    publishing = ctx.publishing
    assert publishing.fields()[0] == "Giáo dục mầm non" and len(publishing.fields()) == 7
    assert publishing.choose_fields(["van bang"]) == ["Văn bằng, chứng chỉ"]
    assert publishing.choose_fields(["GIÁO DỤC TRUNG HỌC"]) == ["Giáo dục trung học"]  # exact, not the longer one
    assert publishing.choose_fields([unicodedata.normalize("NFD", "thi, tuyển"), "hop tac"]) == [
        "Hợp tác quốc tế",
        "Thi, tuyển sinh",
    ]
    assert len(publishing.choose_fields(["giao duc"])) == 4
    with pytest.raises(NotFound, match=re.escape("Không có lĩnh vực nào khớp «Y tế». Các lĩnh vực đang công khai: ")):
        publishing.choose_fields(["Y tế"])
    for bad in ("", "  ", "\u0301", "Văn\x1bbằng", "x" * 201):
        with pytest.raises(InvalidInput):
            publishing.choose_fields([bad])


def test_nothing_in_force_is_nothing_to_publish(ctx: KioskContext, admin: Actor, tmp_path: Path) -> None:
    for info in ctx.catalog.all():
        ctx.catalog.set_active(info.code, False, by=admin)
    assert ctx.publishing.fields() == []
    with pytest.raises(NotFound, match="chưa có thủ tục nào đang áp dụng"):
        ctx.publishing.write_site(tmp_path / "web", now=NOW)
    assert not (tmp_path / "web").exists()


def test_same_day_and_open_ended_limits_read_as_the_catalog_says(ctx: KioskContext, admin: Actor) -> None:
    ctx.catalog.save(
        ProcedureSpec(code="DP-0098", name="Xác nhận không thời hạn", field="Khác", limit_kind=LimitKind.NONE),
        by=admin,
    )
    files = ctx.publishing.site_files(now=NOW)
    assert "không quy định thời hạn" in files[procedure_page("DP-0098")].decode()
    assert "trả trong ngày" in files[procedure_page("1.010020")].decode()
