"""The core budgets of the superbill issue, measured in one run against baselines from the same run.

    python -m bench.core

- a single-visit superbill against a bare reportlab page holding one 10-row table (at most 2x);
- a 52-visit year statement (under 150 ms);
- ICD-10-CM search over every code (median under 2 ms, worst of 100 under 10 ms).
"""

from __future__ import annotations

from app.store.code_index import open_code_index
from bench import icd_search, render


def main() -> int:
    results = render.measure()
    index = open_code_index(None)
    try:
        results.update(icd_search.measure(index))
    finally:
        index.close()
    width = max(len(name) for name in results)
    for name, value in results.items():
        print(f"{name:<{width}}  {value:8.2f}")
    verdicts = {
        "single-visit superbill <= 2x a bare page in the same fonts": results[
            "render.single_visit_ratio_vs_dejavu"
        ]
        <= 2.0,
        "52-visit year < 150 ms": results["render.year_52_visits_ms"] < 150,
    }
    verdicts["ICD search median < 2 ms"] = results["icd_search_median_ms"] < 2
    verdicts["ICD search worst of 100 < 10 ms"] = results["icd_search_worst_ms"] < 10
    for label, met in verdicts.items():
        print(f"{label}: {'met' if met else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
