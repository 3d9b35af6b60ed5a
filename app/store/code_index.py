"""The ICD-10-CM code set the app uses: lookups and search over a read-only release file, and importing newer releases.

The app ships two releases in one file (resources/codes/icd10cm-2026-04-fy2027.sqlite: April 2026
and FY2027, built by tools/build_icd_index.py), each code valid for the dates of service of its
releases; a newer one is imported from the CDC's fixed-width order file into ``<data_dir>/codes/``, and
``open_code_index`` opens the newest of them.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from itertools import islice
from pathlib import Path
from types import TracebackType

from app.domain.common_massage_codes import COMMON_MASSAGE_CODES
from app.domain.dates import parse_date
from app.domain.diagnoses import CodeRelease, DiagnosisCode
from app.resources import resource_path
from app.store.code_set_schema import SCHEMA_VERSION
from app.store.errors import StoreError
from app.store.paths import IMPORTED_FOLDER

SHIPPED_FILE = ("codes", "icd10cm-2026-04-fy2027.sqlite")
_IMPORTED_PATTERN = "icd10cm-FY*.sqlite"

_COMPACT_CODE = re.compile(r"^[A-Z][0-9A-Z]{2,6}$")
# A search text that may be the start of a code: a letter, then letters and digits with at least one
# digit ("M5", "m54.5", "S134", "QA0"), or a single letter (a chapter's letter).
_CODE_PREFIX = re.compile(r"^[A-Z](?=[0-9A-Z]*[0-9])[0-9A-Z]{1,6}$|^[A-Z]$")
_WORD = re.compile(r"\w+")
# A fragment that starts more words than this is asked as an FTS5 prefix query instead.
_MAX_EXPANSION = 16
# More codes than one everyday term can list (M26.6- lists 25).
_MAX_TERM_CODES = 10_000
# How many (term, code) rows a word search reads per code it returns: everyday terms share codes
# ("low back pain", "lumbago"), so the ones further down the list still get their turn.
_TERM_ROWS_PER_HIT = 4
_HIGHEST_CHARACTER = "\U0010ffff"
# Above every character a code can hold ([0-9A-Z.]): "M54" <= code < "M54" + _AFTER covers M54 and M54.*.
_AFTER = "\x7f"
_COLUMNS = "code, description, billable, first_date, last_date"
# A row valid on the date of service :day (ISO); NULL dates are open ends (code_set_schema).
_VALID = "(first_date IS NULL OR first_date <= :day) AND (last_date IS NULL OR last_date >= :day)"
# The same, or any row when :day is NULL (a search over every release).
_VALID_OR_ANY = f"(:day IS NULL OR ({_VALID}))"
# Where each code common in massage stands in its one list: a word search ranks these before the
# other codes the everyday terms list (whose ranks, _list_rank, start at _MAX_TERM_CODES).
_COMMON_RANK = {code: place for place, code in enumerate(COMMON_MASSAGE_CODES)}


# A code row a word search found: id, code, description, billable, first_date, last_date, then the
# term that found it, its source, and its place in the curated list (NULL for a title or inclusion term).
_Row = tuple[int, str, str, int, str | None, str | None, str | None, str | None, int | None]


class CodeSetFileError(StoreError):
    """A code-set file that cannot be used: missing, not a code set, or written by another version."""


def compact_code(text: str) -> str | None:
    """'m54.50 ' -> 'M5450'; None when the text cannot be an ICD-10-CM code."""
    compact = text.strip().upper().replace(".", "")
    return compact if _COMPACT_CODE.match(compact) else None


def dotted_code(compact: str) -> str:
    """'M5450' -> 'M54.50'; a three-character category has no dot."""
    return compact if len(compact) <= 3 else f"{compact[:3]}.{compact[3:]}"


def _fts_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _starts_with(description: str, words: list[str]) -> bool:
    """Whether the description's first words are ``words``, the last one as a fragment."""
    # Only the first words are folded: this runs for every row a word search reads.
    leading = [_fold(match.group()) for match in islice(_WORD.finditer(description), len(words))]
    return len(leading) == len(words) and leading[:-1] == words[:-1] and leading[-1].startswith(words[-1])


