"""The fuzzers' report: how many inputs each entry point was fed, and how many it accepted."""

from __future__ import annotations

import os

import pytest

from tests.fuzz.checks import ACCEPTED, EXAMPLES, REFUSALS, TRIED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config) -> None:
    if not TRIED or ("FUZZ_EXAMPLES" not in os.environ and config.option.verbose <= 0):
        return
    terminalreporter.section(f"fuzz: inputs tried per entry point (up to {EXAMPLES} examples per test)")
    width = max(len(name) for name in TRIED)
    for name in sorted(TRIED):
        terminalreporter.write_line(f"{name:<{width}}  {TRIED[name]:>7} tried  {ACCEPTED[name]:>7} accepted")
    terminalreporter.write_line(
        f"{'total':<{width}}  {sum(TRIED.values()):>7} tried  {sum(ACCEPTED.values()):>7} accepted"
    )
    if os.environ.get("FUZZ_DEBUG"):
        terminalreporter.section("fuzz: the most frequent refusals")
        for (name, message), n in REFUSALS.most_common(60):
            terminalreporter.write_line(f"{n:>6}  {name:<{width}}  {message}")
