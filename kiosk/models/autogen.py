"""Developer tool (``make migration MSG=...``): autogenerate the next Alembic revision.

A scratch database is brought to the current head, compared with the models, and the difference written as
``versions/NNNN_<slug>.py`` with a sequential revision id.
"""

from __future__ import annotations

import re
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from alembic import command

from kiosk.models.database import sqlite_engine
from kiosk.models.migrate import MIGRATIONS, alembic_config, migrate


def main(argv: list[str]) -> int:
    message = " ".join(argv).strip()
    if not message:
        print("usage: make migration MSG='what changes'", file=sys.stderr)
        return 2
    numbers = [int(p.name[:4]) for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")]
    rev_id = f"{max(numbers, default=0) + 1:04d}"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "scratch.sqlite3"
        if numbers:
            migrate(db, Path(tmp), now=datetime.now(UTC))
        config = alembic_config()
        config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
        engine = sqlite_engine(db, busy_timeout_ms=5_000)
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
        engine.dispose()
    print(f"written: versions/{rev_id}_{re.sub(r'[^a-z0-9]+', '_', message.lower()).strip('_')}.py")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
