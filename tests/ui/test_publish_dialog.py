"""Công khai thủ tục hành chính at the desk: the notice-board sheets previewed, the website written into a chosen
folder, a refused folder explained, and the keyboard reaching every action."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.context import KioskContext
from kiosk.services.users import Actor
from kiosk.ui import publish_dialog
from kiosk.ui.publish_dialog import PublishDialog
from kiosk.ui.tasks import ImmediateRunner
from tests.printing.pdf_check import texts
from tests.ui.conftest import ShownPaper


class HeldRunner:
    """Keeps the work until told to run it, as a busy worker thread would."""

    def __init__(self) -> None:
        self.held: list[Callable[[], None]] = []

    def run(
        self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[BaseException], None]
    ) -> None:
        self.held.append(lambda: ImmediateRunner().run(work, done, failed))

    def wait(self, msecs: int = 5_000) -> bool:
        return not self.held

    def finish(self) -> None:
        self.held.pop(0)()


@pytest.fixture
def dialog(ctx: KioskContext, qtbot: QtBot) -> PublishDialog:
    shown = PublishDialog(ctx.publishing, ImmediateRunner())
    qtbot.addWidget(shown)
    shown.show()
    return shown


def choose(monkeypatch: pytest.MonkeyPatch, folder: Path | str) -> list[str]:
    asked: list[str] = []

    def pick(_parent: object) -> str:
        asked.append("folder")
        return str(folder)

    monkeypatch.setattr(publish_dialog, "choose_folder", pick)
    return asked


def test_sheets_are_previewed_for_all_fields_or_one(dialog: PublishDialog, office_papers: list[ShownPaper]) -> None:
    assert dialog.field.count() == 7 and dialog.field.currentText() == "Tất cả lĩnh vực"
    hints = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "Chưa đặt địa chỉ trang web trong Cài đặt: bảng niêm yết sẽ không có mã QR." in hints
    dialog.sheets_button.click()
    (shown,) = office_papers
    assert shown.title == "Bảng niêm yết thủ tục hành chính" and shown.file_name.endswith(".pdf")
    pages = texts(shown.pdf)
    assert "DANH MỤC THỦ TỤC HÀNH CHÍNH" in pages[0] and "Gồm 20 thủ tục thuộc 6 lĩnh vực" in pages[0]
    assert dialog.note.text() == f"Bảng niêm yết: 20 thủ tục, {len(pages)} trang A4."
    dialog.field.setCurrentText("Thi, tuyển sinh")
    dialog.sheets_button.click()
    assert len(texts(office_papers[-1].pdf)) == 2 and "Phúc khảo bài thi" in texts(office_papers[-1].pdf)[1]


def test_the_website_is_written_into_the_chosen_folder(
    dialog: PublishDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    web = tmp_path / "trang-web"
    web.mkdir()
    asked = choose(monkeypatch, web)
    dialog.site_button.click()
    assert asked == ["folder"] and (web / "index.html").is_file() and len(list(web.glob("thu-tuc/*.html"))) == 20
    assert dialog.note.text() == f"Đã ghi trang web vào {web}: index.html, 20 trang thủ tục (6 lĩnh vực), style.css."
    dialog.site_button.click()
    assert dialog.note.text().startswith(f"Đã thay trang web cũ trong {web}:")


def test_a_cancelled_folder_does_nothing(dialog: PublishDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    choose(monkeypatch, "")
    dialog.site_button.click()
    assert dialog.note.text() == "" and dialog.site_button.isEnabled()


def test_a_folder_of_other_files_is_refused_in_words(
    dialog: PublishDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, warnings: list[str]
) -> None:
    (tmp_path / "tai-lieu").mkdir()
    (tmp_path / "tai-lieu" / "ke-hoach.docx").write_bytes(b"PK")
    choose(monkeypatch, tmp_path / "tai-lieu")
    dialog.site_button.click()
    (said,) = warnings
    assert "không phải trang danh mục thủ tục đã xuất trước đây" in said
    assert [p.name for p in (tmp_path / "tai-lieu").iterdir()] == ["ke-hoach.docx"]
    assert dialog.site_button.isEnabled() and dialog.sheets_button.isEnabled() and not dialog.busy


def test_nothing_in_force_is_said_when_asked(
    ctx: KioskContext, admin: Actor, qtbot: QtBot, warnings: list[str], office_papers: list[ShownPaper]
) -> None:
    for info in ctx.catalog.all():
        ctx.catalog.set_active(info.code, False, by=admin)
    dialog = PublishDialog(ctx.publishing, ImmediateRunner())
    qtbot.addWidget(dialog)
    assert dialog.field.count() == 1
    dialog.sheets_button.click()
    assert warnings == ["Danh mục chưa có thủ tục nào đang áp dụng để công khai."] and office_papers == []


def test_the_buttons_wait_for_the_work(ctx: KioskContext, qtbot: QtBot, office_papers: list[ShownPaper]) -> None:
    runner = HeldRunner()
    dialog = PublishDialog(ctx.publishing, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.sheets_button.click()
    assert dialog.note.text() == "Đang lập bảng niêm yết…" and not dialog.sheets_button.isEnabled()
    dialog.make_sheets()  # a second press while busy is ignored
    assert len(runner.held) == 1
    runner.finish()
    assert dialog.sheets_button.isEnabled() and len(office_papers) == 1


def test_the_keyboard_reaches_everything(
    ctx: KioskContext, qtbot: QtBot, office_papers: list[ShownPaper], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = "https://sogddt.example.gov.vn/tthc"
    ctx.change_settings(msgspec.structs.replace(ctx.settings, publish=msgspec.structs.replace(
        ctx.settings.publish, website_url=url)))  # fmt: skip
    dialog = PublishDialog(ctx.publishing, ImmediateRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # offscreen, shortcuts reach only the active window
    qtbot.waitActive(dialog)
    assert "Chưa đặt địa chỉ trang web" not in " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert dialog.sheets_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert len(office_papers) == 1
    # Alt+B, Alt+T, Alt+L (QTest's key events bypass Qt's shortcut map, so the mnemonics are read, not pressed)
    assert dialog.sheets_button.shortcut().toString() == "Alt+B"
    assert dialog.site_button.shortcut().toString() == "Alt+T"
    (label,) = [w for w in dialog.findChildren(QLabel) if w.buddy() is dialog.field]
    assert label.text() == "&Lĩnh vực"
    choose(monkeypatch, tmp_path / "web")
    dialog.site_button.setFocus()
    qtbot.keyClick(dialog.site_button, Qt.Key.Key_Space)
    assert (tmp_path / "web" / "index.html").is_file()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
