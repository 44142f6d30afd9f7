"""Importing python-escpos without its side effects.

On import it calls ``logging.basicConfig()`` (a handler on the root logger that would print to the console) and
writes a capabilities cache into a fresh temporary folder each time. The import is done once, on first use, with
the cache pointed at the kiosk's own folder and the stray handler removed.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from types import ModuleType

CACHE_VARIABLE = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def escpos_printers(cache_dir: Path) -> ModuleType:
    """The ``escpos.printer`` module, imported quietly."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault(CACHE_VARIABLE, str(cache_dir))
    root = logging.getLogger()
    handlers = list(root.handlers)
    import escpos.printer

    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    module: ModuleType = escpos.printer
    return module
