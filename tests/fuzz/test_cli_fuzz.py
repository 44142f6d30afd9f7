"""Every ``kiosk`` command run in-process with hostile arguments (and hostile standard input where it reads one).

Each run must end with 0 or a documented code (2 bad input, 3 not found, 4 conflict, 5 not allowed, 6 settings,
7 database, 8 printer, 9 central; 1 where a command reports a finding: ``audit verify``, ``restore`` cancelled,
``sync --verify``), never 70 (unexpected) nor an exception out of ``main``; nothing it prints holds a traceback;
a failure says something; the database still passes its checks afterwards (tests/fuzz/checks.py).

Each command line is drawn right, then up to two of its parts are spoilt: a value made hostile, a required option
left out (tests/fuzz/strategies.py ``spoil`` explains why not all at once). Arguments are what a shell can pass: no
NUL character (lone surrogates, which stand for undecodable bytes, are in). Files are written inside the test's
folder only (the working directory is moved there, path arguments never leave it), the GUI is never started (there
is always a command), and the central-server commands only get addresses on 127.0.0.1 port 1, where nothing listens.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sqlite3
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from urllib.parse import quote

import pytest
from argon2 import PasswordHasher
from hypothesis import strategies as st

from kiosk.cli import build_parser, main
from kiosk.clock import FixedClock
from kiosk.paths import Paths
from kiosk.services.states import DossierState, allowed_targets
from tests.fuzz.checks import ACCEPTED, REFUSALS, TRIED, assert_stored_ok, fuzz
from tests.fuzz.strategies import (
    EMAILS,
    ID_NUMBERS,
    ORGANISATIONS,
    PHONES,
    PHRASES,
    TAX_CODES,
    VIETNAMESE_NAMES,
    counts,
    dates,
    hostile_text,
    mostly,
    nfd,
)
from tests.helpers import local

DOCUMENTED = {0, 2, 3, 4, 5, 6, 7, 8, 9}
FINDINGS = {"audit verify", "restore", "sync"}  # may also end with 1: they found something
SUPERVISOR_PASSWORD = "mat-khau-giam-sat"
CODES = ("2.001914", "1.010020", "DP-0014")
STATES = tuple(s.value for s in DossierState)
ROLES = ("receipt", "control_slip", "supplement_request", "apology", "stop_notice", "refusal", "ledger")


def shell_arg(text: str) -> str:
    """``text`` as a program gets it from a shell: no NUL, and a lone surrogate as the bytes it would be, each one
    decoded back as Python decodes an argument that is no UTF-8 (U+DC80 … U+DCFF, ``surrogateescape``)."""
    raw = text.replace("\x00", "").encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "surrogateescape")


#: Anything a shell can pass as one argument.
arg = hostile_text.map(shell_arg)


def url_part(text: str) -> str:
    """``text`` %-escaped for a URL (an undecodable byte as its UTF-8-ish bytes, as a shell would pass it)."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def typed(*values: str) -> st.SearchStrategy[str]:
    """One of these values, in any normal form, case or padding."""
    right = st.sampled_from(values)
    return st.one_of(right, right, right.map(nfd), right.map(str.upper), right.map(lambda s: f" {s} "))


def arg_or(*values: str) -> st.SearchStrategy[str]:
    return st.one_of(typed(*values), arg)


def _date_texts(day: date) -> list[str]:
    return [
        day.isoformat(),
        f"{day:%d/%m/%Y}",
        f"{day.year}-{day.month}-{day.day}",
        f"{day.day}/{day.month}/{day.year}",
    ]


def date_text(days: st.SearchStrategy[date]) -> st.SearchStrategy[str]:
    return days.flatmap(lambda d: st.sampled_from(_date_texts(d)))


