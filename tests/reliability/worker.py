"""The worker the crash harness kills: a desk doing real work through the services, forever, with a journal.

It starts as the program does (``open_context`` on a KIOSK_HOME-like folder, then the start-up housekeeping), then
loops on a random mix: register a dossier (often printing its receipt at once, as the desk does), print or reprint
a receipt on a ``file`` printer, send again a job left queued or failed, move a dossier, correct, void or
re-appoint one, and sync with the central PostgreSQL when the settings name one. After each step has durably
happened it appends a line to the journal and fsyncs it, so the journal is a lower bound of what the database must
hold:

    start                          a worker starts (not synced)
    ready PID                      the kiosk is open: work starts
    begin OP                       a step starts (not synced, like the next two: they tell where a kill landed)
    tx begin | tx commit           a write transaction (BEGIN IMMEDIATE) starts; its COMMIT is about to run
    registered CODE ID             ``register`` returned: the dossier is committed
    printed CODE JOB               the receipt job number JOB is marked sent
    event CODE SEQ ACTION STATE    a move, correction, void or re-appointment committed as event SEQ
    synced PUSHED                  a sync run completed
    refused OP ERROR               the service said no (Conflict, InvalidInput …): the step is over, nothing written
    done OP | idle OP              the step is over; idle: it found nothing to do (no dossier in a movable state …)

Alone: ``python -m tests.reliability.worker HOME JOURNAL SEED`` prints ``ready`` on stdout and works until killed.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import Select, event, func, select
from sqlalchemy.engine import Connection

from kiosk.context import KioskContext, open_context
from kiosk.errors import KioskError
from kiosk.models import Dossier, PrintJob
from kiosk.paths import Paths
from kiosk.printing.documents import receipt
from kiosk.services.corrections import Correction
from kiosk.services.dossier_views import Applicant, DossierView, ReceivedDocument
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import FINAL_STATES, DossierState, allowed_targets
from kiosk.services.users import Actor

S = DossierState
MOVE_INPUTS = {
    S.IN_PROCESS: MoveInput(S.IN_PROCESS, office="Phòng Khảo thí và Quản lý chất lượng"),
    S.SUPPLEMENT_REQUESTED: MoveInput(
        S.SUPPLEMENT_REQUESTED, reason="Thiếu giấy tờ", missing=("Giấy khai sinh", "Bản sao học bạ")
    ),
    S.CLOSED: MoveInput(S.CLOSED),
    S.WITHDRAWN: MoveInput(S.WITHDRAWN, reason="Người nộp xin rút hồ sơ"),
    S.STOPPED: MoveInput(S.STOPPED, reason="Theo yêu cầu của cơ quan có thẩm quyền"),
    S.RETURNED: MoveInput(S.RETURNED),
}
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thu", "Quang")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Khánh", "Lan", "Long", "Mai", "Nam", "Phương", "Tâm")
PREFIXES = ("090", "091", "093", "094", "096", "097", "098", "032", "035", "070", "077", "081", "085")


def paths_of(home: Path) -> Paths:
    return Paths(home / "data", home / "config", home / "logs", home / "backups")


def preload() -> None:
    """Import what the services load on first use, so that a forked worker starts working at once."""
    import kiosk.printing.encode
    import kiosk.printing.raster
    import kiosk.printing.roll
    import kiosk.printing.transports
    import kiosk.services.sync.central
    import kiosk.services.sync.pull
    import kiosk.services.sync.push  # noqa: F401


class Journal:
    """Lines appended to one file; a fact is fsynced before the next step starts."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def note(self, line: str) -> None:
        os.write(self._fd, (line + "\n").encode())

    def fact(self, line: str) -> None:
        self.note(line)
        os.fsync(self._fd)

    def watch(self, ctx: KioskContext) -> None:
        """Note where each write transaction begins and commits."""

        def begin(conn: Connection) -> None:
            if conn.get_execution_options().get("kiosk_sqlite_begin") == "IMMEDIATE":
                self.note("tx begin")

        def commit(conn: Connection) -> None:
            if conn.get_execution_options().get("kiosk_sqlite_begin") == "IMMEDIATE":
                self.note("tx commit")

        event.listen(ctx.db.engine, "begin", begin)
        event.listen(ctx.db.engine, "commit", commit)


