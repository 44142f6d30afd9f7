"""Run the benchmarks and print each figure beside its budget; exit 1 when any is over."""

from __future__ import annotations

import importlib
import platform
import sys

BENCHMARKS = ["calendar", "dossiers", "ui", "printing", "forms", "survey", "reports", "backup", "sync"]


def main(argv: list[str]) -> int:
    names = argv or BENCHMARKS
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.processor() or 'cpu?'}")
    print(f"{'benchmark':<58} {'median':>10} {'':<3} {'budget':>14}")
    over = 0
    for name in names:
        module = importlib.import_module(f"bench.bench_{name}")
        for figure in module.run():
            print(figure.line(), flush=True)
            over += not figure.within
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
