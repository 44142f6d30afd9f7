"""Logging to a rotating file in the log folder; configured by the entry points, never on import."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from kiosk.paths import Paths

LOG_FILE = "kiosk.log"


def configure_logging(paths: Paths, level: int = logging.INFO) -> Path:
    paths.log_dir.mkdir(parents=True, exist_ok=True)
    file = paths.log_dir / LOG_FILE
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(file) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return file
