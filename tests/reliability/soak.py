"""`make soak`: the long runs of the reliability tasks, each within a count and a time bound.

    python -m tests.reliability.soak [--count N] [--seconds S] [--seed N] [--keep] [--workdir DIR] [TASK …]

Tasks run in the order of ``TASKS``. The time bound covers them all: each task gets, when it starts, its weight's
share of the time left (a task that finishes early leaves its time to the next). ``--count`` is each task's own
count: the crash harness's kills, a fuzzer's examples. The exit status is 1 when any task failed. ``make test``
runs a short version of each task from its own test module (the crash harness: ``tests/reliability/test_crash.py``).

A task is a module with ``soak(budget: Budget) -> Outcome`` (the crash harness, the fuzzers' tests/fuzz/soak.py),
or a function of that shape.
"""

from __future__ import annotations

import argparse
import importlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Budget:
    count: int  # the task's unit: kills, examples, …
    seconds: float  # at most this long, the task's own wrap-up included
    seed: int
    keep: bool = False  # keep work folders even when everything passed
    workdir: Path | None = None


@dataclass
class Outcome:
    ok: bool
    lines: list[str] = field(default_factory=list)  # the figures, printed as they are


@dataclass(frozen=True)
class Task:
    run: str | Callable[[Budget], Outcome]  # a module exposing ``soak(budget)``, or the function itself
    weight: float = 1.0  # its share of the time bound, against the weights of the tasks still to run


TASKS: dict[str, Task] = {
    "crash": Task("tests.reliability.harness", weight=3.0),
    "fuzz": Task("tests.fuzz.soak", weight=1.0),
}


def run_task(task: Task, budget: Budget) -> Outcome:
    if callable(task.run):
        return task.run(budget)
    outcome: Outcome = importlib.import_module(task.run).soak(budget)
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reliability.soak", description=__doc__.split("\n")[0])
    parser.add_argument("tasks", nargs="*", metavar="TASK", help=f"some of: {', '.join(TASKS)} (default: all)")
    parser.add_argument("--count", type=int, default=int(os.environ.get("SOAK_KILLS", "1000")))
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("SOAK_SECONDS", "1200")))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("SOAK_SEED", "1")))
    parser.add_argument("--keep", action="store_true", help="keep the work folders even when every check passed")
    parser.add_argument("--workdir", type=Path, help="where the tasks keep their files (default: temporary)")
    args = parser.parse_args(argv)
    names = args.tasks or list(TASKS)
    unknown = [n for n in names if n not in TASKS]
    if unknown:
        parser.error(f"unknown task {', '.join(unknown)}; known: {', '.join(TASKS)}")
    deadline = time.monotonic() + args.seconds
    failed = []
    for position, name in enumerate(names):
        weights = sum(TASKS[n].weight for n in names[position:])
        share = max(1.0, (deadline - time.monotonic()) * TASKS[name].weight / weights)
        workdir = args.workdir / name if args.workdir else None
        budget = Budget(args.count, share, args.seed, args.keep, workdir)
        started = time.monotonic()
        print(f"== {name}: up to {args.count} within {share:.0f} s", flush=True)
        outcome = run_task(TASKS[name], budget)
        for line in outcome.lines:
            print(line, flush=True)
        verdict = "ok" if outcome.ok else "FAILED"
        print(f"== {name}: {verdict} in {time.monotonic() - started:.0f} s", flush=True)
        if not outcome.ok:
            failed.append(name)
    summary = f"soak: {len(names) - len(failed)} of {len(names)} tasks passed"
    print(summary + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
