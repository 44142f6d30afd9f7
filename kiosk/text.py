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


#: What is said of text that is not valid Unicode: a byte that is no UTF-8, typed on a terminal with another code
#: page, reaches Python as a lone surrogate, which neither SQLite nor a password hash can take.
UNREADABLE = "có ký tự không đọc được (bảng mã không phải UTF-8); hãy gõ lại"


def is_unicode(text: str) -> bool:
    """False for text holding lone surrogates (undecodable bytes, as Python hands them over)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def require_unicode(text: str, *, field: str, label: str) -> str:
    """``text`` itself; InvalidInput when it holds bytes that were no UTF-8."""
    if not is_unicode(text):
        raise InvalidInput(f"{label} {UNREADABLE}.", field=field)
    return text


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


#: The stored search keys' lengths (dossier.name_folded, dossier.given_name_folded): folding may lengthen a name
#: ("ß" → "ss"), and a long last word is all given name, so the keys are cut to fit, as a query is (name_key).
NAME_KEY_LENGTH, GIVEN_KEY_LENGTH = 200, 60


def fold_name(name: str) -> tuple[str, str]:
    """A person's or organisation's name folded for search, and its last word (a Vietnamese given name)."""
    folded = fold(name)
    return folded[:NAME_KEY_LENGTH], folded.rsplit(" ", 1)[-1][:GIVEN_KEY_LENGTH]


def name_keys(query: str) -> tuple[str, str]:
    """A folded query cut as the stored keys are: (prefix of name_folded, equal to given_name_folded)."""
    return query[:NAME_KEY_LENGTH], query[:GIVEN_KEY_LENGTH]
