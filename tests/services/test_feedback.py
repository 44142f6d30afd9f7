"""The feedback register: deadlines in working days across holidays, numbering per year, append-only handling,
answers on time or late, the reports' counts and indicator 8, erasing contacts, and messages in Vietnamese."""

from __future__ import annotations

import multiprocessing
import multiprocessing.synchronize
import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from kiosk.clock import FixedClock
from kiosk.config import FeedbackSettings
from kiosk.context import KioskContext, open_context
from kiosk.errors import Conflict, InvalidInput, NotFound
from kiosk.paths import Paths
from kiosk.printing.documents import Figures
from kiosk.printing.report_roll import report_roll
from kiosk.services.dossier_views import Applicant
from kiosk.services.feedback_types import (
    ERASED,
    FeedbackFilter,
    FeedbackInput,
    FeedbackKind,
    FeedbackView,
    Show,
    Standing,
    StepAction,
    feedback_problems,
    parse_number,
)
from kiosk.services.registration import RegistrationInput
from kiosk.services.reports.feedback_section import (
    feedback_figures,
    feedback_lines,
    feedback_section,
    feedback_table,
    indicator8_points,
)
from kiosk.services.reports.model import Report, ReportKind, RowKind, Section
from kiosk.services.users import Actor
from tests.helpers import local

COMPLAINT = FeedbackInput(
    "complaint", "phone", "Cán bộ hẹn trả bằng nhưng đến nơi chưa có.", "Nguyễn Văn An", "0912345678"
)
SUGGESTION = FeedbackInput("suggestion", "in_person", "Đề nghị bố trí thêm ghế chờ cho người cao tuổi.")


def record_at(
    ctx: KioskContext, clock: FixedClock, at: datetime, by: Actor, data: FeedbackInput = COMPLAINT
) -> FeedbackView:
    clock.set(at)
    return ctx.feedback.record(data, by=by)


def answer_at(ctx: KioskContext, clock: FixedClock, view: FeedbackView, at: datetime, by: Actor) -> FeedbackView:
    clock.set(at)
    return ctx.feedback.answer(view.number, "Đã trả lời qua điện thoại.", year=view.year, by=by)


# -- deadlines ---------------------------------------------------------------------------------------------------------


def test_deadline_across_tet(ctx: KioskContext, clock: FixedClock, clerk: Actor) -> None:
    # Received Thursday 12/2/2026; Tết is off from Saturday 14/2 to Sunday 22/2. Working days after 12/2:
    # Fri 13/2 (1) | 14–22/2 off | Mon 23 (2), Tue 24 (3), Wed 25 (4), Thu 26 (5), Fri 27 (6),
    # Mon 2/3 (7), Tue 3/3 (8), Wed 4/3 (9), Thu 5/3 (10): due Thursday 5/3/2026.
    view = record_at(ctx, clock, local(2026, 2, 12, 10, 0), clerk)
    assert view.due_date == date(2026, 3, 5)
    assert view.deadline_note.startswith("10 ngày làm việc; không tính 16/02–20/02")
    assert "Tết Nguyên Đán" in view.deadline_note
    assert ctx.feedback.get(view.number, view.year).due_date == date(2026, 3, 5)


def test_deadline_of_feedback_received_on_a_saturday(ctx: KioskContext, clock: FixedClock, clerk: Actor) -> None:
    # As for a dossier, a feedback received on a non-working day counts from the next working day, which itself
    # is not counted: Saturday 28/11/2026 → counted from Monday 30/11; Tue 1/12 (1), Wed 2 (2), Thu 3 (3),
    # Fri 4 (4), Mon 7 (5), Tue 8 (6), Wed 9 (7), Thu 10 (8), Fri 11 (9), Mon 14/12 (10): due Monday 14/12.
    saturday = record_at(ctx, clock, local(2026, 11, 28, 9, 30), clerk)
    assert saturday.due_date == date(2026, 12, 14)
    assert "nhận vào ngày nghỉ thứ Bảy 28/11/2026" in saturday.deadline_note
    # The Friday before: Mon 30/11 (1) … Fri 4/12 (5), Mon 7 … Fri 11/12 (10).
    friday = record_at(ctx, clock, local(2026, 11, 27, 16, 45), clerk)
    assert friday.due_date == date(2026, 12, 11)


