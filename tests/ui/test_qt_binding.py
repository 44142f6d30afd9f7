"""The Qt binding itself: a call that returns nothing must leave None's reference count alone.

PySide6-Essentials 6.12.0 drops one reference to None on each such call; on Python 3.11, where None is still
counted, the desk then dies with "Fatal Python error: none_dealloc" once the count reaches zero — after some hours
of work, or at the exit of a short script. pyproject.toml excludes that release; this test fails on any release
that brings the fault back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_calls_returning_nothing_keep_none_alive() -> None:
    target = QObject()
    before = sys.getrefcount(None)
    for _ in range(1_000):
        target.setObjectName("quay")
    lost = before - sys.getrefcount(None)
    assert lost < 100, f"each call to the binding dropped a reference to None ({lost} in 1,000 calls)"
