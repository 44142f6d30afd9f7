"""The seed catalog shipped in resources/catalog/procedures.csv, loaded into a new database."""

from __future__ import annotations

from kiosk.paths import resource
from kiosk.services.catalog import CatalogService, SaveReport
from kiosk.services.catalog_csv import read_specs
from kiosk.services.catalog_types import ProcedureSpec
from kiosk.services.users import Actor


def seed_specs() -> list[ProcedureSpec]:
    return read_specs(resource("catalog", "procedures.csv").read_bytes().decode("utf-8-sig"))


def seed_if_empty(catalog: CatalogService, *, by: Actor) -> SaveReport | None:
    """Load the seed when the catalog has no procedure at all; None when it already had some."""
    if catalog.count():
        return None
    return catalog.save_many(seed_specs(), by=by)