def test_deadline_across_culture_day_has_no_intake_cut_off(ctx: KioskContext, clock: FixedClock, clerk: Actor) -> None:
    # Received Monday 23/11/2026; Tuesday 24/11 is Ngày Văn hóa Việt Nam (off). Working days after 23/11:
    # Wed 25 (1), Thu 26 (2), Fri 27 (3), Mon 30 (4), Tue 1/12 (5), Wed 2 (6), Thu 3 (7), Fri 4 (8),
    # Mon 7 (9), Tue 8/12 (10): due Tuesday 8/12/2026 (Monday 7/12 without the holiday).
    morning = record_at(ctx, clock, local(2026, 11, 23, 9, 0), clerk)
    assert morning.due_date == date(2026, 12, 8)
    assert "24/11 – Ngày Văn hóa Việt Nam" in morning.deadline_note
    # The dossiers' 15:00 cut-off does not apply: feedback received at 16:30 the same day has the same deadline.
    evening = record_at(ctx, clock, local(2026, 11, 23, 16, 30), clerk)
    assert evening.due_date == date(2026, 12, 8)


def test_admin_overlay_and_reply_days_change_later_deadlines_only(
    ctx: KioskContext, clock: FixedClock, clerk: Actor, supervisor: Actor
) -> None:
    # Wed 25/11/2026: Thu 26 (1), Fri 27 (2), Mon 30 (3), Tue 1/12 (4), Wed 2 (5), Thu 3 (6), Fri 4 (7),
    # Mon 7 (8), Tue 8 (9), Wed 9/12 (10).
    before = ctx.feedback.record(COMPLAINT, by=clerk)
    assert before.due_date == date(2026, 12, 9)
    ctx.calendar.set_day(date(2026, 12, 4), "off", "Nghỉ theo quyết định của UBND tỉnh", by=supervisor)
    # Friday 4/12 declared off: one working day later, Thursday 10/12.
    after = ctx.feedback.record(SUGGESTION, by=clerk)
    assert after.due_date == date(2026, 12, 10)
    assert "04/12 – Nghỉ theo quyết định của UBND tỉnh" in after.deadline_note
    # What the citizen was told stays: the earlier feedback keeps its date (its explanation no longer fits).
    kept = ctx.feedback.get(before.number)
    assert kept.due_date == date(2026, 12, 9) and kept.deadline_note == ""
    ctx.feedback.settings = FeedbackSettings(reply_days=5)  # as ctx.change_settings does
    # 5 working days with 4/12 off: Thu 26 (1), Fri 27 (2), Mon 30 (3), Tue 1/12 (4), Wed 2/12 (5).
    assert ctx.feedback.record(SUGGESTION, by=clerk).due_date == date(2026, 12, 2)


# -- numbering, steps ------------------------------------------------------------------------------------------------


def test_numbers_restart_each_office_year(ctx: KioskContext, clock: FixedClock, clerk: Actor) -> None:
    first = record_at(ctx, clock, local(2026, 12, 31, 8, 0), clerk)
    second = record_at(ctx, clock, local(2026, 12, 31, 23, 30), clerk, SUGGESTION)
    # 00:10 on 1/1/2027 in the office is still 31/12/2026 in UTC: the office's year counts.
    new_year = record_at(ctx, clock, local(2027, 1, 1, 0, 10), clerk)
    assert [(v.number, v.year) for v in (first, second, new_year)] == [(1, 2026), (2, 2026), (1, 2027)]
    assert new_year.label == "1/2027"
    assert ctx.feedback.get(2, 2026).kind is FeedbackKind.SUGGESTION
    assert ctx.feedback.get(1).year == 2027  # this year by default
    with pytest.raises(NotFound, match=re.escape("Không có phản ánh, kiến nghị số 3/2026.")):
        ctx.feedback.get(3, 2026)


