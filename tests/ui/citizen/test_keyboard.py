"""The on-screen keyboard, pressed with the mouse as a finger would: letters, tones, Xoá, sizes at both screens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.ui.citizen.keyboard import BACKSPACE, CLEAR, SPACE, KeyButton, TouchKeyboard
from kiosk.ui.theme import apply_theme

LETTERS = "abcdefghijklmnopqrstuvwxyz"
SCREENS = [(1366, 768), (1920, 1080)]


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    """The kiosk's font and style sheet, as the app sets them; the application's own are put back after."""
    font, sheet = qapp.font(), qapp.styleSheet()
    apply_theme(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


@pytest.fixture
def keyboard(qtbot: QtBot, themed: None) -> TouchKeyboard:
    board = TouchKeyboard()
    qtbot.addWidget(board)
    board.resize(1326, 360)
    board.show()
    return board


def tap(qtbot: QtBot, board: TouchKeyboard, keys: str) -> None:
    for key in keys:
        qtbot.mouseClick(board.keys[SPACE if key == " " else key], Qt.MouseButton.LeftButton)


def test_every_key_a_citizen_needs_is_there(keyboard: TouchKeyboard) -> None:
    expected = {*LETTERS, *"0123456789", *"ăâđêôơư", "sắc", "huyền", "hỏi", "ngã", "nặng", SPACE, BACKSPACE, CLEAR}
    assert set(keyboard.keys) == expected
    labels = {key: button.text() for key, button in keyboard.keys.items()}
    assert labels["q"] == "Q" and labels["đ"] == "Đ" and labels["ư"] == "Ư"
    assert (labels["sắc"], labels["huyền"], labels["hỏi"], labels["ngã"], labels["nặng"]) == ("á", "à", "ả", "ã", "ạ")
    assert (labels[SPACE], labels[BACKSPACE], labels[CLEAR]) == ("Dấu cách", "Xoá", "Xoá hết")
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in keyboard.keys.values())
    assert keyboard.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_the_letters_are_in_phone_order(keyboard: TouchKeyboard) -> None:
    rows: dict[int, list[tuple[int, str]]] = {}
    for key in LETTERS:
        geometry = keyboard.keys[key].geometry()
        rows.setdefault(geometry.top(), []).append((geometry.left(), key))
    assert ["".join(k for _, k in sorted(row)) for _, row in sorted(rows.items())] == [
        "qwertyuiop",
        "asdfghjkl",
        "zxcvbnm",
    ]


def test_typing_by_touch_emits_the_text(keyboard: TouchKeyboard, qtbot: QtBot) -> None:
    seen: list[str] = []
    keyboard.text_changed.connect(seen.append)
    tap(qtbot, keyboard, "cap ban sao")
    assert keyboard.text() == "cap ban sao" and seen[-1] == "cap ban sao" and len(seen) == 11
    tap(qtbot, keyboard, "  ")  # one space between words is enough
    assert keyboard.text() == "cap ban sao " and seen[-1] == "cap ban sao "


def test_tones_and_hatted_letters(keyboard: TouchKeyboard, qtbot: QtBot) -> None:
    tap(qtbot, keyboard, "hoa")
    qtbot.mouseClick(keyboard.keys["sắc"], Qt.MouseButton.LeftButton)
    assert keyboard.text() == "hoá"
    tap(qtbot, keyboard, " nguyen")
    for key in ("ê", "ngã"):
        qtbot.mouseClick(keyboard.keys[key], Qt.MouseButton.LeftButton)
    assert keyboard.text() == "hoá nguyễn"
    tap(qtbot, keyboard, " dang")
    qtbot.mouseClick(keyboard.keys["đ"], Qt.MouseButton.LeftButton)
    assert keyboard.text() == "hoá nguyễn đang"


def test_xoa_takes_one_letter_and_xoa_het_everything(keyboard: TouchKeyboard, qtbot: QtBot) -> None:
    tap(qtbot, keyboard, "truong")
    qtbot.mouseClick(keyboard.keys[BACKSPACE], Qt.MouseButton.LeftButton)
    assert keyboard.text() == "truon"
    with qtbot.waitSignal(keyboard.text_changed) as blocker:
        qtbot.mouseClick(keyboard.keys[CLEAR], Qt.MouseButton.LeftButton)
    assert blocker.args == [""] and keyboard.text() == ""
    qtbot.mouseClick(keyboard.keys[BACKSPACE], Qt.MouseButton.LeftButton)  # nothing left: nothing happens
    assert keyboard.text() == ""


def test_the_text_has_a_limit(keyboard: TouchKeyboard) -> None:
    for _ in range(100):
        keyboard.press("a")
    assert len(keyboard.text()) == 60


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_keys_are_big_apart_and_their_labels_fit(
    keyboard: TouchKeyboard, width: int, height: int, tmp_path: Path
) -> None:
    keyboard.resize(width - 40, keyboard.sizeHint().height())
    QApplication.processEvents()
    assert keyboard.height() <= height // 2  # leaves room for the results above it
    boxes: list[QRect] = []
    for key, button in keyboard.keys.items():
        box = button.geometry()
        assert box.height() >= 80 and box.width() >= 80, key
        assert keyboard.rect().contains(box), key
        metrics = QFontMetrics(button.big if button.tone is None else button.sample)
        assert metrics.horizontalAdvance(button.text()) <= box.width() - 8, key
        if button.tone is not None:
            assert QFontMetrics(button.small).horizontalAdvance(key) <= box.width() - 8, key
            assert QFontMetrics(button.sample).height() + QFontMetrics(button.small).height() <= box.height(), key
        boxes.append(box)
    for i, one in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not one.adjusted(-3, -3, 3, 3).intersects(other), "keys too close"
    image = keyboard.grab()
    assert image.save(str(tmp_path / f"keyboard-{width}.png")) and image.width() == keyboard.width()


def test_a_key_paints_its_tone_name(keyboard: TouchKeyboard) -> None:
    button = keyboard.keys["huyền"]
    assert isinstance(button, KeyButton) and button.tone is not None and button.accessibleName() == "Dấu huyền"
    image = button.grab().toImage()
    dark = sum(
        1
        for y in range(image.height() * 2 // 3, image.height() - 6)
        for x in range(6, image.width() - 6)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 30  # the word "huyền" under the mark