near_days = st.dates(min_value=date(2026, 10, 1), max_value=date(2027, 2, 28))
past_days = st.dates(min_value=date(2026, 9, 1), max_value=date(2026, 11, 24))
good_date = date_text(near_days)
bad_date = st.one_of(date_text(dates), arg, st.sampled_from(("2026-02-30", "31/11/2026", "2026/11/25", "hôm nay")))
good_moment = st.builds(
    lambda d, h, m: f"{d} {h:02d}:{m:02d}", date_text(past_days), st.integers(0, 23), st.integers(0, 59)
)
bad_moment = st.one_of(
    st.builds(lambda d, h, m: f"{d} {h:02d}:{m:02d}", bad_date, st.integers(0, 25), st.integers(0, 61)),
    st.sampled_from(("2026-11-25 09:00", "2026-11-25  9:01", "2026-11-26 08:00", "25/11/2026 9h")),
    arg,
)
bad_int = st.one_of(counts.map(str), st.sampled_from(("0", "-0", "+3", "1_000", "٣", "３", " 5 ", "5.0", "1e3")), arg)
good_user = st.sampled_from(("cli", "minh", "MINH", " minh "))
bad_user = arg_or("lan", "nobody", "system", "cli")


@dataclass(frozen=True)
class Opt:
    """One option of a command: how it is written right, wrong, and whether it must be there. ``good`` None: the
    option only appears spoilt (with a ``bad`` value), or, for a flag, given or not."""

    good: st.SearchStrategy[str] | None
    bad: st.SearchStrategy[str] | None = None
    required: bool = False
    flag: bool = False


FLAG = Opt(None, flag=True)


@dataclass(frozen=True)
class Pos:
    good: st.SearchStrategy[str]
    bad: st.SearchStrategy[str] = field(default_factory=lambda: arg)


def command(
    draw: st.DrawFn, words: list[str], positionals: list[Pos] | None = None, table: Mapping[str, Opt] | None = None
) -> list[str]:
    """The command line drawn right, then up to two parts spoilt: a bad value, a required part left out, a flag
    given; the options in any order; now and then a stray word."""
    positionals, table = positionals or [], table or {}
    parts = [f"#{i}" for i in range(len(positionals))] + sorted(table)
    count = min(draw(st.sampled_from((0, 0, 1, 1, 2))), len(parts))
    spoiled = (
        set(draw(st.lists(st.sampled_from(parts), min_size=count, max_size=count, unique=True))) if parts else set()
    )
    argv = list(words)
    for i, pos in enumerate(positionals):
        if f"#{i}" not in spoiled:
            argv.append(draw(pos.good))
        elif (value := draw(st.one_of(pos.bad, st.none()))) is not None:
            argv.append(value)
    groups: list[list[str]] = []
    for name in sorted(table):
        opt = table[name]
        if name in spoiled:
            if opt.flag:
                groups.append([name])
            elif not (opt.required and draw(st.booleans())):  # a required option left out, or a bad value
                groups.append([name, draw(opt.bad if opt.bad is not None else arg)])
        elif opt.flag:
            groups += [[name]] if opt.required or draw(st.booleans()) else []
        elif opt.good is not None and (opt.required or draw(st.sampled_from((True, False, False)))):
            groups.append([name, draw(opt.good)])
    for group in draw(st.permutations(groups)):
        argv += group
    if draw(st.sampled_from(range(12))) == 5:
        argv.insert(draw(st.integers(len(words), len(argv))), draw(arg))
    return argv


