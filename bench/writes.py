"""What writing a file whole costs: app.store.durable's atomic, fsynced write against plain writes.

    python -m bench.writes

A 47 KB file (the size of an issued superbill's PDF) and key.json's 1 KB, written 50 times each into
a temporary folder on the disk /tmp is on, by:
- the baseline in the same run: `open(path, "wb").write(...)` (no fsync: what a power cut may lose);
- the baseline with the file's fsync only (what StagedFile did before issue 14);
- `write_whole` (temporary beside the file, fsync, rename, fsync of the folder).

Medians in milliseconds. No budget: the figure says what durability costs per file the app writes.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.store.durable import write_whole

RUNS = 50


def _plain(path: Path, content: bytes) -> None:
    with path.open("wb") as file:
        file.write(content)


def _fsynced(path: Path, content: bytes) -> None:
    with path.open("wb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())


def _median_ms(write: Callable[[Path, bytes], None], folder: Path, content: bytes) -> float:
    times = []
    for run in range(RUNS):
        path = folder / f"file-{run % 5}.pdf"
        started = time.perf_counter()
        write(path, content)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure() -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="superbill-bench-writes-", dir="/tmp") as temporary:
        folder = Path(temporary)
        for label, size in (("pdf_47kb", 47 * 1024), ("key_1kb", 1024)):
            content = os.urandom(size)
            results[f"writes.{label}_plain_ms"] = _median_ms(_plain, folder, content)
            results[f"writes.{label}_file_fsync_ms"] = _median_ms(_fsynced, folder, content)
            results[f"writes.{label}_write_whole_ms"] = _median_ms(write_whole, folder, content)
    return results


def main() -> int:
    results = measure()
    width = max(len(name) for name in results)
    for name, value in results.items():
        print(f"{name:<{width}}  {value:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
