"""An in-memory search index of the current catalog: every folded word points at the procedures that hold it.

A query word matches a procedure when it is part of one of the procedure's words ("truo" finds "truong"), so the
picker can search as the clerk types. A word is looked up with ``str.find`` in the whole vocabulary joined into
one string (a few thousand words even for a large catalog), not by visiting the procedures, and the result is
ranked without sorting every match.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections import defaultdict
from dataclasses import dataclass

from kiosk.services.catalog_types import ProcedureSummary
from kiosk.text import fold


@dataclass(frozen=True)
class IndexEntry:
    summary: ProcedureSummary
    name: str  # folded
    code: str  # lower case


class CatalogIndex:
    def __init__(self, entries: list[IndexEntry], texts: list[str]) -> None:
        self._entries = entries
        words: dict[str, set[int]] = defaultdict(set)
        for position, text in enumerate(texts):
            for word in text.split():
                words[word].add(position)
        self._vocabulary = list(words)
        self._holders = [words[w] for w in self._vocabulary]
        self._blob = "\n".join(self._vocabulary)
        self._starts = list(itertools.accumulate((len(w) + 1 for w in self._vocabulary[:-1]), initial=0))

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, text: str, *, limit: int, include_inactive: bool) -> list[ProcedureSummary]:
        folded = fold(text)
        code = text.strip().lower()
        candidates: set[int] | None = None
        for word in sorted(set(folded.split()), key=len, reverse=True):  # the longest word narrows most
            holders = self._holding(word)
            candidates = holders if candidates is None else candidates & holders
            if not candidates:
                return []
        pool = range(len(self._entries)) if candidates is None else candidates
        entries = (self._entries[i] for i in pool)
        if not include_inactive:
            entries = (e for e in entries if e.summary.active)

        def rank(entry: IndexEntry) -> tuple[int, str]:
            first = 0 if entry.code == code else 1 if entry.name.startswith(folded) else 2
            return first, entry.name

        return [e.summary for e in heapq.nsmallest(limit, entries, key=rank)]

    def _holding(self, word: str) -> set[int]:
        """The procedures having a word that contains ``word``."""
        found: set[int] = set()
        position = self._blob.find(word)
        while position != -1:
            index = bisect.bisect_right(self._starts, position) - 1
            found |= self._holders[index]
            following = index + 1
            if following == len(self._starts):
                break
            position = self._blob.find(word, self._starts[following])
        return found
