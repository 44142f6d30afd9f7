"""The crash harness: start the worker, kill it with SIGKILL at a random moment, check the database, again.

One station folder (settings, SQLite file, journal) is kept across every kill, so damage would pile up. Most
workers are forked from this process, which has already imported the kiosk, so that they are at work within tens
of milliseconds; every ``spawn_every``-th is a fresh interpreter (``python -m tests.reliability.worker``) that
starts as the program does. Kills are timed from the worker's "ready" (5–300 ms for most, a few sooner or later),
some from its start, so they also land in the start-up (open, migrate check, housekeeping). Every
``power_every``-th kill is followed by a simulated power cut (``power_cut.py``: the WAL after its last commit lost or
garbled, the shared memory gone), so the next worker must recover from that. After each kill the
file is checked read-only (``invariants.check_database``: the full ``integrity_check`` every ``full_every`` kills,
``quick_check`` between); with a PostgreSQL server the worker also syncs, every ``central_every`` kills the rows
not waiting in the outbox are compared with the server, and at the end a last sync must complete and
``SyncService.verify()`` match.

``python -m tests.reliability.harness --kills 25`` runs it alone; ``make soak`` runs it through
``tests.reliability.soak``.
"""

from __future__ import annotations

import argparse
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.paths import Paths
from tests.reliability import worker
from tests.reliability.invariants import (
    JournalReader,
    Numbering,
    central_agrees,
    check_database,
    readonly,
)
from tests.reliability.power_cut import cut_power
from tests.reliability.soak import Budget, Outcome

ROOT = Path(__file__).resolve().parents[2]
PG_VARIABLE = "KIOSK_TEST_PG_URL"
READY_TIMEOUT_S = 60.0

Out = Callable[[str], None]


@dataclass(frozen=True)
class CrashConfig:
    kills: int = 1000
    seconds: float = 1200.0  # for the whole run, the final sync and checks included
    seed: int = 1
    workdir: Path | None = None  # None: a temporary folder, removed afterwards unless a check failed or ``keep``
    keep: bool = False
    pg_url: str | None = None  # a PostgreSQL superuser's address: the worker syncs to a fresh central database
    spawn_every: int = 10  # every n-th worker is a fresh interpreter; 0: never
    full_every: int = 1  # the full integrity_check every n kills, quick_check between
    central_every: int = 25  # rows outside the outbox compared with the server every n kills
    power_every: int = 4  # every n-th kill is followed by a simulated power cut (power_cut.py); 0: never
    progress_every: int = 100


@dataclass
class CrashReport:
    config: CrashConfig
    kills: int = 0
    spawned: int = 0
    killed_in: Counter[str] = field(default_factory=Counter)
    killed_tx: Counter[str] = field(default_factory=Counter)
    checks: int = 0  # passed, as the two below
    full_checks: int = 0
    central_checks: int = 0
    power_cuts: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    stopped_by_time: bool = False
    steps: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    idle: Counter[str] = field(default_factory=Counter)
    lives: int = 0
    registered: int = 0
    printed: int = 0
    tables: dict[str, int] = field(default_factory=dict)
    size_mb: float = 0.0
    final: str = ""
    workdir: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        c = self.config
        bound = f" (time bound {c.seconds:g} s reached)" if self.stopped_by_time else ""
        steps = ", ".join(f"{k} {v}" for k, v in self.steps.most_common())
        refused = ", ".join(f"{k} {v}" for k, v in self.refused.most_common()) or "none"
        landed = ", ".join(f"{k} {v}" for k, v in self.killed_in.most_common())
        tx = ", ".join(f"{k} {v}" for k, v in self.killed_tx.most_common())
        cuts = ", ".join(f"{k} {v}" for k, v in self.power_cuts.most_common()) or "none"
        t = self.tables
        lines = [
            f"crash harness: {self.kills} of {c.kills} kills survived in {self.seconds:.0f} s{bound}, seed {c.seed}; "
            f"{self.spawned} workers were fresh interpreters, the rest forked",
            f"  worker lives that got to work: {self.lives}; steps completed: {sum(self.steps.values())} ({steps})",
            f"  refused by the services (expected, nothing written): {refused}; steps that found nothing to do: "
            f"{sum(self.idle.values())}",
            f"  kills landed in: {landed}",
            f"  kills landed {tx}",
            f"  database: {t.get('dossier', 0)} dossiers, {t.get('dossier_event', 0)} events, "
            f"{t.get('print_job', 0)} print jobs, {t.get('sync_outbox', 0)} outbox entries, {self.size_mb:.1f} MB; "
            f"journal: {self.registered} registered, {self.printed} receipts printed",
            f"  invariant checks passed: {self.checks} ({self.full_checks} with the full integrity_check, the "
            f"others quick_check); comparisons with the central server passed: {self.central_checks}",
            f"  power cuts simulated after a kill: {sum(self.power_cuts.values())} ({cuts})",
        ]
        if self.final:
            lines.append(f"  final: {self.final}")
        if self.problems:
            lines.append(f"  FAILED after kill {self.kills}; the station folder is kept: {self.workdir}")
            lines += [f"    {p}" for p in self.problems[:40]]
        return lines


