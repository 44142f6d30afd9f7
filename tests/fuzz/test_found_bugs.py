"""What the fuzzers found, each as the smallest input that showed it, kept so that it stays fixed."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.cli import main
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput
from kiosk.models import Base, Dossier
from kiosk.paths import Paths
from kiosk.services.appointment import LimitKind
from kiosk.services.catalog_csv import read_specs
from kiosk.services.catalog_types import CutoffMode, DocumentForm, DocumentSpec, ProcedureSpec
from kiosk.services.dossier_views import Applicant, ReceivedDocument
from kiosk.services.ledger import LedgerFilter, Period
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import DossierState
from kiosk.services.users import Actor

AN = Applicant("person", "Nguyễn Văn An", "0912345678")
#: "café" typed on a Latin-1 terminal: the byte 0xE9 is no UTF-8, and Python hands it over as U+DCE9.
UNDECODABLE = "caf\udce9"


def refused(call: Callable[[], Any]) -> InvalidInput:
    """The call is refused as bad input (anything else it raises fails the test as it is)."""
    with pytest.raises(InvalidInput) as refusal:
        call()
    return refusal.value


# -- lone surrogates ------------------------------------------------------------------------------------------------
#
# Python decodes a command line (and, under the C locale, standard input) with ``surrogateescape``: a byte that is
# no UTF-8 becomes a lone surrogate, which SQLite's and Argon2's UTF-8 encoders refuse with UnicodeEncodeError.
# The line-cleaning checks refused such text (category Cs), but the lookups bound it to SQL, or hashed it, first.
# Now the storage layer, the password and PIN checks and the command line's text arguments say it in words.

SURROGATE_LOOKUPS: dict[str, Callable[[KioskContext], Any]] = {
    "search.find": lambda ctx: ctx.search.find(UNDECODABLE),
    "search.show": lambda ctx: ctx.search.show(UNDECODABLE),
    "catalog.get": lambda ctx: ctx.catalog.get(UNDECODABLE),
    "ledger.page": lambda ctx: ctx.ledger.page(LedgerFilter(text=UNDECODABLE)),
    "registration.register": lambda ctx: ctx.registration.register(
        RegistrationInput(UNDECODABLE, AN), by=ctx.users.cli()
    ),
    "users.authenticate": lambda ctx: ctx.users.authenticate("lan", "mat-khau-" + UNDECODABLE),
    "users.add (password)": lambda ctx: ctx.users.add(
        "thu", "Thu", "clerk", "mat-khau-" + UNDECODABLE, by=ctx.users.cli()
    ),
    "users.verify_pin": lambda ctx: ctx.users.verify_pin("12\udcff34"),
}


@pytest.mark.parametrize("entry", sorted(SURROGATE_LOOKUPS))
def test_lookups_refuse_undecodable_text(ctx: KioskContext, clerk: Actor, supervisor: Actor, entry: str) -> None:
    ctx.users.set_pin(supervisor.username, "2580", by=supervisor)  # someone has a PIN, and lan a password
    refusal = refused(lambda: SURROGATE_LOOKUPS[entry](ctx))
    assert "không đọc được" in refusal.message and "UTF-8" in refusal.message


def test_an_undecodable_argument_is_bad_input(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    """``kiosk dossier show $'caf\\xe9'`` in a shell: argv holds U+DCE9; the byte is named as typed."""
    with pytest.raises(SystemExit) as ended:
        main(["dossier", "show", UNDECODABLE])
    assert ended.value.code == 2
    assert "«caf\\xe9» có ký tự không đọc được" in capsys.readouterr().err


def test_an_undecodable_file_name_is_named_escaped(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    """A path argument keeps its bytes (a file may really be called so); what is printed of it is escaped."""
    assert main(["catalog", "import", f"/khong-co/{UNDECODABLE}.csv"]) in (2, 3, 7)
    err = capsys.readouterr().err
    assert "caf\\udce9" in err and "Traceback" not in err


# -- folded names longer than their columns -------------------------------------------------------------------------
#
# kiosk/models/dossier.py: name_folded is String(200), given_name_folded String(60). A person's name may have 100
# characters and its last word all of them; an organisation's 200, and folding may lengthen it (casefold: "ß" →
# "ss", "ﬃ" → "ffi"). SQLite kept the longer value; the central PostgreSQL mirror has the same VARCHAR limits, so
# the sync of that dossier would have been refused there. The keys are now cut to fit, and queries the same way.


@pytest.mark.parametrize(
    "applicant",
    [
        Applicant("person", "Nguyễn " + "A" * 80, "0912345678"),  # the given name: 80 > 60
        Applicant("organisation", "Trường " + "ß" * 150, "0912345678"),  # folded: 7 + 300 > 200
    ],
    ids=["long given name", "organisation with ß"],
)
def test_folded_names_fit_their_columns(ctx: KioskContext, clerk: Actor, applicant: Applicant) -> None:
    view = ctx.registration.register(RegistrationInput("2.001914", applicant), by=clerk)
    with ctx.db.read() as session:
        folded, given = session.execute(
            select(Dossier.name_folded, Dossier.given_name_folded).where(Dossier.code == view.code)
        ).one()
    columns = Base.metadata.tables["dossier"].columns
    assert len(folded) <= columns["name_folded"].type.length  # type: ignore[attr-defined]
    assert len(given) <= columns["given_name_folded"].type.length  # type: ignore[attr-defined]
    typed = applicant.name.split()[-1] if applicant.kind == "person" else applicant.name
    assert view.code in [row.code for row in ctx.search.find(typed)]  # still found by what the clerk types


# -- the receipt written to a file ----------------------------------------------------------------------------------
#
# kiosk/cli/print_cmds.py print_receipt saved ``--to`` with Pillow (.png) or Path.write_bytes (.bin) without
# catching OSError, unlike every other command that writes a file: a folder that does not exist ended with exit 70.


@pytest.mark.parametrize("suffix", [".png", ".bin"])
def test_a_receipt_to_an_unwritable_path_is_a_clear_error(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["register", "--procedure", "2.001914", "--name", "Nguyễn Văn An", "--phone", "0912345678"]) == 0
    code = capsys.readouterr().out.strip()
    assert main(["print", "receipt", code, "--to", str(tmp_path / "khong-co" / f"x{suffix}")]) == 7
    assert "thư mục chứa tệp không tồn tại" in capsys.readouterr().err
    assert main(["print", "receipt", code, "--to", str(tmp_path / f"x{suffix}")]) == 0
    assert (tmp_path / f"x{suffix}").stat().st_size > 1000


# -- plain strings where the typed API wants its enums ----------------------------------------------------------------
#
# The screens and the command line only ever pass the enums (or argparse choices), so no user met these; a script
# or a future form might. Each service converted with ``Enum(value)`` and let ValueError (KeyError for MoveInput.to)
# escape; now kiosk.services.validation.member names the field and the choices.


def _save(ctx: KioskContext, **changes: Any) -> None:
    spec = ProcedureSpec("DP-9999", "Thủ tục thử", "Khác", legal_days=3)
    ctx.catalog.save(replace(spec, **changes), by=ctx.users.cli())


def _register_with_form(ctx: KioskContext) -> None:
    papers = tuple(ReceivedDocument(d.name, "bản chính") for d in ctx.catalog.get("DP-0014").documents)  # type: ignore[arg-type]
    ctx.registration.register(RegistrationInput("DP-0014", AN, documents=papers), by=ctx.users.cli())


WRONG_ENUMS: dict[str, Callable[[KioskContext], Any]] = {
    "LedgerFilter.period": lambda ctx: ctx.ledger.page(LedgerFilter(period="hôm nay")),  # type: ignore[arg-type]
    "LedgerFilter.state": lambda ctx: ctx.ledger.page(LedgerFilter(state="đã nhận")),  # type: ignore[arg-type]
    "MoveInput.to": lambda ctx: ctx.lifecycle.move(
        ctx.registration.register(RegistrationInput("DP-0014", AN), by=ctx.users.cli()).code,
        MoveInput(to="xong"),  # type: ignore[arg-type]
        by=ctx.users.cli(),
    ),
    "ReceivedDocument.form": _register_with_form,
    "ProcedureSpec.limit_kind": lambda ctx: _save(ctx, limit_kind="ngày"),
    "ProcedureSpec.cutoff_mode": lambda ctx: _save(ctx, cutoff_mode="15 giờ"),
    "DocumentSpec.form": lambda ctx: _save(ctx, documents=(DocumentSpec("Đơn", form="bản sao"),)),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("entry", sorted(WRONG_ENUMS))
def test_wrong_enum_strings_are_bad_input(ctx: KioskContext, entry: str) -> None:
    refusal = refused(lambda: WRONG_ENUMS[entry](ctx))
    assert "không hợp lệ; chọn một trong:" in refusal.message


def test_enum_values_as_plain_strings_are_accepted(ctx: KioskContext) -> None:
    """What ``member`` is for: a form may hand over the value rather than the member."""
    assert ctx.ledger.page(LedgerFilter(period="all", state="received")) is not None  # type: ignore[arg-type]


def test_the_enums_named_here_exist() -> None:
    """The reproducers above misspell real fields, not fields that went away."""
    assert {"period", "state"} <= set(LedgerFilter.__dataclass_fields__)
    assert Period.ALL and DossierState.RECEIVED and LimitKind.NONE and CutoffMode.DESK and DocumentForm.ANY


# -- a carriage return alone in a catalog CSV -------------------------------------------------------------------------
#
# kiosk/services/catalog_csv.py read the text through io.StringIO without newline="": a lone CR (an old Mac file, or
# a cell pasted from elsewhere) reached the csv module as a character inside a field, and csv.Error escaped.


@pytest.mark.parametrize("text", ["\r0", 'code,name\r"DP-1\r', 'code,name,field,legal_days,documents\r"x'])
def test_a_csv_with_lone_carriage_returns_is_read_or_refused_in_words(text: str) -> None:
    with contextlib.suppress(InvalidInput):
        read_specs(text)


def test_a_catalog_saved_with_carriage_returns_only_is_read() -> None:
    rows = ["code,name,field,legal_days,documents", 'DP-9201,"Cấp bản sao",Khác,3,"Đơn (bản chính)"']
    (spec,) = read_specs("\r".join(rows) + "\r")
    assert (spec.code, spec.name, spec.legal_days) == ("DP-9201", "Cấp bản sao", 3)


def test_a_number_of_days_too_long_to_be_one_is_refused_in_words() -> None:
    """Python refuses int() of a string of over 4,300 digits with ValueError: the column said what it wants first."""
    header = "code,name,field,legal_days,documents\r\n"
    with pytest.raises(InvalidInput, match="legal_days phải là số nguyên"):
        read_specs(header + f'DP-9201,Cấp bản sao,Khác,{"9" * 5000},"Đơn"\r\n')
    with pytest.raises(InvalidInput, match="legal_days phải là số nguyên"):
        read_specs(header + 'DP-9201,Cấp bản sao,Khác,٣,"Đơn"\r\n')  # an Arabic-Indic three: not what is meant
