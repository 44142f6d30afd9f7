"""What the published catalog says of each procedure, as plain Vietnamese values: one source for the notice-board
sheets (notice_pdf.py) and the website's pages (catalog_site.py), so the wall and the web never disagree.

Only what a citizen needs is published: the research notes kept with the catalog (source, quality, note) stay in
the office. Fields are in the order of their folded names, procedures by folded name within a field (the code
breaks ties), so the same catalog always gives the same publication.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kiosk.config import OfficeSettings
from kiosk.services.appointment import LimitKind
from kiosk.services.catalog_pages import procedure_page, procedure_url
from kiosk.services.catalog_types import FORM_LABELS, LEVEL_LABELS, ProcedureInfo
from kiosk.text import fold, nfc

TITLE = "Danh mục thủ tục hành chính"
NO_DOCUMENTS = "Danh mục chưa ghi thành phần hồ sơ của thủ tục này; xin hỏi tại Bộ phận Tiếp nhận và Trả kết quả."
DOCUMENT_HEADINGS = ("STT", "Tên giấy tờ", "Hình thức", "Số lượng", "Ghi chú")
LEGAL_BASIS = "Căn cứ pháp lý"
DOCUMENTS = "Thành phần hồ sơ"


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class DocumentRow:
    number: int
    name: str
    form: str  # "Bản chính", "Bản sao" … or "" when the catalog does not say
    count: int
    note: str  # "Nếu có", or the condition under which the paper is needed


@dataclass(frozen=True)
class ProcedureSheet:
    code: str
    name: str
    field: str
    code_line: str  # "Mã thủ tục: 1.010020" (with the national code when it differs)
    time_limit: str
    facts: tuple[Fact, ...]
    documents: tuple[DocumentRow, ...]
    legal_basis: tuple[str, ...]  # its lines, as the admin wrote them
    page: str  # the page's path inside the site: "thu-tuc/1.010020.html"
    url: str | None  # the page's address on the website, when the site's address is set


@dataclass(frozen=True)
class FieldGroup:
    name: str
    sheets: tuple[ProcedureSheet, ...]


@dataclass(frozen=True)
class Publication:
    """The catalog as published on one day by one desk."""

    parent_agency: str
    agency_name: str  # as written in a sentence; headers print it in capitals
    desk_name: str
    published: date
    groups: tuple[FieldGroup, ...]
    contact: tuple[Fact, ...]  # where, when, the hotline: the same for every procedure

    @property
    def sheets(self) -> tuple[ProcedureSheet, ...]:
        return tuple(sheet for group in self.groups for sheet in group.sheets)

    @property
    def date_text(self) -> str:
        return f"{self.published:%d/%m/%Y}"

    @property
    def summary(self) -> str:
        """ "20 thủ tục thuộc 7 lĩnh vực"."""
        return f"{len(self.sheets)} thủ tục thuộc {len(self.groups)} lĩnh vực"


def publication(
    procedures: Iterable[ProcedureInfo], office: OfficeSettings, website_url: str, published: date
) -> Publication:
    """The procedures grouped by field in the published order, each with what its sheet and page say."""
    by_field: dict[str, list[ProcedureInfo]] = {}
    for info in procedures:
        by_field.setdefault(info.field, []).append(info)
    groups = tuple(
        FieldGroup(
            nfc(name),
            tuple(
                procedure_sheet(info, office, website_url)
                for info in sorted(by_field[name], key=lambda i: (fold(i.name), i.name, i.code))
            ),
        )
        for name in sorted(by_field, key=lambda f: (fold(f), f))
    )
    return Publication(
        parent_agency=nfc(office.parent_agency.strip()),
        agency_name=nfc(office.agency_name.strip()),
        desk_name=nfc(office.desk_name.strip()),
        published=published,
        groups=groups,
        contact=tuple(Fact(label, nfc(value)) for label, value in _contact(office) if value.strip()),
    )


def procedure_sheet(info: ProcedureInfo, office: OfficeSettings, website_url: str) -> ProcedureSheet:
    code_line = f"Mã thủ tục: {info.code}"
    if info.national_code and info.national_code != info.code:
        code_line += f" (mã quốc gia: {info.national_code})"
    return ProcedureSheet(
        code=info.code,
        name=nfc(info.name),
        field=nfc(info.field),
        code_line=code_line,
        time_limit=time_limit_text(info),
        facts=tuple(Fact(label, nfc(value)) for label, value in _facts(info, office) if value.strip()),
        documents=tuple(
            DocumentRow(
                number,
                nfc(doc.name),
                _capital(FORM_LABELS[doc.form]),
                doc.count,
                _capital(nfc(doc.condition) or ("nếu có" if doc.optional else "")),
            )
            for number, doc in enumerate(info.documents, start=1)
        ),
        legal_basis=tuple(line for line in nfc(info.legal_basis).splitlines() if line.strip()),
        page=procedure_page(info.code),
        url=procedure_url(website_url, info.code),
    )


def time_limit_text(info: ProcedureInfo) -> str:
    """The limit the desk commits to, with the legal one beside it when the desk promises less."""
    text = info.time_limit().describe()
    legal = info.legal_days
    if info.limit_kind is LimitKind.WORKING_DAYS and legal and info.days and info.days < legal:
        text += f" (thời hạn theo quy định: {legal} ngày làm việc)"
    return text


def place_text(office: OfficeSettings) -> str:
    """Where dossiers are handed in and results collected: the desk, its agency, and its address when set."""
    place = " – ".join(part for part in (office.desk_name.strip(), office.agency_name.strip()) if part)
    return f"{place}, {office.address.strip()}" if office.address.strip() else place


def _facts(info: ProcedureInfo, office: OfficeSettings) -> list[tuple[str, str]]:
    contact = _contact(office)
    return [
        ("Cấp thực hiện", LEVEL_LABELS.get(info.level, info.level)),
        ("Thời hạn giải quyết", time_limit_text(info)),
        ("Phí, lệ phí", info.fee_note or "Không"),
        *contact[:2],
        ("Kết quả thực hiện", info.result_note),
        *contact[2:],
    ]


def _contact(office: OfficeSettings) -> list[tuple[str, str]]:
    return [
        ("Nơi nộp hồ sơ và nhận kết quả", place_text(office)),
        ("Thời gian tiếp nhận", office.opening_hours),
        ("Đường dây nóng", office.hotline),
    ]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
