"""A fresh practice database on disk for every test (closed afterwards, so no ResourceWarning)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.paths import database_path
from app.store.records import PracticeStore


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    return database_path(data_dir)


@pytest.fixture
def store(db_path: Path) -> Iterator[PracticeStore]:
    with PracticeStore.open(db_path) as opened:
        yield opened