@dataclass
class Desk:
    """A station with a supervisor (minh), a clerk (lan) and dossiers, run from the test's folder."""

    folder: Path
    db: Path
    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch
    lan_password: str = "mat-khau-tiep-nhan"

    def run(self, *argv: str, stdin: str = "") -> tuple[int, str, str]:
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
        captured = self.capsys.readouterr()
        if code == 130:  # main() caught the KeyboardInterrupt of the soak's time limit (tests/fuzz/conftest.py)
            raise KeyboardInterrupt
        return code, captured.out, captured.err

    def fuzz(self, entry: str, argv: list[str], stdin: str = "") -> tuple[int, str, str]:
        """Run one command and check how it ended."""
        TRIED[f"cli {entry}"] += 1
        code, out, err = self.run(*argv, stdin=stdin)
        allowed = DOCUMENTED | ({1} if entry in FINDINGS else set())
        assert code in allowed, f"exit {code} for {argv!r}\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}"
        for text in (out, err):
            assert "Traceback" not in text, text[-3000:]
        if code != 0:
            assert (err + out).strip(), f"exit {code} without a word for {argv!r}"
            said = (err.strip() or out.strip()).splitlines()[-1]
            REFUSALS[f"cli {entry}", f"{code}: {said[:90]}"] += 1
        else:
            ACCEPTED[f"cli {entry}"] += 1
        assert_stored_ok(self.db)
        return code, out, err

    def new_dossier(self, procedure: str = "2.001914") -> str:
        code, out, err = self.run(
            "register", "--procedure", procedure, "--name", "Nguyễn Văn An", "--phone", "0912345678"
        )  # fmt: skip
        assert code == 0, err
        return out.strip()

    def dossier(self, code: str) -> tuple[DossierState, date | None]:
        """The dossier's state and due date, read from the file."""
        with contextlib.closing(sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)) as conn:
            state, due = conn.execute("SELECT state, due_date FROM dossier WHERE code = ?", (code,)).fetchone()
        return DossierState(state), date.fromisoformat(due) if due else None

    def inside(self, name: str) -> str:
        """A path for the command to write or read, always inside the test's folder."""
        safe = name.replace("/", "_").replace("\x00", "") or "_"
        return str(self.folder / f"f{safe}")

    def paths(self, names: st.SearchStrategy[str], suffix: str = "") -> st.SearchStrategy[str]:
        """Right: a plain name in the folder; wrong: a hostile or overlong name, a folder that does not exist, a
        folder instead of a file."""
        return mostly(
            names.map(lambda n: self.inside(n) + suffix),
            st.one_of(
                arg.map(lambda s: self.inside(s[:300]) + suffix),
                st.just(self.inside("khong-co") + "/x" + suffix),
                st.just(str(self.folder)),
                st.just(self.inside("x" * 300) + suffix),
            ),
        )


