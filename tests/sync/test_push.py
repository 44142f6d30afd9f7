"""Pushing the station's rows: everything the first time, only what changed after, nothing twice."""

from __future__ import annotations

from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import text

from kiosk.context import KioskContext
from kiosk.errors import CentralError
from kiosk.models.sync import SYNCED_TABLES


def local_counts(ctx: KioskContext) -> dict[str, int]:
    with ctx.db.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one() for t in SYNCED_TABLES}


def central_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in SYNCED_TABLES}  # type: ignore[index]


def test_first_sync_sends_every_row_and_the_comparison_finds_no_difference(
    station: KioskContext, central_url: str
) -> None:
    before = station.sync.status()
    assert before.waiting == sum(local_counts(station).values())
    assert before.last_success_at is None

    result = station.sync.run()

    assert result.pushed == before.waiting
    assert central_counts(central_url) == local_counts(station)
    after = station.sync.status()
    assert after.waiting == 0
    assert after.last_success_at == station.clock.now()
    assert after.last_error is None
    report = station.sync.verify()
    assert report.matches, [d.describe() for d in report.differences]
    assert report.tables["dossier"] == local_counts(station)["dossier"] > 0


def register(ctx: KioskContext, name: str = "Nguyễn Văn An") -> str:
    from kiosk.services.dossier_views import Applicant
    from kiosk.services.registration import RegistrationInput

    applicant = Applicant("person", name, "0912 345 678", id_number="067090012345")
    return ctx.registration.register(RegistrationInput("2.001914", applicant), by=ctx.users.cli()).code


def row_versions(url: str) -> dict[str, list[tuple[str, str]]]:
    """Each central row's id and xmin: a rewritten row gets a new xmin."""
    with psycopg.connect(url) as conn:
        return {
            t: [(str(i), str(x)) for i, x in conn.execute(f"SELECT id, xmin::text FROM {t} ORDER BY id")]
            for t in SYNCED_TABLES
        }


def test_sending_everything_again_rewrites_no_central_row(station: KioskContext, central_url: str) -> None:
    station.sync.run()
    assert station.sync.run().pushed == 0  # nothing waits: the second run sends nothing
    before = row_versions(central_url)
    # As if the station never heard the central commit: every row is marked unsent again.
    with station.db.write() as session:
        for table in SYNCED_TABLES:
            session.execute(text(f"INSERT INTO sync_outbox (tbl, row_id) SELECT '{table}', id FROM {table}"))

    again = station.sync.run()

    assert again.pushed == sum(local_counts(station).values())
    assert row_versions(central_url) == before
    assert station.sync.verify().matches


def test_a_night_sends_only_what_changed_and_deletions_follow(station: KioskContext, central_url: str) -> None:
    from kiosk.services.corrections import Correction
    from kiosk.services.dossier_views import ReceivedDocument

    station.sync.run()
    code = register(station)
    papers = station.search.show(code).documents
    fixed = tuple(ReceivedDocument(d.name, d.form, d.count + (i == 0), d.from_catalog) for i, d in enumerate(papers))
    station.corrections.correct(code, Correction(documents=fixed), "Ghi sai số bản", by=station.users.cli())
    waiting = station.sync.status().waiting
    # the dossier, its papers (the new rows and the removed ones) and its two events: not the week of history
    assert waiting == 1 + 2 * len(papers) + 2

    assert station.sync.run().pushed == waiting

    assert central_counts(central_url) == local_counts(station)
    with psycopg.connect(central_url) as conn:
        counts = conn.execute(
            "SELECT dd.count FROM dossier_document dd JOIN dossier d ON d.id = dd.dossier_id WHERE d.code = %s "
            "ORDER BY dd.position",
            (code,),
        ).fetchall()
    assert [c for (c,) in counts] == [d.count + (i == 0) for i, d in enumerate(papers)]
    assert station.sync.verify().matches


def test_local_rows_stay_marked_until_the_central_commit(station: KioskContext, central_url: str) -> None:
    """A batch the central side refuses leaves every entry in the outbox, and the error is kept for the status."""
    with psycopg.connect(central_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE dossier_event ADD CONSTRAINT no_events CHECK (seq < 0)")
    waiting = station.sync.status().waiting

    with pytest.raises(CentralError) as failure:
        station.sync.run()

    assert "Dữ liệu trên máy này vẫn an toàn" in failure.value.message
    status = station.sync.status()
    assert status.waiting > 0
    assert status.last_error == failure.value.message
    assert status.last_success_at is None
    with psycopg.connect(central_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE dossier_event DROP CONSTRAINT no_events")
    station.sync.run()
    assert station.sync.status().waiting == 0
    assert station.sync.status().last_error is None
    assert waiting == sum(local_counts(station).values())
    assert station.sync.verify().matches


def test_an_erasure_here_erases_there(station: KioskContext, central_url: str) -> None:
    """The central copy keeps personal data no longer than the station: the purge travels as blanked rows."""
    station.sync.run()
    station.clock.advance(timedelta(days=400))  # type: ignore[attr-defined]
    erased = station.retention.purge(30)
    assert erased > 0
    station.sync.run()
    with psycopg.connect(central_url) as conn:
        left = conn.execute(
            "SELECT count(*) FROM dossier "
            "WHERE personal_erased_at IS NOT NULL AND (id_number IS NOT NULL OR phone <> '')"
        ).fetchone()[0]  # type: ignore[index]
        blanked = conn.execute("SELECT count(*) FROM dossier WHERE personal_erased_at IS NOT NULL").fetchone()[0]  # type: ignore[index]
    assert (left, blanked) == (0, erased)
    assert station.sync.verify().matches
