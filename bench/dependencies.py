"""What sqlite-utils costs the app, measured in one run against baselines from the same run.

    python -m bench.dependencies [--runs N]

- import: a fresh interpreter importing sqlite_utils against one importing the standard library's
  csv (the reader the client list needs), taken in turns; medians. numpy and pandas are kept out,
  as in the frozen bundle (build.spec excludes them; sqlite-utils imports them when it finds them).
- opening a practice (the desktop's start path: the Workspace opened, patients listed), as it is
  and with sqlite_utils imported first: what giving it the schema and migrations would add.
- import-clients: `superbill import-clients FILE --yes` on 500 rows in a fresh process, as it is
  and with sqlite_utils imported first (what the command paid while its CSV reader came from
  sqlite-utils).
- bundle: the modules `import sqlite_utils` loads from site-packages, compiled and compressed as
  PyInstaller's archive stores them, by distribution; and the installed size of sqlite-utils and
  the distributions only it brings (click, click-default-group, pluggy, python-dateutil, six,
  sqlite-fts4, tabulate).

sqlite-utils must be installed to be measured (`pip install sqlite-utils`); the app does not need it.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import marshal
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Only sqlite-utils brings these into the app's environment (`pip show` lists what requires each).
ITS_DISTRIBUTIONS = (
    "sqlite-utils",
    "click",
    "click-default-group",
    "pluggy",
    "python-dateutil",
    "six",
    "sqlite-fts4",
    "tabulate",
)
KEEP_OUT = "import sys; sys.modules['numpy'] = None; sys.modules['pandas'] = None\n"
WITH_SQLITE_UTILS = KEEP_OUT + "import sqlite_utils, sqlite_utils.utils\n"
OPEN_PRACTICE = (
    "import sys\nfrom pathlib import Path\nfrom app.services.workspace import Workspace\n"
    "with Workspace(Path(sys.argv[1])) as workspace:\n    workspace.store.patients(limit=100)\n"
)
IMPORT_CLIENTS = "import sys\nfrom app.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def _timed(code: str, *arguments: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, *arguments], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return (time.perf_counter() - started) * 1000


def _in_turns(
    runs: int, baseline: str, measured: str, *arguments: str, env: dict[str, str]
) -> tuple[float, float]:
    """Median process times (ms) of the baseline and the measured code, run alternately."""
    base: list[float] = []
    other: list[float] = []
    for _ in range(runs):
        base.append(_timed(baseline, *arguments, env=env))
        other.append(_timed(measured, *arguments, env=env))
    return statistics.median(base), statistics.median(other)


def _client_file(folder: Path, rows: int = 500) -> Path:
    lines = ["First Name,Last Name,DOB,Phone,Email,Address,City,State,Zip"]
    lines += [
        f"Client{i},Person {i},{1 + i % 12}/{1 + i % 28}/{1950 + i % 60},(206) 555-{i:04d},c{i}@example.com,"
        f'"{100 + i} Pike St, Apt {i % 9}",Seattle,WA,98109'
        for i in range(rows)
    ]
    path = folder / "clients.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def bundle_bytes() -> dict[str, tuple[int, int]]:
    """Distribution -> (compressed bytecode of the modules `import sqlite_utils` loads, installed bytes)."""
    probe = KEEP_OUT + (
        "before = set(sys.modules)\nimport sqlite_utils, sqlite_utils.utils\nimport json\n"
        "print(json.dumps([getattr(sys.modules[m], '__file__', None) for m in set(sys.modules) - before "
        "if sys.modules[m] is not None]))"
    )
    loaded = json.loads(
        subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    )
    sources = {Path(f).resolve() for f in loaded if f and f.endswith(".py") and "site-packages" in f}
    sizes: dict[str, tuple[int, int]] = {}
    for name in ITS_DISTRIBUTIONS:
        distribution = importlib.metadata.distribution(name)
        files = [Path(str(f.locate())).resolve() for f in distribution.files or ()]
        installed = sum(f.stat().st_size for f in files if f.is_file())
        packed = 0
        for source in (f for f in files if f in sources):
            code = compile(source.read_text(encoding="utf-8"), str(source), "exec")
            packed += len(zlib.compress(marshal.dumps(code)))
        sizes[name] = (packed, installed)
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="processes of each kind (medians)")
    args = parser.parse_args(argv)
    try:
        importlib.metadata.distribution("sqlite-utils")
    except importlib.metadata.PackageNotFoundError:
        print("sqlite-utils is not installed here: pip install sqlite-utils to measure it")
        return 1
    folder = Path(tempfile.mkdtemp(prefix="bench-dependencies-"))
    env = dict(os.environ, SUPERBILL_LOG_DIR=str(folder / "log"), PYTHONDONTWRITEBYTECODE="")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("SUPERBILL_DATA_DIR", None)

    csv_ms, utils_ms = _in_turns(args.runs, KEEP_OUT + "import csv\n", WITH_SQLITE_UTILS, env=env)
    print(f"fresh interpreter importing csv (baseline)           {csv_ms:8.1f} ms")
    print(
        f"fresh interpreter importing sqlite_utils             {utils_ms:8.1f} ms  (+{utils_ms - csv_ms:.1f} ms)"
    )

    practice = folder / "practice"
    subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(practice), "demo", "-o", str(folder / "demo.pdf")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    plain_ms, heavy_ms = _in_turns(
        args.runs, KEEP_OUT + OPEN_PRACTICE, WITH_SQLITE_UTILS + OPEN_PRACTICE, str(practice), env=env
    )
    print(f"opening a practice, listing patients (as it is)      {plain_ms:8.1f} ms")
    print(
        f"  ... with sqlite_utils imported on that path        {heavy_ms:8.1f} ms  (+{heavy_ms - plain_ms:.1f} ms)"
    )

    clients = _client_file(folder)
    base: list[float] = []
    other: list[float] = []
    for run in range(args.runs):
        for code, times in ((KEEP_OUT + IMPORT_CLIENTS, base), (WITH_SQLITE_UTILS + IMPORT_CLIENTS, other)):
            target = folder / f"clients-{run}-{'as-it-is' if times is base else 'with'}"
            times.append(
                _timed(code, "--data-dir", str(target), "import-clients", str(clients), "--yes", env=env)
            )
    print(f"import-clients, 500 rows (as it is)                  {statistics.median(base):8.1f} ms")
    print(
        f"  ... with sqlite_utils imported, as its reader was  {statistics.median(other):8.1f} ms  "
        f"(+{statistics.median(other) - statistics.median(base):.1f} ms)"
    )

    sizes = bundle_bytes()
    print("\nbundle: compressed bytecode loaded by `import sqlite_utils` / installed size")
    for name, (packed, installed) in sizes.items():
        print(f"  {name:<22} {packed / 1000:8.1f} kB  {installed / 1000:8.1f} kB")
    packed_total = sum(p for p, _ in sizes.values())
    installed_total = sum(i for _, i in sizes.values())
    print(f"  {'total':<22} {packed_total / 1000:8.1f} kB  {installed_total / 1000:8.1f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
