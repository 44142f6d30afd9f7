"""Hostile input for the fuzzers: what a clerk, a paste from a spreadsheet, a scanner or a script may really send.

Text mixes plausible Vietnamese (so that some inputs are accepted and their storage can be checked) with the kinds
of trouble a desk meets: strings of up to ~100,000 characters, control characters (NUL, the bidi override U+202E,
zero-width joiners, a BOM), Vietnamese decomposed to NFD, emoji sequences, unassigned and private-use code points,
stacks of combining marks, SQL and LIKE metacharacters, backslashes and format strings. Dates go from year 1 to
9999, moments are naive or in odd offsets, counts are negative or past 2**63, enum values are misspelt.

Lone surrogates (U+D800 … U+DFFF) come now and then too: valid UTF-8 never holds one, but Python makes them from
undecodable bytes on a command line or a pipe (``surrogateescape``), and neither SQLite nor a password hash takes them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import TypeVar
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

T = TypeVar("T")

VN = ZoneInfo("Asia/Ho_Chi_Minh")

# -- text --------------------------------------------------------------------------------------------------------------

VIETNAMESE_NAMES = (
    "Nguyễn Văn An",
    "Trần Thị Lan",
    "Lê Hoàng Đức",
    "Phạm Ngọc Ánh",
    "Huỳnh Thị Thuỳ Dương",
    "Đặng Quốc Việt",
    "Bùi Thị Hồng Nhung",
    "Võ Minh Khôi",
    "Ông Ích Khiêm",
    "Nguyễn Thị Mỹ Hạnh",
)
ORGANISATIONS = (
    "Trung tâm Ngoại ngữ – Tin học Sao Việt",
    "Trường THPT Bùi Thị Xuân",
    "Công ty TNHH Giáo dục Đà Lạt (chi nhánh 2)",
    "Trường Mầm non 19/5",
)
PHRASES = (
    "Bằng tốt nghiệp trung học phổ thông",
    "Đơn đề nghị cấp bản sao văn bằng",
    "Giấy khai sinh (bản sao)",
    "Căn cước công dân",
    "Phòng Khảo thí và Quản lý chất lượng",
    "Thiếu học bạ lớp 12; ảnh 3x4",
    "Hồ sơ chưa đủ điều kiện theo Thông tư 21/2019/TT-BGDĐT",
    "số 12 đường Trần Phú, phường 3, Đà Lạt, Lâm Đồng",
    "Sở Giáo dục và Đào tạo",
)
PHONES = ("0912345678", "0912 345 678", "+84 912 345 678", "84912345678", "02633822000", "(0263) 3 822 000")
ID_NUMBERS = ("067090012345", "0670 9001 2345", "001203000001")
TAX_CODES = ("5801234567", "5801234567-001", "5801234567001", "067090012345")
EMAILS = ("an.nguyen@example.vn", "lan@sogddt.lamdong.gov.vn", "x@y.z")

#: Trouble in a few characters: each one has broken some program somewhere.
NASTY = (
    "",
    " ",
    "\u00a0",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\u0085",
    "\u2028",
    "\u2029",
    "\u200b",
    "\u200d",
    "\u200e",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ufffd",
    "\ufffe",
    "\uffff",
    "\ue000",
    "\U000f0000",
    "\U0010ffff",
    "\u0378",  # unassigned
    "'",
    '"',
    "`",
    "\\",
    "\\x00",
    "\\'",
    "%",
    "_",
    "%_%",
    "*",
    "?",
    "'; DROP TABLE dossier; --",
    "' OR '1'='1",
    '" OR 1=1 --',
    "1; DELETE FROM audit_log",
    "Robert'); DROP TABLE dossier;--",
    "%s%s%s%n",
    "{0}{name}",
    "${HOME}",
    "$(reboot)",
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "C:\\Windows\\System32",
    "NULL",
    "None",
    "nan",
    "-0",
    "1e309",
    "0x41",
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic digits
    "０９１２３４５６７８",  # full-width digits
    "𝟎𝟗𝟏𝟐",  # mathematical digits
    "😀",
    "👩🏽‍💻",
    "🇻🇳",
    "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035a",
    "ﷺ",
    "ǅ",
    "ß",
    "İ",
    "ﬁ",
    "Å",
    "Ω",
    "Ꭰ",
    "Đ",
    "đ",
    "ẞ",
    "DỊCH VỤ",
    "-",
    "--",
    "-h",
    "--help",
    "@",
    "=",
    '="1.010020"',
    "\x00" * 8,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfkd(text: str) -> str:
    return unicodedata.normalize("NFKD", text)


SURROGATES = ("\ud800", "\udcff", "\udfff", "caf\udce9")  # "café" typed on a Latin-1 terminal, then decoded as UTF-8

_plausible = st.sampled_from(VIETNAMESE_NAMES + ORGANISATIONS + PHRASES + PHONES + ID_NUMBERS + TAX_CODES + EMAILS)
_nasty = st.sampled_from(NASTY)
#: Any code point but the lone surrogates (unassigned, private use, format and control characters included).
_any_char = st.characters(codec=None, exclude_categories=("Cs",))
_short_random = st.text(alphabet=_any_char, max_size=40)


def _huge(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """One piece repeated to 1,000 … ~100,000 characters: cheap to build, and the shrinker keeps it readable."""
    return st.builds(
        lambda piece, size: (piece or "x") * max(1, size // max(1, len(piece or "x"))),
        pieces,
        st.integers(1_000, 100_000),
    )


def _long_word(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """One word of 20 … 400 characters: past a column's limit, not past the field's."""
    return st.builds(lambda piece, size: (piece * size)[:size], pieces, st.integers(20, 400))


def _mixed(parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(parts, min_size=1, max_size=6).map("".join)


def _transformed(base: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        base,
        base.map(nfd),
        base.map(nfkd),
        base.map(str.upper),
        base.map(lambda s: f"  {s}  "),
        base.map(lambda s: s.replace(" ", "\u00a0")),
        base.map(lambda s: s.replace(" ", "\t")),
    )


#: Text of every kind that a file, a form or the screen can hold (no lone surrogates).
valid_text: st.SearchStrategy[str] = st.one_of(
    _transformed(_plausible),
    _nasty,
    _short_random,
    _mixed(st.one_of(_plausible, _nasty, _short_random)),
    _transformed(_mixed(st.one_of(_plausible, _nasty))),
    _huge(st.one_of(_plausible, _nasty, st.text(alphabet=_any_char, min_size=1, max_size=3))),
    st.builds("{} {}".format, _plausible, _long_word(st.sampled_from(("a", "ß", "ﬃ", "Ư", "İ", "x\u0301", "Đ", "7")))),
)
#: Text of every kind, hostile or plausible, lone surrogates included: the default for any string parameter.
hostile_text: st.SearchStrategy[str] = st.one_of(
    valid_text, st.sampled_from(SURROGATES), st.builds("{}{}".format, valid_text, st.sampled_from(SURROGATES))
)


def plausible(*values: str) -> st.SearchStrategy[str]:
    """One of these values as a clerk may type it: any normal form, case or spacing (all of which the kiosk cleans)."""
    return _transformed(st.sampled_from(values))


def text_or(*values: str) -> st.SearchStrategy[str]:
    """Plausible values of this field (in any normal form or spacing) or hostile text."""
    return st.one_of(plausible(*values), hostile_text)


@st.composite
def mostly(draw: st.DrawFn, good: st.SearchStrategy[T], bad: st.SearchStrategy[T]) -> T:
    """``good`` three times in four, else ``bad`` (``one_of`` would give each half, whatever it repeats)."""
    return draw(bad if draw(st.sampled_from(range(8))) in (5, 6) else good)


def spoil(
    draw: st.DrawFn, good: Mapping[str, st.SearchStrategy[T]], bad: Mapping[str, st.SearchStrategy[T]], most: int = 2
) -> dict[str, T]:
    """A record of fields, each drawn from ``good`` except up to ``most`` of them drawn from ``bad`` (none, two
    times in five).

    Every field hostile at once would be refused on the first one: a few at a time reach the checks behind it, and
    a share of records goes through whole, so that what is stored can be checked.
    """
    names = sorted(good)
    count = min(most, draw(st.sampled_from((0, 0, 1, 1, 2))), len(bad))
    spoiled = set(draw(st.lists(st.sampled_from(sorted(bad)), min_size=count, max_size=count, unique=True)))
    return {name: draw(bad[name] if name in spoiled else good[name]) for name in names}


#: Values the kiosk accepts, as typed.
good_person_names = plausible(*VIETNAMESE_NAMES)
good_organisation_names = plausible(*ORGANISATIONS)
good_phones = st.sampled_from(PHONES)
good_phrases = plausible(*PHRASES)

person_names = text_or(*VIETNAMESE_NAMES)
organisation_names = text_or(*ORGANISATIONS)
phones = text_or(*PHONES)
id_numbers = st.one_of(st.none(), text_or(*ID_NUMBERS))
tax_codes = st.one_of(st.none(), text_or(*TAX_CODES))
emails = st.one_of(st.just(""), text_or(*EMAILS))
addresses = st.one_of(st.just(""), text_or(PHRASES[7]))
phrases = text_or(*PHRASES)
reasons = st.one_of(phrases, st.lists(phrases, min_size=1, max_size=4).map("\n".join))

# -- enum values -------------------------------------------------------------------------------------------------------


def enum_or_wrong(*good: str) -> st.SearchStrategy[str]:
    """A right value, a right value misspelt (case, spaces, NFD), or anything."""
    right = st.sampled_from(good)
    return st.one_of(
        right, right.map(str.upper), right.map(lambda s: f" {s} "), right.map(lambda s: s + "\x00"), hostile_text
    )


# -- numbers -----------------------------------------------------------------------------------------------------------

BOUNDARIES = (-(2**63) - 1, -(2**63), -(2**31), -1000, -2, -1, 0, 1, 2, 3, 9, 10, 19, 20, 21, 60, 61, 98, 99, 100)
BOUNDARIES += (365, 366, 9999, 10000, 2**31 - 1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 10**30)

#: Whole numbers around every limit the kiosk has, and far past them either way.
counts: st.SearchStrategy[int] = st.one_of(
    st.sampled_from(BOUNDARIES), st.integers(-100, 200), st.integers(-(2**80), 2**80)
)

# -- dates and moments -------------------------------------------------------------------------------------------------

_near_dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
_edge_dates = st.sampled_from(
    (
        date(1, 1, 1),
        date(1, 1, 2),
        date(1899, 12, 31),
        date(1999, 12, 31),
        date(2000, 1, 1),
        date(2000, 2, 29),
        date(2100, 12, 31),
        date(2101, 1, 1),
        date(2026, 2, 17),  # Tết 2026
        date(2026, 11, 25),
        date(2026, 11, 26),
        date(9998, 12, 31),
        date(9999, 12, 30),
        date(9999, 12, 31),
    )
)
#: Calendar dates from year 1 to 9999, mostly near the kiosk's years.
dates: st.SearchStrategy[date] = st.one_of(
    _near_dates, _edge_dates, st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
)

_zones = st.sampled_from(
    (
        UTC,
        VN,
        ZoneInfo("America/Los_Angeles"),
        ZoneInfo("Pacific/Kiritimati"),  # UTC+14
        timezone(timedelta(hours=-12)),
        timezone(timedelta(hours=23, minutes=59)),
        timezone(timedelta(hours=-23, minutes=-59)),
        timezone(timedelta(seconds=1)),
    )
)
_times = st.times().map(lambda t: t.replace(microsecond=t.microsecond if t.microsecond % 3 else 0))


def _combine(day: date, at: time, zone: object) -> datetime:
    return datetime.combine(day, at, tzinfo=zone)  # type: ignore[arg-type]


#: Aware moments in odd offsets, from year 1 to 9999 (naive ones in ``naive_or_aware``).
aware_moments: st.SearchStrategy[datetime] = st.builds(_combine, dates, _times, _zones)
naive_or_aware: st.SearchStrategy[datetime] = st.one_of(aware_moments, st.builds(datetime.combine, dates, _times))
#: Receipt moments a register may hold: anything, with a good share in the last weeks before the fixed clock.
received_moments: st.SearchStrategy[datetime | None] = st.one_of(
    st.none(),
    naive_or_aware,
    st.datetimes(min_value=datetime(2026, 10, 1), max_value=datetime(2026, 11, 25, 9, 0)).map(
        lambda d: d.replace(tzinfo=VN)
    ),
)
years: st.SearchStrategy[int] = st.one_of(st.integers(1999, 2101), st.sampled_from((-1, 0, 1, 9999, 10000, 2**63)))
