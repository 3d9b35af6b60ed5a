"""Reading JSON as the practice file wants it: a document whose repeated keys are refused, and
objects read key by key (text, dates, counts, dollars, choices), each problem naming its path in
the file, such as `patients[1].visits[0].lines[2].cpt`."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from app.domain.dates import DateError, parse_date
from app.domain.errors import ValidationError
from app.domain.money import MoneyError, parse_dollars
from app.domain.text_limits import text_limit
from app.store.reading import read_file

Json = dict[str, Any]
E = TypeVar("E", bound=StrEnum)


def json_document(path: Path, largest: int) -> object:
    """The file's JSON, read up to `largest` bytes; ValidationError naming the file otherwise."""
    raw = read_file(path, largest, "a practice file")
    try:
        text = raw.decode("utf-8-sig")
        del raw
        objects = _ObjectsChecked()
        document = json.loads(text, object_pairs_hook=objects)
    except UnicodeDecodeError:
        raise ValidationError(str(path), "is not UTF-8 text; save it as UTF-8 and try again") from None
    except json.JSONDecodeError as error:
        raise ValidationError(
            str(path), f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        # json raises this, not a JSONDecodeError, for lists or objects nested about a thousand deep
        raise ValidationError(
            str(path), "is not a practice file: it nests lists or objects too deeply"
        ) from None
    except ValueError as error:
        # a number with more than 4300 digits ("Exceeds the limit ... for integer string conversion")
        raise ValidationError(str(path), f"is not a practice file: {error}") from None
    if objects.repeated:
        try:
            _raise_first_repeated_key(document, "", str(path))
        except RecursionError:
            raise ValidationError(
                str(path), "is not a practice file: it nests lists or objects too deeply"
            ) from None
    return document


class _RepeatedKey(dict[str, object]):
    """An object in which a key appears twice: json alone would keep the last value, dropping the first."""

    def __init__(self, pairs: list[tuple[str, object]], key: str) -> None:
        super().__init__(pairs)
        self.key = key


class _ObjectsChecked:
    """json's object_pairs_hook: marks each object with a repeated key, whose path is known only later."""

    def __init__(self) -> None:
        self.repeated = False

    def __call__(self, pairs: list[tuple[str, object]]) -> dict[str, object]:
        document = dict(pairs)
        if len(document) == len(pairs):
            return document
        self.repeated = True
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                return _RepeatedKey(pairs, key)
            seen.add(key)
        raise AssertionError("unreachable: fewer keys than pairs means a key repeats")


def _raise_first_repeated_key(value: object, path: str, file: str) -> None:
    """Raise ValidationError for the first object, in the file's order, in which a key appears twice.

    The error names the object's path, or the file for the document itself."""
    if isinstance(value, _RepeatedKey):
        raise ValidationError(path or file, f'the key "{value.key}" appears twice: keep one of them')
    if isinstance(value, dict):
        for key, item in value.items():
            _raise_first_repeated_key(item, join_path(path, key_shown(key)), file)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _raise_first_repeated_key(item, f"{path}[{index}]", file)


# Counts (minutes, units, visits, days) above this are typing errors; SQLite's integers end at 2**63.
_LARGEST_COUNT = 99_999


def _check_unicode(text: str, path: str) -> None:
    """Refuse lone surrogates: JSON's \\ud800 escape makes them, UTF-8 and SQLite cannot hold them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError(
            path,
            f"holds a character that is not valid Unicode (position {error.start + 1}, a lone surrogate)",
        ) from None


class JsonObject:
    """A JSON object being read, with its path, refusing keys nobody asked for."""

    def __init__(self, value: object, path: str, allowed: set[str]) -> None:
        if not isinstance(value, dict):
            raise ValidationError(path or "file", "must be an object ({...})")
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise ValidationError(
                join_path(path, key_shown(unknown[0])),
                "is not a field of the practice file (check the spelling)",
            )
        self.value: Mapping[str, object] = value
        self.path = path

    def at(self, key: str) -> str:
        return join_path(self.path, key)

    def text(self, key: str) -> str:
        value = self.optional_text(key)
        if value is None:
            raise ValidationError(self.at(key), "is required")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.value.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValidationError(self.at(key), "must be text")
        _check_unicode(value, self.at(key))
        # Kept exactly as written, apart from surrounding spaces and Unicode normal form.
        cleaned = unicodedata.normalize("NFC", value.strip())
        limit = text_limit(key)
        if len(cleaned) > limit:
            raise ValidationError(
                self.at(key), f"is {len(cleaned)} characters long; at most {limit} are kept and printed"
            )
        return cleaned or None

    def day(self, key: str) -> date:
        value = self.optional_day(key)
        if value is None:
            raise ValidationError(self.at(key), "is required (a date such as 2026-09-09)")
        return value

    def optional_day(self, key: str) -> date | None:
        text = self.optional_text(key)
        if text is None:
            return None
        try:
            return parse_date(text)
        except DateError as error:
            raise ValidationError(self.at(key), str(error)) from None

    def whole_number(self, key: str, *, minimum: int = 0, maximum: int = _LARGEST_COUNT) -> int | None:
        value = self.value.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(self.at(key), "must be a whole number")
        if value < minimum:
            raise ValidationError(self.at(key), f"must be {minimum} or more")
        if value > maximum:
            raise ValidationError(self.at(key), f"must be {maximum} or less")
        return value

    def cents(self, key: str) -> int | None:
        value = self.value.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValidationError(self.at(key), 'must be a dollar amount written as text, such as "45.00"')
        try:
            cents = parse_dollars(value)
        except MoneyError as error:
            raise ValidationError(self.at(key), str(error)) from None
        if cents < 0:
            raise ValidationError(self.at(key), "cannot be negative")
        return cents

    def choice(self, key: str, kind: type[E], default: E | None = None) -> E:
        text = self.optional_text(key)
        if text is None:
            if default is None:
                raise ValidationError(self.at(key), f"is required: one of {_choices(kind)}")
            return default
        try:
            return kind(text)
        except ValueError:
            raise ValidationError(self.at(key), f'"{text}" is not one of {_choices(kind)}') from None

    def items(self, key: str, *, required: bool = False) -> list[tuple[object, str]]:
        value = self.value.get(key)
        if value is None:
            if required:
                raise ValidationError(self.at(key), "is required (a list)")
            return []
        if not isinstance(value, list):
            raise ValidationError(self.at(key), "must be a list ([...])")
        return [(item, f"{self.at(key)}[{index}]") for index, item in enumerate(value)]

    def texts(self, key: str, *, required: bool = False) -> list[tuple[str, str]]:
        result = []
        for item, path in self.items(key, required=required):
            if not isinstance(item, str) or not item.strip():
                raise ValidationError(path, "must be non-empty text")
            _check_unicode(item, path)
            result.append((item.strip(), path))
        return result

    def child(self, key: str, allowed: set[str]) -> JsonObject | None:
        value = self.value.get(key)
        return None if value is None else JsonObject(value, self.at(key), allowed)


def _choices(kind: type[StrEnum]) -> str:
    return ", ".join(f'"{member.value}"' for member in kind)


def key_shown(key: str) -> str:
    """A key as a field names it; an empty key or one with spaces around it quoted, so it can be seen."""
    return key if key and key == key.strip() else json.dumps(key, ensure_ascii=False)


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
