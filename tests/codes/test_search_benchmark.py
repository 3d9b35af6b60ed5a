"""The search benchmark the combined bench/core.py calls still runs and reports its numbers."""

from __future__ import annotations

from app.store.code_index import open_code_index
from bench.icd_search import measure


def test_measure_reports_search_latency_in_milliseconds() -> None:
    with open_code_index(None) as index:
        results = measure(index, runs=2)
    assert set(results) == {
        "icd_search_median_ms",
        "icd_search_worst_ms",
        "icd_search_worst_median_ms",
        "icd_lookup_median_ms",
    }
    assert 0 < results["icd_search_median_ms"] <= results["icd_search_worst_ms"]
    assert 0 < results["icd_search_worst_median_ms"] <= results["icd_search_worst_ms"]
