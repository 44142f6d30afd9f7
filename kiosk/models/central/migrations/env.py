"""Alembic environment of the central PostgreSQL: always run on a connection handed over by kiosk.services.sync."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext

from kiosk.models import UtcDateTime
from kiosk.models.central.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run central migrations through `kiosk central init`, which passes the connection.")


def _render_item(kind: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    if kind == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    return False


context.configure(connection=connection, target_metadata=metadata, compare_type=True, render_item=_render_item)
with context.begin_transaction():
    context.run_migrations()