def test_handling_is_an_append_only_list_of_steps(
    ctx: KioskContext, clock: FixedClock, clerk: Actor, supervisor: Actor
) -> None:
    view = ctx.feedback.record(COMPLAINT, by=clerk)
    clock.advance(timedelta(hours=1))
    ctx.feedback.forward(view.number, "Phòng Khảo thí và Quản lý chất lượng", note="Chuyển để kiểm tra", by=clerk)
    ctx.feedback.note(view.number, "Đã gọi lại cho người phản ánh.", by=supervisor)
    done = ctx.feedback.answer(view.number, "Bằng đã có, mời ông đến nhận.", office="Văn phòng Sở", by=clerk)
    assert [(s.seq, s.action, s.username) for s in done.steps] == [
        (1, StepAction.RECEIVED, "lan"),
        (2, StepAction.FORWARDED, "lan"),
        (3, StepAction.NOTE, "minh"),
        (4, StepAction.ANSWERED, "lan"),
    ]
    assert done.steps[1].office == "Phòng Khảo thí và Quản lý chất lượng" and done.steps[1].text == "Chuyển để kiểm tra"
    assert done.office == "Phòng Khảo thí và Quản lý chất lượng"
    assert done.steps[3].office == "Văn phòng Sở" and done.answer == "Bằng đã có, mời ông đến nhận."
    assert done.answered_at == local(2026, 11, 25, 10, 0) and done.standing is Standing.ANSWERED_ON_TIME
    with pytest.raises(Conflict, match="đã được trả lời; không trả lời được nữa"):
        ctx.feedback.answer(view.number, "Lần nữa", by=clerk)
    with pytest.raises(Conflict, match="không chuyển xử lý được nữa"):
        ctx.feedback.forward(view.number, "Văn phòng Sở", by=clerk)
    assert len(ctx.feedback.note(view.number, "Người dân đã nhận bằng.", by=clerk).steps) == 5
    for statement in ("UPDATE feedback_step SET text = 'sửa' WHERE seq = 1", "DELETE FROM feedback_step"):
        with pytest.raises(IntegrityError, match="feedback steps are append-only"), ctx.db.write() as session:
            session.execute(text(statement))
    assert [s.text for s in ctx.feedback.get(view.number).steps][:2] == ["", "Chuyển để kiểm tra"]


def test_linked_dossier_and_anonymous_feedback(ctx: KioskContext, clerk: Actor) -> None:
    dossier = ctx.registration.register(
        RegistrationInput("2.001914", Applicant("person", "Nguyễn Văn An", "0912345678")), by=clerk
    )
    linked = ctx.feedback.record(
        FeedbackInput("complaint", "in_person", "Chờ lâu", dossier_code=f"  {dossier.code.lower()} "), by=clerk
    )
    assert linked.dossier_code == dossier.code and linked.citizen_name == "" and linked.phone is None
    assert linked.username == "lan" and linked.user_full_name == "Trần Thị Lan"
    school = ctx.feedback.record(FeedbackInput("suggestion", "written", "Góp ý", "Trường THPT Bùi Thị Xuân"), by=clerk)
    assert school.citizen_name == "Trường THPT Bùi Thị Xuân"  # an organisation may write too
    with pytest.raises(NotFound, match=re.escape("Không có hồ sơ mã «000.00.10.H15-261125-9999»")) as missing:
        ctx.feedback.record(
            FeedbackInput("complaint", "phone", "x", dossier_code="000.00.10.H15-261125-9999"), by=clerk
        )
    assert missing.value.field == "dossier"  # the form shows it under the dossier code
    ctx.corrections.void(dossier.code, "Nhập nhầm", by=ctx.users.cli())
    with pytest.raises(Conflict, match="đã bị huỷ do nhập nhầm"):
        ctx.feedback.record(FeedbackInput("complaint", "phone", "x", dossier_code=dossier.code), by=clerk)
    assert [v.number for v in ctx.feedback.listing(FeedbackFilter(Show.ALL))] == [2, 1]  # nothing half-recorded


