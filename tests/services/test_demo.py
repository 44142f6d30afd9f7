"""Demo data: every state, guidance records, demo users, and a refusal to touch a database in use."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from kiosk.context import KioskContext
from kiosk.errors import Conflict
from kiosk.models import Dossier, GuidanceRecord
from kiosk.services.demo import DEMO_PASSWORD, DemoBuilder
from kiosk.services.states import DossierState
from kiosk.services.timeliness import Timeliness


def test_demo_has_every_state_and_kind(ctx: KioskContext) -> None:
    report = DemoBuilder(ctx, seed=3).run(30)
    assert set(report.states) == {s.value for s in DossierState}
    assert report.dossiers == sum(report.states.values()) and report.guidance > 0
    with ctx.db.read() as session:
        kinds = set(session.scalars(select(GuidanceRecord.kind).distinct()))
        verdicts = set(session.scalars(select(Dossier.timeliness).where(Dossier.timeliness.is_not(None)).distinct()))
        organisations = session.scalar(select(func.count()).where(Dossier.applicant_kind == "organisation"))
    assert kinds == {"supplement", "refusal"}
    assert {Timeliness.EARLY.value, Timeliness.ON_TIME.value} <= verdicts
    assert organisations
    assert ctx.users.authenticate("lan", DEMO_PASSWORD).username == "lan"


def test_demo_refuses_a_database_with_dossiers(ctx: KioskContext) -> None:
    builder = DemoBuilder(ctx, seed=1)
    builder.run(5)
    with pytest.raises(Conflict, match="đã có"):
        DemoBuilder(ctx, seed=2).run(5)
