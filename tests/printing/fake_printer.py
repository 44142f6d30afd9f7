"""A network receipt printer on 127.0.0.1 for tests, with the faults a real desk meets."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

ONLINE = 0x12  # DLE EOT answers with the fixed bits 1 and 4 set
OFFLINE = 0x12 | 0x08
PAPER_OK = 0x12
PAPER_OUT = 0x12 | 0x60


@dataclass
class FakePrinter:
    """mode: ok | silent (reads, never answers status) | deaf (accepts, never reads) | paper_out | offline."""

    mode: str = "ok"
    received: bytearray = field(default_factory=bytearray)
    jobs: int = 0
    connections: int = 0
    #: Called (in the printer's thread) as each connection is accepted: what the sender's side looks like then.
    on_connect: Callable[[], None] | None = None

    def __post_init__(self) -> None:
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(4)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._clients: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        self._server.settimeout(0.2)
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except OSError:
                continue
            self.connections += 1
            self._clients.append(client)
            if self.on_connect is not None:
                self.on_connect()
            if self.mode != "deaf":
                threading.Thread(target=self._talk, args=(client,), daemon=True).start()

    def _talk(self, client: socket.socket) -> None:
        client.settimeout(0.2)
        pending = b""
        while not self._stop.is_set():
            try:
                chunk = client.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not chunk:
                self.jobs += 1
                return
            self.received += chunk
            pending = (pending + chunk)[-3:]  # a status query may arrive split across reads
            if self.mode == "silent":
                continue
            if pending == b"\x10\x04\x04":
                client.sendall(bytes([PAPER_OUT if self.mode == "paper_out" else PAPER_OK]))
            elif pending == b"\x10\x04\x01":
                client.sendall(bytes([OFFLINE if self.mode == "offline" else ONLINE]))

    def close(self) -> None:
        self._stop.set()
        for client in self._clients:
            client.close()
        self._server.close()
        self._thread.join(timeout=2)


def closed_port() -> int:
    """A port nothing listens on (connections are refused)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


class SwitchedOff:
    """A printer that is off or unplugged: connecting hangs (its accept queue is full, new SYNs are dropped)."""

    def __init__(self) -> None:
        self._server = socket.socket()
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(0)
        self.port = self._server.getsockname()[1]
        self._fillers = []
        for _ in range(3):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", self.port))
            self._fillers.append(filler)

    def close(self) -> None:
        for filler in self._fillers:
            filler.close()
        self._server.close()