@pytest.fixture
def desk(paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Desk:
    clock = FixedClock(local(2026, 11, 25, 9, 0))
    monkeypatch.setattr("kiosk.context.SystemClock", lambda: clock)
    # The same Argon2id, made cheap: what is fuzzed is the input handling, not the hashing
    monkeypatch.setattr("argon2.PasswordHasher", partial(PasswordHasher, time_cost=1, memory_cost=1024, parallelism=1))
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    printer = folder / "may-in.bin"  # the receipt printer: a file in the folder, so that jobs print
    paths.settings_file.write_text(f'[printer]\nconnection = "file"\nfile_path = "{printer}"\nstatus_check = false\n')
    setup = Desk(folder, paths.default_database, capsys, monkeypatch)
    assert setup.run("user", "add", "minh", "--role", "supervisor", "--own-password", stdin=SUPERVISOR_PASSWORD)[0] == 0
    assert setup.run("user", "add", "lan", "--role", "clerk", "--own-password", stdin=setup.lan_password)[0] == 0
    setup.new_dossier()
    return setup


def code_of(real: str) -> Pos:
    return Pos(st.sampled_from((real, real.lower(), f" {real} ")), st.one_of(st.just(real[-11:]), arg_or(*CODES)))


# -- dossiers ----------------------------------------------------------------------------------------------------------


@fuzz(data=st.data())
def test_register(desk: Desk, data: st.DataObject) -> None:
    organisation = data.draw(st.booleans())
    names = typed(*VIETNAMESE_NAMES, *(ORGANISATIONS if organisation else ()))
    argv = command(
        data.draw,
        ["register"],
        table={
            "--procedure": Opt(typed(*CODES), arg_or(*CODES), required=True),
            "--name": Opt(names, arg_or(*VIETNAMESE_NAMES, *ORGANISATIONS), required=True),
            "--phone": Opt(st.sampled_from(PHONES), arg_or(*PHONES), required=True),
            "--id-number": Opt(st.sampled_from(ID_NUMBERS), arg_or(*ID_NUMBERS)),
            "--tax-code": Opt(st.sampled_from(TAX_CODES), arg_or(*TAX_CODES)),
            "--address": Opt(typed(PHRASES[7]), arg),
            "--email": Opt(st.sampled_from(EMAILS), arg_or(*EMAILS)),
            "--vneid": FLAG,
            "--sets": Opt(st.integers(1, 20).map(str), bad_int),
            "--post": FLAG,
            "--external-ref": Opt(st.just("H15.22-240101-0001"), arg),
            "--received": Opt(good_moment, bad_moment),
            "--user": Opt(good_user, bad_user),
        },
    )
    if organisation:
        argv.append("--org")
    code, out, _ = desk.fuzz("register", argv)
    if code == 0:
        assert desk.run("dossier", "show", out.strip())[0] == 0


@fuzz(data=st.data())
def test_dossier_commands(desk: Desk, data: st.DataObject) -> None:
    real = desk.new_dossier(data.draw(st.sampled_from(CODES)))
    for _ in range(data.draw(st.integers(1, 4))):
        state, due = desk.dossier(real)
        action = data.draw(st.sampled_from(("move", "move", "move", "show", "reappoint", "correct", "void", "stale")))
        stdin = ""
        if action == "show":
            argv = command(data.draw, ["dossier", "show"], [code_of(real)], {"--json": FLAG})
        elif action == "move":
            targets = [s.value for s in allowed_targets(state)] or list(STATES)
            argv = command(
                data.draw,
                ["dossier", "move"],
                [code_of(real)],
                {
                    "--to": Opt(st.sampled_from(targets), arg_or(*STATES), required=True),
                    "--reason": Opt(typed(*PHRASES), arg, required=True),
                    "--office": Opt(typed(PHRASES[4]), arg, required=True),
                    "--outcome": Opt(st.sampled_from(("approved", "refused")), arg_or("approved", "refused"), True),
                    "--collector": Opt(st.sampled_from(("applicant", "post", "Nguyễn Văn Bình")), arg),
                    "--missing": Opt(typed(*PHRASES), arg),
                    "--user": Opt(good_user, bad_user),
                },
            )
            argv += [x for _ in range(data.draw(st.integers(0, 2))) for x in ("--missing", data.draw(arg))]
        elif action == "reappoint":
            later = (due or date(2026, 12, 1)) + timedelta(days=data.draw(st.integers(1, 30)))
            argv = command(
                data.draw,
                ["dossier", "reappoint"],
                [code_of(real)],
                {
                    "--date": Opt(st.sampled_from(_date_texts(later)), bad_date, required=True),
                    "--reason": Opt(typed(*PHRASES), arg, required=True),
                    "--user": Opt(good_user, bad_user),
                },
            )
        elif action == "correct":
            argv = command(
                data.draw,
                ["dossier", "correct"],
                [code_of(real)],
                {
                    "--name": Opt(typed(*VIETNAMESE_NAMES), arg),
                    "--phone": Opt(st.sampled_from(PHONES), arg),
                    "--id-number": Opt(st.sampled_from(ID_NUMBERS), arg),
                    "--tax-code": Opt(st.sampled_from(TAX_CODES), arg),
                    "--address": Opt(typed(PHRASES[7]), arg),
                    "--email": Opt(st.sampled_from(EMAILS), arg),
                    "--external-ref": Opt(st.just("H15.22-240101-0002"), arg),
                    "--sets": Opt(st.integers(1, 20).map(str), bad_int),
                    "--reason": Opt(typed(*PHRASES), arg),
                    "--user": Opt(good_user, bad_user),
                },
            )
        elif action == "void":
            argv = command(
                data.draw,
                ["dossier", "void"],
                [code_of(real)],
                {
                    "--reason": Opt(typed(*PHRASES), arg, required=True),
                    "--supervisor": Opt(st.just("minh"), bad_user),
                    "--user": Opt(st.sampled_from(("lan", "minh", "cli")), bad_user),
                },
            )
            stdin = data.draw(mostly(st.just(SUPERVISOR_PASSWORD + "\n"), st.one_of(arg, st.just(""))))
        else:
            argv = command(data.draw, ["dossiers", "close-stale"])
        desk.fuzz(f"dossier {action}", argv, stdin)


# -- catalog, calendar, due --------------------------------------------------------------------------------------------

CSV_HEADER = '"code","name","field","legal_days","documents"\r\n'


def _csv_line(*cells: str) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells) + "\r\n"


