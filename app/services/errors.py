"""The store's error kinds, for the UI, which may import services but not the store.

`StoreUnavailable`: the environment is in the way (disk full, read-only folder, database in use);
its message says what to do. `StoreBug`: our own mistake. `RecordNotFound`: a key the practice
does not have.
"""

from __future__ import annotations

from app.store.errors import RecordNotFound, StoreBug, StoreUnavailable

__all__ = ["RecordNotFound", "StoreBug", "StoreUnavailable"]
