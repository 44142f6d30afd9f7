"""Vietnamese text at the boundary: NFC and diacritic-insensitive folding."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.errors import InvalidInput
from kiosk.text import clean_line, clean_paragraph, fold, nfc


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Cấp bản sao", "cap ban sao"),
        ("ĐẮK NÔNG", "dak nong"),
        ("Nguyễn  Thị\tÁnh ", "nguyen thi anh"),
        ("Chuyển trường đối với học sinh", "chuyen truong doi voi hoc sinh"),
        (unicodedata.normalize("NFD", "Đặng Thuỳ Dương"), "dang thuy duong"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ "))
def test_fold_of_vietnamese_letters_is_plain_ascii(text: str) -> None:
    assert fold(text).isascii()
    assert fold(text.upper()) == fold(text)


def test_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Hồ sơ")
    assert nfc(decomposed) == "Hồ sơ" and len(nfc(decomposed)) == 5


def test_clean_line() -> None:
    assert clean_line("  Nguyễn   Văn  An ", field="name", label="Họ và tên", max_length=100) == "Nguyễn Văn An"
    with pytest.raises(InvalidInput, match="Vui lòng nhập họ và tên") as error:
        clean_line("   ", field="name", label="Họ và tên", max_length=100)
    assert error.value.field == "name"
    with pytest.raises(InvalidInput, match="quá dài"):
        clean_line("a" * 10_000, field="name", label="Họ và tên", max_length=100)
    with pytest.raises(InvalidInput, match="ký tự không hợp lệ"):
        clean_line("An\u200b", field="name", label="Họ và tên", max_length=100)
    assert clean_line("", field="x", label="Ghi chú", max_length=10, required=False) == ""


def test_clean_paragraph_keeps_lines() -> None:
    text = clean_paragraph("Thiếu đơn\r\n  Thiếu  ảnh  \n", field="r", label="Lý do", max_length=100)
    assert text == "Thiếu đơn\nThiếu ảnh"
    with pytest.raises(InvalidInput):
        clean_paragraph("a\x07b", field="r", label="Lý do", max_length=100)
