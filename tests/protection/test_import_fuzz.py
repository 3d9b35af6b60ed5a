"""Bad practice files, systematically: `superbill import` ends in success or in one line naming a field.

Hypothesis mutates the sample practice file (tests/data/sample-practice.json, a copy of
tests/data/sample-practice.json): keys dropped or added, values swapped for other JSON types,
garbage, huge or odd Unicode text, negative numbers, float money, bad dates, duplicate ids, empty
lists, deep nesting; and it feeds the raw bytes of broken files (truncated JSON, random bytes,
UTF-16, a BOM). Each case runs the real CLI in-process against a real data folder that already
holds the sample practice. Every case must end either

- with exit status 0, or
- with exit status 2, exactly one stderr line ``error: <field>: <message>`` whose field is a path
  in the document (``patients[0].visits[1].date``), a key of an object in it, or the file itself,
  and the database byte for byte as it was (sqlite3 ``iterdump``);

and never with a traceback. ``SUPERBILL_FUZZ_EXAMPLES`` raises the budget (tools/fuzz_figures.py).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import shutil
import sqlite3
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "data" / "sample-practice.json"
SAMPLE: dict[str, Any] = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
SAMPLE_BYTES = SAMPLE_PATH.read_bytes()

# One profile for every fuzz test: a fixed budget, no deadline (the first case pays for imports),
# derandomized so CI runs the same cases every time. The autouse data-folder fixture only sets an
# environment variable; every case passes --data-dir itself, so sharing it across cases is safe.
EXAMPLES = int(os.environ.get("SUPERBILL_FUZZ_EXAMPLES", "300"))
settings.register_profile(
    "protection",
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
FUZZ = settings.get_profile("protection")


@dataclass
class Stats:
    """What the fuzzers saw, for tools/fuzz_figures.py: cases run and tracebacks (must stay 0)."""

    cases: int = 0
    tracebacks: int = 0
    by_exit: dict[int, int] = field(default_factory=dict)


STATS = Stats()


@dataclass(frozen=True)
class Outcome:
    status: int
    stdout: str
    stderr: str


def run_cli(*argv: str) -> Outcome:
    """The real `superbill` entry point in-process; any exception escaping it is a traceback: a failure."""
    out, err = io.StringIO(), io.StringIO()
    STATS.cases += 1
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(list(argv))
    except BaseException:
        STATS.tracebacks += 1
        pytest.fail(f"superbill {' '.join(argv)[:300]} raised instead of exiting:\n{traceback.format_exc()}")
    STATS.by_exit[status] = STATS.by_exit.get(status, 0) + 1
    return Outcome(status, out.getvalue(), err.getvalue())


def database_dump(data_dir: Path) -> list[str]:
    connection = sqlite3.connect(data_dir / "practice.sqlite3")
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def single_error_line(outcome: Outcome) -> str:
    """The one stderr line of a refused command, checked to be one printable line."""
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1 and outcome.stderr == lines[0] + "\n", f"not one line: {outcome.stderr[:500]!r}"
    line = lines[0]
    assert line.startswith("error: "), line[:300]
    line.encode("utf-8")  # a terminal must be able to print it (no lone surrogates)
    assert "Traceback" not in line
    return line


# -- paths in a document ------------------------------------------------------------

Key = str | int
JsonPath = tuple[Key, ...]

FIELD_NAMES = {
    "format", "practitioner", "fees", "payers", "patients", "first_name", "last_name", "credentials",
    "practice_name", "npi", "organization_npi", "tax_id", "tax_id_type", "license_number",
    "license_state", "taxonomy", "address", "phone", "email", "default_place_of_service", "id", "name",
    "kind", "unit_rule", "filing_limit_days", "date_of_birth", "sex", "coverages", "prescriptions",
    "visits", "payments", "payer", "member_id", "group_number", "relationship", "subscriber",
    "claim_number", "injury_date", "employer", "accident_state", "adjuster", "authorization_number",
    "annual_visit_limit", "prescriber_name", "prescriber_credentials", "prescriber_npi", "written_on",
    "starts_on", "expires_on", "authorized_visits", "frequency", "body_areas", "diagnoses", "notes",
    "date", "place_of_service", "coverage", "prescription", "lines", "cpt", "minutes", "units",
    "unit_reason", "modifiers", "pointers", "body_region", "fee", "amount", "method", "reference",
    "line1", "line2", "city", "state", "zip",
}  # fmt: skip


def nodes(value: object, path: JsonPath = ()) -> Iterator[tuple[JsonPath, object]]:
    """Every node of a JSON value with its path, depth first (iterative: fuzzed documents nest deeply).

    The value must be a tree, as parsed JSON is. A list or object met twice is a mutation's bug (it
    put a node in a second place, not a copy), and one inside itself would make this walk endless:
    `list(nodes(...))` then grew until the machine ran out of memory. Both fail here at once instead.
    """
    seen: set[int] = set()
    stack: list[tuple[JsonPath, object]] = [(path, value)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if isinstance(value, dict | list):
            if id(value) in seen:
                raise AssertionError(f"a mutation put one node in two places; again at {path[:12]}")
            seen.add(id(value))
        if isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in reversed(list(enumerate(value))))


def printable(text: str) -> str:
    """As the importer shows a field: control characters and lone surrogates escaped."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _texts(document: object) -> Iterator[tuple[str, object]]:
    """Each node's path as the importer writes it ("patients[0].visits[1].date"), built parent to child."""
    stack: list[tuple[str, object]] = [("", document)]
    while stack:
        text, value = stack.pop()
        yield text, value
        if isinstance(value, dict):
            for key, item in value.items():
                shown = key if key and key == key.strip() else json.dumps(key, ensure_ascii=False)
                stack.append((f"{text}.{shown}" if text else shown, item))
        elif isinstance(value, list):
            stack.extend((f"{text}[{index}]", item) for index, item in enumerate(value))


