"""Build resources/catalog/procedures.csv from ../shared/domain/procedures.csv.

Procedures with a national code keep it; the others get a local code DP-NNNN that is frozen: a rebuild keeps the
code already given to a name, and only new names get new numbers. The source's English working notes are put into
Vietnamese, since admins read them in the catalog editor.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "domain" / "procedures.csv"
SEED = ROOT / "resources" / "catalog" / "procedures.csv"
COPY = ROOT / "tests" / "data" / "shared-procedures.csv"  # what the seed was built from, for the tests
sys.path.insert(0, str(ROOT))

from kiosk.services.appointment import LimitKind  # noqa: E402
from kiosk.services.catalog_csv import parse_documents, read_specs, write_specs  # noqa: E402
from kiosk.services.catalog_types import ProcedureSpec  # noqa: E402
from kiosk.text import nfc  # noqa: E402

FEES = {
    "none": "Không",
    "set by province": "Theo quy định của tỉnh",
    "set by province (examples: 9.000 đ/bản; 2.000 đ/trang)": (
        "Theo quy định của tỉnh (ví dụ: 9.000 đ/bản; 2.000 đ/trang)"
    ),
}
NOTES = {
    "same day; received after 15:00 -> next working day; up to +2 working days for many copies": (
        "Trả trong ngày; nhận sau 15:00 thì trả trong ngày làm việc tiếp theo; "
        "nhiều bản sao có thể thêm tối đa 2 ngày làm việc"
    ),
    "many provinces publish no fixed limit; some accept only in windows (15/8-10/9, 15/1-30/1)": (
        "Nhiều tỉnh không công bố thời hạn cố định; có nơi chỉ nhận theo đợt (15/8–10/9, 15/1–30/1)"
    ),
    "time limit not found": "Chưa tìm thấy thời hạn giải quyết",
    "often not a published national procedure": "Thường không phải thủ tục công bố cấp quốc gia",
    "10 appraisal + 5 decision": "10 ngày thẩm định + 5 ngày ra quyết định",
    "by exam calendar": "Theo lịch thi",
    "district level before 7/2025, commune chair since (Decree 142/2025)": (
        "Trước 7/2025 thuộc cấp huyện, từ đó do Chủ tịch UBND cấp xã (Nghị định 142/2025)"
    ),
    "district level before 7/2025": "Trước 7/2025 thuộc cấp huyện",
    "no fixed limit published": "Không công bố thời hạn cố định",
}
SOURCE_WORDS = {
    "procedure record": "hồ sơ thủ tục",
    "Decree 23/2015 copy rule": "Nghị định 23/2015 về cấp bản sao",
    "procedure": "thủ tục",
    "(documents); time unverified": "(thành phần hồ sơ); thời hạn chưa kiểm chứng",
    "seed report lists it; time unverified": "báo cáo gốc có nêu; thời hạn chưa kiểm chứng",
    "secondary sources": "nguồn thứ cấp",
    "general knowledge": "hiểu biết chung, chưa đối chiếu văn bản",
    "(names)": "(tên thủ tục)",
}


def _source(text: str) -> str:
    for english, vietnamese in sorted(SOURCE_WORDS.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(english, vietnamese)
    return text


def convert(shared_text: str, existing_seed: str | None) -> str:
    known = {s.name: s.code for s in read_specs(existing_seed)} if existing_seed else {}
    numbers = [int(c[3:]) for c in known.values() if c.startswith("DP-")]
    next_number = max(numbers, default=0) + 1
    specs = []
    for row in csv.DictReader(io.StringIO(shared_text)):
        row = {k: nfc(v or "").strip() for k, v in row.items()}
        name = row["name"]
        if row["national_code"]:
            code = row["national_code"]
        elif name in known:
            code = known[name]
        else:
            code = f"DP-{next_number:04d}"
            next_number += 1
        days = int(row["processing_days"])
        specs.append(
            ProcedureSpec(
                code=code,
                name=name,
                field=row["field"],
                level=row["level"],
                national_code=row["national_code"] or None,
                limit_kind=LimitKind.SAME_DAY if days == 0 else LimitKind.WORKING_DAYS,
                legal_days=days,
                fee_note=FEES.get(row["fee_note"], row["fee_note"]),
                quality=row["confidence"],
                source=_source(row["source"]),
                note=NOTES.get(row["cutoff_note"], row["cutoff_note"]),
                documents=parse_documents(row["documents"]),
            )
        )
    return write_specs(specs)


def main() -> int:
    existing = SEED.read_bytes().decode("utf-8-sig") if SEED.exists() else None
    SEED.parent.mkdir(parents=True, exist_ok=True)
    SEED.write_text(convert(SHARED.read_text(encoding="utf-8"), existing), encoding="utf-8", newline="")
    COPY.write_bytes(SHARED.read_bytes())
    print(f"written: {SEED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
