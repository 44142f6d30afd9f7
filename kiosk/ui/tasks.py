"""One way to run slow work off the GUI thread, with the result delivered back on the GUI thread.

Widgets never touch a worker thread's result directly: ``done`` and ``failed`` run on the GUI thread. Tests use
``ImmediateRunner``, which does the work at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

T = TypeVar("T")


class TaskRunner(Protocol):
    def run(
        self, work: Callable[[], T], done: Callable[[T], None], failed: Callable[[BaseException], None]
    ) -> None: ...

    def wait(self, msecs: int = 5_000) -> bool:
        """Wait for the work given so far to end; False if it did not within ``msecs``."""
        ...


class ImmediateRunner:
    """Runs the work in the caller's thread, now (tests, and work known to be quick)."""

    def wait(self, msecs: int = 5_000) -> bool:
        return True

    def run(self, work: Callable[[], T], done: Callable[[T], None], failed: Callable[[BaseException], None]) -> None:
        try:
            result = work()
        except Exception as exc:  # delivered to the caller's handler, as the threaded runner does
            failed(exc)
            return
        done(result)


class _Relay(QObject):
    finished = Signal(object, object)  # (callback, value), emitted from the worker, received on the GUI thread


class _Job(QRunnable):
    def __init__(
        self,
        relay: _Relay,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self._relay, self._work, self._done, self._failed = relay, work, done, failed

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:
            self._relay.finished.emit(self._failed, exc)
        else:
            self._relay.finished.emit(self._done, result)


class ThreadRunner(QObject):
    """Runs work on Qt's thread pool; callbacks arrive on the thread this runner lives in (the GUI thread).

    With ``threads=1`` the work runs one piece at a time, in the order given: a queue (the printer's).
    """

    def __init__(self, parent: QObject | None = None, *, threads: int = 2) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.finished.connect(lambda callback, value: callback(value))
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)

    def run(self, work: Callable[[], T], done: Callable[[T], None], failed: Callable[[BaseException], None]) -> None:
        self._pool.start(_Job(self._relay, work, done, failed))

    def wait(self, msecs: int = 5_000) -> bool:
        return self._pool.waitForDone(msecs)
