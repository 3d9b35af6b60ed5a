"""The fuzz figures for the README: the import and order-file fuzzers run with a larger budget.

    python tools/fuzz_figures.py            # 500 cases per fuzz test
    python tools/fuzz_figures.py --examples 5000

Runs tests/protection/test_import_fuzz.py and test_order_file_fuzz.py through pytest (the real CLI,
real files, real SQLite) with SUPERBILL_FUZZ_EXAMPLES set, then prints

    fuzz cases run: N, tracebacks seen: 0

where a case is one run of `superbill import` or `superbill codes import-icd`, and a traceback is any
exception escaping the CLI. Exits 1 when a test failed or a traceback was seen.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FUZZ_TESTS = ["tests/protection/test_import_fuzz.py", "tests/protection/test_order_file_fuzz.py"]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=500, help="cases per fuzz test (default 500)")
    args = parser.parse_args()
    os.environ["SUPERBILL_FUZZ_EXAMPLES"] = str(args.examples)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))

    import pytest

    started = time.perf_counter()
    # no per-test timeout: the larger budget takes longer than CI's 120 s per test
    status = pytest.main([*FUZZ_TESTS, "-q", "-p", "no:cacheprovider", "-o", "timeout=0"])
    elapsed = time.perf_counter() - started
    module = sys.modules.get("tests.protection.test_import_fuzz")
    if module is None:
        print("the fuzz tests did not run", file=sys.stderr)
        return 1
    stats = module.STATS
    exits = ", ".join(f"exit {code}: {count}" for code, count in sorted(stats.by_exit.items()))
    print(f"\n{args.examples} examples per fuzz test, {elapsed:.0f} s ({exits})")
    print(f"fuzz cases run: {stats.cases}, tracebacks seen: {stats.tracebacks}")
    return 0 if status == 0 and stats.tracebacks == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