def _list_rank(term_id: int, position: int) -> int:
    """Where a code stands in the curated everyday list: its term's place, then its place in the term.

    (IcdIndex._term_rows computes the same in SQL.)
    """
    return term_id * _MAX_TERM_CODES + position


def _fold(word: str) -> str:
    """Lower case without diacritics, as the index's unicode61 tokenizer stores words ("Ménière" -> "meniere")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class IcdIndex:
    """A code-set file of one or more releases, opened read-only. Implements app.domain.diagnoses.DiagnosisCodes.

    Methods taking ``on`` (a date of service) answer from the release in force on it; without it,
    from the newest release (``lookup``: the code's latest entry; ``search``: every release).
    """

    def __init__(self, path: Path, *, immutable: bool = False) -> None:
        """Open ``path`` read-only; ``immutable`` also tells SQLite that nothing else changes it (the shipped file)."""
        if not path.is_file():
            raise CodeSetFileError(f"{path}: no such code-set file")
        self.path = path
        uri = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
        self._db = sqlite3.connect(uri, uri=True)
        try:
            (schema_version,) = self._db.execute("PRAGMA user_version").fetchone()
            if schema_version != SCHEMA_VERSION:
                raise CodeSetFileError(
                    f"{path}: code-set format {schema_version}, this version of the app reads {SCHEMA_VERSION}"
                )
            rows = self._db.execute(
                "SELECT name, first_date, last_date FROM code_release ORDER BY first_date"
            ).fetchall()
            if not rows:
                raise CodeSetFileError(f"{path}: not a code-set file (it names no release)")
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise CodeSetFileError(f"{path}: not a code-set file ({error})") from error
        except CodeSetFileError:
            self._db.close()
            raise
        self._releases = tuple(
            CodeRelease(name=name, first_date=parse_date(first), last_date=parse_date(last))
            for name, first, last in rows
        )
        self._counts: dict[tuple[str, date], int] = {}
        # The codes the everyday terms list, by where they first appear in the curated list
        # (_list_rank). A word search puts them before the rest, the codes common in massage first.
        self._listed_rank: dict[str, int] = {}
        # Everyday terms have the first row ids (1 to this), inclusion terms the rest.
        (self._everyday_terms,) = self._db.execute("SELECT count(*) FROM terms WHERE everyday").fetchone()
        for code, term, position in self._db.execute(
            "SELECT c.code, t.id, l.position FROM terms AS t JOIN term_codes AS l ON l.term = t.id"
            " JOIN codes AS c ON c.id = l.code_id WHERE t.everyday ORDER BY t.id, l.position"
        ):
            self._listed_rank.setdefault(code, _list_rank(term, position))

    @staticmethod
    def common_in_massage() -> tuple[str, ...]:
        """The codes a word search lists first, in their order: the codes common in massage."""
        return tuple(sorted(_COMMON_RANK, key=_COMMON_RANK.__getitem__))

    @property
    def release(self) -> CodeRelease:
        """The newest release the file holds."""
        return self._releases[-1]

    @property
    def releases(self) -> tuple[CodeRelease, ...]:
        """Every release the file holds, oldest first."""
        return self._releases

    def release_on(self, day: date) -> CodeRelease:
        """The release in force on ``day``: the first one for an earlier date, the newest for a later one."""
        in_force = self._releases[0]
        for release in self._releases:
            if release.first_date <= day:
                in_force = release
        return in_force

    def _day(self, on: date | None) -> date:
        """The date whose rows answer for ``on``: ``on`` moved into the release in force on it."""
        if on is None:
            return self.release.first_date
        release = self.release_on(on)
        return min(max(on, release.first_date), release.last_date)

    def _entry(self, row: tuple[str, str, int, str | None, str | None]) -> DiagnosisCode:
        code, description, billable, first, last = row
        return DiagnosisCode(
            code,
            description,
            bool(billable),
            first_date=parse_date(first) if first else self._releases[0].first_date,
            last_date=parse_date(last) if last else self.release.last_date,
        )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> IcdIndex:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"IcdIndex({self.release.name!r}, {str(self.path)!r})"

    def _count(self, condition: str, on: date | None) -> int:
        day = self._day(on)
        key = (condition, day)
        if key not in self._counts:
            (self._counts[key],) = self._db.execute(
                f"SELECT count(*) FROM codes WHERE {condition} AND {_VALID}", {"day": day.isoformat()}
            ).fetchone()
        return self._counts[key]

    def count(self, on: date | None = None) -> int:
        """How many code entries the release in force on ``on`` holds (the newest without it), billable or not."""
        return self._count("1", on)

    def billable_count(self, on: date | None = None) -> int:
        return self._count("billable", on)

    def lookup(self, code: str, on: date | None = None) -> DiagnosisCode | None:
        """The entry for a code, dotted or not, any case ("m5450"), on a date of service.

        None when the release in force on ``on`` lacks it. Without ``on``: the code's latest entry
        in any release, so a retired code still has its title (its ``last_date`` says it retired).
        """
        compact = compact_code(code)
        if compact is None:
            return None
        if on is None:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM codes WHERE code = ? ORDER BY coalesce(first_date, '') DESC LIMIT 1",
                (dotted_code(compact),),
            ).fetchone()
        else:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM codes WHERE code = :code AND {_VALID}",
                {"code": dotted_code(compact), "day": self._day(on).isoformat()},
            ).fetchone()
        return None if row is None else self._entry(row)

    def parent(self, code: str, on: date | None = None) -> DiagnosisCode | None:
        """The entry one level up (M54.50 -> M54.5); None for a category such as M54, or an unknown code."""
        compact = compact_code(code)
        if compact is None:
            return None
        row = self._db.execute(
            f"SELECT parent FROM codes WHERE code = :code AND {_VALID}",
            {"code": dotted_code(compact), "day": self._day(on).isoformat()},
        ).fetchone()
        if row is None and on is None:
            row = self._db.execute(
                "SELECT parent FROM codes WHERE code = ? ORDER BY coalesce(first_date, '') DESC LIMIT 1",
                (dotted_code(compact),),
            ).fetchone()
        return None if row is None or row[0] is None else self.lookup(row[0], on)

    def billable_children(self, code: str, on: date | None = None) -> list[DiagnosisCode]:
        """The billable codes under a non-billable one, in code order (M54.5 -> M54.50, M54.51, M54.59).

        Empty for a billable code and for a code the release lacks. Without ``on``: the newest release.
        """
        compact = compact_code(code)
        if compact is None:
            return []
        dotted = dotted_code(compact)
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM codes"
            f" WHERE code > :low AND code < :high AND billable = 1 AND {_VALID} ORDER BY code",
            {"low": dotted, "high": dotted + _AFTER, "day": self._day(on).isoformat()},
        )
        return [self._entry(row) for row in rows]

    def search(self, text: str, limit: int = 50, on: date | None = None) -> list[DiagnosisCode]:
        """Codes matching what a user typed in a picker, best first, at most ``limit``.

        With ``on``, only the codes of the release in force on that date of service; without it,
        the codes of every release the file holds, each once (its ``first_date``/``last_date`` say
        when it is valid; of two versions the words both find, the newer unless only
        the older is billable).

        Text shaped like the start of a code ("M54", "m54.5", "S134") finds that code first, then the
        codes under it (billable first, in code order). Words find codes whose title, everyday term
        ("neck pain", "TMJ") or inclusion term ("Whiplash injury of cervical spine") holds a word
        starting with each of them ("low back", "myal"); a hit found by a term says so in
        ``matched``. Order: billable codes first; within each, the codes the everyday terms list
        before the rest; then titles or terms starting with the words, then those holding them side
        by side as typed, then the rest; the listed codes with the codes common in massage
        (app/domain/common_massage_codes.py) first, in their list's order, then in the curated
        list's order; the rest by the static rank (shorter titles first). (The starts-with rank is applied among
        the best matches of the other two, not by a search of its own, which costs too much for
        common words.)
        """
        if limit <= 0:
            return []
        day = None if on is None else self._day(on).isoformat()
        found: dict[str, DiagnosisCode] = {}
        for hit in self._code_hits(text, limit, on, day):
            found.setdefault(hit.code, hit)
        if len(found) < limit:
            for hit in self._word_hits(text, limit + len(found), day):
                kept = found.setdefault(hit.code, hit)
                newer = (hit.first_date or date.min) > (kept.first_date or date.min)
                if newer and (hit.billable or not kept.billable):
                    found[hit.code] = hit  # two versions found: the newer, in the place of the first
                if len(found) >= limit:
                    break
        return list(found.values())[:limit]

    def _code_hits(self, text: str, limit: int, on: date | None, day: str | None) -> Iterator[DiagnosisCode]:
        compact = text.strip().upper().replace(".", "")
        if not _CODE_PREFIX.match(compact):
            return
        prefix = dotted_code(compact)
        exact = self.lookup(prefix, on) if len(compact) >= 3 else None
        if exact is not None:
            yield exact
            limit -= 1
        for billable in (1, 0):
            if limit <= 0:
                return
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM codes WHERE code > :low AND code < :high AND billable = :billable"
                f" AND {_VALID_OR_ANY} ORDER BY code, coalesce(first_date, '') DESC LIMIT :limit",
                {"low": prefix, "high": prefix + _AFTER, "billable": billable, "day": day, "limit": limit},
            ).fetchall()
            limit -= len(rows)
            yield from (self._entry(row) for row in rows)

    def _word_hits(self, text: str, limit: int, day: str | None) -> list[DiagnosisCode]:
        words = [_fold(w) for w in _WORD.findall(text)]
        if not words:
            return []
        matches: list[str] = []
        for word in words:
            match = self._fragment_match(word)
            if match is None:
                return []
            matches.append(match)
        queries = [" AND ".join(matches)]
        if len(words) > 1:
            # The words as typed, side by side ("low back" in "Other low back pain", not "lower back").
            last_words = self._whole_words(words[-1]) or []
            if 0 < len(last_words) <= _MAX_EXPANSION:
                head = " ".join(words[:-1])
                queries.insert(0, " OR ".join(_fts_string(f"{head} {w}") for w in last_words))
        ranked: dict[int, tuple[tuple[bool, bool, int, int, str], _Row]] = {}
        for tier, query in enumerate(queries, start=1 if len(queries) > 1 else 2):
            rows = self._fts_rows(query, limit, day)
            rows += self._term_rows(query, limit * _TERM_ROWS_PER_HIT, day, everyday=True)
            rows += self._term_rows(query, limit, day, everyday=False)
            for row in rows:
                rowid, code, description, billable, _, _, matched, _, place = row
                # place: where the everyday term that found it lists it; else where the curated list does.
                listed = self._listed_rank.get(code) if place is None else place
                # A code common in massage ranks before the other listed ones (its place < any term's).
                rank = _COMMON_RANK.get(code, listed)
                row_tier = 0 if _starts_with(matched or description, words) else tier
                key = (not billable, rank is None, row_tier, rowid if rank is None else rank, code)
                if rowid not in ranked or key < ranked[rowid][0]:
                    ranked[rowid] = (key, row)
        ordered = sorted(ranked.values(), key=lambda item: item[0])
        return [self._hit(row) for _, row in ordered[:limit]]

    def _hit(self, row: _Row) -> DiagnosisCode:
        entry = self._entry(row[1:6])
        matched, source = row[6], row[7]
        if matched is None:
            return entry
        return replace(
            entry, matched=matched, matched_source=source or f"Tabular {entry.code}: inclusion term"
        )

    def _whole_words(self, fragment: str) -> list[str] | None:
        """The indexed words starting with ``fragment``; None when there are more than _MAX_EXPANSION."""
        rows = self._db.execute(
            "SELECT word FROM code_words WHERE word >= ? AND word < ? ORDER BY word LIMIT ?",
            (fragment, fragment + _HIGHEST_CHARACTER, _MAX_EXPANSION + 1),
        ).fetchall()
        return None if len(rows) > _MAX_EXPANSION else [word for (word,) in rows]

    def _fragment_match(self, fragment: str) -> str | None:
        """An FTS5 expression for "a word starting with fragment"; None when no indexed word does."""
        if len(fragment) <= 2:
            return _fts_string(fragment) + "*"  # the one- and two-letter prefix indexes answer it directly
        whole_words = self._whole_words(fragment)
        if whole_words is None:
            return _fts_string(fragment) + "*"
        if not whole_words:
            return None
        return "(" + " OR ".join(_fts_string(w) for w in whole_words) + ")"

    def _fts_rows(self, query: str, limit: int, day: str | None) -> list[_Row]:
        """The code rows whose titles match ``query``, in row-id (static rank) order."""
        return self._db.execute(
            "SELECT c.id, c.code, c.description, c.billable, c.first_date, c.last_date, NULL, NULL, NULL"
            " FROM codes_fts JOIN codes AS c ON c.id = codes_fts.rowid"
            f" WHERE codes_fts MATCH :query AND {_VALID_OR_ANY} ORDER BY codes_fts.rowid LIMIT :limit",
            {"query": query, "day": day, "limit": limit},
        ).fetchall()

    def _term_rows(self, query: str, limit: int, day: str | None, *, everyday: bool) -> list[_Row]:
        """The code rows whose everyday (or inclusion) terms match ``query``, in the terms' order, each
        with the term, its source and, for an everyday term, the code's place in the curated list.

        Ordered by the term only: FTS5 returns its rows in that order, and each term's codes follow
        in ``term_codes`` key order (term, position); "ORDER BY ..., l.position" would make SQLite
        sort every match before the LIMIT (10 ms for "in").
        """
        place = f"t.id * {_MAX_TERM_CODES} + l.position" if everyday else "NULL"
        rows = "terms_fts.rowid <= :last" if everyday else "terms_fts.rowid > :last"
        return self._db.execute(
            "SELECT c.id, c.code, c.description, c.billable, c.first_date, c.last_date, t.term, t.source,"
            f" {place} FROM terms_fts JOIN terms AS t ON t.id = terms_fts.rowid"
            " JOIN term_codes AS l ON l.term = t.id JOIN codes AS c ON c.id = l.code_id"
            f" WHERE terms_fts MATCH :query AND {rows} AND {_VALID_OR_ANY} ORDER BY terms_fts.rowid LIMIT :limit",
            {"query": query, "day": day, "limit": limit, "last": self._everyday_terms},
        ).fetchall()


def shipped_index_path() -> Path:
    return resource_path(*SHIPPED_FILE)


def imported_index_paths(data_dir: Path) -> list[Path]:
    return sorted((data_dir / IMPORTED_FOLDER).glob(_IMPORTED_PATTERN))


def open_code_index(data_dir: Path | None) -> IcdIndex:
    """Open the newest release: the shipped one or one imported into ``<data_dir>/codes/``.

    Newest means the latest fiscal year end, then the latest start of its newest release (April
    2026 is newer than October 2025), then the most releases held (the shipped file's FY2027 with
    April 2026 before it over an imported FY2027 alone). An imported file that cannot be read is
    passed over.
    """

    def newness(index: IcdIndex) -> tuple[date, date, int]:
        return (index.release.last_date, index.release.first_date, -index.releases[0].first_date.toordinal())

    best = IcdIndex(shipped_index_path(), immutable=True)
    for path in imported_index_paths(data_dir) if data_dir is not None else []:
        try:
            candidate = IcdIndex(path)
        except CodeSetFileError:
            continue
        if newness(candidate) > newness(best):
            best.close()
            best = candidate
        else:
            candidate.close()
    return best


def passed_over_imports(data_dir: Path | None) -> list[str]:
    """One line for each imported code set that is not used though it names a newer fiscal year than
    the code set in force: written by another version of the app (an older code-set format) or damaged."""
    if data_dir is None:
        return []
    notes: list[str] = []
    in_force: int | None = None
    for path in imported_index_paths(data_dir):
        try:
            IcdIndex(path).close()
            continue
        except CodeSetFileError as error:
            reason = str(error).removeprefix(f"{path}: ")
        year = _IMPORTED_YEAR.search(path.name)
        if in_force is None:
            with open_code_index(data_dir) as codes:
                in_force = codes.release.last_date.year
        if year is None or int(year.group(1)) <= in_force:
            continue
        notes.append(
            f"The ICD-10-CM FY{year.group(1)} code set in {path} is not used ({reason}): load that year's "
            "file again with File > Update code set… in the app, or superbill codes import-icd FILE."
        )
    return notes


_IMPORTED_YEAR = re.compile(r"icd10cm-FY(\d{4})\.sqlite$")


def imported_index_path(data_dir: Path, fiscal_year: int) -> Path:
    return data_dir / IMPORTED_FOLDER / f"icd10cm-FY{fiscal_year}.sqlite"
