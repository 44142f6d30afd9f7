"""Importing python-escpos without its side effects.

On import it calls ``logging.basicConfig()`` (a handler on the root logger that would print to the console) and
writes a capabilities cache into a fresh temporary folder each time. The import is done once, on first use, with
the cache pointed at the kiosk's own folder and the stray handler removed.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
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


@dataclass(frozen=True)
class PrinterProfile:
    key: str  # python-escpos profile name, as stored in the settings
    vendor: str
    model: str
    width_dots: int | None  # the printable width the profile states, when it states one


def printer_profiles(cache_dir: Path) -> list[PrinterProfile]:
    """The printer profiles python-escpos knows, for the settings page to offer."""
    escpos_printers(cache_dir)  # the quiet import, which also loads the capabilities
    import escpos.capabilities

    found = []
    for key, data in escpos.capabilities.CAPABILITIES["profiles"].items():
        pixels = data.get("media", {}).get("width", {}).get("pixels")
        found.append(
            PrinterProfile(
                key=key,
                vendor=str(data.get("vendor") or ""),
                model=str(data.get("name") or key),
                width_dots=pixels if isinstance(pixels, int) else None,
            )
        )
    return sorted(found, key=lambda p: (p.key != "default", p.vendor.lower(), p.key.lower()))
