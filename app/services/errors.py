"""The services' own error base, and the store's error kinds for the UI (which may import services
but not the store).

`ServiceError`: the base of every error a use case raises itself (a superbill or claim refused by
its check, a practice that needs its passphrase); tests/test_error_bases.py checks it. The domain's
base is app.domain.errors.DomainError, the store's app.store.errors.StoreError.

`StoreUnavailable`: the environment is in the way (disk full, read-only folder, database in use);
its message says what to do; `PracticeInUse`, one of them, is another process holding the practice
(app.store.practice_lock). `StoreBug`: our own mistake. `RecordNotFound`: a key the practice
does not have.
"""

from __future__ import annotations

from app.store.errors import RecordNotFound, StoreBug, StoreUnavailable
from app.store.practice_lock import PracticeInUse

__all__ = ["PracticeInUse", "RecordNotFound", "ServiceError", "StoreBug", "StoreUnavailable"]


class ServiceError(Exception):
    """Base of the services' own errors: a use case that refused or could not go on."""
