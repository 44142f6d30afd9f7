"""The dossier's states, the moves between them, and how they map onto the national status codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DossierState(StrEnum):
    RECEIVED = "received"
    IN_PROCESS = "in_process"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    CLOSED = "closed"


STATE_LABELS = {
    DossierState.RECEIVED: "Đã tiếp nhận",
    DossierState.IN_PROCESS: "Đang giải quyết",
    DossierState.SUPPLEMENT_REQUESTED: "Chờ bổ sung hồ sơ",
    DossierState.RESULT_READY: "Đã có kết quả, chờ trả",
    DossierState.RETURNED: "Đã trả kết quả",
    DossierState.WITHDRAWN: "Dừng theo yêu cầu của người nộp",
    DossierState.STOPPED: "Dừng giải quyết",
    DossierState.CLOSED: "Đóng hồ sơ (không bổ sung trong hạn)",
}

#: The status codes of provincial one-stop systems, so that exports speak the national language.
NATIONAL_STATUS = {
    DossierState.RECEIVED: 2,
    DossierState.IN_PROCESS: 4,
    DossierState.SUPPLEMENT_REQUESTED: 5,
    DossierState.RESULT_READY: 9,
    DossierState.RETURNED: 10,
    DossierState.WITHDRAWN: 7,
    DossierState.STOPPED: 8,
    DossierState.CLOSED: 8,
}
NATIONAL_STATUS_LABELS = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}

OPEN_STATES = frozenset(
    {DossierState.RECEIVED, DossierState.IN_PROCESS, DossierState.SUPPLEMENT_REQUESTED}
)  # the clock may be running
#: States in which the time limit runs (waiting for a supplement stops the clock).
RUNNING_STATES = frozenset({DossierState.RECEIVED, DossierState.IN_PROCESS})
#: The ends without a result: withdrawn by the applicant, stopped, or closed when the supplement never came.
ENDED_STATES = (DossierState.WITHDRAWN, DossierState.STOPPED, DossierState.CLOSED)
FINAL_STATES = frozenset({DossierState.RETURNED, DossierState.WITHDRAWN, DossierState.STOPPED, DossierState.CLOSED})


class Action(StrEnum):
    REGISTER = "register"
    FORWARD = "forward"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT_RECEIVED = "supplement_received"
    CLOSE = "close"
    RESULT_READY = "result_ready"
    RETURN = "return"
    WITHDRAW = "withdraw"
    STOP = "stop"
    REAPPOINT = "reappoint"
    CORRECT = "correct"
    VOID = "void"


ACTION_LABELS = {
    Action.REGISTER: "Tiếp nhận hồ sơ",
    Action.FORWARD: "Chuyển phòng chuyên môn",
    Action.REQUEST_SUPPLEMENT: "Yêu cầu bổ sung hồ sơ",
    Action.SUPPLEMENT_RECEIVED: "Nhận hồ sơ bổ sung",
    Action.CLOSE: "Đóng hồ sơ",
    Action.RESULT_READY: "Có kết quả",
    Action.RETURN: "Trả kết quả",
    Action.WITHDRAW: "Dừng theo yêu cầu của người nộp",
    Action.STOP: "Dừng giải quyết",
    Action.REAPPOINT: "Xin lỗi, hẹn lại ngày trả",
    Action.CORRECT: "Sửa thông tin",
    Action.VOID: "Huỷ hồ sơ nhập nhầm",
}


@dataclass(frozen=True)
class Move:
    action: Action
    #: The paper form this move prints, by role (the form issues turn roles into the numbered forms of a set).
    form: str | None


_R, _P, _S = DossierState.RECEIVED, DossierState.IN_PROCESS, DossierState.SUPPLEMENT_REQUESTED

MOVES: dict[tuple[DossierState, DossierState], Move] = {
    (_R, _P): Move(Action.FORWARD, "control_slip"),
    (_R, _S): Move(Action.REQUEST_SUPPLEMENT, "supplement_request"),
    (_P, _S): Move(Action.REQUEST_SUPPLEMENT, "supplement_request"),
    (_S, _P): Move(Action.SUPPLEMENT_RECEIVED, "receipt"),
    (_S, DossierState.CLOSED): Move(Action.CLOSE, None),
    (_P, DossierState.RESULT_READY): Move(Action.RESULT_READY, None),
    (DossierState.RESULT_READY, DossierState.RETURNED): Move(Action.RETURN, None),
    (_R, DossierState.WITHDRAWN): Move(Action.WITHDRAW, "stop_notice"),
    (_P, DossierState.WITHDRAWN): Move(Action.WITHDRAW, "stop_notice"),
    (_S, DossierState.WITHDRAWN): Move(Action.WITHDRAW, "stop_notice"),
    (_P, DossierState.STOPPED): Move(Action.STOP, None),
}


def allowed_targets(state: DossierState) -> list[DossierState]:
    """The states a dossier in ``state`` may move to, in the order a clerk meets them."""
    return [to for (frm, to) in MOVES if frm is state]
