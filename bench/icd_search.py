"""How fast the ICD-10-CM picker answers: search latency over the whole shipped code set.

    python bench/icd_search.py

Budget (the code-index issue): median under 2 ms, worst of 100 runs under 10 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.store.code_index import IcdIndex, open_code_index

# What a therapist types into the picker, keystroke by keystroke included: code prefixes, words,
# fragments, a stray one-letter word, and text that finds nothing.
QUERIES: tuple[str, ...] = (
    "M",
    "M5",
    "M54",
    "m54.5",
    "M545",
    "S134",
    "S13.4XXA",
    "M79.1",
    "G44.209",
    "lo",
    "low",
    "low b",
    "low back",
    "low back pain",
    "my",
    "myal",
    "myalgia",
    "fibro",
    "neck",
    "neck pain",
    "cervicalgia",
    "shoulder pain left",
    "muscle spasm",
    "spasm of muscle",
    "tension headache",
    "whiplash",
    "sprain cervical",
    "strain lower back initial",
    "thoracic spine",
    "in",
    "un",
    "pain",
    "left",
    "xyzzy",
)
RUNS = 100


def measure(index: IcdIndex, runs: int = RUNS) -> dict[str, float]:
    """Search latency in milliseconds over ``QUERIES``, each run ``runs`` times after one warm-up pass.

    Keys: icd_search_median_ms, icd_search_worst_ms (over every query and run),
    icd_search_worst_median_ms (the slowest query's median), icd_lookup_median_ms.
    """
    for query in QUERIES:
        index.search(query)
    timings: dict[str, list[float]] = {query: [] for query in QUERIES}
    for _ in range(runs):
        for query in QUERIES:
            started = time.perf_counter()
            index.search(query)
            timings[query].append((time.perf_counter() - started) * 1000)
    every = [t for per_query in timings.values() for t in per_query]
    lookups: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        index.lookup("m54.50")
        lookups.append((time.perf_counter() - started) * 1000)
    return {
        "icd_search_median_ms": statistics.median(every),
        "icd_search_worst_ms": max(every),
        "icd_search_worst_median_ms": max(statistics.median(t) for t in timings.values()),
        "icd_lookup_median_ms": statistics.median(lookups),
    }


def main() -> int:
    started = time.perf_counter()
    index = open_code_index(None)
    opened_ms = (time.perf_counter() - started) * 1000
    try:
        started = time.perf_counter()
        index.search("low back")
        first_ms = (time.perf_counter() - started) * 1000
        results = measure(index)
        print(f"{index.release.name}: {index.count():,} codes, {index.billable_count():,} billable")
        print(f"open: {opened_ms:.2f} ms; first search after opening: {first_ms:.2f} ms")
        print(f"{len(QUERIES)} queries x {RUNS} runs:")
        for key, value in results.items():
            print(f"  {key}: {value:.3f}")
    finally:
        index.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