# -- workers ----------------------------------------------------------------------------------------------------------


class Worker:
    """A running worker: wait until it is at work, kill it, tell how it ended."""

    pid: int

    def wait_ready(self, timeout: float) -> bool:
        raise NotImplementedError

    def kill(self) -> int | None:
        """SIGKILL; the exit code when it had already ended by itself, None when the kill ended it."""
        raise NotImplementedError


class ForkedWorker(Worker):
    def __init__(self, home: Path, journal: Path, seed: int, log: Path) -> None:
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: work until killed; never return into the harness
            code = 4
            try:
                os.close(read)
                fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                os.dup2(fd, 1)
                os.dup2(fd, 2)

                def ready() -> None:
                    os.write(write, b"r")

                worker.run(home, journal, seed, ready)
            except BaseException:
                traceback.print_exc()
                code = 3
            finally:
                os._exit(code)
        os.close(write)
        self.pid = pid
        self._ready = read

    def wait_ready(self, timeout: float) -> bool:
        readable, _, _ = select.select([self._ready], [], [], timeout)
        return bool(readable) and os.read(self._ready, 1) == b"r"

    def kill(self) -> int | None:
        os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        os.close(self._ready)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            return None
        return os.waitstatus_to_exitcode(status)


class SpawnedWorker(Worker):
    def __init__(self, home: Path, journal: Path, seed: int, log: Path) -> None:
        with log.open("ab") as err:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "tests.reliability.worker", str(home), str(journal), str(seed)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=err,
            )
        self.pid = self._proc.pid

    def wait_ready(self, timeout: float) -> bool:
        assert self._proc.stdout is not None
        readable, _, _ = select.select([self._proc.stdout], [], [], timeout)
        return bool(readable) and self._proc.stdout.readline().strip() == b"ready"

    def kill(self) -> int | None:
        self._proc.send_signal(signal.SIGKILL)
        code = self._proc.wait()
        assert self._proc.stdout is not None
        self._proc.stdout.close()
        return None if code == -signal.SIGKILL else code


def kill_moment(rng: random.Random, spawned: bool) -> tuple[str, float]:
    """When to kill: ("ready" | "start", seconds after it)."""
    r = rng.random()
    if r < 0.10:  # during the start: open, migration check, housekeeping, warm-up
        return "start", rng.uniform(0.0, 1.2 if spawned else 0.25)
    if r < 0.20:
        return "ready", rng.uniform(0.0, 0.005)
    if r < 0.92:
        return "ready", rng.uniform(0.005, 0.300)
    return "ready", rng.uniform(0.3, 2.0)


def landed(lines: list[str]) -> tuple[str, str]:
    """Where the kill landed, from the lines this life wrote: the step (or start-up), and the transaction."""
    step, tx = "start-up", ""
    for line in lines:
        kind, _, rest = line.partition(" ")
        tx = rest if kind == "tx" else ""
        if kind in ("ready", "done", "idle", "refused"):
            step = "between steps"
        elif kind == "begin":
            step = rest
    where = {"begin": "inside a write transaction", "commit": "in or just after a COMMIT"}
    return step, where.get(tx, "outside write transactions")


#: What a service may answer a desk doing ordinary work (a dossier in the wrong state, a clock to confirm).
#: Anything else (StorageError, CentralError, PrinterError, …) after a kill is a failure of the harness.
EXPECTED_REFUSALS = frozenset({"Conflict", "InvalidInput", "NotFound", "ClockSuspect"})


