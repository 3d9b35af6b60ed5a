"""Build resources/codes/icd10cm-2026-04-fy2027.sqlite, the ICD-10-CM code set the app ships.

It holds two releases: April 2026 (dates of service 2026-04-01 to 2026-09-30), from
simple-icd-10-cm, and FY2027 (2026-10-01 to 2027-09-30), that release with the official FY2027
addenda (tools/data/icd10cm_order_addenda_2027.txt) applied. Each code is stored once with the
dates it is valid for, or twice when its title or billable flag changed.

Besides the titles, a search finds codes by the tabular list's inclusion terms (from
simple-icd-10-cm, each on its April 2026 row) and by our curated everyday terms
(tools/data/everyday-terms.tsv, docs/codes.md); a term pointing to a code billable in neither release
stops the build.

Run by a developer after ``pip install -e '.[codes]'``:

    python tools/build_icd_index.py [--output PATH]

The app never imports simple_icd_10_cm (parsing its XML takes about 2 s); it reads the file this writes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import warnings
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from app.domain.common_massage_codes import COMMON_MASSAGE_CODES  # noqa: E402
from app.domain.diagnoses import CodeRelease  # noqa: E402
from app.store.code_set_schema import CodeEntry, CodeTerm, write_code_set  # noqa: E402
from app.store.code_set_update import next_release_entries  # noqa: E402
from app.store.icd_release_files import apply_addenda, fiscal_year_release, parse_addenda  # noqa: E402

PACKAGE = "simple-icd-10-cm"
PACKAGE_VERSION = "1.5.0"
RELEASE = CodeRelease(name="ICD-10-CM April 2026", first_date=date(2026, 4, 1), last_date=date(2026, 9, 30))
FY2027 = fiscal_year_release(2027)
DEFAULT_OUTPUT = REPO_ROOT / "resources" / "codes" / "icd10cm-2026-04-fy2027.sqlite"
ADDENDA = REPO_ROOT / "tools" / "data" / "icd10cm_order_addenda_2027.txt"
EVERYDAY_TERMS = REPO_ROOT / "tools" / "data" / "everyday-terms.tsv"
EVERYDAY_COLUMNS = ["term", "codes", "source"]
ADDENDA_SHA256 = "d64c57ef4534e4f90336decf27a34ba42979c31cd88f6ea923b5b5edd3da6384"

# What simple-icd-10-cm 1.5.0 holds: 98,466 distinct entries (get_all_codes() lists 39 of them twice)
# = 22 chapters + 258 ranges of categories ("M50-M54") + 98,186 codes, of which 74,719 are leaves,
# i.e. billable. The 39 listed twice, such as "B20", are both a one-category block and the category.
EXPECTED_ENTRIES = 98_466
EXPECTED_CHAPTERS = 22
EXPECTED_RANGES = 258
EXPECTED_CODES = 98_186
EXPECTED_BILLABLE = 74_719
# The addenda's own summary: 74,879 billable codes in FY2027; 190 added, 30 deleted, 4 revised
# (billable codes); 63 headers added, 6 deleted.
EXPECTED_BILLABLE_2027 = 74_879
EXPECTED_HEADERS_2027 = 23_524


def _dotted(code: str) -> str:
    return code if len(code) <= 3 else f"{code[:3]}.{code[3:]}"


def _package() -> Any:
    """simple_icd_10_cm, refused unless it is the pinned version."""
    installed = version(PACKAGE)
    if installed != PACKAGE_VERSION:
        raise SystemExit(f"{PACKAGE} {PACKAGE_VERSION} is needed (the April 2026 release); found {installed}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it imports the deprecated pkg_resources
        import simple_icd_10_cm as icd
    return icd


def collect_entries() -> list[CodeEntry]:
    """Every code of the release with its description, billable flag and parent code."""
    icd = _package()
    names = list(dict.fromkeys(icd.get_all_codes(True)))
    assert len(names) == EXPECTED_ENTRIES, len(names)
    chapters = [n for n in names if icd.is_chapter(n)]
    codes = [n for n in names if icd.is_category_or_subcategory(n)]
    ranges = [n for n in names if icd.is_block(n) and not icd.is_category_or_subcategory(n)]
    assert len(chapters) == EXPECTED_CHAPTERS, len(chapters)
    assert len(ranges) == EXPECTED_RANGES, len(ranges)
    assert len(codes) == EXPECTED_CODES, len(codes)
    assert len(chapters) + len(ranges) + len(codes) == EXPECTED_ENTRIES

    entries: list[CodeEntry] = []
    for name in codes:
        parent = icd.get_parent(name)
        is_code_parent = bool(parent) and icd.is_category_or_subcategory(parent) and not icd.is_category(name)
        description = " ".join(icd.get_description(name).split())
        entries.append(
            CodeEntry(
                code=_dotted(name.replace(".", "")),
                description=description,
                billable=icd.is_leaf(name),
                parent=_dotted(parent.replace(".", "")) if is_code_parent else None,
            )
        )
    billable = sum(e.billable for e in entries)
    assert billable == EXPECTED_BILLABLE, billable
    assert len({e.code for e in entries}) == EXPECTED_CODES
    return entries


def collect_inclusion_terms() -> list[CodeTerm]:
    """The tabular list's inclusion terms ("Whiplash injury of cervical spine" under S13.4), each on
    its code's April 2026 row; a term that only repeats the code's title is left out."""
    icd = _package()
    terms: list[CodeTerm] = []
    for name in dict.fromkeys(icd.get_all_codes(True)):
        if not icd.is_category_or_subcategory(name):
            continue
        code = _dotted(name.replace(".", ""))
        title = " ".join(icd.get_description(name).split()).casefold()
        for text in icd.get_inclusion_term(name):
            term = " ".join(text.split())
            if term.casefold() != title:
                terms.append(CodeTerm(term, None, False, ((code, None),)))
    return terms


def read_everyday_terms(path: Path = EVERYDAY_TERMS) -> list[tuple[str, list[str], str]]:
    """The curated list's rows (term, codes, source), in file order; lines starting with # are notes."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != EVERYDAY_COLUMNS:
        raise SystemExit(f"{path}: the first row should name the columns {', '.join(EVERYDAY_COLUMNS)}")
    terms: list[tuple[str, list[str], str]] = []
    seen: set[str] = set()
    for row in rows[1:]:
        if len(row) != 3 or not all(cell.strip() for cell in row):
            raise SystemExit(f"{path}: {row!r} should be a term, its codes and its source, tab-separated")
        term, codes, source = (cell.strip() for cell in row)
        if term.casefold() in seen:
            raise SystemExit(f'{path}: "{term}" is listed twice')
        seen.add(term.casefold())
        terms.append((term, codes.split(), source))
    return terms