good_csv_rows = st.builds(
    _csv_line,
    st.sampled_from(("DP-9201", "DP-9202", "2.001914")),
    typed(*PHRASES),
    typed("Khác"),
    st.integers(1, 30).map(str),
    st.sampled_from(("Đơn (bản chính); Ảnh 3x4 (2 bản)", "Học bạ (bản sao, nếu có)", "")),
)
bad_csv_rows = st.builds(_csv_line, arg_or("DP-9201", "2.001914"), arg, arg, bad_int, arg)


@fuzz(data=st.data())
def test_catalog_commands(desk: Desk, data: st.DataObject) -> None:
    action = data.draw(st.sampled_from(("list", "import", "export")))
    if action == "list":
        argv = command(data.draw, ["catalog", "list"], table={"--search": Opt(typed(*PHRASES), arg), "--json": FLAG})
        desk.fuzz("catalog list", argv)
        return
    path = data.draw(desk.paths(st.sampled_from(("danh-muc", "dm 2026", "Danh mục")), ".csv"))
    if action == "import" and Path(path).parent == desk.folder:
        rows = data.draw(st.lists(good_csv_rows, min_size=1, max_size=3, unique_by=lambda row: row.split(",")[0]))
        if data.draw(st.sampled_from(range(4))) == 2:
            rows.insert(data.draw(st.integers(0, len(rows))), data.draw(bad_csv_rows))
        body = data.draw(
            mostly(
                st.just((CSV_HEADER + "".join(rows)).encode("utf-8", "surrogateescape")),
                st.one_of(st.binary(max_size=400), st.just(b"")),
            )
        )
        with contextlib.suppress(OSError):  # a name too long to create: the command meets it missing
            Path(path).write_bytes(body)
    table = {"--user": Opt(good_user, bad_user)} if action == "import" else {}
    desk.fuzz(f"catalog {action}", command(data.draw, ["catalog", action], [Pos(st.just(path))], table))


@fuzz(data=st.data())
def test_calendar_commands(desk: Desk, data: st.DataObject) -> None:
    action = data.draw(st.sampled_from(("list", "add", "remove", "due")))
    if action == "list":
        argv = command(
            data.draw, ["holidays", "list"], table={"--year": Opt(st.sampled_from(("2026", "2027")), bad_int)}
        )
    elif action in ("add", "remove"):
        day = Pos(good_date, bad_date)
        table = {"--kind": Opt(st.sampled_from(("off", "working")), arg_or("off", "working"), required=True)}
        table["--note"] = Opt(typed(*PHRASES), arg)
        who = {"--user": Opt(good_user, bad_user)}
        argv = command(data.draw, ["holidays", action], [day], table | who if action == "add" else who)
    else:
        by = data.draw(st.sampled_from(("--days", "--procedure")))
        argv = command(
            data.draw,
            ["due"],
            table={
                by: Opt(st.integers(0, 365).map(str) if by == "--days" else typed(*CODES), bad_int, required=True),
                "--received": Opt(good_moment, bad_moment),
            },
        )
    code, out, _ = desk.fuzz("due" if action == "due" else f"holidays {action}", argv)
    if action == "due" and code == 0:
        first = out.splitlines()[0]
        assert first == "-" or date.fromisoformat(first)