def assert_names_a_field(line: str, document: object, file: Path) -> None:
    """The field is the file, a node of the document, or a field of the format inside one of its objects."""
    rest = line.removeprefix("error: ")

    def is_named(name: str) -> bool:
        return rest.startswith(f"{name}: ") and len(rest) > len(name) + 2

    if is_named("file") or is_named(str(file)):
        return
    for text, value in _texts(document):
        shown = printable(text)
        if not rest.startswith(shown):
            continue
        if shown and is_named(shown):
            return
        if isinstance(value, dict) and (not shown or rest[len(shown) : len(shown) + 1] == "."):
            after = rest[len(shown) + 1 :] if shown else rest
            if any(is_named_after(after, name) for name in FIELD_NAMES):
                return
    pytest.fail(f"names no field of the document: {line[:300]}")


def is_named_after(after: str, name: str) -> bool:
    return after.startswith(f"{name}: ") and len(after) > len(name) + 2


# -- mutations -----------------------------------------------------------------------

BAD_DATES = ["2026-02-30", "2026-9-9", "09/09/2026", "", " ", "2026-13-01", "0000-01-01", "9999-12-31",
             "2026-09-09T10:00", "20260909", "2026-09-09 ", "２０２６-０９-０９", "yesterday"]  # fmt: skip
NEAR_MISSES = [
    "M54.5", "S13.4", "m54.50", "M54.50.1", "97124 ", "9712", "971240", "A", "Z", "M", "l", "99", "00", "1",
    "1234567890", "1558598798", "XX", "wa", "9810", "98109-", "98109-12345", "SSN", "ein", "-45.00",
    "45.5", "45.001", "$45.00", "1,000.00", "999999999.99", "9999999999.00", "1e3", "NaN", "0.00",
    "cms_8_minute", "self", "child", "card", "premera", "cov-1", "rx-1", "pt-0001", "v-1", "pay-1",
]  # fmt: skip


def huge_text() -> st.SearchStrategy[str]:
    return st.builds(lambda piece, n: piece * n, st.text(min_size=1, max_size=3), st.integers(300, 30_000))


ODD_TEXT = st.sampled_from(
    ["\ud800", "a\udfffb", "\x00", "line\nbreak", "tab\there", "\u202eevil", "Zoë", "ｗｉｄｅ", "🙂" * 40,
     "e\u0301", "\r\n", " ", "\u200b", "'; DROP TABLE patients; --", "%s%n", "{}", "null"]
)  # fmt: skip


def json_values(depth: int = 2) -> st.SearchStrategy[object]:
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.integers(-5, 5),
        st.floats(allow_nan=True, allow_infinity=True),
        st.floats(0, 10_000).map(lambda x: round(x, 2)),
        st.text(max_size=20),
        st.sampled_from(BAD_DATES),
        st.sampled_from(NEAR_MISSES),
        ODD_TEXT,
        huge_text(),
    )
    if depth <= 0:
        return leaves
    inner = json_values(depth - 1)
    return st.one_of(
        leaves, st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    )


VALUES = json_values()
KEYS = st.one_of(st.sampled_from(sorted(FIELD_NAMES)), st.text(max_size=12), ODD_TEXT)


def _parent(document: object, path: JsonPath) -> Any:
    node: Any = document
    for key in path[:-1]:
        node = node[key]
    return node


