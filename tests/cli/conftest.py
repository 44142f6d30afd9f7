"""The command line as an admin runs it: a fixed office clock, and helpers to run commands and register."""

from __future__ import annotations

import io
import sys

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from tests.helpers import local


@pytest.fixture(autouse=True)
def cli_clock(monkeypatch: pytest.MonkeyPatch) -> FixedClock:
    """The commands' clock: Wednesday 25/11/2026 at 9:00 in the office, movable by the test."""
    clock = FixedClock(local(2026, 11, 25, 9, 0))
    monkeypatch.setattr("kiosk.context.SystemClock", lambda: clock)
    return clock


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def with_stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def register(capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code, out, err = run(
        capsys,
        "register",
        "--procedure",
        "2.001914",
        "--name",
        "Nguyễn Văn An",
        "--phone",
        "0912345678",
        "--received",
        "2026-11-20 10:00",
        *extra,
    )
    assert code == 0, err
    return out.strip()
