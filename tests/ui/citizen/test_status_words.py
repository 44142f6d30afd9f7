"""What the touch screen says of a dossier: plain words with the date, and what to do; never who it belongs to."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.services.lookup import Answer, DossierStatus, Outcome
from kiosk.services.states import DossierState
from kiosk.ui.citizen.status_words import Words, answer_words, status_words, wait_text

TODAY = date(2026, 11, 25)


def status(state: DossierState, **dates: object) -> DossierStatus:
    values: dict[str, object] = {
        "due_date": date(2026, 11, 27),
        "reappointed": False,
        "result_ready_on": None,
        "returned_on": None,
        "ended_on": None,
        "by_post": False,
    }
    values.update(dates)
    return DossierStatus(state, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "headline"),
    [
        (status(DossierState.RECEIVED), "Đang giải quyết – hẹn trả 27/11/2026"),
        (status(DossierState.IN_PROCESS), "Đang giải quyết – hẹn trả 27/11/2026"),
        (status(DossierState.IN_PROCESS, reappointed=True), "Đang giải quyết – hẹn lại ngày trả 27/11/2026"),
        (status(DossierState.IN_PROCESS, due_date=None), "Đang giải quyết"),
        (status(DossierState.SUPPLEMENT_REQUESTED), "Cần bổ sung giấy tờ"),
        (status(DossierState.RESULT_READY), "Đã có kết quả – mời Ông/Bà đến quầy"),
        (status(DossierState.RESULT_READY, by_post=True), "Đã có kết quả – đang gửi qua bưu điện"),
        (status(DossierState.RETURNED, returned_on=date(2026, 11, 20)), "Đã trả kết quả ngày 20/11/2026"),
        (
            status(DossierState.WITHDRAWN, ended_on=date(2026, 11, 2)),
            "Đã dừng theo yêu cầu của người nộp ngày 02/11/2026",
        ),
        (status(DossierState.STOPPED, ended_on=date(2026, 11, 2)), "Đã dừng giải quyết ngày 02/11/2026"),
        (status(DossierState.CLOSED, ended_on=date(2026, 11, 2)), "Hồ sơ đã đóng ngày 02/11/2026"),
    ],
)
def test_every_state_has_its_words(given: DossierStatus, headline: str) -> None:
    words = status_words(given, TODAY)
    assert words.headline == headline and words.good and words.hint


def test_an_overdue_dossier_says_so_and_sends_to_the_desk() -> None:
    words = status_words(status(DossierState.IN_PROCESS, due_date=date(2026, 11, 20)), TODAY)
    assert words == Words(
        "Đang giải quyết – hẹn trả 20/11/2026", "Hồ sơ đã quá ngày hẹn. Mời Ông/Bà hỏi cán bộ tại quầy."
    )


def test_answers_without_a_dossier_are_plain_and_marked() -> None:
    assert answer_words(Answer(Outcome.NOT_FOUND), TODAY).headline == "Không tìm thấy hồ sơ"
    assert "nhập sai nhiều lần" in answer_words(Answer(Outcome.NOT_FOUND, wait_s=30), TODAY).hint
    assert answer_words(Answer(Outcome.WAIT, wait_s=90), TODAY).headline == "Mời Ông/Bà chờ 1 phút 30 giây rồi thử lại"
    assert "nhập thêm" in answer_words(Answer(Outcome.AMBIGUOUS), TODAY).hint
    assert answer_words(Answer(Outcome.INVALID), TODAY).headline == "Mời nhập ít nhất 4 số cuối của mã hồ sơ"
    for outcome in (Outcome.NOT_FOUND, Outcome.WAIT, Outcome.AMBIGUOUS, Outcome.INVALID):
        assert not answer_words(Answer(outcome), TODAY).good


def test_waits_read_naturally() -> None:
    assert [wait_text(s) for s in (1, 30, 60, 125, 600)] == ["1 giây", "30 giây", "1 phút", "2 phút 5 giây", "10 phút"]
