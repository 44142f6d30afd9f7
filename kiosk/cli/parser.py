"""argparse speaking Vietnamese: messages, usage, and value types that explain what is wrong."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, NoReturn

from kiosk.text import UNREADABLE, is_unicode, nfc

_TRANSLATIONS = [
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"one of the arguments (.*) is required", r"cần một trong các tham số: \1"),
    (r"unrecognized arguments: (.*)", r"tham số không hiểu được: \1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"\1: lựa chọn \2 không hợp lệ (chọn một trong: \3)",
    ),
    (r"argument (\S+): expected one argument", r"\1 cần một giá trị"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 không dùng cùng \2"),
    (r"argument (\S+): (.*)", r"\1: \2"),
]


class ArgumentParser(argparse.ArgumentParser):
    """Errors in Vietnamese, printed with the usage line, exit code 2; help headings in Vietnamese."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        wants_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)  # type: ignore[arg-type, misc]
        self._positionals.title = "tham số"
        self._optionals.title = "tuỳ chọn"
        if wants_help:
            self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _TRANSLATIONS:
            if re.fullmatch(pattern, message, flags=re.DOTALL):
                message = re.sub(pattern, replacement, message, flags=re.DOTALL)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi: {message}\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Cách dùng:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "Cách dùng:", 1)


if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[ArgumentParser]


def text_arg(value: str) -> str:
    if not is_unicode(value):
        raise argparse.ArgumentTypeError(f"«{as_typed(value)}» {UNREADABLE}")
    return nfc(value)


def as_typed(value: str) -> str:
    """An argument with undecodable bytes, shown with those bytes as they were typed (``caf\\xe9``)."""
    try:
        raw = value.encode("utf-8", "surrogateescape")  # how Python decoded the command line
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def date_arg(value: str) -> date:
    """A date as YYYY-MM-DD or DD/MM/YYYY."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007 - a calendar date has no zone
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"«{value}» không phải ngày hợp lệ (viết YYYY-MM-DD hoặc DD/MM/YYYY)")


def local_datetime_arg(value: str) -> datetime:
    """A local date and time as 'YYYY-MM-DD HH:MM[:SS]' or 'DD/MM/YYYY HH:MM[:SS]' (naive: the office's zone)."""
    formats = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
    for fmt in formats:
        try:
            return datetime.strptime(" ".join(value.split()), fmt)  # noqa: DTZ007 - the office zone is applied later
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"«{value}» không phải thời điểm hợp lệ (viết 'YYYY-MM-DD HH:MM')")


def count_arg(value: str) -> int:
    """A whole number from 0 to 365."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{value}» không phải số nguyên") from None
    if not 0 <= number <= 365:
        raise argparse.ArgumentTypeError(f"{number} nằm ngoài khoảng 0–365")
    return number


def year_arg(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{value}» không phải năm hợp lệ") from None
