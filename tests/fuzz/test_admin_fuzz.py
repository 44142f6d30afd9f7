"""Every service entry point a clerk, a supervisor or an admin reaches, fed hostile input (tests/fuzz/strategies.py):
the catalog and its CSV, the calendar, the users and the settings file.

Each call must either give a right result or refuse with a KioskError a clerk can read (tests/fuzz/checks.py);
anything else it raises fails the test. After an accepted write the stored rows are read back: NFC, no control
characters, within their column limits, SQLite's integrity and foreign-key checks clean. A refused write must have
changed nothing. The database is shared by a test's examples (it grows as a desk's does); the fixed clock never
moves backwards. Run long with ``python -m tests.fuzz.soak`` (a process per test, a time bound).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import msgspec
from hypothesis import strategies as st

from kiosk.config import parse_settings
from kiosk.context import KioskContext
from kiosk.errors import KioskError
from kiosk.models import Role, User
from kiosk.services.appointment import LimitKind, TimeLimit
from kiosk.services.calendar import FIRST_YEAR, LAST_YEAR
from kiosk.services.catalog import validate_spec
from kiosk.services.catalog_csv import COLUMNS, read_file, read_specs
from kiosk.services.catalog_types import CutoffMode, DocumentSpec, ProcedureSpec
from kiosk.services.users import Actor
from kiosk.text import fold
from tests.fuzz.checks import assert_stored_ok, attempt, clean, fuzz
from tests.fuzz.desk import db_file, forms, line, near_dates, recent, rows, small_counts, usernames
from tests.fuzz.strategies import (
    VN,
    aware_moments,
    counts,
    dates,
    enum_or_wrong,
    good_person_names,
    good_phrases,
    hostile_text,
    mostly,
    person_names,
    phrases,
    plausible,
    reasons,
    spoil,
    text_or,
    valid_text,
    years,
)

# -- the catalog -------------------------------------------------------------------------------------------------------

good_document_specs = st.builds(
    DocumentSpec,
    name=good_phrases,
    form=forms,
    count=st.integers(1, 99),
    optional=st.booleans(),
    condition=st.sampled_from(("", "nếu có", "nếu thay đổi hộ tịch")),
)
document_specs = st.builds(
    DocumentSpec,
    name=phrases,
    form=forms,
    count=small_counts,
    optional=st.booleans(),
    condition=st.one_of(st.just(""), text_or("nếu có", "nếu thay đổi hộ tịch")),
)


@st.composite
def procedure_specs(draw: st.DrawFn) -> ProcedureSpec:
    fields = spoil(
        draw,
        {
            "code": st.sampled_from(("DP-9001", "DP-9002", "1.000123", "x_1", " dp-9003 ")),
            "name": good_phrases,
            "field": plausible("Giáo dục và Đào tạo", "Văn bằng, chứng chỉ"),
            "level": st.sampled_from(("province", "district", "commune", " Commune ")),
            "national_code": st.one_of(st.none(), st.just("1.000123")),
            "limit_kind": st.sampled_from(list(LimitKind)),
            "legal_days": st.integers(1, 60),
            "committed_days": st.one_of(st.none(), st.integers(1, 5)),
            "cutoff_mode": st.sampled_from(list(CutoffMode)),
            "cutoff_time": st.times(),
            "fee_note": st.one_of(st.just(""), good_phrases),
            "legal_basis": st.one_of(st.just(""), good_phrases),
            "result_note": st.one_of(st.just(""), good_phrases),
            "quality": st.sampled_from(("V", "S", "U")),
            "source": st.just(""),
            "note": st.one_of(st.just(""), good_phrases),
            "documents": st.lists(good_document_specs, max_size=4).map(tuple),
            "active": st.booleans(),
        },
        {
            "code": text_or("DP-9001", "1.000123"),
            "name": phrases,
            "field": phrases,
            "level": enum_or_wrong("province", "district", "commune"),
            "national_code": text_or("1.000123"),
            "legal_days": st.one_of(st.none(), counts),
            "committed_days": st.one_of(st.integers(0, 400), counts),
            "cutoff_time": st.none(),
            "fee_note": hostile_text,
            "legal_basis": st.one_of(reasons, hostile_text),
            "result_note": hostile_text,
            "quality": enum_or_wrong("V", "S", "U"),
            "source": hostile_text,
            "note": hostile_text,
            "documents": st.lists(document_specs, max_size=5).map(tuple),
        },
    )
    return ProcedureSpec(**fields)


@fuzz(spec=procedure_specs(), query=hostile_text, limit=st.one_of(st.integers(-5, 600), counts))
def test_catalog_save_and_search(ctx: KioskContext, admin: Actor, spec: ProcedureSpec, query: str, limit: int) -> None:
    outcome = attempt("catalog.save", lambda: ctx.catalog.save(spec, by=admin), spec)
    if not isinstance(outcome, KioskError):
        info, _change = outcome
        assert info.content() == validate_spec(spec)
        assert ctx.catalog.get(spec.code).content() == info.content()
        assert clean(info.name) and clean(info.field) and all(clean(d.name) for d in info.documents)
        # search folds diacritics and case: the name in NFD capitals finds it, and so does its code
        shouted = unicodedata.normalize("NFD", info.name.upper())
        found = attempt("catalog.search", lambda: ctx.catalog.search(shouted, limit=10**4, include_inactive=True))
        assert not isinstance(found, KioskError) and info.code in [s.code for s in found]
        assert ctx.catalog.search(info.code, limit=1, include_inactive=True)[0].code == info.code
        assert_stored_ok(db_file(ctx), ("procedure", "procedure_version", "procedure_document"))
    for code in (spec.code, query):
        switched = attempt("catalog.set_active", lambda c=code: ctx.catalog.set_active(c, False, by=admin), code)
        if not isinstance(switched, KioskError):
            assert not ctx.catalog.get(code).active
            ctx.catalog.set_active(code, True, by=admin)
    found = attempt("catalog.search", lambda: ctx.catalog.search(query, limit=limit), query)
    if not isinstance(found, KioskError):
        assert len(found) <= max(limit, 0)
        words = fold(query).split()
        for summary in found:
            info = ctx.catalog.get(summary.code)
            haystack = fold(f"{info.name} {info.code} {info.national_code or ''} {info.field}")
            assert all(w in haystack for w in words), (query, info.name)
    attempt("catalog.get", lambda: ctx.catalog.get(query), query)


# -- the catalog as CSV ------------------------------------------------------------------------------------------------


@st.composite
def csv_rows(draw: st.DrawFn) -> dict[str, str]:
    cells = st.one_of(st.just(""), hostile_text)
    return spoil(
        draw,
        {
            "code": st.sampled_from(("DP-9101", "DP-9102", '="1.010020"', "dp-9103")),
            "name": good_phrases,
            "field": plausible("Khác", "Văn bằng, chứng chỉ"),
            "level": st.sampled_from(("", "province", "commune")),
            "limit_kind": st.sampled_from(("", "working_days", "same_day", "none")),
            "legal_days": st.one_of(st.just(""), st.integers(1, 60).map(str)),
            "committed_days": st.just(""),
            "cutoff": st.sampled_from(("", "none", "11:00", "11:00:30")),
            "documents": st.sampled_from(
                ("", "Học bạ (bản chính)", "Ảnh 3x4 (2 bản); Giấy tờ ưu tiên (nếu có)", "Đơn (bản sao, nếu cần)")
            ),
            "active": st.sampled_from(("", "0", "1", "không", "no")),
            "quality": st.sampled_from(("", "V", "s", "U")),
            "fee_note": st.one_of(st.just(""), good_phrases),
            "note": st.just(""),
        },
        {
            "code": text_or("DP-9101", '="1.010020"'),
            "name": phrases,
            "field": phrases,
            "level": enum_or_wrong("province", "commune"),
            "limit_kind": enum_or_wrong("working_days", "same_day", "none"),
            "legal_days": st.one_of(st.integers(-5, 400).map(str), cells),
            "committed_days": st.one_of(st.integers(-5, 400).map(str), cells),
            "cutoff": st.one_of(st.sampled_from(("25:00", "7h", "11:00:00:00")), cells),
            "documents": st.one_of(
                st.lists(phrases, max_size=4).map("; ".join),
                st.sampled_from(("A (99 bản)", "A (0 bản)", "A (100 bản)", "(bản chính)", "A (bản chính, bản sao)")),
            ),
            "active": cells,
            "quality": enum_or_wrong("V", "S", "U"),
            "fee_note": cells,
            "note": cells,
        },
        most=3,
    )


@st.composite
def catalog_csvs(draw: st.DrawFn) -> str:
    import csv
    import io

    if draw(st.sampled_from(range(6))) == 3:
        return draw(st.one_of(hostile_text, st.text(max_size=400)))
    out = io.StringIO()
    header = list(COLUMNS)
    if draw(st.sampled_from(range(5))) == 3:
        header = draw(st.permutations(COLUMNS))[: draw(st.integers(0, len(COLUMNS)))]
    quoting = draw(st.sampled_from((csv.QUOTE_MINIMAL, csv.QUOTE_ALL)))
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", quoting=quoting)
    writer.writeheader()
    for row in draw(st.lists(csv_rows(), max_size=4)):
        writer.writerow(row)
    return ("\ufeff" if draw(st.booleans()) else "") + out.getvalue()


@fuzz(text=catalog_csvs(), raw=st.binary(max_size=300))
def test_catalog_csv_import(ctx: KioskContext, admin: Actor, tmp_path: Path, text: str, raw: bytes) -> None:
    parsed = attempt("catalog_csv.read_specs", lambda: read_specs(text), text)
    if not isinstance(parsed, KioskError) and parsed:
        saved = attempt("catalog.save_many", lambda: ctx.catalog.save_many(parsed, by=admin), parsed)
        if not isinstance(saved, KioskError):
            assert saved.created + saved.updated + saved.unchanged == len(parsed)
            for spec in parsed:
                assert ctx.catalog.get(spec.code).content() == validate_spec(spec)
            assert_stored_ok(db_file(ctx), ("procedure", "procedure_version", "procedure_document"))
    path = tmp_path / "import.csv"
    path.write_bytes(raw)
    attempt("catalog_csv.read_file", lambda: read_file(path), raw.decode("utf-8", errors="replace"))


# -- the calendar ------------------------------------------------------------------------------------------------------


@fuzz(
    day=mostly(near_dates, dates),
    kind=mostly(st.sampled_from(("off", "working")), enum_or_wrong("off", "working")),
    note=st.one_of(st.just(""), phrases),
    year=years,
    received=mostly(recent, aware_moments),
    days=st.integers(0, 365),
)
def test_calendar(ctx: KioskContext, day: date, kind: str, note: str, year: int, received: datetime, days: int) -> None:
    outcome = attempt("calendar.set_day", lambda: ctx.calendar.set_day(day, kind, note, by=ctx.users.cli()), kind, note)
    if not isinstance(outcome, KioskError):
        assert FIRST_YEAR <= day.year <= LAST_YEAR
        assert outcome.day == day and outcome.working == (kind == "working") and clean(outcome.name)
        assert ctx.calendar.calendar().is_working_day(day) == (kind == "working")
        assert_stored_ok(db_file(ctx), ("calendar_override",))
        removed = attempt("calendar.remove_day", lambda: ctx.calendar.remove_day(day, by=ctx.users.cli()))
        assert not isinstance(removed, KioskError)
    attempt("calendar.remove_day", lambda: ctx.calendar.remove_day(day, by=ctx.users.cli()))
    notes = attempt("calendar.year", lambda: ctx.calendar.year(year))
    assert isinstance(notes, KioskError) or all(n.day.year == year for n in notes)
    appointment = attempt(
        "calendar.appointment", lambda: ctx.calendar.appointment(TimeLimit.working_days(days), received)
    )
    if not isinstance(appointment, KioskError) and appointment.due_date is not None:
        assert appointment.due_date >= appointment.counted_from >= received.astimezone(VN).date()
        assert ctx.calendar.calendar().is_working_day(appointment.due_date)


# -- users -------------------------------------------------------------------------------------------------------------

good_usernames = st.builds("{}{}".format, st.sampled_from(("thu", "nv.ha", "nv_hai-", "Lan")), st.integers(0, 10**6))
good_passwords = st.sampled_from(("mat-khau-an-toan-1", "Đà Lạt mùa sương 2026", "quầy một cửa 2026"))
passwords = text_or("mat-khau-an-toan-1", "Đà Lạt mùa sương 2026", "matkhau123", "lan-mat-khau", "0123456789")


@st.composite
def accounts(draw: st.DrawFn) -> dict[str, str]:
    return spoil(
        draw,
        {
            "username": good_usernames,
            "full_name": st.one_of(st.just(""), good_person_names),
            "role": st.sampled_from(("supervisor", "admin", "clerk")),
            "password": good_passwords,
        },
        {
            "username": usernames,
            "full_name": person_names,
            "role": enum_or_wrong("clerk", "supervisor", "admin"),
            "password": passwords,
        },
        most=1,
    )


@fuzz(
    account=accounts(),
    other=st.one_of(good_passwords, passwords),
    pin=mostly(
        st.text("0123456789", min_size=4, max_size=8), st.one_of(st.text("0123456789", max_size=10), hostile_text)
    ),
)
def test_users(ctx: KioskContext, admin: Actor, account: dict[str, str], other: str, pin: str) -> None:
    from argon2 import PasswordHasher

    # The same Argon2id, made cheap: what is fuzzed is the input handling, not the hashing
    ctx.users._given_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    ctx.clock.advance(timedelta(minutes=2))  # type: ignore[attr-defined]  # past the PIN pad's wait, forward only
    username, full_name, role, password = (
        account["username"],
        account["full_name"],
        account["role"],
        account["password"],
    )
    before = rows(ctx, User)
    added = attempt(
        "users.add", lambda: ctx.users.add(username, full_name, role, password, by=admin), username, full_name, role
    )
    if isinstance(added, KioskError):
        assert rows(ctx, User) == before
    else:
        assert added.username == username.strip().lower() and added.username.isascii()
        assert added.full_name == line(full_name or username.strip().lower()) and clean(added.full_name)
        signed = attempt("users.authenticate", lambda: ctx.users.authenticate(username, password))
        assert not isinstance(signed, KioskError) and signed.id == added.id
        assert_stored_ok(db_file(ctx), ("user_account", "audit_log"))
    name = username if isinstance(added, KioskError) else added.username
    attempt("users.authenticate", lambda: ctx.users.authenticate(name, other))
    pinned = attempt("users.set_pin", lambda: ctx.users.set_pin(name, pin, by=admin), name)
    if not isinstance(pinned, KioskError):
        assert pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8
        verified = attempt("users.verify_pin", lambda: ctx.users.verify_pin(pin))
        assert not isinstance(verified, KioskError) and verified.can(Role.SUPERVISOR)  # its holder, or another
    changed = attempt("users.change_password", lambda: ctx.users.change_password(name, password, other), name)
    if not isinstance(changed, KioskError):
        assert not isinstance(attempt("users.authenticate", lambda: ctx.users.authenticate(name, other)), KioskError)
    attempt("users.reset_password", lambda: ctx.users.reset_password(name, other, by=admin), name)
    attempt("users.unlock", lambda: ctx.users.unlock(name, by=admin), name)
    attempt("users.verify_pin", lambda: ctx.users.verify_pin(pin))
    attempt("users.get", lambda: ctx.users.get(name), name)
    attempt("users.needs_new_password", lambda: ctx.users.needs_new_password(name), name)
    assert_stored_ok(db_file(ctx), ("user_account", "audit_log"))


# -- settings ----------------------------------------------------------------------------------------------------------

SECTIONS = {
    "office": ("agency_code", "timezone", "agency_name", "specialist_offices", "hotline"),
    "calendar": ("cutoff_enabled", "cutoff_time", "appointment_time"),
    "station": ("sequence_start", "sequence_end", "name"),
    "printer": ("connection", "port", "timeout_s", "width_dots", "cut", "receipt_copies"),
    "survey": ("scale", "criteria", "timeout_s", "long_press_s"),
    "reports": ("attitude_points", "official_criterion"),
    "sync": ("url", "sslmode", "connect_timeout_s", "batch_size"),
    "database": ("path", "busy_timeout_ms"),
    "forms": ("form_set", "ledger_book_size"),
    "nowhere": ("nothing",),
}
_toml_scalars = st.one_of(
    st.integers(-(2**64), 2**64).map(str),
    st.floats(allow_nan=True).map(lambda f: str(f).lower()),
    st.sampled_from(
        ("true", "false", "15:00:00", "25:61:00", "1979-05-27T07:32:00Z", "inf", "nan", "0x10", "[]", "{}")
    ),
    st.sampled_from(("Asia/Ho_Chi_Minh", "Mars/Olympus", "../../etc/passwd", "", "UTC", "America", "\x00")).map(
        lambda s: msgspec.json.encode(s).decode()
    ),
    valid_text.map(lambda s: msgspec.json.encode(s).decode()),
    st.just('[{key = "a", label = "A", question = "Q?"}, {key = "a", label = "B", question = "R?"}]'),
    st.just("{very_satisfied = 2, satisfied = 9}"),
)


@st.composite
def settings_files(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 4))
    if choice == 0:
        return draw(st.binary(max_size=500))
    if choice == 1:
        return draw(hostile_text).encode("utf-8", errors="surrogatepass")
    lines = []
    for section in draw(st.lists(st.sampled_from(sorted(SECTIONS)), max_size=4, unique=True)):
        lines.append(f"[{section}]")
        for key in draw(st.lists(st.sampled_from(SECTIONS[section]), max_size=4, unique=True)):
            lines.append(f"{key} = {draw(_toml_scalars)}")
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


@fuzz(raw=settings_files())
def test_parse_settings(raw: bytes) -> None:
    outcome = attempt("config.parse_settings", lambda: parse_settings(raw), raw.decode("utf-8", errors="replace"))
    if not isinstance(outcome, KioskError):
        assert outcome.station.sequence_start <= outcome.station.sequence_end
        assert outcome.zone() is not None and len(outcome.survey.criteria) >= 1
        assert parse_settings(msgspec.toml.encode(outcome)) == outcome