# -- on time, late -----------------------------------------------------------------------------------------------------


def test_answered_on_time_until_the_end_of_the_due_day_in_office_time(
    ctx: KioskContext, clock: FixedClock, clerk: Actor
) -> None:
    early = ctx.feedback.record(COMPLAINT, by=clerk)
    last_minute = ctx.feedback.record(COMPLAINT, by=clerk)
    late = ctx.feedback.record(COMPLAINT, by=clerk)
    assert early.due_date == last_minute.due_date == late.due_date == date(2026, 12, 9)
    assert answer_at(ctx, clock, early, local(2026, 12, 1, 10, 0), clerk).standing is Standing.ANSWERED_ON_TIME
    # 23:30 on 9/12 in the office (16:30 UTC): on the due day.
    on_time = answer_at(ctx, clock, last_minute, local(2026, 12, 9, 23, 30), clerk)
    assert on_time.standing is Standing.ANSWERED_ON_TIME and on_time.answered_on_time is True
    # 00:30 on 10/12 in the office is still 9/12 in UTC, but the office's day is past the deadline.
    after = answer_at(ctx, clock, late, local(2026, 12, 10, 0, 30), clerk)
    assert after.standing is Standing.ANSWERED_LATE and after.answered_on_time is False


def test_open_feedback_standing_and_the_list_filters(ctx: KioskContext, clock: FixedClock, clerk: Actor) -> None:
    overdue = record_at(ctx, clock, local(2026, 11, 2, 9, 0), clerk)  # due Mon 16/11
    due_today = record_at(ctx, clock, local(2026, 11, 10, 9, 0), clerk, SUGGESTION)  # due Wed 25/11 (24/11 off)
    answered = record_at(ctx, clock, local(2026, 11, 20, 9, 0), clerk)
    fresh = record_at(ctx, clock, local(2026, 11, 25, 9, 0), clerk)
    answer_at(ctx, clock, answered, local(2026, 11, 24, 9, 0), clerk)
    clock.set(local(2026, 11, 25, 9, 0))
    listed = {r.number: r.standing for r in ctx.feedback.listing(FeedbackFilter(Show.ALL))}
    assert listed == {
        overdue.number: Standing.OVERDUE,
        due_today.number: Standing.DUE_TODAY,
        answered.number: Standing.ANSWERED_ON_TIME,
        fresh.number: Standing.WITHIN_TIME,
    }

    def numbers(wanted: FeedbackFilter) -> list[int]:
        return [r.number for r in ctx.feedback.listing(wanted)]

    assert numbers(FeedbackFilter(Show.OPEN)) == [1, 2, 4]  # nearest deadline first
    assert numbers(FeedbackFilter(Show.OVERDUE)) == [1]
    assert numbers(FeedbackFilter(Show.ANSWERED)) == [3]
    assert numbers(FeedbackFilter(Show.ALL)) == [4, 3, 2, 1]  # newest first
    assert numbers(FeedbackFilter(Show.ALL, first=date(2026, 11, 10), last=date(2026, 11, 20))) == [3, 2]
    assert numbers(FeedbackFilter(Show.ALL, text="2")) == [2]
    assert numbers(FeedbackFilter(Show.ALL, text="số 2/2026")) == [2]
    assert numbers(FeedbackFilter(Show.ALL, text="2/2025")) == []
    assert numbers(FeedbackFilter(Show.ALL, text="nguyen van AN")) == [4, 3, 1]  # diacritics optional
    assert numbers(FeedbackFilter(Show.OPEN, text="ghế chờ")) == [2]
    assert ctx.feedback.open_counts() == (3, 1)
    with pytest.raises(InvalidInput, match="Bộ lọc «soon» không hợp lệ"):
        ctx.feedback.listing(FeedbackFilter("soon"))  # type: ignore[arg-type]


