"""Logging to a rotating file in the log folder; configured by the entry points, never on import.

Citizens' ID numbers and phone numbers never reach the file: every line, tracebacks included (a database error
quotes the values it was given), is masked before it is written.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from kiosk.paths import Paths

LOG_FILE = "kiosk.log"

#: A CCCD (12 digits) or an old CMND (9 digits) standing alone.
_ID_NUMBER = re.compile(r"(?<![\w.-])\d{9}(?:\d{3})?(?![\w.-])")
#: A Vietnamese phone number, written with or without spaces, dots or dashes: 0912 345 678, +84 912.345.678.
_PHONE = re.compile(r"(?<![\w.+])(?:\+84|84|0)(?:[ .-]?\d){8,10}(?![\w.-]?\d)")


def redact(text: str) -> str:
    """``text`` with ID numbers and phone numbers replaced by what they are."""
    return _ID_NUMBER.sub("[số định danh]", _PHONE.sub("[số điện thoại]", text))


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(paths: Paths, level: int = logging.INFO) -> Path:
    paths.log_dir.mkdir(parents=True, exist_ok=True)
    file = paths.log_dir / LOG_FILE
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(file) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return file
