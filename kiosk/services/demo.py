"""Realistic demo data: a month or so of a small education desk, every state, guidance records, demo users.

Time is simulated: a fixed clock walks through the days, so events carry believable timestamps, codes and ledger
numbers follow the order of receipt, and the early / on time / late mix comes out of the real rules.
"""

from __future__ import annotations

import contextlib
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from kiosk.clock import FixedClock
from kiosk.errors import Conflict, KioskError
from kiosk.models import Dossier
from kiosk.services.catalog_types import ProcedureInfo
from kiosk.services.corrections import Correction
from kiosk.services.demo_desk import DeskDemo
from kiosk.services.dossier_views import Applicant
from kiosk.services.guidance import GuidanceInput
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import DossierState
from kiosk.services.users import Actor

if TYPE_CHECKING:
    from kiosk.context import KioskContext

DEMO_PASSWORD = "demo-matkhau"
DEMO_USERS = (
    ("lan", "Trần Thị Lan", "clerk"),
    ("hung", "Phạm Quốc Hùng", "clerk"),
    ("minh", "Lê Văn Minh", "supervisor"),
    ("quantri", "Nguyễn Thành Quản", "admin"),
)
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Thu", "Hoài", "Xuân", "Bảo"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Ngân",
    "Nhung",
    "Phong",
    "Phúc",
    "Quân",
    "Quỳnh",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trung",
    "Tuấn",
    "Vy",
    "Yến",
    "Đạt",
    "Ánh",
]
MINORITY = ["H'Lim Byă", "Y Sơn Niê", "K'Thương", "H'Hen Niê", "Y Bih Mlô", "Điểu Thị Hạnh", "Thị Kim Liên"]
ORGANISATIONS = [
    "Trung tâm Ngoại ngữ – Tin học Sao Việt",
    "Công ty TNHH Tư vấn du học Ánh Dương",
    "Trường Mầm non tư thục Hoa Mai",
    "Trường THPT Chu Văn An",
]
OFFICES = {
    "Văn bằng, chứng chỉ": "Phòng Khảo thí và Quản lý chất lượng",
    "Thi, tuyển sinh": "Phòng Khảo thí và Quản lý chất lượng",
    "Giáo dục trung học": "Phòng Giáo dục trung học",
    "Giáo dục mầm non": "Phòng Giáo dục mầm non – tiểu học",
    "Giáo dục tiểu học": "Phòng Giáo dục mầm non – tiểu học",
}
SUPPLEMENTS = [
    (("Giấy khai sinh (bản sao)",), "Thông tin trên văn bằng khác giấy khai sinh, cần bản sao để đối chiếu."),
    (("Quyết định cải chính hộ tịch (bản sao)", "Căn cước công dân (bản sao)"), "Hồ sơ thiếu căn cứ chỉnh sửa."),
    (("Giấy ủy quyền có chứng thực",), "Người nộp không phải người có tên trên văn bằng."),
]
REFUSALS = [
    "Thủ tục thuộc thẩm quyền của UBND cấp xã, không thuộc Sở Giáo dục và Đào tạo.",
    "Văn bằng do cơ sở nước ngoài cấp chưa được hợp pháp hoá lãnh sự.",
    "Người yêu cầu không đủ điều kiện cấp bản sao theo quy định.",
]
WEIGHTS = {"1.010020": 10, "2.001914": 5, "DP-0001": 4, "DP-0018": 3, "DP-0003": 2, "DP-0014": 2}


@dataclass
class DemoReport:
    dossiers: int = 0
    guidance: int = 0
    states: Counter[str] = field(default_factory=Counter)
    users: list[str] = field(default_factory=list)