# -- the reports' counts and indicator 8 -------------------------------------------------------------------------------


def test_indicator8_rule() -> None:
    assert indicator8_points(late=0, overdue=0) == 2  # none, or all answered on time
    assert indicator8_points(late=3, overdue=0) == 1
    assert indicator8_points(late=0, overdue=1) == 0
    assert indicator8_points(late=2, overdue=1) == 0


def test_counts_and_indicator8_for_hand_made_periods(ctx: KioskContext, clock: FixedClock, clerk: Actor) -> None:
    # Six feedback, reply in 10 working days (deadlines counted by hand):
    #   E suggestion 28/10 (due Wed 11/11), answered 10/11: on time, carried into November
    #   F complaint  20/10 (due Tue 3/11),  answered 25/10: before November, counted nowhere in it
    #   A complaint  2/11  (due Mon 16/11), answered 13/11: on time
    #   B suggestion 3/11  (due Tue 17/11), answered 20/11: late
    #   D complaint  5/11  (due Thu 19/11), answered 3/12:  open and overdue at the end of November, late in December
    #   C complaint  20/11 (due Mon 7/12, 24/11 off), answered 7/12 17:00: open within time at the end of November
    f = record_at(ctx, clock, local(2026, 10, 20, 9, 0), clerk)
    e = record_at(ctx, clock, local(2026, 10, 28, 9, 0), clerk, SUGGESTION)
    a = record_at(ctx, clock, local(2026, 11, 2, 9, 0), clerk)
    b = record_at(ctx, clock, local(2026, 11, 3, 9, 0), clerk, SUGGESTION)
    d = record_at(ctx, clock, local(2026, 11, 5, 9, 0), clerk)
    c = record_at(ctx, clock, local(2026, 11, 20, 9, 0), clerk)
    assert [x.due_date for x in (f, e, a, b, d, c)] == [
        date(2026, 11, 3),
        date(2026, 11, 11),
        date(2026, 11, 16),
        date(2026, 11, 17),
        date(2026, 11, 19),
        date(2026, 12, 7),
    ]
    for view, at in (
        (f, local(2026, 10, 25, 9, 0)),
        (e, local(2026, 11, 10, 9, 0)),
        (a, local(2026, 11, 13, 9, 0)),
        (b, local(2026, 11, 20, 9, 0)),
        (d, local(2026, 12, 3, 9, 0)),
        (c, local(2026, 12, 7, 17, 0)),
    ):
        answer_at(ctx, clock, view, at, clerk)
    clock.set(local(2026, 12, 15, 9, 0))

    november = ctx.feedback.counts(date(2026, 11, 1), date(2026, 11, 30))
    t = november.total()
    # carried E; received A, B, C, D; answered A, E on time, B late; open C within time, D overdue.
    assert (t.carried, t.received, t.on_time, t.late, t.within_time, t.overdue) == (1, 4, 2, 1, 1, 1)
    assert t.carried + t.received == t.answered + t.open
    assert november.kind(FeedbackKind.COMPLAINT).received == 3 and november.kind(FeedbackKind.SUGGESTION).received == 1
    assert november.as_of == date(2026, 11, 30)
    assert t.on_time_share == 67  # 2/3, halves up
    assert t.indicator8 == 0  # D still unanswered past its deadline

    december = ctx.feedback.counts(date(2026, 12, 1), date(2026, 12, 31)).total()
    # carried C, D; C answered on time (on its due day, 17:00), D late; nothing open.
    assert (december.carried, december.received, december.on_time, december.late, december.open) == (2, 0, 1, 1, 0)
    assert december.on_time_share == 50 and december.indicator8 == 1

    day = ctx.feedback.counts(date(2026, 11, 13), date(2026, 11, 13)).total()
    # Open at the start of 13/11: A, B, D; A answered that day on time; B and D still within time.
    assert (day.carried, day.received, day.on_time, day.late, day.within_time, day.overdue) == (3, 0, 1, 0, 2, 0)
    assert day.on_time_share == 100 and day.indicator8 == 2

    quiet = ctx.feedback.counts(date(2026, 1, 1), date(2026, 1, 31)).total()
    assert quiet.on_time_share is None and quiet.indicator8 == 2  # no feedback: full points

    table = feedback_table(ctx.feedback.counts(date(2026, 11, 1), date(2026, 11, 30)))
    assert [r.cells for r in table.rows] == [
        ("Phản ánh", 0, 3, 1, 0, 1, 1, 100, None),
        ("Kiến nghị", 1, 1, 1, 1, 0, 0, 50, None),
        ("Tổng cộng", 1, 4, 2, 1, 1, 1, 67, 0),
    ]
    assert table.rows[-1].kind is RowKind.TOTAL and "0 điểm khi còn phản ánh" in table.note
    assert feedback_lines(november) == (
        "Tiếp nhận 4 phản ánh, kiến nghị (3 phản ánh, 1 kiến nghị); từ trước chuyển sang 1.",
        "Đã trả lời 3: đúng hạn 2, quá hạn 1. Đang xử lý cuối kỳ 2: trong hạn 1, quá hạn 1.",
        "Tỷ lệ trả lời đúng hạn: 67% (2/3).",
        "Chỉ số 8 – tiếp thu, giải trình ý kiến phản ánh, kiến nghị (Thông tư 01/2018/TT-VPCP, Điều 13): 0/2 điểm – "
        "còn phản ánh, kiến nghị quá hạn chưa trả lời.",
    )
    # 20/11 alone: B and D carried in; C received; B answered, late; C open within time, D overdue.
    figures = feedback_figures(ctx.feedback.counts(date(2026, 11, 20), date(2026, 11, 20)))
    assert [r.cells for r in figures.rows] == [
        ("Tiếp nhận mới", 1),
        ("– Phản ánh", 1),
        ("– Kiến nghị", 0),
        ("Đã trả lời", 1),  # B, late
        ("– Đúng hạn", 0),
        ("– Quá hạn", 1),
        ("Đang xử lý cuối ngày", 2),  # C within time; D past its deadline of 19/11
        ("– Trong hạn", 1),
        ("– Quá hạn trả lời", 1),
    ]


