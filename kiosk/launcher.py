"""The ``kiosk`` command's entry point: import the application with the garbage collector paused.

Start-up creates a few hundred thousand long-lived objects (SQLAlchemy's and our models); collecting while they
are being created only walks them again and again. The collector is paused for the imports, the objects made so
far are frozen out of future collections, and collection resumes before any command runs.
"""

from __future__ import annotations

import gc


def run() -> int:
    enabled = gc.isenabled()
    gc.disable()
    try:
        from kiosk.cli import main
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    return main()