# -- users -------------------------------------------------------------------------------------------------------------

good_password = st.sampled_from(("mat-khau-an-toan-1", "Đà Lạt mùa sương 2026", "quầy một cửa 2026"))
bad_password = st.one_of(
    st.sampled_from(("matkhau123", "1234567890", "ngắn", "", " có dấu cách ", "minh-mat-khau")),
    arg.map(lambda s: s.replace("\n", " ").replace("\r", " ")),
)


@fuzz(data=st.data())
def test_user_commands(desk: Desk, data: st.DataObject) -> None:
    action = data.draw(st.sampled_from(("add", "list", "pin", "unlock", "reset-password", "passwd")))
    secret = data.draw(mostly(good_password, bad_password))
    stdin = f"{secret}\n"
    if action == "add":
        name = st.builds("{}{}".format, st.sampled_from(("thu", "nv.ha", "NV_Hai-")), st.integers(0, 10**6))
        argv = command(
            data.draw,
            ["user", "add"],
            [Pos(name, arg_or("minh", "lan", "cli", "system"))],
            {
                "--role": Opt(
                    st.sampled_from(("clerk", "supervisor", "admin")), arg_or("clerk", "admin"), required=True
                ),
                "--full-name": Opt(typed(*VIETNAMESE_NAMES), arg),
                "--own-password": FLAG,
                "--user": Opt(good_user, bad_user),
            },
        )
    elif action == "list":
        argv = command(data.draw, ["user", "list"])
    elif action == "pin":
        pin = data.draw(mostly(st.sampled_from(("2580", "1379", "246813")), st.one_of(st.text("0123456789"), arg)))
        stdin = f"{pin}\n"
        argv = command(data.draw, ["user", "pin"], [Pos(typed("minh", "cli"), bad_user)], {"--user": Opt(good_user)})
    elif action == "passwd":
        old = data.draw(mostly(st.just(desk.lan_password), bad_password))
        stdin = f"{old}\n{secret}\n"
        argv = command(data.draw, ["user", "passwd"], [Pos(typed("lan"), bad_user)])
    else:
        argv = command(data.draw, ["user", action], [Pos(typed("lan", "minh"), bad_user)], {"--user": Opt(good_user)})
    code, _, _ = desk.fuzz(f"user {action}", argv, stdin)
    if code == 0 and action in ("passwd", "reset-password") and argv[2].strip().lower() == "lan":
        desk.lan_password = secret


# -- printing and forms ------------------------------------------------------------------------------------------------


@fuzz(data=st.data())
def test_print_commands(desk: Desk, data: st.DataObject) -> None:
    real = desk.new_dossier()
    action = data.draw(st.sampled_from(("receipt", "test", "jobs", "reprint", "form", "ledger")))
    names = st.sampled_from(("giay-tiep-nhan", "Giấy tiếp nhận", "so 2026"))
    if action == "receipt":
        suffix = data.draw(mostly(st.sampled_from((".png", ".bin")), st.sampled_from((".pdf", ".PNG", ""))))
        to = Opt(desk.paths(names, suffix))
        table = {"--to": to, "--reprint": FLAG, "--user": Opt(good_user, bad_user)}
        argv = command(data.draw, ["print", "receipt"], [code_of(real)], table)
    elif action in ("test", "jobs"):
        argv = command(
            data.draw, ["print", action], table={"--user": Opt(good_user, bad_user)} if action == "test" else {}
        )
    elif action == "reprint":
        number = Pos(st.integers(1, 3).map(str), bad_int)
        argv = command(data.draw, ["print", "reprint"], [number], {"--user": Opt(good_user, bad_user)})
    elif action == "form":
        role = Pos(st.sampled_from(("receipt", "control_slip")), arg_or(*ROLES))
        argv = command(
            data.draw,
            ["print", "form"],
            [role, code_of(real)],
            {
                "--to": Opt(desk.paths(names, ".pdf"), required=True),
                "--set": Opt(st.sampled_from(("2018", "2025")), arg_or("2018", "2025")),
                "--copies": Opt(st.sampled_from(("1", "2")), bad_int),
            },
        )
    else:
        argv = command(
            data.draw,
            ["print", "ledger"],
            table={
                "--year": Opt(st.just("2026"), st.one_of(st.integers(1990, 2110).map(str), bad_int), required=True),
                "--book": Opt(st.just("1"), bad_int),
                "--to": Opt(desk.paths(names, ".pdf"), required=True),
                "--set": Opt(st.sampled_from(("2018", "2025")), arg_or("2018", "2025")),
            },
        )
    desk.fuzz(f"print {action}", argv)


