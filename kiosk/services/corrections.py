"""Correcting a typo in a dossier, and voiding one registered by mistake. Both keep the history whole."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.errors import Conflict, InvalidInput, PermissionDenied
from kiosk.models import Database, Dossier, DossierDocument, Role
from kiosk.services.catalog import CatalogService
from kiosk.services.dossier_store import append_event, load
from kiosk.services.dossier_views import Applicant, DossierView, ReceivedDocument, view_of
from kiosk.services.registration import check_applicant, check_documents
from kiosk.services.states import Action
from kiosk.services.users import Actor
from kiosk.services.validation import REASON_MAX, count
from kiosk.text import clean_line, clean_paragraph, fold_name


@dataclass(frozen=True)
class Correction:
    """What to change; None leaves a value as it is."""

    applicant: Applicant | None = None
    documents: tuple[ReceivedDocument, ...] | None = None
    sets: int | None = None
    external_ref: str | None = None


class CorrectionService:
    def __init__(self, db: Database, clock: Clock, catalog: CatalogService) -> None:
        self._db = db
        self._clock = clock
        self._catalog = catalog

    def correct(self, code: str, change: Correction, reason: str, *, by: Actor) -> DossierView:
        """Apply the change; the event keeps every old and new value."""
        why = clean_paragraph(reason, field="reason", label="Lý do sửa", max_length=REASON_MAX)
        with self._db.write() as session:
            dossier = load(session, code)
            diff: dict[str, Any] = {}
            if change.applicant is not None:
                diff.update(_set_applicant(dossier, check_applicant(change.applicant)))
            if change.documents is not None:
                info = self._catalog.get_version(dossier.procedure_version_id)
                diff.update(_set_documents(session, dossier, check_documents(info, change.documents)))
            if change.sets is not None and change.sets != dossier.sets:
                diff["sets"] = [dossier.sets, count(change.sets, field="sets", label="Số bộ hồ sơ", high=20)]
                dossier.sets = change.sets
            if change.external_ref is not None:
                ref = (
                    clean_line(
                        change.external_ref,
                        field="external_ref",
                        label="Mã hồ sơ liên thông",
                        max_length=64,
                        required=False,
                    )
                    or None
                )
                if ref != dossier.external_ref:
                    diff["external_ref"] = [dossier.external_ref, ref]
                    dossier.external_ref = ref
            if not diff:
                raise InvalidInput("Không có thông tin nào thay đổi.")
            append_event(
                session, dossier, at=self._clock.now(), by=by, action=Action.CORRECT, reason=why, data={"changes": diff}
            )
            session.flush()
            return view_of(session, dossier, procedure=self._catalog.version_in(session, dossier.procedure_version_id))

    def void(self, code: str, reason: str, *, by: Actor, approver: Actor | None = None) -> DossierView:
        """Void a dossier registered by mistake, on a supervisor's authority; its code is never used again.

        ``approver`` is the supervisor who authorised it, already authenticated by the caller; when ``by`` is a
        supervisor or admin, they approve it themselves.
        """
        why = clean_paragraph(reason, field="reason", label="Lý do huỷ", max_length=REASON_MAX)
        authority = approver or by
        if not authority.can(Role.SUPERVISOR):
            raise PermissionDenied("Huỷ hồ sơ nhập nhầm cần lãnh đạo (giám sát) duyệt.")
        with self._db.write() as session:
            dossier = load(session, code, allow_voided=True)
            if dossier.voided_at is not None:
                raise Conflict(f"Hồ sơ {dossier.code} đã bị huỷ trước đó.")
            now = self._clock.now()
            dossier.voided_at = now
            dossier.void_reason = why
            dossier.void_supervisor = authority.full_name
            append_event(
                session,
                dossier,
                at=now,
                by=by,
                action=Action.VOID,
                reason=why,
                data={"supervisor": authority.username, "supervisor_name": authority.full_name},
            )
            session.flush()
            return view_of(session, dossier, procedure=self._catalog.version_in(session, dossier.procedure_version_id))


_APPLICANT_COLUMNS = {
    "kind": "applicant_kind",
    "name": "applicant_name",
    "phone": "phone",
    "id_number": "id_number",
    "tax_code": "tax_code",
    "address": "address",
    "email": "email",
    "vneid_checked": "vneid_checked",
}


def _set_applicant(dossier: Dossier, applicant: Applicant) -> dict[str, Any]:
    diff = {}
    for f in fields(Applicant):
        column = _APPLICANT_COLUMNS[f.name]
        old, new = getattr(dossier, column), getattr(applicant, f.name)
        if old != new:
            diff[column] = [old, new]
            setattr(dossier, column, new)
    if "applicant_name" in diff:
        dossier.name_folded, dossier.given_name_folded = fold_name(applicant.name)
    return diff


def _set_documents(session: Session, dossier: Dossier, documents: tuple[ReceivedDocument, ...]) -> dict[str, Any]:
    old = [_doc_json(d.name, d.form, d.count, d.from_catalog) for d in dossier.documents]
    new = [_doc_json(d.name, d.form.value, d.count, d.from_catalog) for d in documents]
    if old == new:
        return {}
    dossier.documents.clear()
    session.flush()  # the old rows go before the new ones take their positions
    dossier.documents.extend(
        DossierDocument(position=i, name=d.name, form=d.form.value, count=d.count, from_catalog=d.from_catalog)
        for i, d in enumerate(documents, start=1)
    )
    return {"documents": [old, new]}


def _doc_json(name: str, form: str, count: int, from_catalog: bool) -> dict[str, Any]:
    return {"name": name, "form": form, "count": count, "from_catalog": from_catalog}