@dataclass
class Desk:
    ctx: KioskContext
    journal: Journal
    rng: random.Random
    by: Actor
    procedures: list[str]

    # -- the steps: each says whether it found something to do -----------------------------------------------------

    def register(self) -> bool:
        data = RegistrationInput(
            self.rng.choice(self.procedures),
            self._applicant(),
            sets=self.rng.choice((1, 1, 1, 2)),
            delivery=self.rng.choice(("counter", "counter", "post")),
            received_at=None if self.rng.random() < 0.7 else self._past_moment(),
        )
        view = self.ctx.registration.register(data, by=self.by)
        self.journal.fact(f"registered {view.code} {view.id.hex}")
        if self.rng.random() < 0.6:  # the desk prints the receipt right away
            self._print(view)
        return True

    def print_receipt(self) -> bool:
        code = self._pick(select(Dossier.code).where(Dossier.voided_at.is_(None)))
        if code is None:
            return False
        self._print(self.ctx.search.show(code))
        return True

    def print_again(self) -> bool:
        """A job again: one left queued, sending (cut off by a kill) or failed, else a sent one; those whose paper
        may be out are printed anew as reprints."""
        query = select(PrintJob.number).where(PrintJob.dossier_id.is_not(None))
        number = self._pick(query.where(PrintJob.status != "sent")) if self.rng.random() < 0.6 else None
        number = number if number is not None else self._pick(query)
        if number is None:
            return False
        job = self.ctx.printing.again(number, by=self.by)
        self._send(job.id, job.dossier_id)
        return True

    def move(self) -> bool:
        open_states = [s.value for s in S if s not in FINAL_STATES]
        row = self._pick_row(
            select(Dossier.code, Dossier.state).where(Dossier.voided_at.is_(None), Dossier.state.in_(open_states))
        )
        if row is None:
            return False
        code, state = row
        target = self.rng.choice(allowed_targets(S(state)))
        move = MOVE_INPUTS.get(target) or MoveInput(
            target, outcome=self.rng.choice(("approved", "approved", "refused")), reason="Không đủ điều kiện"
        )
        self._event(self.ctx.lifecycle.move(code, move, by=self.by))
        return True

    def correct(self) -> bool:
        code = self._pick(select(Dossier.code).where(Dossier.voided_at.is_(None)))
        if code is None:
            return False
        view = self.ctx.search.show(code)
        if self.rng.random() < 0.5:
            change = Correction(applicant=replace(view.applicant, phone=self._phone()))
        else:  # the papers rewritten: the old rows deleted, the new ones inserted
            extra = ReceivedDocument(f"Giấy xác nhận số {self.rng.randint(1, 999)}", count=1, from_catalog=False)
            papers = tuple(d for d in view.documents if d.from_catalog)
            change = Correction(documents=(*papers, extra))
        self._event(self.ctx.corrections.correct(code, change, "Sửa lỗi nhập liệu", by=self.by))
        return True

    def void(self) -> bool:
        code = self._pick(select(Dossier.code).where(Dossier.voided_at.is_(None)))
        if code is None:
            return False
        self._event(self.ctx.corrections.void(code, "Nhập nhầm thủ tục", by=self.by))
        return True

    def reappoint(self) -> bool:
        today = self.ctx.calendar.today()
        code = self._pick(
            select(Dossier.code).where(
                Dossier.voided_at.is_(None),
                Dossier.reappointed_at.is_(None),
                Dossier.state.in_((S.RECEIVED.value, S.IN_PROCESS.value)),
                Dossier.due_date > today,
            )
        )
        if code is None:
            return False
        view = self.ctx.search.show(code)
        assert view.due_date is not None
        calendar = self.ctx.calendar.calendar()
        day = view.due_date + timedelta(days=self.rng.randint(1, 5))
        while not calendar.is_working_day(day):
            day += timedelta(days=1)
        self._event(self.ctx.lifecycle.reappoint(code, day, "Cần xác minh thêm với trường", by=self.by))
        return True

    def sync(self) -> bool:
        result = self.ctx.sync.run()
        self.journal.fact(f"synced {result.pushed}")
        return True

    # -- helpers ------------------------------------------------------------------------------------------------

    def _print(self, view: DossierView) -> None:
        reprint = self.ctx.printing.last_for_dossier(view.id, "receipt") is not None
        doc = receipt(view, self.ctx.settings.office, self.ctx.calendar.rules.zone, reprint=reprint)
        job = self.ctx.printing.submit(doc, by=self.by, dossier_id=view.id)
        self._send(job.id, view.id)

    def _send(self, job_id: UUID, dossier_id: UUID | None) -> None:
        sent = self.ctx.printing.send(job_id)
        if sent.status != "sent":
            raise RuntimeError(f"the file printer failed: {sent.last_error}")
        with self.ctx.db.read() as session:
            code = session.scalar(select(Dossier.code).where(Dossier.id == dossier_id))
        self.journal.fact(f"printed {code} {sent.number}")

    def _event(self, view: DossierView) -> None:
        last = view.events[-1]
        self.journal.fact(f"event {view.code} {last.seq} {last.action.value} {view.state.value}")

    def _pick_row(self, query: Select[*tuple[Any, ...]]) -> tuple[Any, ...] | None:
        """One row of the query, at random."""
        with self.ctx.db.read() as session:
            row = session.execute(query.order_by(func.random()).limit(1)).first()
        return tuple(row) if row is not None else None

    def _pick(self, query: Select[*tuple[Any, ...]]) -> Any:
        row = self._pick_row(query)
        return row[0] if row is not None else None

    def _applicant(self) -> Applicant:
        rng = self.rng
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        id_number = "".join(rng.choice("0123456789") for _ in range(12)) if rng.random() < 0.5 else None
        return Applicant("person", name, self._phone(), id_number=id_number, address="Phường 1, Đà Lạt")

    def _phone(self) -> str:
        return self.rng.choice(PREFIXES) + "".join(self.rng.choice("0123456789") for _ in range(7))

    def _past_moment(self) -> datetime:
        """A paper register entered late: a working hour of a day up to ~14 months back (last year's ledger too)."""
        zone = self.ctx.calendar.rules.zone
        day = self.ctx.calendar.today() - timedelta(days=self.rng.randint(1, 420))
        return datetime.combine(day, time(self.rng.randint(7, 16), self.rng.randint(0, 59)), tzinfo=zone)