def test_a_running_period_judges_the_open_ones_today(ctx: KioskContext, clock: FixedClock, clerk: Actor) -> None:
    record_at(ctx, clock, local(2026, 11, 2, 9, 0), clerk)  # due 16/11
    clock.set(local(2026, 11, 10, 9, 0))
    running = ctx.feedback.counts(date(2026, 11, 1), date(2026, 11, 30))
    assert running.as_of == date(2026, 11, 10) and running.total().within_time == 1
    clock.set(local(2026, 11, 17, 9, 0))
    assert ctx.feedback.counts(date(2026, 11, 1), date(2026, 11, 30)).total().overdue == 1
    with pytest.raises(InvalidInput, match="sau ngày kết thúc"):
        ctx.feedback.counts(date(2026, 12, 1), date(2026, 11, 1))


# -- personal data --------------------------------------------------------------------------------------------------


def test_contacts_of_answered_feedback_are_erased_after_the_retention_period(
    ctx: KioskContext, clock: FixedClock, clerk: Actor
) -> None:
    named = ctx.feedback.record(COMPLAINT, by=clerk)
    phone_only = ctx.feedback.record(
        FeedbackInput("complaint", "phone", "Máy lấy số hỏng", phone="0263 3 822 000"), by=clerk
    )
    still_open = ctx.feedback.record(COMPLAINT, by=clerk)
    ctx.feedback.answer(named.number, "Đã giải thích.", by=clerk)
    ctx.feedback.answer(phone_only.number, "Đã sửa máy.", by=clerk)
    clock.advance(timedelta(days=365))
    assert ctx.feedback.erase_contacts(365) == 0  # not older than the period yet
    clock.advance(timedelta(days=1))
    assert ctx.feedback.erase_contacts(365) == 2
    erased = ctx.feedback.get(named.number, 2026)
    assert erased.citizen_name == ERASED and erased.phone is None and erased.personal_erased_at == clock.now()
    assert erased.content == COMPLAINT.content and erased.answer == "Đã giải thích."
    anonymous = ctx.feedback.get(phone_only.number, 2026)
    assert anonymous.citizen_name == "" and anonymous.phone is None
    kept = ctx.feedback.get(still_open.number, 2026)  # the citizen is still owed an answer
    assert kept.citizen_name == "Nguyễn Văn An" and kept.phone == "0912345678" and kept.personal_erased_at is None
    (entry,) = ctx.audit.recent(action="feedback_contacts_erased")
    assert entry.actor == "system" and entry.details["feedback"] == 2
    assert ctx.feedback.erase_contacts(365) == 0
    assert ctx.feedback.counts(date(2026, 11, 1), date(2026, 11, 30)).total().received == 3
    with pytest.raises(InvalidInput, match="Số ngày lưu thông tin liên hệ phải là số nguyên từ 1"):
        ctx.feedback.erase_contacts(0)


