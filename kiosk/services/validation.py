"""Checks on what the clerk types about an applicant; each returns the clean value or raises InvalidInput.

Every message names the field and says what is expected, in words a clerk can read out to the citizen.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from typing import TypeVar

from kiosk.errors import InvalidInput
from kiosk.text import clean_line

PERSON_NAME_MAX = 100
ORGANISATION_NAME_MAX = 200
ADDRESS_MAX = 300
EMAIL_MAX = 254
REASON_MAX = 2000

E = TypeVar("E", bound=Enum)


def member(kind: type[E], value: object, *, field: str, label: str) -> E:
    """``value`` as a member of ``kind`` (the member itself, or its value as a form or a script may give it)."""
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(str(m.value) for m in kind)
        raise InvalidInput(f"{label} «{value}» không hợp lệ; chọn một trong: {choices}.", field=field) from None


_PERSON_PUNCTUATION = set(" .'-")
_ORGANISATION_PUNCTUATION = set(" .,'-–&()/\"+:;#")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")


def person_name(value: str, *, field: str = "applicant_name") -> str:
    name = clean_line(value, field=field, label="Họ và tên", max_length=PERSON_NAME_MAX)
    for ch in name:
        if not (unicodedata.category(ch).startswith(("L", "M")) or ch in _PERSON_PUNCTUATION):
            raise InvalidInput(f"Họ và tên chỉ gồm chữ cái và dấu cách (có ký tự «{ch}»).", field=field)
    if len(name) < 2:
        raise InvalidInput("Họ và tên quá ngắn.", field=field)
    return name


def organisation_name(value: str, *, field: str = "applicant_name") -> str:
    name = clean_line(value, field=field, label="Tên tổ chức", max_length=ORGANISATION_NAME_MAX)
    for ch in name:
        if not (unicodedata.category(ch).startswith(("L", "M", "N")) or ch in _ORGANISATION_PUNCTUATION):
            raise InvalidInput(f"Tên tổ chức có ký tự không dùng được: «{ch}».", field=field)
    if len(name) < 2:
        raise InvalidInput("Tên tổ chức quá ngắn.", field=field)
    return name


def _digits(value: str, allowed: str = " .-") -> str | None:
    """The digits of ``value`` when it holds nothing else than digits and the separators in ``allowed``."""
    text = unicodedata.normalize("NFKC", value).strip()
    if any(not (ch.isdigit() or ch in allowed) for ch in text):
        return None
    return "".join(ch for ch in text if ch.isdigit())


def id_number(value: str, *, field: str = "id_number") -> str:
    """The 12-digit personal identification number (số định danh cá nhân, on the CCCD card)."""
    digits = _digits(value, allowed=" ")
    if digits is None or len(digits) != 12 or not digits.isascii():
        raise InvalidInput("Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.", field=field)
    return digits


def tax_code(value: str, *, field: str = "tax_code") -> str:
    """A tax code: 10 digits, 10 digits and a 3-digit branch (0123456789-001), or a 12-digit personal number."""
    digits = _digits(value)
    if digits is not None and digits.isascii():
        if len(digits) in (10, 12):
            return digits
        if len(digits) == 13:
            return f"{digits[:10]}-{digits[10:]}"
    raise InvalidInput("Mã số thuế phải gồm 10 chữ số (hoặc 10 chữ số, gạch ngang và 3 chữ số chi nhánh).", field=field)


def phone(value: str, *, field: str = "phone") -> str:
    """A Vietnamese phone number, stored as dialled inside Vietnam: 0912345678, 02633822000."""
    text = unicodedata.normalize("NFKC", value).strip()
    if text.startswith("+"):
        text = text[1:]
    digits = _digits(text, allowed=" .-()")
    if digits is not None and digits.isascii():
        if digits.startswith("84") and len(digits) in (11, 12):
            digits = "0" + digits[2:]
        if _MOBILE.match(digits) or _LANDLINE.match(digits):
            return digits
    if not text:
        raise InvalidInput("Vui lòng nhập số điện thoại.", field=field)
    raise InvalidInput(
        "Số điện thoại không hợp lệ: di động 10 chữ số (bắt đầu bằng 03, 05, 07, 08, 09), "
        "cố định 11 chữ số (bắt đầu bằng 02).",
        field=field,
    )


def email(value: str, *, field: str = "email") -> str:
    text = clean_line(value, field=field, label="Thư điện tử", max_length=EMAIL_MAX, required=False)
    if text and not _EMAIL.match(text):
        raise InvalidInput("Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.vn).", field=field)
    return text


def address(value: str, *, field: str = "address") -> str:
    return clean_line(value, field=field, label="Địa chỉ", max_length=ADDRESS_MAX, required=False)


def count(value: int, *, field: str, label: str, low: int = 1, high: int = 99) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{label} phải là số nguyên từ {low} đến {high}.", field=field)
    return value