def steps(desk: Desk) -> list[tuple[str, Callable[[], bool], int]]:
    chosen = [
        ("register", desk.register, 30),
        ("print", desk.print_receipt, 12),
        ("again", desk.print_again, 5),
        ("move", desk.move, 30),
        ("correct", desk.correct, 8),
        ("void", desk.void, 1),
        ("reappoint", desk.reappoint, 4),
    ]
    if desk.ctx.sync.configured:
        chosen.append(("sync", desk.sync, 6))
    return chosen


def run(home: Path, journal_path: Path, seed: int, ready: Callable[[], None]) -> None:
    """Open the kiosk as the program does and work until killed (a step that fails unexpectedly raises)."""
    journal = Journal(journal_path)
    journal.note("start")
    ctx = open_context(paths_of(home))
    journal.watch(ctx)
    ctx.housekeeping()
    ctx.printing.warm_up()
    procedures = [p.code for p in ctx.catalog.all(include_inactive=False)]
    ctx.registration.preview(ctx.catalog.get(procedures[0]))  # the calendar's first build, as the desk's first look
    desk = Desk(ctx, journal, random.Random(seed), ctx.users.cli(), procedures)
    table = steps(desk)
    names = [name for name, _, _ in table]
    actions = {name: action for name, action, _ in table}
    weights = [weight for _, _, weight in table]
    journal.fact(f"ready {os.getpid()}")
    ready()
    while True:
        (name,) = desk.rng.choices(names, weights)
        journal.note(f"begin {name}")
        try:
            did = actions[name]()
        except KioskError as exc:
            journal.fact(f"refused {name} {type(exc).__name__}")
            continue
        journal.fact(f"done {name}" if did else f"idle {name}")


def main(argv: list[str]) -> int:
    home, journal, seed = Path(argv[0]), Path(argv[1]), int(argv[2])

    def ready() -> None:
        print("ready", flush=True)

    run(home, journal, seed, ready)
    return 0  # not reached: the harness kills the worker


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
