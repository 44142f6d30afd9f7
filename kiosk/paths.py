"""Where the kiosk keeps its files, and where its shipped resources are.

Data, config, log and backup folders come from platformdirs; when the ``KIOSK_HOME`` environment variable is
set, all four live under it instead (tests and portable installs use this).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs

APP_NAME = "quay-mot-cua"
APP_AUTHOR = "SoGDDT"
HOME_VARIABLE = "KIOSK_HOME"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    log_dir: Path
    backup_dir: Path

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Paths:
        env = os.environ if environ is None else environ
        home = env.get(HOME_VARIABLE, "").strip()
        if home:
            root = Path(home).expanduser().resolve()
            return cls(root / "data", root / "config", root / "logs", root / "backups")
        dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)
        data = Path(dirs.user_data_dir)
        return cls(data, Path(dirs.user_config_dir), Path(dirs.user_log_dir), data / "backups")

    def ensure(self) -> Paths:
        for folder in (self.data_dir, self.config_dir, self.log_dir, self.backup_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def default_database(self) -> Path:
        return self.data_dir / "kiosk.sqlite3"


def resource(*parts: str) -> Traversable:
    """A file or folder under the shipped ``resources/`` (the package ``kiosk.resources`` once installed)."""
    node = resources.files("kiosk.resources")
    for part in parts:
        node = node / part
    return node


def resource_path(*parts: str) -> Path:
    """Like :func:`resource`, as a real filesystem path (fonts and Alembic need one).

    The kiosk is installed as a plain folder (wheel or editable), so the traversable is a real path.
    """
    return Path(str(resource(*parts)))
