"""How many patients match a search, without loading them (the patients list shows "12 of 10,000").

The conditions are those of PatientRecords.patients(); tests/store/test_attention.py checks
that the two agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.store.errors import translate_errors
from app.store.search import like_pattern, search_terms

if TYPE_CHECKING:  # the attention queries are not needed to show the patients list
    from app.store.attention import HasConnection


def count_patients(store: HasConnection, search: str = "") -> int:
    """The number of patients whose name, date of birth, account number or member ID match `search`."""
    conditions: list[str] = []
    params: list[Any] = []
    for term in search_terms(search):
        pattern = like_pattern(term)
        conditions.append(
            "(p.search_text LIKE ? ESCAPE '\\' OR p.key IN "
            "(SELECT c.patient FROM coverages c WHERE c.member_id LIKE ? ESCAPE '\\'))"
        )
        params += [pattern, pattern]
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    path: Path | None = getattr(store, "path", None)
    with translate_errors(path):
        count: int = store.conn.execute(f"SELECT count(*) FROM patients p {where}", params).fetchone()[0]
    return count
