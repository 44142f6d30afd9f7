"""The citizen side of the demo: queue tickets around each visit, guidance slips, a few feedback cases.

Each visit of a demo day takes a ticket a few minutes before the clerk calls it; tickets and calls are replayed in
time order on the demo's walking clock, so waiting and service times, the hours and the absentees come out of the
real queue. Feedback is spread over the period, most answered on time, one late and one still open past its date.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from kiosk.clock import FixedClock
from kiosk.services.feedback_types import FeedbackInput
from kiosk.services.users import Actor

if TYPE_CHECKING:
    from kiosk.context import KioskContext

OPENING = time(7, 25)
FEEDBACK = (
    ("complaint", "phone", "Đã quá ngày hẹn nhưng chưa nhận được bản sao bằng tốt nghiệp.", "Huỳnh Thị Thuỳ Dương"),
    ("suggestion", "in_person", "Đề nghị niêm yết thêm mẫu đơn ở bàn hướng dẫn.", "Trường THPT Bùi Thị Xuân"),
    ("complaint", "written", "Phải đi lại hai lần vì chưa được hướng dẫn đủ giấy tờ.", "Ông Ích Khiêm"),
    ("suggestion", "electronic", "Đề nghị gửi tin nhắn khi hồ sơ có kết quả.", ""),
    ("complaint", "phone", "Gọi đường dây nóng nhiều lần không ai nghe máy.", "Lê Văn Tám"),
)
OFFICE = "Phòng Khảo thí và Quản lý chất lượng"
ANSWER = "Bộ phận đã kiểm tra, trả lời và xin lỗi công dân; đã nhắc nhở cán bộ liên quan."


class DeskDemo:
    def __init__(self, services: KioskContext, clock: FixedClock, rng: random.Random, now: datetime) -> None:
        self._queue = services.queue
        self._guide = services.guide
        self._feedback = services.feedback
        self._counter = services.settings.station.name
        self._zone = services.calendar.rules.zone
        self._clock = clock
        self._rng = rng
        self._now = now
        self._codes = [s.code for s in services.catalog.search("", limit=500)]

    def day(self, day: date, visits: list[datetime], clerk: Actor) -> None:
        """A ticket and a call for each of the day's visits (the moment the clerk serves it), a few guidance slips."""
        rng = self._rng
        opening = datetime.combine(day, OPENING, tzinfo=self._zone)
        events: list[tuple[datetime, str, str, bool]] = []
        served = sorted(visits)
        came = [rng.random() >= 0.06 for _ in served]  # a few are called and nobody comes forward
        for number, moment in enumerate(served):
            group = rng.choice(("submit", "submit", "submit", "submit", "collect", "ask"))
            taken = max(opening, moment - timedelta(minutes=rng.randint(2, 28), seconds=rng.randrange(60)))
            events.append((taken, "take", group, rng.random() < 0.12))
            # The call ends the ticket before, as absent if nobody came for it.
            events.append((moment - timedelta(minutes=1), "call", "", number > 0 and not came[number - 1]))
            last = number + 1 == len(served)
            done = moment + timedelta(minutes=rng.randint(4, 16), seconds=rng.randrange(60))
            if not last:
                done = min(done, served[number + 1] - timedelta(minutes=2))
            if done > moment and (came[number] or last):
                events.append((done, "finish", "", not came[number]))  # the clerk presses «Xong»
        for at, what, group, flag in sorted(events, key=lambda e: (e[0], e[1] != "take")):
            if at > self._now:
                continue
            self._clock.set(at)
            if what == "take":
                self._queue.take(group, priority=flag)
            elif what == "call":
                self._queue.call_next(counter=self._counter, by=clerk, absent=flag)
            else:
                self._queue.finish(counter=self._counter, absent=flag)
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            at = opening + timedelta(minutes=rng.randrange(9 * 60))
            if at <= self._now:
                self._clock.set(at)
                at_desk = rng.random() < 0.3
                code = rng.choice(self._codes)
                if at_desk:
                    self._guide.record_slip(code, source="desk", by=clerk)
                else:
                    self._guide.record_slip(code, source="screen", by=None)

    def feedback(self, days: list[date], clerk: Actor) -> None:
        """One case on each of a few days: the first answered late, the second and the last still open, the others
        answered on time."""
        if not days:
            return
        chosen = sorted(self._rng.sample(days, min(len(FEEDBACK), len(days))))
        for number, (day, (kind, channel, content, name)) in enumerate(zip(chosen, FEEDBACK, strict=False)):
            at = datetime.combine(day, time(9, self._rng.randrange(60)), tzinfo=self._zone)
            self._clock.set(at)
            phone = f"09{self._rng.randrange(10**8):08d}" if name else ""
            view = self._feedback.record(FeedbackInput(kind, channel, content, name, phone), by=clerk)
            due = datetime.combine(view.due_date, time(10), tzinfo=self._zone)
            if self._step(at + timedelta(days=1)):
                self._feedback.forward(view.number, OFFICE, year=view.year, by=clerk)
            if number in (1, len(chosen) - 1):
                continue  # an early one still open (past its date by now), and the newest
            late = number == 0  # the oldest was answered after its date
            if self._step(due + timedelta(days=2) if late else at + timedelta(days=3)):
                self._feedback.answer(view.number, ANSWER, year=view.year, office=OFFICE, by=clerk)

    def _step(self, at: datetime) -> bool:
        if at > self._now:
            return False
        self._clock.set(at)
        return True
