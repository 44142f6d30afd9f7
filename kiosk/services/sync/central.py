"""Connecting to the central PostgreSQL, checking its schema, and saying in Vietnamese what went wrong."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from kiosk.config import SyncSettings
from kiosk.errors import CentralError, ConfigError
from kiosk.models.central.tables import CENTRAL_REVISION
from kiosk.services.sync.address import central_url

KEPT = "Dữ liệu trên máy này vẫn an toàn và sẽ được gửi ở lần đồng bộ sau."


def central_engine(settings: SyncSettings, url: str | None = None) -> Engine:
    """An engine without a pool (a sync is one connection at night), with TLS and timeouts from the settings."""
    raw = settings.url if url is None else url
    if not raw.strip():
        raise ConfigError("Chưa cài đặt máy chủ trung tâm (mục [sync] url trong tệp cài đặt).")
    args: dict[str, object] = {
        "sslmode": settings.sslmode,
        "connect_timeout": settings.connect_timeout_s,
        "application_name": "quay-mot-cua",
        # A cut cable is noticed within about half a minute instead of the system's two hours.
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
    }
    for key in ("sslrootcert", "sslcert", "sslkey"):
        value = getattr(settings, key)
        if value:
            args[key] = value
    return create_engine(central_url(raw), poolclass=NullPool, connect_args=args)


@contextmanager
def central_errors(engine: Engine) -> Iterator[None]:
    """Turn the driver's errors into a CentralError that says what to do."""
    try:
        yield
    except CentralError:
        raise
    except (SQLAlchemyError, psycopg.Error) as exc:  # the rows go through the driver's own cursor (COPY)
        raise CentralError(describe_central_error(exc, engine.url)) from exc
    except OSError as exc:  # a socket error outside a query
        raise CentralError(f"Mất kết nối với máy chủ trung tâm ({exc.strerror or exc}). {KEPT}") from exc


def describe_central_error(exc: BaseException, url: URL) -> str:
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    orig = getattr(exc, "orig", exc)
    detail = str(orig).strip()
    lower = detail.lower()
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate == "23505" and "uq_dossier_code" in lower:
        return duplicate_code_message([])
    if sqlstate == "42501" or "row-level security" in lower or "permission denied" in lower:
        return (
            "Máy chủ trung tâm không cho tài khoản trạm này ghi dữ liệu đó (dữ liệu thuộc trạm khác hoặc thiếu "
            f"quyền). Hãy báo quản trị viên. {KEPT}"
        )
    if sqlstate is not None and sqlstate.startswith("23"):
        return (
            f"Máy chủ trung tâm từ chối một dòng dữ liệu của trạm ({detail.splitlines()[0]}). Hãy báo quản trị "
            f"viên. {KEPT}"
        )
    if any(s in lower for s in ("password authentication failed", "not permitted to log in", "no password")) or (
        lower.startswith("connection") and 'role "' in lower and "does not exist" in lower
    ):
        return (
            f"Máy chủ trung tâm từ chối tài khoản trạm «{url.username or ''}». Kiểm tra tài khoản và mật khẩu trong "
            f"mục [sync] url, hoặc xin quản trị viên cấp lại (kiosk central add-station). {KEPT}"
        )
    if 'database "' in lower and "does not exist" in lower:
        return f"Máy chủ trung tâm {where} không có cơ sở dữ liệu «{url.database}»: kiểm tra mục [sync] url. {KEPT}"
    if "does not support ssl" in lower:
        return (
            f"Máy chủ trung tâm {where} không hỗ trợ kết nối bảo mật (TLS) mà cài đặt của quầy yêu cầu (mục [sync] "
            f"sslmode). Hãy báo quản trị viên. {KEPT}"
        )
    if "ssl" in lower or "certificate" in lower:
        return f"Không lập được kết nối bảo mật (TLS) với máy chủ trung tâm {where}: kiểm tra chứng chỉ. {KEPT}"
    if any(s in lower for s in ("connection refused", "could not connect", "timeout expired", "resolve", "no route")):
        return f"Không kết nối được máy chủ trung tâm {where}. Kiểm tra mạng hoặc báo quản trị viên. {KEPT}"
    if (isinstance(exc, DBAPIError) and exc.connection_invalidated) or _connection_lost(lower):
        return f"Mất kết nối với máy chủ trung tâm {where} giữa chừng. Phần đã gửi xong được giữ lại. {KEPT}"
    return f"Máy chủ trung tâm báo lỗi: {detail.splitlines()[0] if detail else type(orig).__name__}. {KEPT}"


def duplicate_code_message(taken: list[tuple[str, str]]) -> str:
    """A dossier code another station already sent: two desks of one agency share a block of numbers."""
    which = (
        f"Hồ sơ mã {taken[0][0]} đã có ở «{taken[0][1]}»" if taken else "Một mã hồ sơ của quầy này đã có ở quầy khác"
    )
    more = f" (cùng {len(taken) - 1} mã khác)" if len(taken) > 1 else ""
    return (
        f"Máy chủ trung tâm từ chối: {which}{more}. Các quầy dùng chung mã cơ quan phải chia dải số thứ tự khác "
        f"nhau (mục [station] sequence_start/sequence_end). Hãy báo quản trị viên. {KEPT}"
    )


def _connection_lost(lower: str) -> bool:
    return any(
        s in lower
        for s in ("server closed the connection", "consuming input failed", "terminating connection", "eof", "lost")
    )


def check_revision(conn: Connection) -> str:
    """The central schema's revision; CentralError when it is not the one this version of the kiosk writes."""
    try:
        found: str | None = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        conn.rollback()
        found = None
    if found == CENTRAL_REVISION:
        return found
    if found is None:
        raise CentralError(
            "Cơ sở dữ liệu trung tâm chưa được khởi tạo. Quản trị viên cần chạy «kiosk central init --url …»."
        )
    known = int(found[1:]) if re.fullmatch(r"c\d{4}", found) else None
    if known is not None and known < int(CENTRAL_REVISION[1:]):
        raise CentralError(
            f"Cơ sở dữ liệu trung tâm dùng lược đồ cũ ({found}, phần mềm này cần {CENTRAL_REVISION}). Quản trị "
            f"viên cần nâng cấp bằng «kiosk central init --url …». {KEPT}"
        )
    raise CentralError(
        f"Cơ sở dữ liệu trung tâm dùng lược đồ mới hơn ({found}) so với phần mềm trên máy này "
        f"({CENTRAL_REVISION}). Hãy cài phiên bản kiosk mới nhất. {KEPT}"
    )
