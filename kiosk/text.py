"""Vietnamese text at the boundaries: NFC normalisation, search folding, and clean single-line input."""

from __future__ import annotations

import unicodedata

from kiosk.errors import InvalidInput

_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Search form: lower case, without diacritics, đ → d, runs of white space made one space.

    ``fold("Cấp  bản sao")`` is ``"cap ban sao"``.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.translate(_D_MAP).casefold().split())


def has_control_characters(text: str, *, allow_newlines: bool = False) -> bool:
    for ch in text:
        if allow_newlines and ch == "\n":
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            return True
    return False


def clean_line(value: str, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    """One line of user text: NFC, trimmed, inner white space made single; refused when unusable.

    ``label`` is the Vietnamese name of the input, used in the message ("Họ và tên").
    """
    text = " ".join(nfc(value).split())
    return _checked(text, field, label, max_length, required, allow_newlines=False)


def clean_paragraph(value: str, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    """Several lines of user text (a reason, a note): NFC, each line trimmed, CR/LF made LF."""
    lines = [" ".join(line.split()) for line in nfc(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "\n".join(lines).strip("\n")
    return _checked(text, field, label, max_length, required, allow_newlines=True)


def _checked(text: str, field: str, label: str, max_length: int, required: bool, *, allow_newlines: bool) -> str:
    if has_control_characters(text, allow_newlines=allow_newlines):
        raise InvalidInput(f"{label} có ký tự không hợp lệ.", field=field)
    if required and not text:
        raise InvalidInput(f"Vui lòng nhập {label.lower()}.", field=field)
    if len(text) > max_length:
        raise InvalidInput(f"{label} quá dài (tối đa {max_length} ký tự).", field=field)
    return text


def fold_name(name: str) -> tuple[str, str]:
    """A person's or organisation's name folded for search, and its last word (a Vietnamese given name)."""
    folded = fold(name)
    return folded, folded.rsplit(" ", 1)[-1]