class DemoBuilder:
    def __init__(self, context: KioskContext, *, seed: int = 1) -> None:
        from kiosk.context import wire

        self.db = context.db
        self.now = context.clock.now()
        self.rng = random.Random(seed)
        self.clock = FixedClock(self.now)  # the services below live on this clock, which walks through the days
        services = wire(context.paths, context.settings, self.clock, context.db, context.migrated_from)
        settings = context.settings
        self.calendar = services.calendar
        self.zone = self.calendar.rules.zone
        self.users = services.users
        self.catalog = services.catalog
        self.registration = services.registration
        self.registration.guard = None  # the demo writes the past on purpose: its clock walks from weeks ago
        self.lifecycle = services.lifecycle
        self.corrections = services.corrections
        self.guidance = services.guidance
        self.survey = services.survey if settings.survey.enabled else None
        self.criteria = [(c.key, c.allow_na) for c in settings.survey.criteria]
        self.close_days = settings.dossiers.supplement_close_days
        self.report = DemoReport()
        # Its own random numbers: the dossiers of a seed stay the same with or without the desk's side.
        self.desk = DeskDemo(services, self.clock, random.Random(seed + 1_000), self.now)

    def run(self, days: int, *, force: bool = False) -> DemoReport:
        with self.db.read() as session:
            existing = session.scalar(select(func.count()).select_from(Dossier)) or 0
        if existing and not force:
            raise Conflict(
                f"Cơ sở dữ liệu đã có {existing} hồ sơ; dữ liệu mẫu chỉ tạo trên cơ sở dữ liệu trống "
                "(hoặc dùng --force)."
            )
        clerks, supervisor = self._users()
        procedures = [self.catalog.get(s.code) for s in self.catalog.search("", limit=500)]
        weights = [WEIGHTS.get(p.code, 1) for p in procedures]
        today = self.now.astimezone(self.zone).date()
        cal = self.calendar.calendar()
        day = today - timedelta(days=days)
        working: list[date] = []
        while day <= today:
            if cal.is_working_day(day):
                working.append(day)
                moments = self._moments(day)
                for moment in moments:
                    procedure = self.rng.choices(procedures, weights)[0]
                    clerk = self.rng.choice(clerks)
                    if self.rng.random() < 0.25:
                        self._guidance(moment, procedure, clerk)
                    else:
                        self._dossier(moment, procedure, clerk, supervisor)
                self.desk.day(day, moments, clerks[0])
            day += timedelta(days=1)
        self.desk.feedback(working, clerks[0])
        self.clock.set(self.now)
        self.lifecycle.close_stale(self.close_days, by=self.users.system())
        self._every_state(procedures, clerks[0], supervisor)
        with self.db.read() as session:
            for state, count in session.execute(select(Dossier.state, func.count()).group_by(Dossier.state)):
                self.report.states[state] = count
        return self.report

    # -- pieces ---------------------------------------------------------------------------------------------------

    def _every_state(self, procedures: list[ProcedureInfo], clerk: Actor, supervisor: Actor) -> None:
        """Make sure the demo shows every state at least once, with dossiers received on recent working days."""
        with self.db.read() as session:
            present = {state for (state,) in session.execute(select(Dossier.state).distinct())}
        cal = self.calendar.calendar()
        today = self.now.astimezone(self.zone).date()
        recent = today if cal.is_working_day(today) else cal.add_working_days(today - timedelta(days=7), 1)
        while datetime.combine(recent, time(7, 45), tzinfo=self.zone) > self.now:
            recent -= timedelta(days=1)
        long_ago = today - timedelta(days=self.close_days + 5)
        while not cal.is_working_day(long_ago):
            long_ago -= timedelta(days=1)
        procedure = max(procedures, key=lambda p: p.days or 0)  # a long limit keeps it open for the showcase
        paths: dict[str, list[MoveInput]] = {
            "received": [],
            "in_process": [MoveInput(DossierState.IN_PROCESS, office="Văn phòng Sở")],
            "supplement_requested": [
                MoveInput(DossierState.SUPPLEMENT_REQUESTED, reason=SUPPLEMENTS[0][1], missing=SUPPLEMENTS[0][0])
            ],
            "result_ready": [
                MoveInput(DossierState.IN_PROCESS, office="Văn phòng Sở"),
                MoveInput(DossierState.RESULT_READY, outcome="approved"),
            ],
            "returned": [
                MoveInput(DossierState.IN_PROCESS, office="Văn phòng Sở"),
                MoveInput(DossierState.RESULT_READY, outcome="approved"),
                MoveInput(DossierState.RETURNED),
            ],
            "withdrawn": [MoveInput(DossierState.WITHDRAWN, reason="Người nộp đề nghị rút hồ sơ.")],
            "stopped": [
                MoveInput(DossierState.IN_PROCESS, office="Văn phòng Sở"),
                MoveInput(DossierState.STOPPED, reason="Cơ quan có thẩm quyền yêu cầu dừng để xác minh."),
            ],
        }
        for state, moves in paths.items():
            if state not in present:
                self._showcase(procedure, recent, moves, clerk)
        if "closed" not in present:
            self._showcase(procedure, long_ago, paths["supplement_requested"], clerk)
            self.clock.set(self.now)
            self.lifecycle.close_stale(self.close_days, by=self.users.system())

    def _showcase(self, procedure: ProcedureInfo, day: date, moves: list[MoveInput], clerk: Actor) -> None:
        moment = datetime.combine(day, time(7, 45), tzinfo=self.zone)
        self.clock.set(moment)
        view = self.registration.register(
            RegistrationInput(procedure.code, self._person(), received_at=moment), by=clerk
        )
        self.report.dossiers += 1
        for step, move in enumerate(moves, start=1):
            self.clock.set(min(moment + timedelta(minutes=10 * step), self.now))
            self.lifecycle.move(view.code, move, by=clerk)

    def _users(self) -> tuple[list[Actor], Actor]:
        admin = self.users.cli()
        known = {u.username: u for u in self.users.all()}
        for username, full_name, role in DEMO_USERS:
            if username not in known:
                known[username] = self.users.add(
                    username, full_name, role, DEMO_PASSWORD, by=admin, must_change_password=False
                )
                self.report.users.append(username)
        return [known["lan"], known["hung"]], known["minh"]

    def _moments(self, day: date) -> list[datetime]:
        count = self.rng.choice([1, 2, 3, 3, 4, 5, 6])
        minutes = sorted(self.rng.sample(range(7 * 60 + 30, 16 * 60 + 50), count))
        moments = [
            datetime.combine(day, time(m // 60, m % 60, self.rng.randrange(60)), tzinfo=self.zone) for m in minutes
        ]
        return [m for m in moments if m <= self.now]

    def _person(self) -> Applicant:
        if self.rng.random() < 0.12:
            name = self.rng.choice(MINORITY)
        else:
            middle = self.rng.choice(MIDDLE)
            name = f"{self.rng.choice(FAMILY)} {middle} {self.rng.choice(GIVEN)}"
        phone = (
            "0"
            + self.rng.choice(["90", "91", "94", "98", "97", "86", "35", "39", "70", "77"])
            + "".join(str(self.rng.randrange(10)) for _ in range(7))
        )
        id_number = (
            self.rng.choice(["067", "068", "066"])
            + self.rng.choice("0123")
            + "".join(str(self.rng.randrange(10)) for _ in range(8))
        )
        return Applicant(
            "person",
            name,
            phone,
            id_number=id_number,
            address="Gia Nghĩa, Lâm Đồng",
            vneid_checked=self.rng.random() < 0.7,
        )

    def _guidance(self, moment: datetime, procedure: ProcedureInfo, clerk: Actor) -> None:
        self.clock.set(moment)
        person = self._person()
        if self.rng.random() < 0.7:
            missing, reason = self.rng.choice(SUPPLEMENTS)
            data = GuidanceInput("supplement", person.name, reason, person.phone, procedure.code, missing)
        else:
            data = GuidanceInput("refusal", person.name, self.rng.choice(REFUSALS), person.phone)
        self.guidance.record(data, by=clerk)
        self.report.guidance += 1

    def _dossier(self, moment: datetime, procedure: ProcedureInfo, clerk: Actor, supervisor: Actor) -> None:
        self.clock.set(moment)
        organisation = procedure.field.startswith("Giáo dục và đào tạo") or self.rng.random() < 0.05
        applicant = self._person()
        if organisation:
            applicant = Applicant(
                "organisation",
                self.rng.choice(ORGANISATIONS),
                applicant.phone,
                tax_code=f"58{self.rng.randrange(10**8):08d}",
                address="Gia Nghĩa, Lâm Đồng",
            )
        view = self.registration.register(
            RegistrationInput(
                procedure.code, applicant, received_at=moment, delivery="post" if self.rng.random() < 0.1 else "counter"
            ),
            by=clerk,
        )
        self.report.dossiers += 1
        code, due = view.code, view.due_date or moment.date() + timedelta(days=20)
        with contextlib.suppress(KioskError):  # a step the rules refuse then simply does not happen, as at a desk
            self._life(code, moment, due, procedure, clerk, supervisor)

    def _life(
        self, code: str, start: datetime, due: date, procedure: ProcedureInfo, clerk: Actor, supervisor: Actor
    ) -> None:
        roll = self.rng.random()
        at = self._later(start, hours=self.rng.choice([1, 2, 20]))
        if roll < 0.01 and self._step(at):
            self.corrections.void(
                code, "Nhập nhầm thủ tục, đã tiếp nhận lại bằng hồ sơ khác.", by=clerk, approver=supervisor
            )
            return
        if roll < 0.03 and self._step(at):
            self.lifecycle.move(
                code,
                MoveInput(DossierState.WITHDRAWN, reason="Người nộp đề nghị rút hồ sơ để bổ sung giấy tờ."),
                by=clerk,
            )
            return
        if roll < 0.06 and self._step(at):
            self.corrections.correct(code, Correction(sets=2), "Người nộp nộp 2 bộ hồ sơ, nhập nhầm 1 bộ.", by=clerk)
        if not self._step(at):
            return
        self.lifecycle.move(
            code, MoveInput(DossierState.IN_PROCESS, office=OFFICES.get(procedure.field, "Văn phòng Sở")), by=clerk
        )
        if roll > 0.88:
            at = self._later(at, hours=self.rng.choice([4, 26, 50]))
            if not self._step(at):
                return
            missing, reason = self.rng.choice(SUPPLEMENTS)
            self.lifecycle.move(
                code, MoveInput(DossierState.SUPPLEMENT_REQUESTED, reason=reason, missing=missing), by=clerk
            )
            if roll > 0.95:
                return  # the supplement never comes: closed after the notice period
            at = self._later(at, hours=self.rng.choice([24, 70, 100]))
            if not self._step(at):
                return
            view = self.lifecycle.move(code, MoveInput(DossierState.IN_PROCESS), by=clerk)
            due = view.due_date or due
        if 0.06 <= roll < 0.09:
            before = datetime.combine(due - timedelta(days=2), time(9, 0), tzinfo=self.zone)
            if before > at and self._step(before):
                new = self.calendar.calendar().add_working_days(due, 3)
                self.lifecycle.reappoint(
                    code, new, "Phòng chuyên môn cần xác minh thêm với trường cấp văn bằng.", by=clerk
                )
                due, at = new, before
        if 0.09 <= roll < 0.10 and self._step(self._later(at, hours=30)):
            self.lifecycle.move(
                code,
                MoveInput(DossierState.STOPPED, reason="Cơ quan có thẩm quyền yêu cầu dừng để xác minh."),
                by=supervisor,
            )
            return
        span = max((due - start.astimezone(self.zone).date()).days, 0)
        shift = self.rng.choice([-(span // 2), -(span // 3), -2, -1, 0, 0, 1])  # many early, a few late
        ready = datetime.combine(due + timedelta(days=shift), time(10, 0), tzinfo=self.zone)
        if ready <= at or not self._step(ready):
            return
        outcome = "refused" if self.rng.random() < 0.05 else "approved"
        reason = "Hồ sơ không đủ điều kiện theo quy định." if outcome == "refused" else ""
        self.lifecycle.move(code, MoveInput(DossierState.RESULT_READY, outcome=outcome, reason=reason), by=clerk)
        if self._step(self._later(ready, hours=self.rng.choice([3, 24, 48, 75]))):
            self.lifecycle.move(code, MoveInput(DossierState.RETURNED), by=clerk)
            self._rate(code, clerk)

    def _rate(self, code: str, clerk: Actor) -> None:
        """Most citizens rate the service on the touch screen; most are satisfied, a few skip a question."""
        if self.survey is None or self.rng.random() < 0.25:
            return
        ticket = self.survey.issue(code, by=clerk)
        levels = ["very_satisfied"] * 5 + ["satisfied"] * 4 + ["neutral", "dissatisfied"]
        answers = {}
        for key, allow_na in self.criteria:
            if self.rng.random() < 0.05:
                continue
            answers[key] = "not_applicable" if allow_na and self.rng.random() < 0.6 else self.rng.choice(levels)
        self.survey.close(ticket, answers)

    def _later(self, at: datetime, *, hours: int) -> datetime:
        return at + timedelta(hours=hours, minutes=self.rng.randrange(50))

    def _step(self, at: datetime) -> bool:
        """Set the clock to ``at`` when it is not in the future; False means that step has not happened yet."""
        if at > self.now:
            return False
        self.clock.set(at)
        return True