def _set(document: object, path: JsonPath, value: object) -> object:
    if not path:
        return value
    _parent(document, path)[path[-1]] = value
    return document


def _id_values(document: object) -> list[object]:
    return [value.get("id") for _, value in nodes(document) if isinstance(value, dict) and "id" in value]


Mutation = Callable[[st.DrawFn, object, JsonPath, object], object]


def drop(draw: st.DrawFn, document: object, path: JsonPath, node: object) -> object:
    if not path:
        return document
    del _parent(document, path)[path[-1]]
    return document


def add_unknown_key(draw: st.DrawFn, document: object, path: JsonPath, node: object) -> object:
    if isinstance(node, dict):
        node[draw(KEYS)] = draw(VALUES)
    return document


def replace_value(draw: st.DrawFn, document: object, path: JsonPath, node: object) -> object:
    return _set(document, path, draw(VALUES))


def swap_for_another_value(draw: st.DrawFn, document: object, path: JsonPath, node: object) -> object:
    """A value from elsewhere in the sample: right type, wrong place (a payer id as a date, ...)."""
    leaves = [value for _, value in nodes(SAMPLE) if not isinstance(value, dict | list)]
    return _set(document, path, draw(st.sampled_from(leaves)))


def duplicate(draw: st.DrawFn, document: object, path: JsonPath, node: object) -> object:
    """A list item twice, or an id reused from another record.

    Both are copies: after `nest` an id can be an object holding this very node, and reusing it
    as it is made the document contain itself.
    """
    if isinstance(node, dict) and "id" in node:
        node["id"] = copy.deepcopy(draw(st.sampled_from(_id_values(document))))
    elif path and isinstance(parent := _parent(document, path), list):
        parent.insert(draw(st.integers(0, len(parent))), copy.deepcopy(node))
    return document


def empty(draw: st.DrawFn, document: object, path: JsonPath, node: object) -> object:
    if isinstance(node, list | dict | str):
        return _set(document, path, type(node)())
    return document


def nest(draw: st.DrawFn, document: object, path: JsonPath, node: object) -> object:
    depth = draw(st.integers(1, 200))
    wrapped: object = node
    as_list = draw(st.booleans())
    for _ in range(depth):
        wrapped = [wrapped] if as_list else {"id": wrapped}
    return _set(document, path, wrapped)


