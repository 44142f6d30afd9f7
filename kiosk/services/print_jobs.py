"""Print jobs: render, store, send, and print again — a receipt is never lost.

A job is stored (queued, with its document and its rendered ESC/POS bytes) in its own committed transaction
before anything is sent; it is marked "sending" (committed) just before the bytes go out, and sent or failed
after, with the reason in words the clerk can act on. A failed job is sent again as it was (the citizen never got
it); a job that was sent and then lost, or cut off while sending (the program killed: the paper may have come
out), is printed anew from its document, marked "BẢN IN LẠI". Jobs are a spool, not a record: the bytes of a
printed job go after a day, a job after ``KEEP_DAYS`` (the newest always stays, so numbers never repeat).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from kiosk.clock import Clock
from kiosk.config import OfficeSettings, PrinterSettings
from kiosk.errors import NotFound, PrinterError
from kiosk.models import Database, GuidanceRecord, PrintJob
from kiosk.printing.documents import Document, printer_check_page
from kiosk.printing.escpos_loader import PrinterProfile, printer_profiles
from kiosk.printing.transports import Connection, send
from kiosk.services.audit import AuditLog
from kiosk.services.users import Actor

if TYPE_CHECKING:
    from kiosk.printing.encode import RollFormat
    from kiosk.printing.raster import RollRenderer
    from kiosk.printing.roll import Roll

#: A job still queued this long after it was made was left by a program that stopped before sending it.
STALE_AFTER = timedelta(minutes=10)
#: A job still "sending" this long after its attempt began was cut off: no send takes this long (timeouts: 3-5 s).
STALE_SENDING = timedelta(minutes=2)
#: How long a job is kept (at most: the personal-data retention, when shorter, since documents hold names).
KEEP_DAYS = 90
#: How long the rendered bytes of a printed job are kept.
KEEP_PAYLOAD = timedelta(days=1)
NEVER_SENT = "Phần mềm đã đóng trước khi gửi lệnh in; giấy chưa ra. Bấm «In lại»."
CUT_OFF = (
    "Phần mềm đã đóng giữa lúc gửi lệnh in: giấy có thể đã ra. Nếu công dân chưa nhận, bấm «In lại» "
    "(bản in ghi «BẢN IN LẠI»)."
)
#: Statuses whose paper may be in the citizen's hands: printing again makes a copy marked "BẢN IN LẠI".
MAYBE_PRINTED = ("sent", "sending", "unsure")


@dataclass(frozen=True)
class JobView:
    id: UUID
    number: int
    created_at: datetime
    kind: str
    title: str
    dossier_id: UUID | None
    copies: int
    reprint: bool
    status: str  # queued | sending | sent | failed | unsure
    attempts: int
    last_error: str | None
    sent_at: datetime | None
    printer: str
    size: int  # bytes of ESC/POS (0 once dropped after printing)


def connection_of(settings: PrinterSettings) -> Connection:
    return Connection(
        kind=settings.connection,
        host=settings.host,
        port=settings.port,
        timeout_s=settings.timeout_s,
        usb_vendor=settings.usb_vendor,
        usb_product=settings.usb_product,
        serial_device=settings.serial_device,
        baudrate=settings.baudrate,
        file_path=settings.file_path,
        printer_name=settings.printer_name,
        profile=settings.profile,
        status_check=settings.status_check,
    )


class PrintJobService:
    def __init__(
        self, db: Database, clock: Clock, settings: PrinterSettings, cache_dir: Path, audit: AuditLog | None = None
    ) -> None:
        self._audit = audit
        self._db = db
        self._clock = clock
        self.settings = settings  # replaced when the admin changes them: the next paper uses the new ones
        self._cache_dir = cache_dir
        self._loaded_roll: Roll | None = None

    # -- rendering --------------------------------------------------------------------------------------------------

    def _roll(self) -> Roll:
        if self._loaded_roll is None:
            from kiosk.printing.roll import Roll  # Pillow, qrcode, python-escpos: loaded by the first paper

            self._loaded_roll = Roll(self._cache_dir)
        return self._loaded_roll

    def _format(self) -> RollFormat:
        from kiosk.printing.encode import RollFormat

        s = self.settings
        return RollFormat(s.profile, s.width_dots, s.cut, s.feed_lines)

    def renderer(self, width: int | None = None) -> RollRenderer:
        return self._roll().renderer(width or self.settings.width_dots)

    def warm_up(self) -> None:
        """Load python-escpos and the printer profile (a tenth of a second, once) before the first paper needs it."""
        self._roll().warm_up(self._format())

    def render_bytes(self, doc: Document, copies: int = 1) -> bytes:
        return self._roll().encode(doc, self._format(), copies)

    def profiles(self) -> list[PrinterProfile]:
        return printer_profiles(self._cache_dir)

    def document(self, number: int) -> Document:
        """What a stored job prints (to preview it again)."""
        with self._db.read() as session:
            return Document.from_json(_numbered(session, number).document)

    def check_page(self, office: OfficeSettings, zone: ZoneInfo) -> Document:
        """The test print, naming the printer it is meant for and when it was made."""
        return printer_check_page(office, self._clock.now(), zone, connection_of(self.settings).describe())

    def copies_for(self, doc: Document) -> int:
        """A new receipt in the copies the desk keeps (one kept, one given); everything else, and reprints, once."""
        return self.settings.receipt_copies if doc.kind == "receipt" and not doc.reprint else 1

    # -- jobs ---------------------------------------------------------------------------------------------------------

    def submit(
        self,
        doc: Document,
        *,
        by: Actor | None,
        copies: int | None = None,
        dossier_id: UUID | None = None,
        guidance_id: UUID | None = None,
    ) -> JobView:
        """Render and store the job (queued); nothing is sent yet. Copies: as ``copies_for`` unless given."""
        copies = copies or self.copies_for(doc)
        payload = self.render_bytes(doc, copies)
        with self._db.write() as session:
            number = (session.scalar(select(func.max(PrintJob.number))) or 0) + 1
            job = PrintJob(
                number=number,
                created_at=self._clock.now(),
                kind=doc.kind,
                title=doc.title[:200],
                dossier_id=dossier_id,
                guidance_id=guidance_id,
                user_id=by.id if by else None,
                copies=copies,
                reprint=doc.reprint,
                status="queued",
                attempts=0,
                printer=connection_of(self.settings).describe(),
                document=doc.to_json(),
                payload=payload,
            )
            session.add(job)
            session.flush()
            if doc.reprint and self._audit is not None:  # a second copy of a paper a citizen was already given
                who = by.username if by else "system"
                self._audit.record_in(session, who, "reprint", doc.title[:200], {"job": number, "kind": doc.kind})
            return _view(job)

    def send(self, job_id: UUID) -> JobView:
        """Send a stored job to the printer; the job ends sent or failed (unsure only if the program dies meanwhile)."""
        with self._db.read() as session:
            job = session.get(PrintJob, job_id)
            if job is None:
                raise NotFound("Không tìm thấy lệnh in.")
            stored, document, copies = job.payload, job.document, job.copies
        payload = self._bytes(stored, document, copies)
        with self._db.write() as session:  # from here on, the paper may come out
            job = session.get_one(PrintJob, job_id)
            job.status = "sending"
            job.attempts += 1
            job.attempted_at = self._clock.now()
        connection = connection_of(self.settings)
        error: str | None = None
        try:
            send(payload, connection, self._cache_dir)
        except PrinterError as exc:
            error = exc.message
        with self._db.write() as session:
            job = session.get(PrintJob, job_id)
            assert job is not None
            job.printer = connection.describe()
            job.status = "failed" if error else "sent"
            job.last_error = error
            if not error:
                job.sent_at = self._clock.now()
                record = session.get(GuidanceRecord, job.guidance_id) if job.guidance_id else None
                if record is not None and record.slip_printed_at is None:
                    record.slip_printed_at = job.sent_at  # the citizen has the slip in hand
            session.flush()
            return _view(job)

    def print_now(self, doc: Document, *, by: Actor | None, dossier_id: UUID | None = None) -> JobView:
        """Submit and send at once (the command line); a failure is stored and returned, not raised."""
        return self.send(self.submit(doc, by=by, dossier_id=dossier_id).id)

    def again(self, number: int, *, by: Actor | None) -> JobView:
        """A failed (or stuck) job as a new attempt; one whose paper may be out (sent and lost, or cut off while
        sending) as a new job marked "BẢN IN LẠI".

        The result is queued, not sent.
        """
        self.fail_stale()
        with self._db.read() as session:
            job = _numbered(session, number)
            view, document = _view(job), job.document
        if view.status not in MAYBE_PRINTED:  # failed, or left queued before sending: the citizen never got it
            with self._db.write() as session:
                session.execute(update(PrintJob).where(PrintJob.id == view.id).values(status="queued"))
            return self.job(view.number)
        doc = Document.from_json(document).as_reprint()
        return self.submit(doc, by=by, copies=1, dossier_id=view.dossier_id)

    def job(self, number: int) -> JobView:
        with self._db.read() as session:
            return _view(_numbered(session, number))

    def payload(self, number: int) -> bytes:
        """The job's ESC/POS bytes (rendered anew from its document once the stored ones are dropped)."""
        with self._db.read() as session:
            job = _numbered(session, number)
            stored, document, copies = job.payload, job.document, job.copies
        return self._bytes(stored, document, copies)

    def _bytes(self, stored: bytes | None, document: bytes, copies: int) -> bytes:
        """A job's stored bytes, or the same rendered anew from its document once they were dropped after printing."""
        return stored if stored is not None else self.render_bytes(Document.from_json(document), copies)

    def recent(self, limit: int = 50) -> list[JobView]:
        with self._db.read() as session:
            rows = session.scalars(select(PrintJob).order_by(PrintJob.number.desc()).limit(limit))
            return [_view(j) for j in rows]

    def last_for_dossier(self, dossier_id: UUID, kind: str) -> JobView | None:
        with self._db.read() as session:
            job = session.scalar(
                select(PrintJob)
                .where(PrintJob.dossier_id == dossier_id, PrintJob.kind == kind)
                .order_by(PrintJob.number.desc())
                .limit(1)
            )
            return _view(job) if job is not None else None

    def fail_stale(self) -> int:
        """Jobs a stopped program left behind: queued long ago (never sent) become failed; cut off while sending
        (the paper may be out) become unsure. How many changed."""
        now = self._clock.now()
        with self._db.write() as session:
            never_sent = session.execute(
                update(PrintJob)
                .where(PrintJob.status == "queued", PrintJob.created_at < now - STALE_AFTER)
                .values(status="failed", last_error=NEVER_SENT)
            )
            cut_off = session.execute(
                update(PrintJob)
                .where(PrintJob.status == "sending", PrintJob.attempted_at < now - STALE_SENDING)
                .values(status="unsure", last_error=CUT_OFF)
            )
            return sum(int(getattr(r, "rowcount", 0) or 0) for r in (never_sent, cut_off))

    def prune(self, keep_days: int = KEEP_DAYS) -> int:
        """Drop the bytes of jobs printed over a day ago, and jobs made over ``keep_days`` ago but the newest
        (housekeeping: a receipt's document holds the citizen's name). How many jobs went."""
        now = self._clock.now()
        with self._db.write() as session:
            session.execute(
                update(PrintJob)
                .where(PrintJob.status == "sent", PrintJob.sent_at < now - KEEP_PAYLOAD, PrintJob.payload.is_not(None))
                .values(payload=None)
            )
            return delete_jobs(session, PrintJob.created_at < now - timedelta(days=keep_days))


def delete_jobs(session: Session, *where: ColumnElement[bool]) -> int:
    """Delete the jobs matching ``where`` but the desk's newest (a new job's number is the largest + 1: numbers must
    never repeat); how many went."""
    newest = select(func.max(PrintJob.number)).scalar_subquery()
    result = session.execute(delete(PrintJob).where(*where, PrintJob.number < newest))
    return int(getattr(result, "rowcount", 0) or 0)


def _numbered(session: Session, number: int) -> PrintJob:
    fits = -(2**63) <= number < 2**63  # SQLite's integers: a longer number typed is no job's
    job = session.scalar(select(PrintJob).where(PrintJob.number == number)) if fits else None
    if job is None:
        raise NotFound(f"Không có lệnh in số {number}.")
    return job


def _view(job: PrintJob) -> JobView:
    return JobView(
        id=job.id,
        number=job.number,
        created_at=job.created_at,
        kind=job.kind,
        title=job.title,
        dossier_id=job.dossier_id,
        copies=job.copies,
        reprint=job.reprint,
        status=job.status,
        attempts=job.attempts,
        last_error=job.last_error,
        sent_at=job.sent_at,
        printer=job.printer,
        size=len(job.payload) if job.payload is not None else 0,
    )