# -- lists and reports -------------------------------------------------------------------------------------------------

FORMATS = {"pdf": ".pdf", "xlsx": ".xlsx", "csv": ".csv", "json": ".json", "escpos": ".bin"}


@fuzz(data=st.data())
def test_report_and_list_commands(desk: Desk, data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(("daily", "period", "survey", "ledger", "guidance", "survey list", "audit")))
    fmt = data.draw(st.sampled_from(sorted(FORMATS)))
    where = data.draw(st.sampled_from(("out", "out", "screen", "print")))
    output: dict[str, Opt] = {"--user": Opt(good_user, bad_user)}
    if where == "out":
        path = desk.paths(st.sampled_from(("bao-cao", "Báo cáo ngày", "bc 2026")), FORMATS[fmt])
        output["--out"] = Opt(path, required=True)
        output["--format"] = Opt(st.just(fmt), arg_or(*FORMATS))
    elif where == "print":  # the receipt roll only: --print of a PDF goes to `lp`, the office printer
        output["--print"] = Opt(None, required=True, flag=True)
    elif fmt in ("csv", "json"):
        output["--format"] = Opt(st.just(fmt), arg_or(*FORMATS))
    if data.draw(st.booleans()):
        first = data.draw(near_days)
        last = first + timedelta(days=data.draw(st.integers(0, 120)))
        period = {
            "--from": Opt(st.sampled_from(_date_texts(first)), bad_date, required=True),
            "--to": Opt(st.sampled_from(_date_texts(last)), bad_date, required=True),
            "--preset": Opt(None, arg_or("month", "year")),
        }
    else:
        period = {
            "--preset": Opt(st.sampled_from(("month", "quarter", "half", "year")), arg_or("month", "year"), True),
            "--date": Opt(good_date, bad_date),
            "--from": Opt(None, bad_date),
        }
    if kind == "daily":
        argv = command(data.draw, ["report", "daily"], table={"--date": Opt(good_date, bad_date), **output})
    elif kind in ("period", "survey"):
        argv = command(data.draw, ["report", kind], table={**period, **output})
    elif kind == "ledger":
        year = Opt(st.sampled_from(("2026", "2025")), st.one_of(st.integers(1990, 2110).map(str), bad_int), True)
        argv = command(
            data.draw, ["report", "ledger"], table={"--year": year, "--book": Opt(st.just("1"), bad_int), **output}
        )
    elif kind == "guidance":
        argv = command(
            data.draw, ["guidance"], table={"--from": Opt(good_date, bad_date), "--to": Opt(good_date, bad_date)}
        )
    elif kind == "survey list":
        argv = command(
            data.draw,
            ["survey"],
            table={
                "--from": Opt(good_date, bad_date),
                "--to": Opt(good_date, bad_date),
                "--official": Opt(st.sampled_from(("lan", "minh")), bad_user),
                "--field": Opt(typed("Văn bằng, chứng chỉ"), arg),
            },
        )
    else:
        verb = data.draw(st.sampled_from(("list", "verify")))
        table = {"--action": Opt(st.sampled_from(("login", "user_added")), arg), "--limit": Opt(st.just("20"), bad_int)}
        argv = command(data.draw, ["audit", verb], table=table if verb == "list" else {})
        kind = f"audit {verb}"
    desk.fuzz(f"report {kind}" if kind in ("daily", "period", "survey", "ledger") else kind, argv)


