"""Print jobs: stored before they are sent, ending sent or failed, printed again without loss."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import zxingcpp
from sqlalchemy import select

from kiosk.clock import FixedClock
from kiosk.config import PrinterSettings
from kiosk.context import KioskContext
from kiosk.models import PrintJob
from kiosk.printing.documents import Document, receipt
from kiosk.services.dossier_views import Applicant, DossierView
from kiosk.services.print_jobs import CUT_OFF, KEEP_DAYS, STALE_SENDING
from kiosk.services.registration import RegistrationInput
from kiosk.services.users import Actor
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter


def use(ctx: KioskContext, port: int, **changes: object) -> None:
    ctx.printing.settings = PrinterSettings(connection="network", host="127.0.0.1", port=port, timeout_s=1.0, **changes)  # type: ignore[arg-type]


def dossier(ctx: KioskContext, by: Actor) -> tuple[DossierView, Document]:
    view = ctx.registration.register(
        RegistrationInput("2.001914", Applicant("person", "Nguyễn Văn An", "0912345678")), by=by
    )
    return view, receipt(view, ctx.settings.office, ctx.calendar.rules.zone)


def test_a_receipt_job_is_stored_then_sent(ctx: KioskContext, clerk: Actor, fake: FakePrinter) -> None:
    use(ctx, fake.port)
    view, doc = dossier(ctx, clerk)
    job = ctx.printing.submit(doc, by=clerk, copies=2, dossier_id=view.id)
    assert (job.status, job.attempts, job.number, job.kind) == ("queued", 0, 1, "receipt")
    sent = ctx.printing.send(job.id)
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 1, None) and sent.sent_at is not None
    time.sleep(0.3)
    pages = decode(bytes(fake.received)).pages
    assert len(pages) == 2 and all(p.width == 576 for p in pages)  # Liên 1 and Liên 2
    assert [r.text for r in zxingcpp.read_barcodes(pages[1].convert("L"))] == [view.code]
    assert ctx.printing.last_for_dossier(view.id, "receipt") == sent


def test_a_failed_job_keeps_its_bytes_and_is_sent_again_as_it_was(ctx: KioskContext, clerk: Actor) -> None:
    use(ctx, 9)  # nothing listens on port 9
    view, doc = dossier(ctx, clerk)
    failed = ctx.printing.send(ctx.printing.submit(doc, by=clerk, dossier_id=view.id).id)
    assert failed.status == "failed" and "Không kết nối được máy in" in (failed.last_error or "")
    assert ctx.search.show(view.code).code == view.code  # the dossier is intact
    stored = ctx.printing.payload(failed.number)
    printer = FakePrinter()
    try:
        use(ctx, printer.port)
        retried = ctx.printing.again(failed.number, by=clerk)
        assert retried.number == failed.number and retried.status == "queued"
        done = ctx.printing.send(retried.id)
        assert (done.status, done.attempts) == ("sent", 2)
        time.sleep(0.3)
        assert stored in bytes(printer.received)  # the same receipt: the citizen never had one
    finally:
        printer.close()


def test_a_lost_receipt_is_printed_anew_as_a_reprint(ctx: KioskContext, clerk: Actor, fake: FakePrinter) -> None:
    use(ctx, fake.port)
    view, doc = dossier(ctx, clerk)
    first = ctx.printing.send(ctx.printing.submit(doc, by=clerk, dossier_id=view.id).id)
    again = ctx.printing.again(first.number, by=clerk)
    assert again.number == first.number + 1 and again.reprint and again.dossier_id == view.id
    assert ctx.printing.payload(again.number) != ctx.printing.payload(first.number)
    assert Document.from_json(doc.to_json()) == doc


def test_settings_apply_to_the_next_job(ctx: KioskContext, clerk: Actor, fake: FakePrinter) -> None:
    use(ctx, fake.port, width_dots=384, profile="POS-5890")
    _, doc = dossier(ctx, clerk)
    ctx.printing.send(ctx.printing.submit(doc, by=clerk).id)
    time.sleep(0.3)
    assert decode(bytes(fake.received)).pages[0].width == 384


def test_jobs_left_queued_by_a_crash_become_failed(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    _, doc = dossier(ctx, clerk)
    job = ctx.printing.submit(doc, by=clerk)
    clock.advance(timedelta(minutes=5))
    assert ctx.printing.fail_stale() == 0
    clock.advance(timedelta(minutes=6))
    assert ctx.printing.fail_stale() == 1
    assert ctx.printing.job(job.number).status == "failed"


def test_two_jobs_sent_at_once_both_arrive_whole(ctx: KioskContext, clerk: Actor, fake: FakePrinter) -> None:
    use(ctx, fake.port)
    _, doc = dossier(ctx, clerk)
    jobs = [ctx.printing.submit(doc, by=clerk, copies=1) for _ in range(2)]
    results = []
    threads = [threading.Thread(target=lambda j=j: results.append(ctx.printing.send(j.id))) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert sorted(r.status for r in results) == ["sent", "sent"]
    time.sleep(0.3)
    assert len(decode(bytes(fake.received)).pages) == 2


def test_copies_follow_the_settings_for_new_receipts_only(ctx: KioskContext, clerk: Actor) -> None:
    _, doc = dossier(ctx, clerk)
    assert ctx.printing.copies_for(doc) == 2
    assert ctx.printing.copies_for(doc.as_reprint()) == 1
    use(ctx, 9100, receipt_copies=1)
    assert ctx.printing.copies_for(doc) == 1
    check = ctx.printing.check_page(ctx.settings.office, ctx.calendar.rules.zone)
    assert check.kind == "test" and ctx.printing.copies_for(check) == 1


def test_a_job_stuck_in_the_queue_is_sent_again_as_it_was(ctx: KioskContext, clerk: Actor) -> None:
    view, doc = dossier(ctx, clerk)
    stuck = ctx.printing.submit(doc, by=clerk, dossier_id=view.id)
    assert ctx.printing.last_for_dossier(view.id, "receipt") == stuck
    assert ctx.printing.last_for_dossier(view.id, "refusal") is None
    again = ctx.printing.again(stuck.number, by=clerk)
    assert (again.number, again.reprint, again.status) == (stuck.number, False, "queued")
    assert ctx.printing.document(stuck.number) == doc


def cut_off(ctx: KioskContext, number: int) -> None:
    """What a kill between the bytes going out and the job being marked sent leaves (the crash harness does it for
    real): the job "sending" since its attempt began."""
    with ctx.db.write() as session:
        job = session.scalars(select(PrintJob).where(PrintJob.number == number)).one()
        job.status, job.attempts, job.attempted_at = "sending", job.attempts + 1, ctx.clock.now()


def test_a_job_cut_off_while_sending_may_have_printed(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    view, doc = dossier(ctx, clerk)
    job = ctx.printing.submit(doc, by=clerk, dossier_id=view.id)
    cut_off(ctx, job.number)
    clock.advance(STALE_SENDING - timedelta(seconds=1))
    assert ctx.printing.fail_stale() == 0  # it may still be on its way, from another process
    clock.advance(timedelta(seconds=2))
    assert ctx.printing.fail_stale() == 1
    unsure = ctx.printing.job(job.number)
    assert (unsure.status, unsure.last_error) == ("unsure", CUT_OFF)
    again = ctx.printing.again(job.number, by=clerk)  # the citizen may have the first: this one says so
    assert again.number == job.number + 1 and again.reprint and again.copies == 1
    assert ctx.printing.document(again.number) == doc.as_reprint()
    assert ctx.printing.job(job.number).status == "unsure"  # the first is not sent again


def test_a_job_still_sending_is_printed_again_as_a_reprint(ctx: KioskContext, clerk: Actor) -> None:
    """Not yet stale: it may be printing right now; a second paper must not pass for the first."""
    view, doc = dossier(ctx, clerk)
    job = ctx.printing.submit(doc, by=clerk, dossier_id=view.id)
    cut_off(ctx, job.number)
    assert ctx.printing.again(job.number, by=clerk).reprint


def test_a_send_marks_the_job_sending_before_the_bytes_go(ctx: KioskContext, clerk: Actor) -> None:
    """The printer sees the job as "sending" in the database (a kill from here on leaves it so)."""
    seen: list[str] = []
    printer = FakePrinter()
    try:
        use(ctx, printer.port)
        _, doc = dossier(ctx, clerk)
        job = ctx.printing.submit(doc, by=clerk)
        printer.on_connect = lambda: seen.append(ctx.printing.job(job.number).status)
        assert ctx.printing.send(job.id).status == "sent"
    finally:
        printer.close()
    assert seen == ["sending"]


def test_printed_bytes_and_old_jobs_are_pruned(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    ctx.printing.settings = PrinterSettings(connection="file", file_path=str(ctx.paths.data_dir / "roll.bin"))
    view, doc = dossier(ctx, clerk)
    first = ctx.printing.print_now(doc, by=clerk, dossier_id=view.id)
    original = ctx.printing.payload(first.number)
    ctx.printing.prune()
    assert ctx.printing.job(first.number).size == len(original)  # kept for a day
    clock.advance(timedelta(days=1, minutes=1))
    failed = ctx.printing.submit(doc.as_reprint(), by=clerk, dossier_id=view.id)  # never sent: keeps its bytes
    ctx.printing.prune()
    assert ctx.printing.job(first.number).size == 0 and ctx.printing.job(failed.number).size > 0
    assert ctx.printing.payload(first.number) == original  # rendered anew, the same
    clock.advance(timedelta(days=KEEP_DAYS))
    assert ctx.printing.prune() == 1  # the first; the newest stays, so numbers go on
    assert [j.number for j in ctx.printing.recent()] == [failed.number]
    assert ctx.printing.submit(doc.as_reprint(), by=clerk).number == failed.number + 1
