"""The catalog as CSV: the document-list grammar, import, export, and the seed shipped in resources/.

Documents are written as the published lists write them, separated by "; ", each with an optional note in
brackets: "Học bạ (bản chính)", "Giấy khai sinh (bản sao, nếu thay đổi hộ tịch)", "Ảnh 3x4 (2 bản)",
"Căn cước công dân (bản chính để đối chiếu)", "Giấy tờ ưu tiên (nếu có)". A bracket that says anything else stays
part of the name. Codes are written quoted and the file starts with a BOM, so spreadsheets keep "1.010020" as text
and read the Vietnamese correctly.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import datetime, time
from pathlib import Path

from kiosk.errors import InvalidInput
from kiosk.services.appointment import LimitKind
from kiosk.services.catalog_types import FORM_LABELS, CutoffMode, DocumentForm, DocumentSpec, ProcedureSpec
from kiosk.text import nfc

COLUMNS = (
    "code",
    "national_code",
    "name",
    "field",
    "level",
    "limit_kind",
    "legal_days",
    "committed_days",
    "cutoff",
    "fee_note",
    "documents",
    "legal_basis",
    "result_note",
    "active",
    "quality",
    "source",
    "note",
)
REQUIRED = ("code", "name", "field")
_FORMS = {label: form for form, label in FORM_LABELS.items() if label}
_COUNT = re.compile(r"^(\d{1,2}) bản$")
_BRACKET = re.compile(r"^(.*?)\s*\(([^()]*)\)$")


# -- documents ------------------------------------------------------------------------------------------------------


def parse_document(text: str) -> DocumentSpec:
    """One item of a document list: "Giấy khai sinh (bản sao, nếu thay đổi hộ tịch)"."""
    item = " ".join(nfc(text).split())
    match = _BRACKET.match(item)
    if match:
        parsed = _bracket(match.group(2))
        if parsed is not None and match.group(1):
            form, count, optional, condition = parsed
            return DocumentSpec(match.group(1), form, count, optional, condition)
    return DocumentSpec(item)


def _bracket(content: str) -> tuple[DocumentForm, int, bool, str] | None:
    form, count, optional, condition = DocumentForm.ANY, 1, False, ""
    for part in (p.strip() for p in content.split(",")):
        lowered = part.lower()
        if lowered in _FORMS and form is DocumentForm.ANY:
            form = _FORMS[lowered]
        elif (number := _COUNT.match(lowered)) and count == 1 and int(number.group(1)) >= 1:
            count = int(number.group(1))
        elif lowered == "nếu có" and not optional:
            optional = True
        elif lowered.startswith("nếu ") and not optional:
            optional, condition = True, part
        else:
            return None  # not an annotation: the bracket belongs to the name
    return form, count, optional, condition


def format_document(doc: DocumentSpec) -> str:
    parts = []
    if doc.form is not DocumentForm.ANY:
        parts.append(FORM_LABELS[doc.form])
    if doc.count != 1:
        parts.append(f"{doc.count} bản")
    if doc.optional:
        parts.append(doc.condition or "nếu có")
    return f"{doc.name} ({', '.join(parts)})" if parts else doc.name


def parse_documents(text: str) -> tuple[DocumentSpec, ...]:
    return tuple(parse_document(item) for item in text.split(";") if item.strip())


def format_documents(docs: Iterable[DocumentSpec]) -> str:
    return "; ".join(format_document(d) for d in docs)


# -- rows -----------------------------------------------------------------------------------------------------------


def spec_to_row(spec: ProcedureSpec) -> dict[str, str]:
    cutoff = {CutoffMode.DESK: "", CutoffMode.NONE: "none"}.get(
        spec.cutoff_mode, spec.cutoff_time.strftime("%H:%M:%S") if spec.cutoff_time else ""
    )
    return {
        "code": spec.code,
        "national_code": spec.national_code or "",
        "name": spec.name,
        "field": spec.field,
        "level": spec.level,
        "limit_kind": spec.limit_kind.value,
        "legal_days": "" if spec.legal_days is None else str(spec.legal_days),
        "committed_days": "" if spec.committed_days is None else str(spec.committed_days),
        "cutoff": cutoff,
        "fee_note": spec.fee_note,
        "documents": format_documents(spec.documents),
        "legal_basis": spec.legal_basis,
        "result_note": spec.result_note,
        "active": "1" if spec.active else "0",
        "quality": spec.quality,
        "source": spec.source,
        "note": spec.note,
    }


def row_to_spec(row: dict[str, str], line: int) -> ProcedureSpec:
    """A CSV row as a spec; InvalidInput says which line and column is wrong."""
    get = {k: _cell(row.get(k)) for k in COLUMNS}
    for column in REQUIRED:
        if not get[column]:
            raise InvalidInput(f"Dòng {line}: thiếu cột «{column}».", field=column)
    try:
        kind = LimitKind(get["limit_kind"] or "working_days")
    except ValueError:
        raise InvalidInput(
            f"Dòng {line}: limit_kind phải là working_days, same_day hoặc none (đang là «{get['limit_kind']}»).",
            field="limit_kind",
        ) from None
    return ProcedureSpec(
        code=get["code"],
        name=get["name"],
        field=get["field"],
        level=get["level"] or "province",
        national_code=get["national_code"] or None,
        limit_kind=kind,
        legal_days=_days(get["legal_days"], "legal_days", line),
        committed_days=_days(get["committed_days"], "committed_days", line),
        cutoff_mode=_cutoff_mode(get["cutoff"]),
        cutoff_time=_cutoff_time(get["cutoff"], line),
        fee_note=get["fee_note"],
        legal_basis=get["legal_basis"],
        result_note=get["result_note"],
        quality=(get["quality"] or "U").upper(),
        source=get["source"],
        note=get["note"],
        documents=parse_documents(get["documents"]),
        active=get["active"].lower() not in ("0", "false", "không", "khong", "no"),
    )


def _cell(value: str | None) -> str:
    text = nfc(value or "").strip()
    if text.startswith('="') and text.endswith('"'):  # a spreadsheet's way of keeping "1.010020" as text
        text = text[2:-1]
    return text


def _days(text: str, column: str, line: int) -> int | None:
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 9:  # a longer one is no number of days anyway
        raise InvalidInput(f"Dòng {line}: {column} phải là số nguyên (đang là «{text[:20]}»).", field=column)
    return int(text)


def _cutoff_mode(text: str) -> CutoffMode:
    if not text:
        return CutoffMode.DESK
    return CutoffMode.NONE if text.lower() == "none" else CutoffMode.CUSTOM


def _cutoff_time(text: str, line: int) -> time | None:
    if not text or text.lower() == "none":
        return None
    for fmt in ("%H:%M", "%H:%M:%S"):
        try:
            return datetime.strptime(text, fmt).time()  # noqa: DTZ007 - a time of day
        except ValueError:
            continue
    raise InvalidInput(f"Dòng {line}: giờ chốt «{text}» không hợp lệ (viết HH:MM hoặc none).", field="cutoff")


# -- files ----------------------------------------------------------------------------------------------------------


def read_specs(text: str) -> list[ProcedureSpec]:
    """Every row of a catalog CSV (first line: the column names)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))  # CR, LF or CRLF: as csv wants
    try:
        if reader.fieldnames is None:
            raise InvalidInput("Tệp danh mục trống.")
        missing = [c for c in REQUIRED if c not in reader.fieldnames]
        if missing:
            raise InvalidInput(f"Tệp danh mục thiếu cột: {', '.join(missing)}.")
        specs = [row_to_spec(row, reader.line_num) for row in reader]
    except csv.Error as exc:
        raise InvalidInput(
            f"Tệp danh mục không đúng dạng CSV ở dòng {reader.line_num}; hãy lưu lại từ Excel dưới dạng "
            "«CSV UTF-8 (Comma delimited)»."
        ) from exc
    codes = [s.code.strip().upper() for s in specs]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise InvalidInput(f"Tệp danh mục có mã trùng: {', '.join(duplicates)}.")
    return specs


def write_specs(specs: Iterable[ProcedureSpec]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writeheader()
    for spec in specs:
        writer.writerow(spec_to_row(spec))
    return out.getvalue()


def read_file(path: Path) -> list[ProcedureSpec]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Không đọc được tệp {path}: {exc.strerror}.") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"Tệp {path} không phải văn bản UTF-8 (hãy lưu CSV dạng UTF-8).") from None
    return read_specs(text)