# -- backups, health, demo, stray words --------------------------------------------------------------------------------

#: Commands that write no file: stray words after them cannot turn into a path (argparse abbreviates options).
STRAY_OK = (["check"], ["guidance"], ["survey"], ["audit", "list"], ["holidays", "list"], ["due"], ["user", "list"])
STRAY_OK += (["dossier", "show"], ["catalog", "list"], ["backup", "--list"], ["print", "jobs"])
_COMMANDS = {
    "register", "dossier", "dossiers", "catalog", "holidays", "due", "user", "print", "guidance", "survey", "report",
    "backup", "restore", "audit", "check", "demo",
}  # fmt: skip
#: Commands fuzzed in files of their own: tests/fuzz/test_publish_fuzz.py, test_feedback_fuzz.py, test_queue_fuzz.py.
_FUZZED_ELSEWHERE = {"publish", "feedback"}


@fuzz(data=st.data())
def test_backup_check_demo_commands(desk: Desk, data: st.DataObject) -> None:
    action = data.draw(st.sampled_from(("backup --list", "restore", "check", "demo", "any words")))
    stdin = data.draw(st.sampled_from(("", "CÓ\n", "khong\n")))
    if action == "backup --list":
        argv = command(data.draw, ["backup", "--list"])
    elif action == "restore":  # never a real backup: every one of these must be refused before anything changes
        path = data.draw(desk.paths(st.sampled_from(("kiosk-20261125-210000", "sao lưu")), ".sqlite3"))
        if Path(path).parent == desk.folder:
            body = data.draw(st.one_of(st.binary(max_size=600), st.just(b"SQLite format 3\x00" + bytes(200))))
            with contextlib.suppress(OSError):
                Path(path).write_bytes(body)
        argv = command(data.draw, ["restore"], [Pos(st.just(path))], {"--yes": FLAG})
    elif action == "check":
        argv = command(data.draw, ["check"])
    elif action == "demo":  # the desk has dossiers: refused (no --force is ever given)
        argv = command(
            data.draw, ["demo"], table={"--days": Opt(st.just("3"), bad_int), "--seed": Opt(st.just("7"), bad_int)}
        )
    else:
        argv = [*data.draw(st.sampled_from(STRAY_OK)), *data.draw(st.lists(arg, max_size=4))]
    desk.fuzz(action, argv, stdin)


@fuzz(data=st.data())
def test_sync_and_central_commands(desk: Desk, data: st.DataObject) -> None:
    """No central server: the sync is not set up, and the central commands get addresses where nothing listens."""
    user = data.draw(st.one_of(st.just("postgres"), arg).map(url_part))
    database = data.draw(st.one_of(st.just("kiosk"), arg).map(url_part))
    url = data.draw(
        st.one_of(
            st.just(f"postgresql://{user}@127.0.0.1:1/{database}?connect_timeout=1"),
            st.just(f"mysql://{user}@127.0.0.1:1/{database}"),
            arg.filter(lambda s: "/" not in s and "@" not in s and ":" not in s),  # no host in it at all
        )
    )
    action = data.draw(st.sampled_from(("sync", "init", "add-station", "stations", "publish")))
    if action == "sync":
        table = {"--status": FLAG, "--verify": FLAG, "--from": Opt(good_date, bad_date)}
        argv = command(data.draw, ["sync"], table=table)
    elif action == "add-station":
        argv = ["central", "add-station", data.draw(arg_or("Quầy 1 – Sở GDĐT")), "--url", url]
    else:
        argv = ["central", action, "--url", url]
    desk.fuzz(action if action == "sync" else f"central {action}", argv)


def test_every_command_is_fuzzed() -> None:
    """A new command must get its fuzzer here (sync and central have theirs, the GUI has none)."""
    parser = build_parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == _COMMANDS | _FUZZED_ELSEWHERE | {"sync", "central"}
