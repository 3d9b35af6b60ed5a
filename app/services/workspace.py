"""One open practice: its data folder, its database and its ICD-10-CM code set."""

from __future__ import annotations

import logging
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from app.store.database import open_connection
from app.store.paths import data_dir as resolve_data_dir
from app.store.paths import database_path
from app.store.records import PracticeStore

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from app.store.code_index import IcdIndex


class Workspace:
    """Opened once per command or window; close it (or use `with`) to release the files."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self.data_dir = resolve_data_dir(data_dir)
        self.store = PracticeStore(open_connection(database_path(self.data_dir)))
        self._codes: IcdIndex | None = None
        log.info("practice opened")  # not its path: a path holds the user's name

    @property
    def codes(self) -> IcdIndex:
        # Opened on first use: most commands never search codes.
        if self._codes is None:
            from app.store.code_index import open_code_index

            self._codes = open_code_index(self.data_dir)
        return self._codes

    def is_empty(self) -> bool:
        return self.store.practitioner() is None and not self.store.patients(limit=1)

    def close(self) -> None:
        if self._codes is not None:
            self._codes.close()
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