EXTREME_NUMBERS = [0, -1, -(10**12), 2**31, 2**63, 10**30, 10**300, 1.5, 45.0, -0.0, 1e308]
EXTREME_TEXTS: list[Callable[[str], str]] = [
    lambda text: text + "\ud800",  # a lone surrogate: JSON allows the escape, UTF-8 and SQLite do not
    lambda text: "\udfff" + text,
    lambda text: (text * (20_000 // max(len(text), 1) + 1))[:20_000],  # very long text (20,000 characters)
    lambda text: text + "\n" + text,
    lambda text: text + "\x00",
    lambda text: f"  {text}\t",
    lambda text: "",
    lambda text: text.upper(),
    lambda text: "\u202e" + text + "🙂",
    lambda text: "-" + text,
]


def extreme_of_its_type(draw: st.DrawFn, document: object, path: JsonPath, node: object) -> object:
    """The same JSON type pushed to an extreme: a huge or negative number, a surrogate or a huge text."""
    if isinstance(node, bool) or node is None:
        return _set(document, path, not node)
    if isinstance(node, int | float):
        return _set(document, path, draw(st.sampled_from(EXTREME_NUMBERS)))
    if isinstance(node, str):
        return _set(document, path, draw(st.sampled_from(EXTREME_TEXTS))(node))
    if isinstance(node, list):  # its items repeated, each a copy, so the document stays a tree
        return _set(document, path, [copy.deepcopy(item) for item in node * draw(st.integers(2, 6))])
    return add_unknown_key(draw, document, path, node)


MUTATIONS: list[Mutation] = [
    drop, add_unknown_key, replace_value, replace_value, swap_for_another_value, duplicate, empty, nest,
    extreme_of_its_type, extreme_of_its_type, extreme_of_its_type,
]  # fmt: skip


@st.composite
def mutated_documents(draw: st.DrawFn) -> object:
    document: object = copy.deepcopy(SAMPLE)
    for _ in range(draw(st.integers(1, 3))):
        path, node = draw(st.sampled_from(list(nodes(document))))
        mutation = draw(st.sampled_from(MUTATIONS))
        document = mutation(draw, document, path, node)
    return document


def encoded(document: object, ascii_only: bool) -> bytes:
    # Lone surrogates survive as \\ud800 escapes with ensure_ascii; as raw bytes they are not UTF-8.
    return json.dumps(document, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


@st.composite
def broken_files(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return SAMPLE_BYTES[: draw(st.integers(0, len(SAMPLE_BYTES) - 1))]
    if choice == 1:
        return draw(st.binary(max_size=400))
    if choice == 2:
        encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"]))
        return SAMPLE_BYTES.decode("utf-8").encode(encoding, "replace")
    if choice == 3:
        bom = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf"]))
        return bom + SAMPLE_BYTES
    if choice == 4:
        depth = draw(st.integers(100, 200_000))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        return (opener * depth + "1" + closer * depth).encode()
    if choice == 5:
        return draw(
            st.sampled_from(
                [b"", b" ", b"null", b"[]", b"{}", b'"superbill/1"', b"1e999999", b"NaN", b"-Infinity",
                 b"1" * 5000, b'{"format": "superbill/1", "patients": [{"id": 1' + b"0" * 5000 + b"}]}",
                 b'{"format": "superbill/1"}', b'{"format": "superbill/1", "format": "superbill/2"}']
            )
        )  # fmt: skip
    if choice == 6:
        position = draw(st.integers(0, len(SAMPLE_BYTES)))
        junk = draw(st.binary(min_size=1, max_size=8))
        return SAMPLE_BYTES[:position] + junk + SAMPLE_BYTES[position:]
    if choice == 7:
        position = draw(st.integers(0, len(SAMPLE_BYTES) - 1))
        return SAMPLE_BYTES[:position] + SAMPLE_BYTES[position + 1 :]
    if choice == 8:
        return SAMPLE_BYTES.replace(b"\n", b"\r\n").replace(
            b'"', draw(st.sampled_from([b"'", b"\xe2\x80\x9c"]))
        )
    return encoded(draw(mutated_documents()), draw(st.booleans()))


# -- the tests -----------------------------------------------------------------------


class Folder:
    """A data folder holding the sample practice; each case starts from a fresh copy of it, so cases
    are independent (a failure replays alone) and successful imports do not pile up."""

    def __init__(self, root: Path) -> None:
        self.template = root / "template"
        self.data_dir = root / "data"
        self.file = root / "practice.json"
        imported = run_cli("--data-dir", str(self.template), "import", str(SAMPLE_PATH))
        assert imported.status == 0, imported.stderr

    def fresh(self) -> None:
        shutil.rmtree(self.data_dir, ignore_errors=True)
        shutil.copytree(self.template, self.data_dir)

    def check_import(self, content: bytes, document: object) -> None:
        self.fresh()
        self.file.write_bytes(content)
        before = database_dump(self.data_dir)
        outcome = run_cli("--data-dir", str(self.data_dir), "import", str(self.file))
        assert outcome.status in (0, 2), (outcome.status, outcome.stderr[:500])
        if outcome.status == 2:
            assert_names_a_field(single_error_line(outcome), document, self.file)
            assert database_dump(self.data_dir) == before, "a refused import changed the database"
        else:
            assert outcome.stderr == ""
            assert outcome.stdout.startswith("Imported ")


@pytest.fixture(scope="module")
def folder() -> Iterator[Folder]:
    with tempfile.TemporaryDirectory(prefix="superbill-fuzz-") as root:
        yield Folder(Path(root))


def test_the_unmutated_sample_imports_again(folder: Folder) -> None:
    folder.check_import(SAMPLE_BYTES, SAMPLE)
    assert run_cli("--data-dir", str(folder.data_dir), "import", str(SAMPLE_PATH)).status == 0


@FUZZ
@given(document=mutated_documents(), ascii_only=st.booleans())
def test_a_mutated_practice_file_imports_or_is_refused_naming_a_field(
    folder: Folder, document: object, ascii_only: bool
) -> None:
    folder.check_import(encoded(document, ascii_only), document)


@FUZZ
@given(content=broken_files())
def test_a_broken_file_imports_or_is_refused_naming_the_file_or_a_field(
    folder: Folder, content: bytes
) -> None:
    try:
        document: object = json.loads(content.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        document = None
    folder.check_import(content, document)


def test_a_missing_file_and_a_folder_are_refused_naming_the_file(folder: Folder, tmp_path: Path) -> None:
    folder.fresh()
    for path in (tmp_path / "no-such-file.json", tmp_path):
        outcome = run_cli("--data-dir", str(folder.data_dir), "import", str(path))
        assert outcome.status == 2
        assert single_error_line(outcome).startswith(f"error: {path}: ")