# -- messages ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (FeedbackInput("maybe", "phone", "x"), "kind", "Loại (phản ánh / kiến nghị) «maybe» không hợp lệ; chọn"),
        (FeedbackInput("complaint", "fax", "x"), "channel", "Hình thức tiếp nhận «fax» không hợp lệ"),
        (FeedbackInput("complaint", "phone", "x", "An 😀"), "citizen_name", "Họ và tên chỉ gồm chữ cái"),
        (FeedbackInput("complaint", "phone", "x", phone="123"), "phone", "Số điện thoại không hợp lệ: di động"),
        (FeedbackInput("complaint", "phone", " \n "), "content", "Vui lòng nhập nội dung phản ánh, kiến nghị."),
        (FeedbackInput("complaint", "phone", "x" * 4001), "content", "quá dài (tối đa 4000 ký tự)"),
        (
            FeedbackInput("complaint", "phone", "a\x00b"),
            "content",
            "Nội dung phản ánh, kiến nghị có ký tự không hợp lệ",
        ),
        (
            FeedbackInput("complaint", "phone", "x", dossier_code="H15\u202e"),
            "dossier",
            "Mã hồ sơ có ký tự không hợp lệ",
        ),
    ],
)
def test_bad_input_is_refused_in_words_next_to_its_field(
    ctx: KioskContext, clerk: Actor, data: FeedbackInput, field: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)) as refused:
        ctx.feedback.record(data, by=clerk)
    assert refused.value.field == field
    problems = feedback_problems(data)
    assert list(problems) == [field] and refused.value.message == problems[field]
    assert ctx.feedback.listing(FeedbackFilter(Show.ALL)) == []


def test_handling_messages(ctx: KioskContext, clerk: Actor) -> None:
    view = ctx.feedback.record(SUGGESTION, by=clerk)
    with pytest.raises(InvalidInput, match=re.escape("Vui lòng nhập phòng, đơn vị xử lý.")):
        ctx.feedback.forward(view.number, "  ", by=clerk)
    with pytest.raises(InvalidInput, match=re.escape("Vui lòng nhập nội dung trả lời.")):
        ctx.feedback.answer(view.number, "", by=clerk)
    with pytest.raises(InvalidInput, match=re.escape("Vui lòng nhập ghi chú.")):
        ctx.feedback.note(view.number, "\t", by=clerk)
    with pytest.raises(InvalidInput, match=re.escape("Số phản ánh, kiến nghị phải là số nguyên từ 1 đến 999999.")):
        ctx.feedback.get(0)
    with pytest.raises(InvalidInput, match=re.escape("Năm phải trong khoảng 2000–2100.")):
        ctx.feedback.get(1, 1999)
    assert len(ctx.feedback.get(view.number).steps) == 1  # nothing was added by the refusals


