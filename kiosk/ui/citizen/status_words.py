"""What the touch screen says of a dossier and of a look-up that found none: plain words, one line and a hint.

Qt-free: the words are tested on their own. They say the state and its date, and what the citizen should do; never
anything about the applicant or the procedure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.services.lookup import Answer, DossierStatus, Outcome
from kiosk.services.states import DossierState

ASK_DESK = "Mời Ông/Bà hỏi cán bộ tại quầy."


@dataclass(frozen=True)
class Words:
    headline: str
    hint: str = ""
    good: bool = True  # False: the look-up failed (the screen shows it in its warning colour, with the words)


def day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


def status_words(status: DossierStatus, today: date) -> Words:
    state = status.state
    if state in (DossierState.RECEIVED, DossierState.IN_PROCESS):
        if status.due_date is None:
            return Words("Đang giải quyết", "Thủ tục không quy định thời hạn; cán bộ sẽ báo khi có kết quả.")
        promise = "hẹn lại ngày trả" if status.reappointed else "hẹn trả"
        headline = f"Đang giải quyết – {promise} {day(status.due_date)}"
        if status.due_date < today:
            return Words(headline, "Hồ sơ đã quá ngày hẹn. " + ASK_DESK)
        if status.reappointed:
            return Words(headline, "Cơ quan đã xin lỗi Ông/Bà và hẹn lại ngày trả kết quả.")
        return Words(headline, "Hồ sơ đang được xem xét. Mời Ông/Bà quay lại theo ngày hẹn.")
    if state is DossierState.SUPPLEMENT_REQUESTED:
        return Words(
            "Cần bổ sung giấy tờ",
            "Mời Ông/Bà xem phiếu yêu cầu bổ sung đã nhận và mang giấy tờ còn thiếu đến quầy.",
        )
    if state is DossierState.RESULT_READY:
        if status.by_post:
            return Words("Đã có kết quả – đang gửi qua bưu điện", "Kết quả sẽ được gửi đến địa chỉ Ông/Bà đã đăng ký.")
        return Words(
            "Đã có kết quả – mời Ông/Bà đến quầy",
            "Mời Ông/Bà mang theo giấy tiếp nhận và giấy tờ tùy thân để nhận kết quả.",
        )
    if state is DossierState.RETURNED:
        when = f" ngày {day(status.returned_on)}" if status.returned_on else ""
        return Words(f"Đã trả kết quả{when}", "Hồ sơ đã hoàn thành.")
    ended = f" ngày {day(status.ended_on)}" if status.ended_on else ""
    if state is DossierState.WITHDRAWN:
        return Words(f"Đã dừng theo yêu cầu của người nộp{ended}", ASK_DESK)
    if state is DossierState.CLOSED:
        return Words(f"Hồ sơ đã đóng{ended}", "Giấy tờ bổ sung không được nộp trong thời hạn. " + ASK_DESK)
    return Words(f"Đã dừng giải quyết{ended}", "Mời Ông/Bà hỏi cán bộ tại quầy để biết lý do.")


def answer_words(answer: Answer, today: date) -> Words:
    """The screen's words for any answer: the dossier's state, or why there is none."""
    if answer.outcome is Outcome.FOUND and answer.status is not None:
        return status_words(answer.status, today)
    if answer.outcome is Outcome.AMBIGUOUS:
        return Words(
            "Có nhiều hồ sơ trùng các số này",
            "Mời Ông/Bà nhập thêm các số phía trước của mã hồ sơ (ngày nhận, ví dụ 261125).",
            good=False,
        )
    if answer.outcome is Outcome.WAIT:
        return Words(f"Mời Ông/Bà chờ {wait_text(answer.wait_s)} rồi thử lại", "Hoặc hỏi cán bộ tại quầy.", good=False)
    if answer.outcome is Outcome.INVALID:
        return Words(
            "Mời nhập ít nhất 4 số cuối của mã hồ sơ",
            "và đúng 4 số cuối của số điện thoại đã đăng ký khi nộp hồ sơ.",
            good=False,
        )
    hint = "Mời Ông/Bà kiểm tra lại mã trên giấy tiếp nhận và số điện thoại đã đăng ký."
    if answer.wait_s:
        hint = f"Ông/Bà đã nhập sai nhiều lần: mời chờ {wait_text(answer.wait_s)} rồi thử lại, hoặc hỏi cán bộ."
    return Words("Không tìm thấy hồ sơ", hint, good=False)


def wait_text(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} giây"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} phút" + (f" {rest} giây" if rest else "")
