#!/usr/bin/env bash
# Sets up .venv on a fresh Debian machine: the system packages below (when running as root and they are
# missing), then the project with its test and dev extras, editable.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${VENV:-.venv}
python=${PYTHON:-python3}

# Qt's libraries, and poppler-utils (pdftoppm, pdffonts) which the tests use to look at the PDFs.
system_packages=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 poppler-utils)
if command -v dpkg-query >/dev/null 2>&1; then
    missing=()
    for lib in "${system_packages[@]}"; do
        dpkg-query -W -f='${Status}' "$lib" 2>/dev/null | grep -q "install ok installed" || missing+=("$lib")
    done
    if ((${#missing[@]})); then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "bootstrap: installing system packages: ${missing[*]}"
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
        else
            echo "bootstrap: please install these system packages: ${missing[*]}" >&2
        fi
    fi
fi

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q -e '.[test,dev]'
