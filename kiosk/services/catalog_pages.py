"""Where a procedure's page lives in the published static catalog: one rule for the site, the slips and the sheets.

The site has ``index.html`` at its root and one page per procedure under ``thu-tuc/``, named after the procedure's
code (its safe characters only), so a page keeps its address when the procedure's name changes.
"""

from __future__ import annotations

import re

PAGES_FOLDER = "thu-tuc"


def procedure_page(code: str) -> str:
    """The page's path inside the site: ``thu-tuc/1.010020.html``."""
    name = re.sub(r"[^0-9A-Za-z.\-_]", "-", code).strip(".") or "thu-tuc"
    return f"{PAGES_FOLDER}/{name}.html"


def procedure_url(website_url: str, code: str) -> str | None:
    """The page's address on the Department's website, or None when the site's address is not set."""
    if not website_url:
        return None
    return f"{website_url.rstrip('/')}/{procedure_page(code)}"
