"""Personal data of old, finished dossiers are erased on schedule; the figures and the chain of events survive."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from kiosk.clock import FixedClock
from kiosk.config import PrinterSettings
from kiosk.context import KioskContext
from kiosk.errors import KioskError
from kiosk.printing.documents import receipt
from kiosk.services.corrections import Correction
from kiosk.services.dossier_views import Applicant
from kiosk.services.guidance import ERASED
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import DossierState
from kiosk.services.users import Actor
from tests.helpers import local


def dossier_row(ctx: KioskContext, code: str) -> dict[str, object]:
    with closing(sqlite3.connect(ctx.db.path)) as conn:
        conn.row_factory = sqlite3.Row
        return dict(conn.execute("SELECT * FROM dossier WHERE code = ?", (code,)).fetchone())


def test_old_finished_dossiers_lose_their_personal_data_and_keep_their_figures(
    ctx: KioskContext, clock: FixedClock, clerk: Actor
) -> None:
    ctx.registration.guard = None  # this history is written years back on purpose
    clock.set(local(2015, 3, 2, 9, 0))
    person = Applicant("person", "Nguyễn Văn An", "0912345678", id_number="067090012345", address="Gia Nghĩa")
    old = ctx.registration.register(RegistrationInput("2.001914", person), by=clerk).code
    ctx.corrections.correct(
        old,
        Correction(
            applicant=Applicant("person", "Nguyễn Văn Ân", "0912345678", id_number="067090012345", address="Gia Nghĩa")
        ),
        "Sai dấu",
        by=clerk,
    )
    moves = (
        MoveInput(DossierState.IN_PROCESS, office="Phòng Khảo thí và Quản lý chất lượng"),
        MoveInput(DossierState.RESULT_READY, outcome="approved"),
        MoveInput(DossierState.RETURNED, collector="Trần Văn Nhận"),
    )
    for move in moves:
        ctx.lifecycle.move(old, move, by=clerk)
    ctx.printing.settings = PrinterSettings(connection="file", file_path=str(ctx.paths.data_dir / "roll.bin"))
    zone = ctx.calendar.rules.zone
    old_view = ctx.search.show(old)
    ctx.printing.print_now(receipt(old_view, ctx.settings.office, zone), by=clerk, dossier_id=old_view.id)
    still_open = ctx.registration.register(RegistrationInput("2.001914", person), by=clerk).code
    clock.set(local(2026, 11, 25, 9, 0))
    recent = ctx.registration.register(RegistrationInput("2.001914", person), by=clerk).code
    newest = ctx.printing.print_now(receipt(ctx.search.show(recent), ctx.settings.office, zone), by=clerk)
    before = ctx.reports.period(date(2015, 1, 1), date(2015, 12, 31), by=ctx.users.cli())

    assert ctx.retention.purge(3650) == 1

    row = dossier_row(ctx, old)
    assert row["applicant_name"] == ERASED and row["id_number"] is None and row["phone"] == ""
    assert row["address"] == "" and row["collector"] is None and row["personal_erased_at"] is not None
    assert row["state"] == "returned" and row["timeliness"] is not None  # the figures stay
    assert dossier_row(ctx, still_open)["id_number"] == "067090012345"  # not finished: kept
    assert dossier_row(ctx, recent)["applicant_name"] == "Nguyễn Văn An"  # within the period: kept
    with closing(sqlite3.connect(ctx.db.path)) as conn:
        stored = " ".join(
            str(v)
            for r in conn.execute(
                "SELECT e.data FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.code = ?", (old,)
            )
            for v in r
        )
    assert "Nguyễn Văn Ân" not in stored and "Trần Văn Nhận" not in stored and "067090012345" not in stored
    assert "personal_data_erased" in stored
    assert [j.number for j in ctx.printing.recent()] == [newest.number]  # the old receipt's job went with the data
    after = ctx.reports.period(date(2015, 1, 1), date(2015, 12, 31), by=ctx.users.cli())
    assert after.tables() == before.tables()
    assert ctx.search.find("nguyen van an", limit=10) and all(r.code != old for r in ctx.search.find("nguyen van an"))
    assert ctx.retention.purge(3650) == 0  # done once
    assert ctx.audit.recent(limit=1, action="personal_data_purged")[0].details == {
        "dossiers": 1,
        "received_before": "2016-11-27",
        "print_jobs": 1,
    }
    assert ctx.audit.verify().sound


def test_events_stay_append_only_apart_from_the_erasure(ctx: KioskContext, clerk: Actor) -> None:
    code = ctx.registration.register(
        RegistrationInput("2.001914", Applicant("person", "Lê Thị Hoa", "0987654321")), by=clerk
    ).code
    for statement in (
        "UPDATE dossier_event SET reason = 'x'",
        "UPDATE dossier_event SET data = '{}'",
        "UPDATE dossier_event SET at = '2001-01-01 00:00:00', data = '{\"personal_data_erased\": 1}'",
    ):
        with pytest.raises((KioskError, SQLAlchemyError)), ctx.db.write() as session:
            session.execute(text(statement))
    assert ctx.search.show(code).events[0].action == "register"
