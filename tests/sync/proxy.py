"""A TCP relay between a station and the real PostgreSQL that can cut the line or slow it down."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from types import TracebackType


class Relay:
    """Listens on 127.0.0.1 and forwards to ``target``. ``cut_after`` bytes from the station close every
    connection at once (a cable pulled mid-batch); ``delay`` sleeps before forwarding each chunk."""

    def __init__(self, target: tuple[str, int], *, cut_after: int | None = None, delay: float = 0.0) -> None:
        self.target = target
        self.cut_after = cut_after
        self.delay = delay
        self.sent = 0
        self.cut = threading.Event()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def url_for(self, url: str) -> str:
        host = f"{self.target[0]}:{self.target[1]}"
        assert host in url, url
        return url.replace(host, f"127.0.0.1:{self.port}")

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self._lock:
                self._sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, outgoing: bool) -> None:
        try:
            while chunk := source.recv(65536):
                if self.delay:
                    time.sleep(self.delay)
                if outgoing:
                    with self._lock:
                        self.sent += len(chunk)
                        over = self.cut_after is not None and self.sent > self.cut_after
                    if over:
                        self.close_all()
                        return
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close_all(self) -> None:
        self.cut.set()
        with self._lock:
            for s in self._sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            self._sockets.clear()

    def close(self) -> None:
        self._server.close()
        self.close_all()

    def __enter__(self) -> Relay:
        return self

    def __exit__(self, *exc: tuple[type[BaseException], BaseException, TracebackType]) -> None:
        self.close()
