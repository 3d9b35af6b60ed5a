"""Bad CDC order files, systematically: `superbill codes import-icd` loads the release or names the line.

Hypothesis mutates a small valid order file written in the exact fixed-width layout (order number
1-5, code 7-13, billable flag 15, short description 17-76, long description from 78): characters
changed at any column, lines cut short or run long, flags and codes garbled, lines dropped,
repeated or added, other encodings and line ends, empty files and random bytes. Each case runs the
real CLI in-process. Every case ends with exit status 0, or with exit status 2 and one stderr line
``error: line N: ...`` (N a line of the file) or ``error: fiscal year: ...``, and then the codes folder
holds exactly what it held before: no new file, no half-written one, nothing changed.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.codes.test_order_file_import import order_file_lines
from tests.protection.test_import_fuzz import FUZZ, run_cli, single_error_line

VALID_LINES = order_file_lines()
NAME = "icd10cm-order-2028.txt"  # the year after the shipped FY2027
CODE_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .xé\t-"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under the folder with a hash of its bytes."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@st.composite
def mutated_lines(draw: st.DrawFn) -> list[str]:
    lines = list(VALID_LINES)
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            lines.append(draw(st.text(max_size=120)))
            continue
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        kind = draw(st.integers(0, 9))
        if kind == 0:  # one character changed at any column (the layout's own columns are likely)
            column = draw(
                st.one_of(st.sampled_from([0, 4, 5, 6, 12, 13, 14, 15, 16, 75, 76, 77]), st.integers(0, 90))
            )
            column = min(column, len(line) - 1)
            character = draw(st.one_of(st.sampled_from(list(CODE_CHARACTERS)), st.characters()))
            lines[index] = line[:column] + character + line[column + 1 :]
        elif kind == 1:  # cut short or run long
            lines[index] = line[: draw(st.integers(0, len(line)))]
        elif kind == 2:
            lines[index] = line + draw(st.text(max_size=300))
        elif kind == 3:  # a column inserted or removed: every later field shifts
            column = draw(st.integers(0, len(line)))
            lines[index] = line[:column] + draw(st.sampled_from([" ", "", "0", "\t"])) + line[column + 1 :]
        elif kind == 4:  # the billable flag
            lines[index] = line[:14] + draw(st.sampled_from(["2", "Y", " ", "-", "١", "1", "0"])) + line[15:]
        elif kind == 5:  # the code
            code = draw(st.text(alphabet=CODE_CHARACTERS, max_size=9)).ljust(7)[:7]
            lines[index] = line[:6] + code + line[13:]
        elif kind == 6:
            del lines[index]
        elif kind == 7:
            lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(lines)))
        elif kind == 8:
            lines.insert(draw(st.integers(0, len(lines))), draw(st.text(max_size=120)))
        else:  # the descriptions
            short = draw(st.text(max_size=70))
            long = draw(st.one_of(st.text(max_size=40), st.just("x" * 20_000)))
            lines[index] = line[:16] + short.ljust(60)[:60] + " " + long
    return lines


@st.composite
def order_files(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 5))
    if choice == 0:
        return draw(st.binary(max_size=600))
    if choice == 1:
        return draw(st.sampled_from([b"", b"\n", b"\r\n\r\n", b" " * 80, b"\xef\xbb\xbf", b"\x00" * 100]))
    lines = draw(mutated_lines()) if choice < 5 else list(VALID_LINES)
    ending = draw(st.sampled_from(["\r\n", "\n", "\r", "\u2028"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le"]))
    return (ending.join(lines) + ending).encode(
        encoding,
        errors=draw(st.sampled_from(["replace", "surrogatepass"]))
        if encoding.startswith("utf")
        else "replace",
    )


class CodesFolder:
    def __init__(self, root: Path) -> None:
        self.data_dir = root / "data"
        self.file = root / NAME
        self.codes = self.data_dir / "codes"

    def check(self, content: bytes, *extra: str, dry_run: bool = True) -> int:
        """Import ``content``; with ``dry_run`` (the fuzz cases: a whole load takes seconds) only previewed."""
        self.file.write_bytes(content)
        extra = (*extra, "--dry-run") if dry_run else extra
        line_count = content.count(b"\n") + content.count(b"\r") + 1  # lines end at CR LF, LF or CR
        before = snapshot(self.codes)
        outcome = run_cli("--data-dir", str(self.data_dir), "codes", "import-icd", str(self.file), *extra)
        assert outcome.status in (0, 2), (outcome.status, outcome.stderr[:500])
        if outcome.status == 2:
            line = single_error_line(outcome)
            match = re.match(r"error: line (\d+): .", line)
            assert match or line.startswith(("error: fiscal year: ", f"error: {self.file}: ")), line[:300]
            if match:
                assert 1 <= int(match.group(1)) <= line_count, line[:300]
            assert snapshot(self.codes) == before, "a refused import left a file behind or changed one"
        elif dry_run:
            assert outcome.stdout.startswith("ICD-10-CM FY2028"), outcome.stdout
            assert snapshot(self.codes) == before, "a preview changed the codes folder"
        else:
            assert "Loaded ICD-10-CM FY2028" in outcome.stdout, outcome.stdout
            assert sorted(snapshot(self.codes)) == ["icd10cm-FY2028.sqlite"], "stray files after an import"
        return outcome.status


@pytest.fixture(scope="module")
def codes_folder() -> Iterator[CodesFolder]:
    with tempfile.TemporaryDirectory(prefix="superbill-order-fuzz-") as root:
        yield CodesFolder(Path(root))


def test_the_valid_file_loads(codes_folder: CodesFolder) -> None:
    assert codes_folder.check(("\r\n".join(VALID_LINES) + "\r\n").encode(), dry_run=False) == 0


@FUZZ
@given(content=order_files())
def test_a_mutated_order_file_loads_or_is_refused_naming_the_line(
    codes_folder: CodesFolder, content: bytes
) -> None:
    codes_folder.check(content)


@FUZZ
@given(
    content=order_files(), year=st.sampled_from(["0", "-1", "2014", "2101", "99999999999999999999", "2027"])
)
def test_an_odd_fiscal_year_is_refused_naming_it(
    codes_folder: CodesFolder, content: bytes, year: str
) -> None:
    codes_folder.check(content, "--fiscal-year", year)


def test_a_missing_file_or_a_folder_is_refused_naming_the_file(
    codes_folder: CodesFolder, tmp_path: Path
) -> None:
    for path in (tmp_path / NAME, tmp_path / "icd10cm-order-2028"):
        if path.suffix == "":
            path.mkdir()
        before = snapshot(codes_folder.codes)
        outcome = run_cli("--data-dir", str(codes_folder.data_dir), "codes", "import-icd", str(path))
        assert outcome.status == 2
        assert single_error_line(outcome).startswith(f"error: {path}: ")
        assert snapshot(codes_folder.codes) == before
