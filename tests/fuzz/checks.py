"""What every fuzzed call must satisfy, and what the database must still hold after it.

A call either returns (the test then checks the result is right) or raises :class:`KioskError` whose message is
something a clerk can read: not empty, no traceback, no Python repr of an exception, and NFC when what was typed was
NFC. Anything else it raises fails the test as it is, with its traceback: that is the bug being looked for.

The stored rows are scanned with plain SQL: every text value NFC, free of control and format characters (line
feeds allowed in the long-text columns), within its column's declared length (the central PostgreSQL mirror has
the same VARCHAR limits, so a longer value stops the sync), strings inside JSON columns likewise; SQLite's
``integrity_check`` is ok and ``foreign_key_check`` is empty.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import SearchStrategy
from sqlalchemy import JSON, String, Text

from kiosk.errors import KioskError
from kiosk.models import Base

T = TypeVar("T")

# -- how long the fuzzers run -----------------------------------------------------------------------------------------

#: Examples per fuzz test: few in ``make test``; ``FUZZ_EXAMPLES=1000`` (tests/fuzz/soak.py) for the long run.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))

#: Every fuzz test: no deadline per example (a first call loads Argon2, ReportLab …), function-scoped fixtures
#: shared by the examples (the database grows over the run, as a desk's does), derandomised in the short run so
#: that ``make test`` is repeatable, random in the long one.
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 100,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
    print_blob=True,
)


#: Seconds since the epoch at which the test under way stops, as at Ctrl+C, between two examples (tests/fuzz/soak.py
#: gives each test its share of the long run's time bound this way); unset: no bound.
DEADLINE = float(os.environ.get("FUZZ_DEADLINE", "inf"))


def fuzz(**strategies: SearchStrategy[Any]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``@given(**strategies)`` with the fuzz settings; an example starting past ``DEADLINE`` ends the run."""

    def decorate(test: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(test)
        def bounded(*args: Any, **kwargs: Any) -> None:
            if time.time() >= DEADLINE:
                raise KeyboardInterrupt("the fuzz run's time share is over")  # Hypothesis stops at once, no shrinking
            test(*args, **kwargs)

        return SETTINGS(given(**strategies)(bounded))

    return decorate


#: Inputs tried and accepted per entry point over the session, printed at the end (see conftest.py).
TRIED: Counter[str] = Counter()
ACCEPTED: Counter[str] = Counter()
#: Why inputs were refused, by entry point and message (shown with ``FUZZ_DEBUG=1``: is the fuzzer getting past
#: the first check, or refused on it every time?).
REFUSALS: Counter[tuple[str, str]] = Counter()

# -- the outcome of one call -------------------------------------------------------------------------------------------

_TRACE_WORDS = ("Traceback", 'File "', "Error:", "Exception", "<class ", "object at 0x", "sqlite3.", "sqlalchemy")


def is_nfc(text: str) -> bool:
    try:
        return unicodedata.is_normalized("NFC", text)
    except UnicodeError:  # pragma: no cover - is_normalized accepts lone surrogates, but be safe
        return False


def strings_in(*values: object) -> Iterator[str]:
    """Every string inside the arguments (dataclasses, tuples, dicts and lists walked)."""
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            yield from strings_in(*value.keys(), *value.values())
        elif isinstance(value, list | tuple | set | frozenset):
            yield from strings_in(*value)
        elif hasattr(value, "__dataclass_fields__"):
            yield from strings_in(*(getattr(value, f) for f in value.__dataclass_fields__))


def check_error(exc: KioskError, *inputs: object) -> None:
    """A refusal a clerk can read."""
    message = exc.message
    assert isinstance(message, str) and message.strip(), f"empty message from {type(exc).__name__}"
    assert str(exc) == message
    for word in _TRACE_WORDS:
        assert word not in message or any(word in s for s in strings_in(*inputs)), f"{word!r} in message {message!r}"
    if all(is_nfc(s) for s in strings_in(*inputs)):
        assert is_nfc(message), f"message not NFC: {message!r}"
    assert isinstance(exc.exit_code, int) and 1 <= exc.exit_code <= 9


def attempt(entry: str, call: Callable[[], T], *inputs: object) -> T | KioskError:
    """Run ``call``; a KioskError is checked and returned, anything else is the bug (re-raised as it is)."""
    TRIED[entry] += 1
    try:
        result = call()
    except KioskError as exc:
        check_error(exc, *inputs)
        REFUSALS[entry, exc.message[:90]] += 1
        return exc
    ACCEPTED[entry] += 1
    return result


# -- the stored values -------------------------------------------------------------------------------------------------

#: Columns written by the kiosk itself, not from user input, that may legitimately hold anything (hashes are ASCII).
_FREE = {("sync_state", "last_error"), ("print_job", "last_error")}


def _text_columns() -> dict[str, list[tuple[str, int | None, bool, bool]]]:
    """table -> [(column, max length or None, multi-line allowed, JSON)]."""
    found: dict[str, list[tuple[str, int | None, bool, bool]]] = {}
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if (table.name, column.name) in _FREE:
                continue
            if isinstance(column.type, JSON):
                found.setdefault(table.name, []).append((column.name, None, True, True))
            elif isinstance(column.type, String):
                multi = isinstance(column.type, Text) or column.type.length is None
                found.setdefault(table.name, []).append((column.name, column.type.length, multi, False))
    return found


TEXT_COLUMNS = _text_columns()


def _bad_characters(text: str, multi_line: bool) -> list[str]:
    bad = []
    for ch in text:
        if multi_line and ch == "\n":
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            bad.append(f"U+{ord(ch):04X}")
    return bad


def _json_strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _json_strings(key)
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def stored_problems(db_path: Path, tables: Iterable[str] | None = None) -> list[str]:
    """Every stored value a user typed that breaks the storage rules, and SQLite's own checks."""
    problems: list[str] = []
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        conn.text_factory = lambda b: b.decode("utf-8", errors="surrogateescape")
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:5]}")
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        if foreign:
            problems.append(f"foreign_key_check: {foreign[:5]}")
        wanted = TEXT_COLUMNS if tables is None else {t: TEXT_COLUMNS[t] for t in tables if t in TEXT_COLUMNS}
        for table, columns in wanted.items():
            names = ", ".join(f'"{c[0]}"' for c in columns)
            for row in conn.execute(f'SELECT rowid, {names} FROM "{table}"'):
                for (column, length, multi, is_json), value in zip(columns, row[1:], strict=True):
                    if value is None:
                        continue
                    if not isinstance(value, str):
                        problems.append(f"{table}.{column} (row {row[0]}): not text but {type(value).__name__}")
                        continue
                    texts = list(_json_strings(json.loads(value))) if is_json else [value]
                    for text in texts:
                        where = f"{table}.{column} (row {row[0]})"
                        if length is not None and len(text) > length:
                            problems.append(f"{where}: {len(text)} characters, column holds {length}: {text[:60]!r}…")
                        if not is_nfc(text):
                            problems.append(f"{where}: not NFC: {text[:60]!r}")
                        if bad := _bad_characters(text, multi):
                            problems.append(f"{where}: control/format characters {bad[:5]}: {text[:60]!r}")
    return problems


def assert_stored_ok(db_path: Path, tables: Iterable[str] | None = None) -> None:
    problems = stored_problems(db_path, tables)
    assert not problems, "stored values break the rules:\n" + "\n".join(problems[:20])


def clean(text: str) -> bool:
    """NFC and free of control and format characters: what every stored line of user text must be."""
    return is_nfc(text) and not _bad_characters(text, multi_line=False)