def test_numbers_as_typed() -> None:
    assert parse_number("12") == (12, None)
    assert parse_number(" 12 / 2026 ") == (12, 2026)
    assert parse_number("Số 7/2027") == (7, 2027)
    assert parse_number("12/26") is None and parse_number("Nguyễn") is None and parse_number("") is None


def test_the_report_section_goes_through_every_format(ctx: KioskContext, clock: FixedClock, clerk: Actor) -> None:
    late = record_at(ctx, clock, local(2026, 11, 2, 9, 0), clerk)  # due 16/11
    record_at(ctx, clock, local(2026, 11, 20, 9, 0), clerk, SUGGESTION)  # due 7/12
    answer_at(ctx, clock, late, local(2026, 11, 18, 9, 0), clerk)
    clock.set(local(2026, 11, 25, 9, 0))
    # the context has the database and the calendar, as the reports' Sources does
    daily = feedback_section(ctx, date(2026, 11, 18), date(2026, 11, 18), "V. Phản ánh, kiến nghị")
    period = feedback_section(ctx, date(2026, 11, 1), date(2026, 11, 30), "IV. Phản ánh, kiến nghị")
    assert daily.tables[0].title == "Phản ánh, kiến nghị" and len(daily.tables[0].columns) == 2
    assert period.tables[0].rows[-1].cells == ("Tổng cộng", 0, 2, 0, 1, 1, 0, 0, 1)
    assert period.lines[3].endswith("1/2 điểm – có phản ánh, kiến nghị trả lời quá hạn.")
    for fmt in ("pdf", "xlsx", "csv", "json"):
        assert ctx.reports.render(_report(ReportKind.PERIOD, period), fmt)
    assert "Tỷ lệ trả lời đúng hạn (%)" in ctx.reports.render(_report(ReportKind.PERIOD, period), "csv").decode(
        "utf-8-sig"
    )
    roll = report_roll(_report(ReportKind.DAILY, daily), ctx.settings.office)
    figures = next(b for b in roll.blocks if isinstance(b, Figures))
    assert ("– Quá hạn", "1") in figures.rows and ("Đang xử lý cuối ngày", "0") in figures.rows
    assert ctx.printing.render_bytes(roll)


def _report(kind: ReportKind, section: Section) -> Report:
    return Report(
        kind=kind,
        title="BÁO CÁO",
        period="Từ ngày 01/11/2026 đến ngày 30/11/2026",
        first=date(2026, 11, 1),
        last=date(2026, 11, 30),
        made_at=datetime(2026, 11, 25, 9, 0),
        made_by="Lê Văn Minh",
        sections=(section,),
        landscape=kind is ReportKind.PERIOD,
    )


# -- two processes at once ---------------------------------------------------------------------------------------------

PER_PROCESS = 25


def _record_many(home: str, barrier: multiprocessing.synchronize.Barrier, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    paths = Paths(Path(home) / "data", Path(home) / "config", Path(home) / "logs", Path(home) / "backups")
    with open_context(paths) as ctx:
        by = ctx.users.cli()
        barrier.wait()
        labels = [ctx.feedback.record(SUGGESTION, by=by).label for _ in range(PER_PROCESS)]
    results.put(labels)


def test_two_processes_take_unique_gap_free_numbers(template_db: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    shutil.copyfile(template_db, home / "data" / "kiosk.sqlite3")
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(2)
    results = spawn.Queue()
    procs = [spawn.Process(target=_record_many, args=(str(home), barrier, results)) for _ in range(2)]
    for p in procs:
        p.start()
    labels = [label for _ in procs for label in results.get(timeout=120)]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    numbers = sorted(int(label.split("/")[0]) for label in labels)
    assert numbers == list(range(1, 2 * PER_PROCESS + 1))  # none taken twice, none skipped
