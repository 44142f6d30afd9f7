"""The command-line fuzzer (tests/fuzz/test_cli_fuzz.py: its rules, its helpers) for `kiosk publish sheets|site`:
hostile fields and paths, and folders that must never be touched (someone's documents, a file) beside an earlier
publication that may be replaced. Each run ends with 0 or a documented code and a readable word, never a
traceback; what it says it wrote is there and whole; nothing half-written is left behind.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import strategies as st

from kiosk.clock import FixedClock
from kiosk.paths import Paths
from kiosk.printing.catalog_site import GENERATOR
from tests.fuzz.checks import fuzz
from tests.fuzz.strategies import mostly
from tests.fuzz.test_cli_fuzz import Desk, Opt, arg, command, typed
from tests.helpers import local

FIELDS = ("Văn bằng, chứng chỉ", "van bang", "Thi, tuyển sinh", "giao duc", "GIÁO DỤC TRUNG HỌC")
FOREIGN = "tai-lieu/bao-cao.docx"  # someone's document in a folder of their own
NOTE = "ghi-chu.txt"  # a file where a folder may be asked for
#: Folders the site may be asked into: an earlier publication, an empty one, someone's, a file, the working folder
#: itself, the pages' folder of the earlier publication.
PLACES = ("cu", "trong", "tai-lieu", NOTE, ".", "cu/thu-tuc")


@pytest.fixture
def publish_desk(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Desk:
    """A station run from the test's folder, which holds an earlier publication, someone's folder and a file."""
    clock = FixedClock(local(2026, 11, 25, 9, 0))
    monkeypatch.setattr("kiosk.context.SystemClock", lambda: clock)
    folder = tmp_path / "work"
    (folder / "tai-lieu").mkdir(parents=True)
    monkeypatch.chdir(folder)
    paths.settings_file.write_text('[publish]\nwebsite_url = "https://sogddt.example.gov.vn/tthc"\n', encoding="utf-8")
    desk = Desk(folder, paths.default_database, capsys, monkeypatch)
    (folder / FOREIGN).write_bytes(b"PK\x03\x04")
    (folder / NOTE).write_text("Không xoá", encoding="utf-8")
    (folder / "trong").mkdir()
    assert desk.run("publish", "site", "--out", str(folder / "cu"))[0] == 0
    return desk


def written(argv: list[str]) -> Path:
    """The path the command was told to write (the last --out given)."""
    return Path(argv[len(argv) - 1 - argv[::-1].index("--out") + 1])


def untouched(desk: Desk) -> None:
    """Someone's files are as they were, and nothing half-written is left anywhere."""
    assert (desk.folder / FOREIGN).read_bytes() == b"PK\x03\x04"
    assert (desk.folder / NOTE).read_text(encoding="utf-8") == "Không xoá"
    assert [p for p in desk.folder.rglob(".danh-muc-*")] == []


@fuzz(data=st.data())
def test_publish_commands(publish_desk: Desk, data: st.DataObject) -> None:
    desk = publish_desk
    kind = data.draw(st.sampled_from(("sheets", "site")))
    if kind == "sheets":
        out = data.draw(desk.paths(st.sampled_from(("niem-yet", "bảng niêm yết")), ".pdf"))
        table = {
            "--out": Opt(st.just(out), arg, required=True),
            "--field": Opt(typed(*FIELDS), arg),
        }
        argv = command(data.draw, ["publish", "sheets"], table=table)
        extra = data.draw(st.sampled_from((0, 0, 0, 1, 2)))  # --field again: hostile
        argv += [x for _ in range(extra) for x in ("--field", data.draw(arg))]
    else:
        places = st.sampled_from(PLACES).map(lambda p: str(desk.folder / p))
        out = data.draw(mostly(desk.paths(st.sampled_from(("web", "trang web", "danh-muc"))), places))
        argv = command(data.draw, ["publish", "site"], table={"--out": Opt(st.just(out), arg, required=True)})
    code, _out, err = desk.fuzz(f"publish {kind}", argv)
    untouched(desk)
    if code != 0:
        assert "Lỗi: " in err, err
        return
    target = written(argv)
    if kind == "sheets":
        assert target.read_bytes().startswith(b"%PDF-") and target.read_bytes().rstrip().endswith(b"%%EOF")
    else:
        index = (target / "index.html").read_text(encoding="utf-8")
        assert GENERATOR in index and index.rstrip().endswith("</html>")
        assert len(list((target / "thu-tuc").glob("*.html"))) == 20
