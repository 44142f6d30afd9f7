"""The command-line fuzzer (tests/fuzz/test_cli_fuzz.py: its rules, its helpers) for `kiosk backup key new|show` and
`kiosk restore FILE.age --key KEYFILE`: hostile paths, users, passphrases and files, a real key and a real
encrypted copy among them. Each run ends with 0 or a documented code and a readable word, never a traceback; the
database still passes its checks; nothing plain is ever left in the data folder; the key file never lands in a
kiosk folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import strategies as st
from pyrage import x25519

from kiosk.clock import FixedClock
from kiosk.config import load_settings
from kiosk.paths import Paths
from tests.conftest import SupervisorKey
from tests.fuzz.checks import fuzz
from tests.fuzz.test_cli_fuzz import FLAG, SUPERVISOR_PASSWORD, Desk, Opt, Pos, arg, command
from tests.helpers import local

PASSPHRASE = "Gió núi thổi qua rừng thông"


@pytest.fixture
def key_desk(
    paths: Paths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    supervisor_key: SupervisorKey,
) -> Desk:
    """A station with a supervisor (minh), a clerk (lan), a dossier and an encrypted copy in its second folder."""
    clock = FixedClock(local(2026, 11, 25, 9, 0))
    monkeypatch.setattr("kiosk.context.SystemClock", lambda: clock)
    folder = tmp_path / "work"
    usb = folder / "usb"
    usb.mkdir(parents=True)
    monkeypatch.chdir(folder)
    paths.settings_file.write_text(
        f'[backup]\nsecond_dir = "{usb}"\nrecipient = "{supervisor_key.recipient}"\n', encoding="utf-8"
    )
    desk = Desk(folder, paths.default_database, capsys, monkeypatch)
    assert desk.run("user", "add", "minh", "--role", "supervisor", "--own-password", stdin=SUPERVISOR_PASSWORD)[0] == 0
    assert desk.run("user", "add", "lan", "--role", "clerk", "--own-password", stdin=desk.lan_password)[0] == 0
    desk.new_dossier()
    assert desk.run("backup")[0] == 0
    (copy,) = usb.glob("*.age")
    shutil.copyfile(supervisor_key.file, folder / "khoa.age")
    (folder / "khoa-khac.txt").write_text(f"{x25519.Identity.generate()}\n", encoding="utf-8")
    (folder / "cut.sqlite3.age").write_bytes(copy.read_bytes()[:5000])
    return desk


def plain_left(paths: Paths) -> list[Path]:
    return [p for p in paths.data_dir.rglob("*") if ".giai-ma-" in str(p)]


@fuzz(data=st.data())
def test_backup_key_commands(key_desk: Desk, data: st.DataObject, paths: Paths) -> None:
    desk = key_desk
    action = data.draw(st.sampled_from(("new", "new", "show", "any words")))
    if action == "new":  # two good names: at most two keys are made (each takes seconds of scrypt)
        out = data.draw(desk.paths(st.sampled_from(("khoa-moi", "khoá lãnh đạo")), ".age"))
        into_kiosk = st.sampled_from((str(paths.data_dir / "k.age"), str(paths.backup_dir / "k.age")))
        table = {
            "--out": Opt(st.just(out), st.one_of(arg, into_kiosk), required=True),
            "--user": Opt(st.sampled_from(("minh", "cli", " MINH ")), st.one_of(arg, st.just("lan"))),
        }
        argv = command(data.draw, ["backup", "key", "new"], table=table)
        # A right passphrase one time in six: each key made costs seconds of scrypt.
        wrong = st.one_of(st.sampled_from(("", "ngắn", " " * 12, "123456789")), arg.filter(lambda s: len(s) < 10))
        right = st.sampled_from((PASSPHRASE, "x" * 10, "\u202emật khẩu\u200d🙂 dài"))
        passphrase = data.draw(right if data.draw(st.sampled_from(range(6))) == 0 else wrong)
        before = load_settings(paths).backup.recipient
        code, _, _ = desk.fuzz("backup key new", argv, f"{passphrase}\n")
        after = load_settings(paths).backup.recipient
        assert (after != before) == (code == 0)
    elif action == "show":
        desk.fuzz("backup key show", command(data.draw, ["backup", "key", "show"]))
    else:
        words = data.draw(st.lists(arg, min_size=1, max_size=3))
        desk.fuzz("backup key", ["backup", "key", *words])
    for folder in (paths.data_dir, paths.backup_dir, paths.config_dir):
        assert not [p for p in folder.rglob("*") if p.name.endswith(".age")]


@fuzz(data=st.data())
def test_restore_with_a_key(key_desk: Desk, data: st.DataObject, paths: Paths, supervisor_key: SupervisorKey) -> None:
    """Now and then everything is right (the copy, the key, its passphrase, --yes, a supervisor) and the restore
    happens: the database must pass its checks after it as after every refusal."""
    desk = key_desk
    folder = desk.folder
    (copy,) = (folder / "usb").glob("*.age")
    key_file = str(folder / "khoa.age")
    if data.draw(st.sampled_from(range(4))) == 0:  # all right, then maybe spoilt in one or two places
        file, key, passphrase, yes = (
            str(copy),
            st.just(key_file),
            supervisor_key.passphrase,
            Opt(None, flag=True, required=True),
        )
    else:
        file = data.draw(
            st.one_of(
                st.just(str(copy)),
                st.just(str(folder / "cut.sqlite3.age")),
                st.just(key_file),
                desk.paths(st.sampled_from(("kiosk-20261125-210000.sqlite3.age",))),
            )
        )
        key = st.sampled_from((key_file, str(folder / "khoa-khac.txt"), str(copy)))
        passphrase = data.draw(st.one_of(st.just(supervisor_key.passphrase), st.just("sai mật khẩu rồi"), arg))
        yes = FLAG
    table = {
        "--key": Opt(key, st.one_of(arg, desk.paths(st.just("khong-co.age")))),
        "--yes": yes,
        "--user": Opt(st.sampled_from(("minh", "cli")), st.one_of(arg, st.just("lan"))),
    }
    argv = command(data.draw, ["restore"], [Pos(st.just(file))], table)
    desk.fuzz("restore", argv, f"{passphrase}\n")
    assert plain_left(paths) == []