def unexpected_refusals(refused: Counter[str]) -> list[str]:
    return [
        f"step {key.split(' ')[0]} refused {n} times with {key.split(' ')[-1]}: the database or the server let it down"
        for key, n in refused.items()
        if key.split(" ")[-1] not in EXPECTED_REFUSALS
    ]


# -- the central server -----------------------------------------------------------------------------------------------


class Central:
    """A fresh central database on the server, with this run's station registered; dropped afterwards."""

    def __init__(self, server: str) -> None:
        import psycopg

        from kiosk.clock import SystemClock
        from kiosk.config import SyncSettings
        from kiosk.services.sync.address import libpq_url
        from kiosk.services.sync.admin import add_station, init_central

        self._server = libpq_url(server)
        self.name = f"kiosk_soak_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(self._server, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {self.name}")
        self.role: str | None = None
        self.owner_url = libpq_url(server, database=self.name)
        settings = SyncSettings(sslmode="disable")
        init_central(self.owner_url, settings)
        made = add_station(self.owner_url, f"Quầy thử {self.name}", settings, now=SystemClock().now())
        self.role, self.station_url = made.role, made.url

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(self._server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
            if self.role:
                conn.execute(f"DROP ROLE IF EXISTS {self.role}")


# -- the run ----------------------------------------------------------------------------------------------------------


def run(config: CrashConfig, out: Out = print) -> CrashReport:
    from kiosk.config import PrinterSettings, Settings, SyncSettings, save_settings
    from kiosk.context import open_context

    started = time.monotonic()
    deadline = started + config.seconds
    reserve = min(60.0, max(5.0, config.seconds * 0.05))  # for the final sync and checks
    if config.workdir is not None and config.workdir.exists() and any(config.workdir.iterdir()):
        raise SystemExit(f"{config.workdir} is not empty: the harness starts from a new station")
    workdir = config.workdir or Path(tempfile.mkdtemp(prefix="kiosk-crash-"))
    report = CrashReport(config, workdir=workdir)
    home = workdir / "station"
    paths = worker.paths_of(home).ensure()
    journal, log = workdir / "journal.txt", workdir / "worker.log"
    central = Central(config.pg_url) if config.pg_url else None
    finished = False  # an exception keeps the station folder too
    try:
        settings = Settings(
            printer=PrinterSettings(connection="file", file_path=str(workdir / "printer.bin"), receipt_copies=1),
            sync=SyncSettings(url=central.station_url, sslmode="disable") if central else SyncSettings(),
        )
        save_settings(paths, settings)
        with open_context(paths):  # create and migrate the database (the workers find it current)
            pass
        db = paths.default_database
        numbering = Numbering(
            settings.office.agency_code, settings.station.sequence_start, settings.station.sequence_end
        )
        worker.preload()
        reader = JournalReader(journal)
        rng = random.Random(config.seed)
        out(
            f"crash harness: {config.kills} kills within {config.seconds:g} s, seed {config.seed}, in {workdir}"
            + (f"; syncing to {central.name}" if central else f"; no sync ({PG_VARIABLE} not set)")
        )
        for i in range(1, config.kills + 1):
            if time.monotonic() > deadline - reserve:
                report.stopped_by_time = True
                break
            spawned = bool(config.spawn_every) and i % config.spawn_every == 0
            seed = config.seed * 1_000_003 + i
            life: Worker = (SpawnedWorker if spawned else ForkedWorker)(home, journal, seed, log)
            report.spawned += spawned
            anchor, delay = kill_moment(rng, spawned)
            if anchor == "ready" and not life.wait_ready(READY_TIMEOUT_S):
                life.kill()
                report.problems = [f"worker {i} never got to work", *_tail(log)]
                break
            time.sleep(delay)
            ended = life.kill()
            if ended is not None:
                report.problems = [f"worker {i} ended by itself with exit code {ended}", *_tail(log)]
                break
            report.kills += 1
            step, tx = landed(reader.update())
            report.killed_in[step] += 1
            report.killed_tx[tx] += 1
            if config.power_every and i % config.power_every == 0:
                what = cut_power(db, rng)
                report.power_cuts[what.split(" (")[0].split(";")[0]] += 1
            full = (i - 1) % config.full_every == 0
            problems = unexpected_refusals(reader.facts.refused)
            problems = problems or check_database(db, reader.facts, numbering, quick=not full)
            if problems:
                report.problems = problems
                break
            report.checks += 1
            report.full_checks += full
            if central and i % config.central_every == 0:
                problems = central_agrees(db, central.station_url)
                if problems:
                    report.problems = problems
                    break
                report.central_checks += 1
            if config.progress_every and i % config.progress_every == 0:
                f = reader.facts
                out(
                    f"  {i} kills, {time.monotonic() - started:.0f} s: {len(f.registered)} registered, "
                    f"{len(f.printed)} printed, {sum(f.done.values())} steps, all invariants hold"
                )
        if report.ok:
            report.final = _final(paths, reader, numbering, central, report)
        _tally(db, reader, report)
        finished = True
    finally:
        report.seconds = time.monotonic() - started
        if central is not None:
            central.drop()
        if finished and report.ok and not config.keep and config.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return report


def _final(
    paths: Paths, reader: JournalReader, numbering: Numbering, central: Central | None, report: CrashReport
) -> str:
    """A last start that is not killed: housekeeping, the last sync and the comparison, then every check."""
    from kiosk.context import open_context

    words = []
    with open_context(paths) as ctx:
        ctx.housekeeping()
        if central is not None:
            result = ctx.sync.run()
            waiting = ctx.sync.status().waiting
            verdict = ctx.sync.verify()
            words.append(
                f"last sync pushed {result.pushed} rows, {waiting} left in the outbox; verify: "
                + ("matches" if verdict.matches else "DIFFERS")
                + f" ({sum(verdict.tables.values())} rows in {len(verdict.tables)} tables)"
            )
            if waiting:
                report.problems.append(f"the last sync left {waiting} outbox entries")
            report.problems += [f"verify: {d.describe()}" for d in verdict.differences[:20]]
    problems = check_database(paths.default_database, reader.facts, numbering)
    report.problems += problems
    report.checks += not problems
    report.full_checks += not problems
    if central is not None and report.ok:
        problems = central_agrees(paths.default_database, central.station_url)
        report.problems += problems
        report.central_checks += not problems
    words.append("every invariant holds" if report.ok else "INVARIANTS BROKEN")
    return "; ".join(words)


def _tally(db: Path, reader: JournalReader, report: CrashReport) -> None:
    f = reader.facts
    report.steps, report.refused, report.idle, report.lives = f.done, f.refused, f.idle, f.lives
    report.registered, report.printed = len(f.registered), len(f.printed)
    if not db.exists():
        return
    report.size_mb = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6
    try:
        with readonly(db) as conn:
            for table in ("dossier", "dossier_event", "print_job", "sync_outbox"):
                report.tables[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except Exception as exc:  # the report is still wanted when the file is broken
        report.problems.append(f"cannot count rows: {exc}")


def _tail(log: Path, lines: int = 25) -> list[str]:
    if not log.exists():
        return ["(no worker log)"]
    return ["worker log:", *log.read_text(errors="replace").splitlines()[-lines:]]


def soak(budget: Budget) -> Outcome:
    """The crash harness as a `make soak` task: ``budget.count`` kills, syncing when KIOSK_TEST_PG_URL is set."""
    config = CrashConfig(
        kills=budget.count,
        seconds=budget.seconds,
        seed=budget.seed,
        workdir=budget.workdir,
        keep=budget.keep,
        pg_url=os.environ.get(PG_VARIABLE, "").strip() or None,
    )
    report = run(config, out=lambda line: print(line, flush=True))
    return Outcome(report.ok, report.lines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reliability.harness", description=__doc__)
    parser.add_argument("--kills", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the station folder even when every check passed")
    parser.add_argument("--spawn-every", type=int, default=10)
    parser.add_argument("--full-every", type=int, default=1)
    parser.add_argument("--central-every", type=int, default=25)
    parser.add_argument("--no-sync", action="store_true", help=f"ignore {PG_VARIABLE}")
    args = parser.parse_args(argv)
    pg = None if args.no_sync else (os.environ.get(PG_VARIABLE, "").strip() or None)
    config = CrashConfig(
        kills=args.kills,
        seconds=args.seconds,
        seed=args.seed,
        workdir=args.workdir,
        keep=args.keep,
        pg_url=pg,
        spawn_every=args.spawn_every,
        full_every=args.full_every,
        central_every=args.central_every,
    )
    report = run(config)
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
