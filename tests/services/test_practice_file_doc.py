"""docs/practice-file.md documents every field the importer takes, and no field it refuses."""

from __future__ import annotations

import re
from pathlib import Path

from app.services.practice_file.fields import FIELDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "practice-file.md"
_LABEL_WIDTH = 18  # the Shape block's labels sit in its first 18 columns, the fields after them


def documented_fields(text: str) -> dict[str, set[str]]:
    """Each record of the Shape block with the fields listed for it (children records included).

    A label indented under another is a list inside it (`visits[]` under `patients[]`); a word
    followed by `{...}` is a record written in place (`subscriber? {first_name, ...}`). The labels
    at the left margin are the document's own keys ("document"), but a record that is the type of
    fields elsewhere (`address`).
    """
    shape = text.split("## Shape", 1)[1].split("```")[1]
    records: dict[str, set[str]] = {}
    parents: list[tuple[int, str]] = []
    top_level: set[str] = set()
    current = ""
    bodies: dict[str, str] = {}
    for line in shape.splitlines():
        head, body = line[:_LABEL_WIDTH], line[_LABEL_WIDTH:]
        if head.strip():
            indent = len(head) - len(head.lstrip())
            current = head.strip().rstrip("?").removesuffix("[]")
            if indent == 0:
                top_level.add(current)
            while parents and parents[-1][0] >= indent:
                parents.pop()
            if parents:
                bodies[parents[-1][1]] = bodies.get(parents[-1][1], "") + f", {current}"
            parents.append((indent, current))
        bodies[current] = bodies.get(current, "") + " " + body
    for name, body in bodies.items():
        body = re.sub(r'"[^"]*"', "", body)  # choices and examples
        for inner_name, inner in re.findall(r"(\w+)\??\s*\{([^}]*)\}", body):
            records[inner_name] = _names(inner)
        body = re.sub(r"\{[^}]*\}|\([^)]*\)|\[[^\]]*\]", "", body)
        records[name] = _names(body)
    records["document"] = top_level - {field for fields in records.values() for field in fields}
    return records


def _names(listing: str) -> set[str]:
    return {
        m.group(1) for part in listing.split(",") if (m := re.match(r"\s*([a-z][a-z0-9_]*)\??\s*$", part))
    }


def test_every_field_the_importer_accepts_is_documented_in_docs_practice_file_md() -> None:
    documented = documented_fields(DOC.read_text(encoding="utf-8"))
    missing = {
        record: sorted(fields - documented.get(record, set()))
        for record, fields in FIELDS.items()
        if fields - documented.get(record, set())
    }
    assert missing == {}, "fields the importer takes that docs/practice-file.md does not list"
    extra = {
        record: sorted(documented[record] - fields)
        for record, fields in FIELDS.items()
        if documented.get(record, set()) - fields
    }
    assert extra == {}, "fields docs/practice-file.md lists that the importer refuses"


def test_the_document_parser_sees_a_field_left_out() -> None:
    text = DOC.read_text(encoding="utf-8").replace("unit_reason?, ", "")
    assert "unit_reason" not in documented_fields(text)["lines"]
