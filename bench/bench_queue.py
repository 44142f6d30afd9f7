"""Queue tickets: a ticket rendered and encoded in < 30 ms (the citizen presses, the paper must come at once)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.harness import Figure, median_per_call
from kiosk.context import open_context
from kiosk.paths import Paths
from kiosk.printing.encode import Encoder, RollFormat
from kiosk.printing.queue_ticket import queue_ticket


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with open_context(Paths(root / "data", root / "config", root / "logs", root / "backups")) as ctx:
            zone = ctx.calendar.rules.zone
            ticket = ctx.queue.take("submit", priority=True)
            doc = queue_ticket(ticket, ctx.settings.office, ctx.settings.station.name, zone)
            renderer = ctx.printing.renderer(576)
            encoder = Encoder(root / "escpos")
            fmt = RollFormat("TM-T20II", 576)
            encoder.encode([renderer.render(doc)], fmt)  # python-escpos loaded, as the desk's warm-up does
            both_ms = median_per_call(lambda: encoder.encode([renderer.render(doc)], fmt), unit="ms")
            take_ms = median_per_call(lambda: ctx.queue.take("submit"), unit="ms", repeat=5)
            job_ms = median_per_call(
                lambda: ctx.printing.submit(
                    queue_ticket(ctx.queue.take("ask"), ctx.settings.office, "Quầy 1", zone), by=None
                ),
                unit="ms",
                repeat=5,
            )
    return [
        Figure("queue ticket render + encode (576 dots)", both_ms, "ms", 30.0),
        Figure("queue ticket taken (numbered, committed)", take_ms, "ms", None),
        Figure("queue ticket taken, rendered, encoded and stored as a job", job_ms, "ms", None),
    ]
