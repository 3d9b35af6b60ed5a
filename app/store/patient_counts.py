"""How many patients match a search, without loading them (the patients list shows "12 of 10,000").

The condition is PatientRecords.patients()' own (app.store.search.patient_search_condition);
tests/store/test_attention.py checks that the two agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.store.errors import translate_errors
from app.store.search import patient_search_condition

if TYPE_CHECKING:  # the attention queries are not needed to show the patients list
    from app.store.attention import HasConnection


def count_patients(store: HasConnection, search: str = "") -> int:
    """The number of patients whose name, date of birth, account number or member ID match `search`."""
    where, params = patient_search_condition(search)
    path: Path | None = getattr(store, "path", None)
    with translate_errors(path):
        count: int = store.conn.execute(f"SELECT count(*) FROM patients p {where}", params).fetchone()[0]
    return count
