"""What the service fuzzers share: the procedures and applicants they use, and the checks on a dossier."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.context import KioskContext
from kiosk.services.catalog_types import DocumentForm
from kiosk.services.dossier_views import Applicant, DossierView, ReceivedDocument
from kiosk.services.registration import RegistrationInput
from kiosk.services.users import Actor
from tests.fuzz.checks import clean
from tests.fuzz.strategies import (
    EMAILS,
    ID_NUMBERS,
    PHRASES,
    TAX_CODES,
    VN,
    addresses,
    counts,
    emails,
    enum_or_wrong,
    good_person_names,
    good_phones,
    hostile_text,
    id_numbers,
    mostly,
    organisation_names,
    person_names,
    phones,
    phrases,
    plausible,
    spoil,
    tax_codes,
    text_or,
)

CODES = ("2.001914", "1.010020", "DP-0004", "DP-0014", "DP-0001")
AN = Applicant("person", "Nguyễn Văn An", "0912345678")
DOSSIER_TABLES = ("dossier", "dossier_document", "dossier_event")
OFFICE = "Phòng Khảo thí và Quản lý chất lượng"
EXTERNAL_REF = "H15.22-240101-0001"

procedure_codes = st.one_of(text_or(*CODES), st.sampled_from(CODES).map(str.lower))
good_codes = st.one_of(st.sampled_from(CODES), st.sampled_from(CODES).map(lambda c: f" {c.lower()} "))
forms = st.sampled_from(list(DocumentForm))
small_counts = st.one_of(st.integers(1, 99), counts)
hostile_papers = st.lists(st.builds(ReceivedDocument, phrases, forms, small_counts, st.booleans()), max_size=4).map(
    tuple
)


@st.composite
def applicants(draw: st.DrawFn, most: int = 2) -> Applicant:
    """An applicant as typed: right, or with one or two fields wrong."""
    fields = spoil(
        draw,
        {
            "kind": st.sampled_from(("person", "organisation")),
            "name": good_person_names,
            "phone": good_phones,
            "id_number": st.one_of(st.none(), st.sampled_from(ID_NUMBERS)),
            "tax_code": st.one_of(st.none(), st.sampled_from(TAX_CODES)),
            "address": st.one_of(st.just(""), plausible(PHRASES[7])),
            "email": st.one_of(st.just(""), st.sampled_from(EMAILS)),
            "vneid_checked": st.booleans(),
        },
        {
            "kind": enum_or_wrong("person", "organisation"),
            "name": st.one_of(person_names, organisation_names),
            "phone": phones,
            "id_number": id_numbers,
            "tax_code": tax_codes,
            "address": addresses,
            "email": emails,
        },
        most,
    )
    return Applicant(**fields)


def db_file(ctx: KioskContext) -> Path:
    return ctx.db.path


def rows(ctx: KioskContext, table: type) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def line(text: str) -> str:
    """What clean_line makes of a line the clerk typed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def new_dossier(ctx: KioskContext, by: Actor, code: str = "2.001914") -> DossierView:
    return ctx.registration.register(RegistrationInput(code, AN), by=by)


def dossier_code(real: str) -> st.SearchStrategy[str]:
    """The dossier's code as typed (mostly right, maybe lower case or padded), a short code, or anything."""
    typed = st.sampled_from((real, real.lower(), f"  {real}\t"))
    return mostly(typed, st.one_of(st.sampled_from((real[-11:], real + "\x00")), hostile_text))


def check_view(view: DossierView) -> None:
    """A dossier as the service returns it: every text clean."""
    a = view.applicant
    for text in (a.name, a.phone, a.address, a.email, a.id_number or "", a.tax_code or "", view.external_ref or ""):
        assert clean(text), text
    for doc in view.documents:
        assert clean(doc.name) and 1 <= doc.count <= 99
    assert 1 <= view.sets <= 20 and view.delivery in ("counter", "post")


near_dates = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 3, 31))
recent = st.datetimes(min_value=datetime(2026, 9, 1), max_value=datetime(2026, 11, 25, 9, 0)).map(
    lambda d: d.replace(tzinfo=VN)
)

usernames = text_or("thu", "nv.ha", "nv_hai-2", "LAN", "cli", "system")