def check_common_massage_codes(terms: list[tuple[str, list[str], str]], path: Path = EVERYDAY_TERMS) -> None:
    """Stops the build when a code common in massage (app/domain/common_massage_codes.py: the picker
    offers them, a search ranks them first) is listed by no everyday term, so no word would find it."""
    for common in COMMON_MASSAGE_CODES:
        if not any(code == common or (code.endswith("-") and common.startswith(code[:-1]))
                   for _, codes, _ in terms for code in codes):  # fmt: skip
            raise SystemExit(f"{path}: no everyday term lists {common}, a code common in massage: add one")


def everyday_terms(entries: list[CodeEntry], path: Path = EVERYDAY_TERMS) -> list[CodeTerm]:
    """The curated everyday terms, each with the billable code rows it finds (of either release).

    "M54.3-" stands for every billable code under M54.3. A code or a "-" that finds no billable
    code in either release stops the build, naming the term.
    """
    billable: dict[str, list[CodeEntry]] = {}
    for entry in sorted(entries, key=lambda e: e.code):
        if entry.billable:
            billable.setdefault(entry.code, []).append(entry)
    terms: list[CodeTerm] = []
    for term, codes, source in read_everyday_terms(path):
        keys: list[tuple[str, date | None]] = []
        for code in codes:
            if code.endswith("-"):
                found = [e for c, rows in billable.items() if c.startswith(code[:-1]) for e in rows]
            else:
                found = billable.get(code, [])
            if not found:
                raise SystemExit(f'{path}: "{term}" points to {code}, which is billable in neither release')
            keys += [(e.code, e.first_date) for e in found if (e.code, e.first_date) not in keys]
        terms.append(CodeTerm(term, source, True, tuple(keys)))
    return terms


def read_addenda(path: Path = ADDENDA) -> str:
    """The FY2027 addenda's text, refused unless its bytes are the published ones."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != ADDENDA_SHA256:
        raise SystemExit(f"{path}: SHA-256 {digest}, not the published addenda ({ADDENDA_SHA256})")
    return raw.decode("ascii")


def both_releases(april: list[CodeEntry]) -> list[CodeEntry]:
    """April 2026's entries and FY2027's, each code once with the dates it is valid for (twice if it changed)."""
    before = {e.code.replace(".", ""): (e.description, e.billable) for e in april}
    after = apply_addenda(before, parse_addenda(read_addenda()))
    assert sum(b for _, b in after.values()) == EXPECTED_BILLABLE_2027
    assert sum(not b for _, b in after.values()) == EXPECTED_HEADERS_2027
    return next_release_entries(april, [RELEASE], after, FY2027)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    entries = both_releases(collect_entries())
    check_common_massage_codes(read_everyday_terms())
    terms = everyday_terms(entries) + collect_inclusion_terms()
    write_code_set(
        args.output,
        [RELEASE, FY2027],
        f"{PACKAGE} {PACKAGE_VERSION} (CDC/NCHS ICD-10-CM tabular, April 1, 2026)"
        f" and the CMS/NCHS FY2027 order-file addenda ({ADDENDA.name}, SHA-256 {ADDENDA_SHA256[:12]})",
        entries,
        terms,
    )
    size = args.output.stat().st_size
    everyday = sum(t.everyday for t in terms)
    print(
        f"{args.output}: {len(entries):,} rows, {everyday} everyday terms, {len(terms) - everyday:,}"
        f" inclusion terms, {size:,} bytes ({size / 1_048_576:.1f} MiB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
