"""Timing helpers and the report: each figure printed beside its budget."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float  # in the unit below
    unit: str  # "µs", "ms", "s"
    budget: float | None  # None: reported for information, no budget
    note: str = ""

    @property
    def within(self) -> bool:
        return self.budget is None or self.value <= self.budget

    def line(self) -> str:
        budget = f"< {self.budget:g} {self.unit}" if self.budget is not None else "(info)"
        verdict = "" if self.budget is None else ("ok" if self.within else "OVER BUDGET")
        note = f"  {self.note}" if self.note else ""
        return f"{self.name:<58} {self.value:>10.3f} {self.unit:<3} {budget:>14}  {verdict}{note}"


SCALE = {"s": 1.0, "ms": 1e3, "µs": 1e6}


def median_per_call(fn: Callable[[], object], *, unit: str, repeat: int = 7, min_time: float = 0.2) -> float:
    """Median over ``repeat`` rounds of the mean time per call, each round long enough to time reliably."""
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= min_time / 4 or number >= 1 << 20:
            break
        number *= 2
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        rounds.append((time.perf_counter() - start) / number)
    return statistics.median(rounds) * SCALE[unit]


def median_of(samples: list[float], unit: str) -> float:
    return statistics.median(samples) * SCALE[unit]
