"""The ICD-10-CM code set in force, for the commands, which may import services but not the store.

It is not patient data: `open_code_index` reads it without opening (or creating) the practice, and
`passed_over_imports` names each newer code set in the data folder that is not used (their one home
is app/store/code_index.py).
"""

from __future__ import annotations

from app.store.code_index import IcdIndex, open_code_index, passed_over_imports

__all__ = ["IcdIndex", "open_code_index", "passed_over_imports"]
