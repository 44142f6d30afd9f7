"""The fuzzers, long: every fuzz test in a process of its own, up to N examples each, within a time bound.

    python -m tests.fuzz.soak [--examples N] [--seconds S] [--seed N] [--workdir DIR]

Each test gets an equal share of the time left when it starts (a test that finishes early leaves its time to the
next); at the end of its share it stops between two examples as at Ctrl+C (``FUZZ_DEADLINE``, tests/fuzz/checks.py),
which is not a failure.
The examples are random (seeded: ``--seed`` and the test's position), not the fixed ones of ``make test``; a
failing example is printed with its ``@reproduce_failure`` blob and kept in ``.hypothesis/`` for the next run.
The report says how many inputs each entry point was fed and how many it accepted.

Also a task of ``make soak`` (tests/reliability/soak.py): ``soak(budget)`` takes ``budget.count`` as the examples per
test and ``budget.seconds`` as the bound.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
STARTUP = 3.0  # seconds a test's process takes to start (imports, the template database) and to report
MODULES = tuple(f"tests/fuzz/test_{name}_fuzz.py" for name in ("dossier", "admin", "output", "cli", "backup_key"))
_FAILED = re.compile(r"\b\d+ (failed|error)|^FAILED |^ERROR ", re.MULTILINE)
_FIGURE = re.compile(r"^(?P<entry>\S.*?)\s+(?P<tried>\d+) tried\s+(?P<accepted>\d+) accepted$")


@dataclass
class Result:
    ok: bool
    lines: list[str] = field(default_factory=list)


def tests() -> list[str]:
    """The fuzz tests' node ids (the reproducers of what they found are not fuzzers: they stay in ``make test``)."""
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *MODULES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return [line.strip() for line in listed.stdout.splitlines() if "::" in line]


def run(
    examples: int, seconds: float, seed: int, workdir: Path | None = None, echo: Callable[[str], None] | None = None
) -> Result:
    """Every fuzz test in turn; ``echo`` gets each test's line as it ends (the figures come in the result)."""
    nodes = tests()
    if not nodes:
        return Result(False, ["  no fuzz test collected"])
    deadline = time.time() + seconds
    tried: Counter[str] = Counter()
    accepted: Counter[str] = Counter()
    lines: list[str] = []
    ok = True
    for position, node in enumerate(nodes):
        share = max(5.0, (deadline - time.time()) / (len(nodes) - position))
        env = os.environ | {
            "FUZZ_EXAMPLES": str(examples),
            "FUZZ_DEADLINE": f"{time.time() + max(2.0, share - STARTUP):.0f}",
            "QT_QPA_PLATFORM": "offscreen",
        }
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--hypothesis-seed={seed + position}",
        ]
        if workdir is not None:
            command.append(f"--basetemp={workdir / str(position)}")
        started = time.time()
        try:
            done = subprocess.run(
                [*command, node], cwd=ROOT, env=env, capture_output=True, text=True, timeout=share + 300, check=False
            )
            output, code = done.stdout + done.stderr, done.returncode
        except subprocess.TimeoutExpired as exc:  # long past its share: something hangs
            output, code = _text(exc.stdout) + _text(exc.stderr), -1
        inputs = 0
        for match in map(_FIGURE.match, output.splitlines()):
            if match and match["entry"] != "total":
                tried[match["entry"]] += int(match["tried"])
                accepted[match["entry"]] += int(match["accepted"])
                inputs += int(match["tried"])
        stopped = code == 2 and "time share is over" in output and not _FAILED.search(output)
        passed = code == 0 or stopped
        how = "passed" if code == 0 else "stopped at its time share" if stopped else f"FAILED (exit {code})"
        lines.append(f"  {node.split('::')[-1]}: {how}, {inputs} inputs in {time.time() - started:.0f} s")
        if echo is not None:
            echo(lines[-1])
        if not passed:
            ok = False
            lines += [f"    {line}" for line in output.rstrip().splitlines()[-80:]]
    width = max((len(name) for name in tried), default=5)
    lines.append("  inputs tried per entry point:")
    lines += [f"    {name:<{width}}  {tried[name]:>8} tried  {accepted[name]:>8} accepted" for name in sorted(tried)]
    lines.append(f"    {'total':<{width}}  {sum(tried.values()):>8} tried  {sum(accepted.values()):>8} accepted")
    return Result(ok, lines)


def _text(raw: Any) -> str:
    return raw.decode(errors="replace") if isinstance(raw, bytes) else (raw or "")


def soak(budget: Any) -> Any:
    """The task for tests/reliability/soak.py: ``budget.count`` examples per test within ``budget.seconds``."""
    from tests.reliability.soak import Outcome

    result = run(budget.count, budget.seconds, budget.seed, budget.workdir)
    return Outcome(result.ok, result.lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.soak", description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", "1000")))
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("FUZZ_SECONDS", "900")))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("SOAK_SEED", "1")))
    parser.add_argument("--workdir", type=Path, help="where the tests keep their files (default: temporary)")
    args = parser.parse_args(argv)
    print(f"== fuzz: up to {args.examples} examples per test within {args.seconds:.0f} s", flush=True)
    started = time.time()
    result = run(args.examples, args.seconds, args.seed, args.workdir, echo=lambda line: print(line, flush=True))
    print("\n".join(line for line in result.lines if not line.startswith("  test_")))
    print(f"== fuzz: {'ok' if result.ok else 'FAILED'} in {time.time() - started:.0f} s")
    return 0 if result.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
