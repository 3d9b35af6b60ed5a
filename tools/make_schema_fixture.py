"""Make the schema fixtures: per-version seed data, and tests/data/schema-v1.sqlite3.

    python tools/make_schema_fixture.py seed [--app-from DIR]  # tests/protection/seeds/v<N>.sql
    python tools/make_schema_fixture.py database               # tests/data/schema-v1.sqlite3

`seed` fills a new database through an app (PracticeStore, FILLS[N] of
tests/protection/schema_seeds.py, N the schema version that app knows) and dumps its rows. It
uses this checkout's app, or with --app-from the `app` and `tests` of another checkout: the v1
seed was made with `git archive abadd75 | tar -x -C DIR` (the last commit at schema version 1).

`database` builds the file the packaging test opens: migrations 1..1 and the v1 seed, exactly the
database the first released schema leaves. Both outputs are committed.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "data" / "schema-v1.sqlite3"


def make_seed() -> Path:
    import importlib.util

    from app.store.migrations import SCHEMA_VERSION
    from app.store.records import PracticeStore

    # Loaded from this checkout by path: the app (and tests.store.builders) may come from another one.
    spec = importlib.util.spec_from_file_location(
        "schema_seeds", REPO / "tests" / "protection" / "schema_seeds.py"
    )
    assert spec is not None and spec.loader is not None
    seeds = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(seeds)
    FILLS, dump_data = seeds.FILLS, seeds.dump_data
    seed_path = seeds.seed_path

    with (
        tempfile.TemporaryDirectory() as folder,
        PracticeStore.open(Path(folder) / "practice.sqlite3") as store,
    ):
        FILLS[SCHEMA_VERSION](store)
        text = dump_data(store.conn)
    out = seed_path(SCHEMA_VERSION)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


def make_database(version: int = 1) -> Path:
    from tests.protection.schema_seeds import build

    FIXTURE.unlink(missing_ok=True)
    build(FIXTURE, version)
    conn = sqlite3.connect(FIXTURE)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        conn.execute("VACUUM")
    finally:
        conn.close()
    return FIXTURE


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("seed", "database"))
    parser.add_argument("--app-from", type=Path, help="a checkout whose app makes the seed")
    args = parser.parse_args(argv)
    if args.app_from is not None:
        sys.path.insert(0, str(args.app_from.resolve()))
    made = make_seed() if args.what == "seed" else make_database()
    print(f"wrote {made.relative_to(REPO)}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
