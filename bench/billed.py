"""What "each visit is billed once, on a superbill or a claim" costs the needs-attention list at
10,000 patients / 200,000 visits, against the superbills-only rule it replaced, in the same run.

The practice is bench.startup's (built once and cached; --data-dir, --rebuild as there), copied to
a scratch folder; to the copy are added claims for a third of the insured patients, each holding
that patient's visits not yet on a superbill (about 9,000 visits on 2,000 claims, one in ten of
them replaced by a later claim), written straight into the tables with one small placeholder
document, as the startup bench writes its superbills. Then `needs_attention` is timed, the new
rule and the old one taken in turns (the old: app.store.attention's superbill part alone, as
before claims counted), CPU time (this process) and wall time, median of --runs. Run from the
repository root: `python -m bench.billed`.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from app.services.attention import AttentionKind, needs_attention
from app.services.workspace import Workspace
from app.store import attention as queries
from bench import startup

PLACEHOLDER = b"%PDF-1.4 benchmark claim: not a real claim"


def add_claims(workspace: Workspace, today: date) -> tuple[int, int]:
    """Claims for every third insured patient's visits waiting for a superbill; (claims, visits)."""
    conn = workspace.store.conn
    waiting = queries.unbilled_visits(workspace.store, today)
    insured = {
        row[0]
        for row in conn.execute(
            "SELECT v.patient FROM visits v WHERE v.coverage IS NOT NULL GROUP BY v.patient"
        )
    }
    by_patient: dict[str, list[str]] = {}
    for visit in waiting:
        if visit.patient_key in insured:
            by_patient.setdefault(visit.patient_key, []).append(visit.visit_key)
    chosen = sorted(by_patient)[::3]
    digest = hashlib.sha256(PLACEHOLDER).hexdigest()
    payer = conn.execute("SELECT key FROM payers WHERE kind <> 'self_pay' LIMIT 1").fetchone()[0]
    claims = visits = 0
    with workspace.store.transaction():
        for n, patient in enumerate(chosen, start=1):
            keys = by_patient[patient]
            replaced = f"CL-{today.year}-{n:05d}R" if n % 10 == 0 else None
            for number, replaces in ((replaced, None), (f"CL-{today.year}-{n:05d}", replaced)):
                if number is None:
                    continue
                claim_id = conn.execute(
                    "INSERT INTO claims (number, patient, payer, format, issued_on, first_date, last_date, charges,"
                    " sha256, document, replaces) VALUES (?, ?, ?, 'cms1500-plain', ?, ?, ?, 0, ?, ?, ?) RETURNING id",
                    (number, patient, payer, today.isoformat(), today.isoformat(), today.isoformat(), digest,
                     PLACEHOLDER, replaces),
                ).fetchone()[0]  # fmt: skip
                conn.executemany(
                    "INSERT INTO claim_visits (claim_id, position, visit_key) VALUES (?, ?, ?)",
                    [(claim_id, position, key) for position, key in enumerate(keys)],
                )
                claims += 1
            visits += len(keys)
    return claims, visits


@contextmanager
def superbills_only() -> Iterator[None]:
    """The rule before claims counted: the superbill part of app.store.attention's, alone."""
    new = queries._unbilled_of_all
    queries._unbilled_of_all = lambda visit_id="v.id": f"{visit_id} NOT IN ({queries._ON_SUPERBILL_IDS})"
    try:
        yield
    finally:
        queries._unbilled_of_all = new


def timed(run: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=startup.DEFAULT_DIR)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    today = date.today()
    if args.rebuild or not (args.data_dir / startup.BUILT_MARKER).exists():
        startup.build(args.data_dir, today)
    scratch = Path(tempfile.mkdtemp(prefix="superbill-bench-billed-"))
    try:
        for name in ("practice.sqlite3", "practice.marker"):
            if (args.data_dir / name).exists():
                shutil.copy2(args.data_dir / name, scratch / name)
        with Workspace(scratch) as workspace:

            def attention() -> list[object]:
                return list(needs_attention(workspace.store, today))

            no_claims: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
            for _ in range(args.runs):
                with superbills_only():
                    no_claims["old"].append(timed(attention))
                no_claims["new"].append(timed(attention))
            claims, visits = add_claims(workspace, today)

            unbilled = {
                "new": sum(
                    1
                    for i in needs_attention(workspace.store, today)
                    if i.kind is AttentionKind.UNBILLED_VISITS
                )
            }
            with superbills_only():
                unbilled["old"] = sum(
                    1
                    for i in needs_attention(workspace.store, today)
                    if i.kind is AttentionKind.UNBILLED_VISITS
                )
            times: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
            for _ in range(args.runs):
                with superbills_only():
                    times["old"].append(timed(attention))
                times["new"].append(timed(attention))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for rule, label in (("old", "superbills only (before)"), ("new", "superbills or claims (now)")):
        cpu = statistics.median(t[0] for t in no_claims[rule])
        wall = statistics.median(t[1] for t in no_claims[rule])
        print(
            f"no claims: needs attention, {label}: {cpu:,.0f} ms CPU, {wall:,.0f} ms wall (median of {args.runs})"
        )
    print(f"{claims:,} claims added, holding {visits:,} visits")
    for rule, label in (("old", "superbills only (before)"), ("new", "superbills or claims (now)")):
        cpu = statistics.median(t[0] for t in times[rule])
        wall = statistics.median(t[1] for t in times[rule])
        print(
            f"needs attention, {label}: {cpu:,.0f} ms CPU, {wall:,.0f} ms wall (median of {args.runs}); "
            f"{unbilled[rule]:,} patients with visits not yet billed"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
