"""The layers: services, models and printing import no Qt; the package ships its resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from kiosk.paths import resource, resource_path

ROOT = Path(__file__).resolve().parents[1]


def test_domain_layers_do_not_import_qt() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import kiosk.services, kiosk.models, kiosk.printing, kiosk.cli, kiosk.context\n"
        "for pkg in (kiosk.services, kiosk.models, kiosk.printing):\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' in info.name or info.name.endswith('.autogen'):\n"
        "            continue\n"
        "        importlib.import_module(info.name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6')\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == ""


def test_resources_are_found_through_one_function() -> None:
    folder = resource_path()
    assert folder.is_dir()
    assert (folder / "__init__.py").is_file()
    assert resource("__init__.py").is_file()


def test_built_wheel_ships_resources_and_every_package(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("quay_mot_cua-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    folders = {p.parent for p in (ROOT / "kiosk").rglob("*.py") if "__pycache__" not in p.parts}
    for folder in sorted(folders | {ROOT / "kiosk" / "printing"}):
        assert (folder / "__init__.py").is_file(), f"{folder} is not a regular package"
        assert f"{folder.relative_to(ROOT).as_posix()}/__init__.py" in names
    shipped = {p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*") if p.is_file()}
    shipped = {p for p in shipped if "__pycache__" not in p}
    assert shipped and {f"kiosk/resources/{p}" for p in shipped} <= names
    assert "kiosk/models/migrations/script.py.mako" in names
