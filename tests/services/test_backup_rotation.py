"""Nightly backups' names and grandfather-father-son rotation: which backups stay, over days, weeks and years."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.services.backup_rotation import Retention, encrypted_name, kept, nightly_name, nightly_stamp, to_remove

DEFAULT = Retention(daily=7, weekly=4, monthly=12)


def at(day: date, hour: int = 21) -> datetime:
    return datetime.combine(day, time(hour))


def names(stamps: list[datetime]) -> list[str]:
    return [nightly_name(s) for s in stamps]


def test_the_name_carries_the_local_time_and_reads_back() -> None:
    stamp = datetime(2026, 11, 25, 21, 0, 5)
    assert nightly_name(stamp) == "kiosk-20261125-210005.sqlite3"
    assert nightly_stamp("kiosk-20261125-210005.sqlite3") == stamp


def test_the_encrypted_copy_carries_the_same_time() -> None:
    stamp = datetime(2026, 11, 25, 21, 0, 5)
    assert encrypted_name(nightly_name(stamp)) == "kiosk-20261125-210005.sqlite3.age"
    assert nightly_stamp("kiosk-20261125-210005.sqlite3.age") == stamp
    old = [encrypted_name(n) for n in names([at(date(2020, 1, d)) for d in range(1, 4)])]
    assert to_remove(old, Retention(1, 0, 0)) == old[:2]


@pytest.mark.parametrize(
    "name",
    [
        "kiosk-20260101-120000-before-0006.sqlite3",  # a migration's copy
        "kiosk-before-restore-20261125-090000.sqlite3",  # the copy kept before a restore
        "kiosk-20261125-090000.sqlite3.partial",
        "kiosk-20261125-090000.sqlite3-wal",
        "kiosk-20261125-090000.sqlite3.age.partial",
        "kiosk-20261125-090000.age",
        "kiosk-20261125-090000.sqlite3.AGE",
        "kiosk-20261125-090000.sqlite3.age.age",
        "Kiosk-20261125-090000.sqlite3",
        "kiosk-20261125-0900.sqlite3",
        "kiosk-20261399-250000.sqlite3",  # digits, but no such time
        "ban-sao-cua-toi.sqlite3",
        "kiosk.sqlite3",
    ],
)
def test_other_names_are_not_nightly_backups(name: str) -> None:
    assert nightly_stamp(name) is None


def test_other_files_are_never_removed() -> None:
    others = ["kiosk-20200101-120000-before-0006.sqlite3", "kiosk-before-restore-20200101-090000.sqlite3", "x.txt"]
    old = names([at(date(2020, 1, d)) for d in range(1, 20)])
    doomed = to_remove([*others, *old], Retention(1, 0, 0))
    assert doomed == old[:-1] and not set(doomed) & set(others)


def test_newest_of_each_recent_day_is_kept() -> None:
    stamps = [at(date(2026, 11, d), h) for d in range(20, 26) for h in (9, 12, 21)]
    assert kept(stamps, Retention(3, 0, 0)) == {at(date(2026, 11, d)) for d in (23, 24, 25)}


def test_days_without_a_backup_do_not_count() -> None:
    stamps = [at(date(2026, 11, 1)), at(date(2026, 11, 10)), at(date(2026, 11, 20)), at(date(2026, 11, 25))]
    assert kept(stamps, Retention(3, 0, 0)) == set(stamps[1:])


def test_weeks_are_iso_weeks_across_the_new_year() -> None:
    sunday_w52 = at(date(2026, 12, 27))
    thursday_w53 = at(date(2026, 12, 31))
    saturday_w53 = at(date(2027, 1, 2))  # ISO week 53 of 2026 runs Monday 28/12/2026 to Sunday 3/1/2027
    assert saturday_w53.isocalendar()[:2] == thursday_w53.isocalendar()[:2] == (2026, 53)
    assert kept([sunday_w52, thursday_w53, saturday_w53], Retention(1, 2, 0)) == {sunday_w52, saturday_w53}


def test_newest_of_each_recent_month_is_kept() -> None:
    stamps = [at(date(2026, m, d)) for m in range(1, 12) for d in (1, 15, 28)]
    assert kept(stamps, Retention(1, 0, 3)) == {at(date(2026, m, 28)) for m in (9, 10, 11)}


def test_the_backup_just_made_is_never_removed_even_with_a_clock_gone_back() -> None:
    future = names([at(date(2027, 1, 1)), at(date(2027, 1, 2))])
    just_made = nightly_name(at(date(2026, 11, 25)))
    doomed = to_remove([*future, just_made], Retention(1, 0, 0), protect=just_made)
    assert doomed == [future[0]]


def nightly_run(first: date, days: int, retention: Retention) -> tuple[set[str], list[datetime]]:
    """A backup every night at 21:00 and a manual one at 10:00 every fifth day, rotation after each."""
    folder: set[str] = set()
    history = []
    for n in range(days):
        day = first + timedelta(days=n)
        for hour in (10, 21) if n % 5 == 0 else (21,):
            made = nightly_name(at(day, hour))
            folder.add(made)
            history.append(at(day, hour))
            folder -= set(to_remove(folder, retention, protect=made))
    return folder, history


def test_four_hundred_nights_keep_seven_days_four_weeks_twelve_months() -> None:
    folder, history = nightly_run(date(2025, 10, 22), 400, DEFAULT)
    assert history[-1] == at(date(2026, 11, 25))
    days = [date(2026, 11, d) for d in range(19, 26)]
    weeks = [date(2026, 11, 8), date(2026, 11, 15), date(2026, 11, 22)]  # Sundays; the 4th week is this one
    month_ends = [date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]
    month_ends += [date(2026, 5, 31), date(2026, 6, 30), date(2026, 7, 31), date(2026, 8, 31), date(2026, 9, 30)]
    month_ends += [date(2026, 10, 31)]
    assert folder == set(names([at(d) for d in {*days, *weeks, *month_ends}]))
    assert len(folder) == 20
    assert folder == set(names(sorted(kept(history, DEFAULT))))  # rotating each night = rotating once at the end


def test_a_year_with_the_defaults_never_grows_beyond_the_policy() -> None:
    folder, _ = nightly_run(date(2026, 1, 1), 365, DEFAULT)
    assert len(folder) <= 7 + 4 + 12


stamps_strategy = st.lists(
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31)), min_size=1, max_size=60
)
retentions = st.builds(
    Retention, st.integers(min_value=1, max_value=10), st.integers(min_value=0, max_value=6), st.integers(0, 14)
)


@settings(max_examples=200, deadline=None)
@given(stamps_strategy, retentions)
def test_rotation_properties(stamps: list[datetime], retention: Retention) -> None:
    keep = kept(stamps, retention)
    assert keep <= set(stamps)
    assert max(stamps) in keep
    assert len(keep) <= retention.daily + retention.weekly + retention.monthly
    assert kept(keep, retention) == keep  # rotating again removes nothing
    recent_days = sorted({s.date() for s in stamps}, reverse=True)[: retention.daily]
    for day in recent_days:
        assert max(s for s in stamps if s.date() == day) in keep
    months = sorted({(s.year, s.month) for s in stamps}, reverse=True)[: retention.monthly]
    for month in months:
        assert max(s for s in stamps if (s.year, s.month) == month) in keep


@settings(max_examples=100, deadline=None)
@given(stamps_strategy, retentions)
def test_rotating_after_every_backup_equals_rotating_once(stamps: list[datetime], retention: Retention) -> None:
    stamps = [s.replace(microsecond=0) for s in stamps]
    folder: set[datetime] = set()
    for stamp in sorted(set(stamps)):
        folder = kept(folder | {stamp}, retention)
    assert folder == kept(stamps, retention)


@settings(max_examples=100, deadline=None)
@given(stamps_strategy, retentions, st.integers(min_value=0, max_value=59))
def test_to_remove_spares_the_protected_and_the_kept(stamps: list[datetime], retention: Retention, pick: int) -> None:
    all_names = sorted(set(names([s.replace(microsecond=0) for s in stamps])))
    protect = all_names[pick % len(all_names)]
    doomed = to_remove([*all_names, "kiosk-20240101-000000-before-0006.sqlite3"], retention, protect=protect)
    assert protect not in doomed
    stamp_of = {n: s for n in all_names if (s := nightly_stamp(n)) is not None}
    assert kept(stamp_of.values(), retention) <= {stamp_of[n] for n in all_names if n not in doomed}
    assert all(nightly_stamp(n) is not None for n in doomed)
