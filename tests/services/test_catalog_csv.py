"""The document-list grammar and the catalog CSV format."""

from __future__ import annotations

import csv
import io
from datetime import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.errors import InvalidInput
from kiosk.services.appointment import LimitKind
from kiosk.services.catalog_csv import (
    format_document,
    parse_document,
    parse_documents,
    read_file,
    read_specs,
    write_specs,
)
from kiosk.services.catalog_types import CutoffMode, DocumentForm, DocumentSpec, ProcedureSpec


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đơn đề nghị cấp bản sao", DocumentSpec("Đơn đề nghị cấp bản sao")),
        ("Học bạ (bản chính)", DocumentSpec("Học bạ", DocumentForm.ORIGINAL)),
        ("Bằng tốt nghiệp THCS (bản sao)", DocumentSpec("Bằng tốt nghiệp THCS", DocumentForm.COPY)),
        (
            "Căn cước công dân hoặc hộ chiếu (bản chính để đối chiếu)",
            DocumentSpec("Căn cước công dân hoặc hộ chiếu", DocumentForm.ORIGINAL_SHOWN),
        ),
        ("Giấy tờ hưởng chế độ ưu tiên (nếu có)", DocumentSpec("Giấy tờ hưởng chế độ ưu tiên", optional=True)),
        (
            "Giấy khai sinh (bản sao, nếu thay đổi hộ tịch)",
            DocumentSpec("Giấy khai sinh", DocumentForm.COPY, optional=True, condition="nếu thay đổi hộ tịch"),
        ),
        (
            "Giấy tờ chứng minh quan hệ hoặc giấy ủy quyền (nếu người khác yêu cầu)",
            DocumentSpec(
                "Giấy tờ chứng minh quan hệ hoặc giấy ủy quyền", optional=True, condition="nếu người khác yêu cầu"
            ),
        ),
        ("Ảnh 3x4 (2 bản)", DocumentSpec("Ảnh 3x4", count=2)),
        ("Giấy chứng nhận (GCN)", DocumentSpec("Giấy chứng nhận (GCN)")),  # not an annotation: stays in the name
        ("(bản sao)", DocumentSpec("(bản sao)")),
        ("  Học   bạ  (bản chính) ", DocumentSpec("Học bạ", DocumentForm.ORIGINAL)),
    ],
)
def test_parse_document(text: str, expected: DocumentSpec) -> None:
    assert parse_document(text) == expected


def test_documents_are_split_on_semicolons() -> None:
    docs = parse_documents("Đơn; Học bạ (bản chính);  ; Ảnh (2 bản)")
    assert [d.name for d in docs] == ["Đơn", "Học bạ", "Ảnh"]


names = (
    st.text(
        alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậếềểễệóòỏõọốồổỗộớờởỡợúùủũụứừửữự ĐÂ/-0123"),
        min_size=1,
        max_size=40,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
documents = st.builds(
    DocumentSpec,
    name=names,
    form=st.sampled_from(list(DocumentForm)),
    count=st.integers(min_value=1, max_value=99),
    optional=st.booleans(),
    condition=st.just(""),
)


@given(documents)
def test_format_then_parse_gives_the_document_back(doc: DocumentSpec) -> None:
    assert parse_document(format_document(doc)) == doc


def _spec(**changes: object) -> ProcedureSpec:
    base: dict[str, object] = {
        "code": "1.010020",
        "name": "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        "field": "Văn bằng, chứng chỉ",
        "national_code": "1.010020",
        "limit_kind": LimitKind.SAME_DAY,
        "legal_days": 0,
        "documents": (DocumentSpec("Đơn đề nghị"), DocumentSpec("CCCD", DocumentForm.ORIGINAL_SHOWN)),
    }
    base.update(changes)
    return ProcedureSpec(**base)  # type: ignore[arg-type]


def test_csv_round_trip_keeps_every_field() -> None:
    specs = [
        _spec(),
        _spec(
            code="DP-0004",
            national_code=None,
            limit_kind=LimitKind.WORKING_DAYS,
            legal_days=15,
            committed_days=10,
            cutoff_mode=CutoffMode.CUSTOM,
            cutoff_time=time(11, 30),
            fee_note="Không",
            legal_basis="Nghị định 125/2024/NĐ-CP\nThông tư 21/2018/TT-BGDĐT",
            active=False,
            quality="V",
        ),
        _spec(code="DP-0009", limit_kind=LimitKind.NONE, legal_days=None, cutoff_mode=CutoffMode.NONE),
    ]
    assert read_specs(write_specs(specs)) == specs


def test_csv_quotes_codes_and_starts_with_a_bom() -> None:
    text = write_specs([_spec()])
    assert text.startswith("\ufeff")
    assert '"1.010020","1.010020"' in text.splitlines()[1]


def test_spreadsheet_text_formula_is_read_as_the_code() -> None:
    text = 'code,name,field,limit_kind,legal_days\n="1.010020",Cấp bản sao,Văn bằng,same_day,0\n'
    assert read_specs(text)[0].code == "1.010020"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,field\nA,B\n", "thiếu cột: code"),
        ("code,name,field,legal_days\nX1,Tên,Lĩnh vực,năm\n", "Dòng 2: legal_days phải là số nguyên"),
        ("code,name,field,limit_kind\nX1,Tên,Lĩnh vực,weeks\n", "Dòng 2: limit_kind"),
        ("code,name,field,cutoff\nX1,Tên,Lĩnh vực,25:99\n", "giờ chốt"),
        ("code,name,field\nX1,,Lĩnh vực\n", "Dòng 2: thiếu cột «name»"),
        ("code,name,field\nX1,A,B\nx1,C,D\n", "mã trùng: X1"),
        ("", "trống"),
    ],
)
def test_bad_csv_names_line_and_column(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        read_specs(text)


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_bytes("code,name,field\nX1,Cáp bàn sao,Van bang\n".encode("cp1258"))  # a Windows-1258 file
    with pytest.raises(InvalidInput, match="UTF-8"):
        read_file(path)


def test_written_csv_is_read_by_the_csv_module_as_a_spreadsheet_would() -> None:
    rows = list(csv.reader(io.StringIO(write_specs([_spec()]).lstrip("\ufeff"))))
    assert rows[0][0] == "code" and rows[1][0] == "1.010020"
