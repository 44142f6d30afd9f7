"""The central server's address: the driver the kiosk uses, and the address as shown (without the password).

Kept apart from the connection code so that showing the sync's state loads no database driver.
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from kiosk.errors import ConfigError


def central_url(raw: str) -> URL:
    """``postgresql://…`` (as printed by ``kiosk central add-station``) with the driver the kiosk uses."""
    try:
        url = make_url(raw.strip())
    except ArgumentError:
        raise ConfigError(  # noqa: B904 - the parser's own words would not help
            "Địa chỉ máy chủ trung tâm không đúng dạng postgresql://TÀI_KHOẢN:MẬT_KHẨU@MÁY:5432/CSDL."
        )
    if url.get_backend_name() not in ("postgresql", "postgres"):
        raise ConfigError("Máy chủ trung tâm phải là PostgreSQL (địa chỉ bắt đầu bằng postgresql://).")
    return url.set(drivername="postgresql+psycopg")


def libpq_url(url: URL | str, **parts: str) -> str:
    """The address as libpq, psql and the station's settings write it (``postgresql://…``), with ``parts``
    (database, username, password) replaced; the password shown."""
    parsed = url if isinstance(url, URL) else central_url(url)
    return str(parsed.set(drivername="postgresql", **parts).render_as_string(hide_password=False))  # type: ignore[arg-type]


def shown_url(url: URL | str) -> str:
    """The address without its password, for messages and logs."""
    parsed = url if isinstance(url, URL) else central_url(url)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=True)
