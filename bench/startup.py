"""How fast the app opens and searches at 10,000 patients / 200,000 visits, against the budgets of issue 3.

Budgets: the real main window shown within 1.5x the time of a bare QMainWindow and under 1 s
(process start -> window shown); a keystroke in the patient search and in the ICD picker under
16 ms (worst of 50). Run from the repository root: `python -m bench.startup` (QT_QPA_PLATFORM
is set to offscreen for the children).

The database is built once and cached (default /tmp/superbill-bench-10k; --data-dir to choose,
--rebuild to start again). It is a valid practice written through the store's own connection
with bulk inserts: 10,000 patients (60 % insured, with a prescription), 20 visits each over the
last two years with diagnoses and service lines, a payment for every self-pay visit, and for
insured patients one issued superbill holding their visits older than 120 days (so the newer
ones wait for a superbill, as in a real practice). To keep the build quick those superbills
share one small PDF that says it is benchmark data; its SHA-256 is recorded as for any other.

Each startup is timed in a fresh process (bench/startup_child.py, which imports next to nothing of
its own, so that the bare window is a fair baseline): the parent notes the system-wide monotonic
clock just before it starts the child, and the child reads it again on the first turn of the event
loop after show(). The app is started as a therapist starts it, `superbill` with no command.
Bare and app starts are taken in turns; medians of several runs are compared with the budget.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = Path(tempfile.gettempdir()) / "superbill-bench-10k"
PATIENTS = 10_000
VISITS_PER_PATIENT = 20
BUILT_MARKER = "bench-built-v1"

FIRST_NAMES = [
    "Daniel",
    "Maria",
    "James",
    "Zoë",
    "Aiden",
    "Priya",
    "Chen",
    "José",
    "Fatima",
    "Olivia",
    "Liam",
    "Noah",
    "Emma",
    "Ava",
    "Mateo",
    "Sofia",
    "Hiroshi",
    "Amara",
    "Łukasz",
    "Siobhán",
    "Kwame",
    "Ingrid",
    "Rafael",
    "Mei",
    "Yusuf",
    "Anya",
    "Björn",
    "Chloé",
    "Diego",
    "Esther",
]
LAST_NAMES = [
    "Okafor",
    "Nguyễn",
    "García",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Rodríguez",
    "Martínez",
    "Hernández",
    "López",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Pérez",
    "Thompson",
    "White",
    "Harris",
    "Sánchez",
    "Clark",
    "Ramírez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Øster",
    "Müller",
    "Kowalski",
    "O'Brien",
]


# Building the database ---------------------------------------------------------------------------


def build(data_dir: Path, today: date) -> None:
    from app.domain.practice import (
        Address,
        FeeSchedule,
        Payer,
        PayerKind,
        Practice,
        Practitioner,
        TaxIdType,
        UnitRule,
    )
    from app.store.paths import database_path
    from app.store.records import PracticeStore
    from app.store.search import search_text, sort_name

    db = database_path(data_dir)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    rng = random.Random(20260920)
    started = time.perf_counter()
    with PracticeStore.open(db) as store:
        store.save_practice(
            Practice(
                practitioner=Practitioner(
                    first_name="Maya",
                    last_name="Lindqvist",
                    credentials="LMT",
                    npi="1558598797",
                    tax_id="91-1234567",
                    tax_id_type=TaxIdType.EIN,
                    license_number="MA60123456",
                    license_state="WA",
                    address=Address("2200 Westlake Ave N", "Seattle", "WA", "98109"),
                    phone="206-555-0148",
                    practice_name="Benchmark Massage",
                ),
                fees=FeeSchedule(default={"97124": 4000, "97140": 4500, "97112": 4500, "97010": 1000}),
                payers=(
                    Payer(
                        "premera",
                        "Premera Blue Cross",
                        PayerKind.COMMERCIAL,
                        unit_rule=UnitRule.AMA_MIDPOINT,
                        filing_limit_days=365,
                    ),
                    Payer("regence", "Regence BlueShield", PayerKind.COMMERCIAL, filing_limit_days=180),
                    Payer("lni", "Washington State Dept. of Labor & Industries", PayerKind.WORKERS_COMP),
                    Payer("self", "Self-pay", PayerKind.SELF_PAY),
                ),
            )
        )
        conn = store.conn
        patients, coverages, prescriptions, rx_codes = [], [], [], []
        visits, visit_codes, lines, payments = [], [], [], []
        superbills, superbill_visits = [], []
        pdf = _placeholder_pdf()
        digest = hashlib.sha256(pdf).hexdigest()
        visit_id = 0
        two_years = 730
        for n in range(1, PATIENTS + 1):
            key = f"pt-{n:05d}"
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            dob = (date(1940, 1, 1) + timedelta(days=rng.randrange(25_000))).isoformat()
            account = f"A{n:05d}"
            patients.append(
                (
                    n,
                    key,
                    account,
                    first,
                    last,
                    dob,
                    f"206-555-{n % 10000:04d}",
                    sort_name(first, last),
                    search_text(first, last, dob, account),
                )
            )
            insured = rng.random() < 0.6
            payer = rng.choice(("premera", "premera", "regence", "lni"))
            if insured:
                coverages.append(
                    (
                        key,
                        "cov-1",
                        payer,
                        f"PRM{n:09d}" if payer != "lni" else None,
                        f"CLM{n:07d}" if payer == "lni" else None,
                        (today - timedelta(days=800)).isoformat() if payer == "lni" else None,
                        "Acme Corp" if payer == "lni" else None,
                    )
                )
                written = today - timedelta(days=rng.randrange(20, 400))
                expires = written + timedelta(days=rng.choice((90, 180, 365, 400)))
                prescriptions.append(
                    (
                        n,
                        key,
                        "rx-1",
                        "Helen Park",
                        "MD",
                        "1003000126",
                        written.isoformat(),
                        written.isoformat(),
                        expires.isoformat(),
                        rng.choice((8, 12, 24, 40)),
                    )
                )
                rx_codes += [(n, 0, "M54.50"), (n, 1, "M62.830")]
            days = sorted(rng.sample(range(two_years), VISITS_PER_PATIENT), reverse=True)
            filed: list[int] = []
            filed_dates: list[date] = []
            written = expires = today
            for v, days_ago in enumerate(days, start=1):
                visit_id += 1
                day = today - timedelta(days=days_ago)
                on_rx = insured and written <= day <= expires
                visits.append(
                    (
                        visit_id,
                        key,
                        f"v-{v}",
                        day.isoformat(),
                        "11",
                        "cov-1" if insured else None,
                        "rx-1" if on_rx else None,
                    )
                )
                visit_codes += [(visit_id, 0, "M54.50"), (visit_id, 1, "M62.830")]
                lines.append((visit_id, 0, "97124", 30 + 15 * (v % 2), None, "[]", '["A","B"]', "lumbar"))
                if v % 3 == 0:
                    lines.append((visit_id, 1, "97140", 15, None, '["59"]', '["B"]', "thoracic"))
                if insured and days_ago > 120:
                    filed.append(visit_id)
                    filed_dates.append(day)
                elif not insured:
                    payments.append((key, f"pay-{v}", day.isoformat(), 4000, "card"))
            if filed:
                balance = 4000 if rng.random() < 0.1 else 0
                number = f"SB-{today.year:04d}-{len(superbills) + 1:04d}"
                superbills.append(
                    (
                        len(superbills) + 1,
                        number,
                        key,
                        today.isoformat(),
                        min(filed_dates).isoformat(),
                        max(filed_dates).isoformat(),
                        4000 * len(filed),
                        4000 * len(filed) - balance,
                        balance,
                        digest,
                        pdf,
                    )
                )
                superbill_visits += [(len(superbills), p, vid) for p, vid in enumerate(filed)]

        with store.transaction():
            conn.executemany(
                "INSERT INTO patients (id, key, account_number, first_name, last_name, date_of_birth, phone,"
                " sort_name, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                patients,
            )
            conn.execute(
                "INSERT OR REPLACE INTO counters (name, value) VALUES ('account_number', ?)", (PATIENTS,)
            )
            conn.executemany(
                "INSERT INTO coverages (patient, key, payer, member_id, claim_number, injury_date, employer)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                coverages,
            )
            conn.executemany(
                "INSERT INTO prescriptions (id, patient, key, prescriber_name, prescriber_credentials,"
                " prescriber_npi, written_on, starts_on, expires_on, authorized_visits)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                prescriptions,
            )
            conn.executemany(
                "INSERT INTO prescription_diagnoses (prescription_id, position, code) VALUES (?, ?, ?)",
                rx_codes,
            )
            conn.executemany(
                "INSERT INTO visits (id, patient, key, date, place_of_service, coverage, prescription)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                visits,
            )
            conn.executemany(
                "INSERT INTO visit_diagnoses (visit_id, position, code) VALUES (?, ?, ?)", visit_codes
            )
            conn.executemany(
                "INSERT INTO service_lines (visit_id, position, cpt, minutes, units, modifiers, pointers,"
                " body_region) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                lines,
            )
            conn.executemany(
                "INSERT INTO payments (patient, key, date, amount, method) VALUES (?, ?, ?, ?, ?)", payments
            )
            conn.executemany(
                "INSERT INTO superbills (id, number, patient, issued_on, first_date, last_date, charges,"
                " payments, balance, sha256, pdf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                superbills,
            )
            conn.execute(
                "INSERT OR REPLACE INTO counters (name, value) VALUES (?, ?)",
                (f"statement:{today.year:04d}", len(superbills)),
            )
            conn.executemany(
                "INSERT INTO superbill_visits (superbill_id, position, visit_id) VALUES (?, ?, ?)",
                superbill_visits,
            )
        conn.execute("ANALYZE")
        violations = conn.execute("PRAGMA foreign_key_check").fetchall()
        if violations:
            raise SystemExit(f"the benchmark database breaks foreign keys: {violations[:5]}")
    (data_dir / BUILT_MARKER).write_text(today.isoformat())
    print(
        f"built {PATIENTS:,} patients, {visit_id:,} visits, {len(superbills):,} superbills in {data_dir} "
        f"({time.perf_counter() - started:.1f} s)"
    )


def _placeholder_pdf() -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1)
    canvas.drawString(72, 720, "Benchmark data (bench/startup.py): not a superbill.")
    canvas.save()
    return buffer.getvalue()


# The children: each runs in a fresh process ----------------------------------------------------


def child(mode: str, data_dir: Path) -> None:
    if mode == "search":
        _child_search(data_dir)
    elif mode == "icd":
        _child_icd(data_dir)


def _keystrokes(app: object, box: object, words: list[str], count: int = 50) -> list[float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    times: list[float] = []
    for word in words:
        box.clear()  # type: ignore[attr-defined]
        app.processEvents()  # type: ignore[attr-defined]
        for letter in word:
            started = time.perf_counter()
            QTest.keyClick(box, letter)  # type: ignore[call-overload]
            app.processEvents()  # type: ignore[attr-defined]
            times.append((time.perf_counter() - started) * 1000)
            if len(times) == count:
                return times
    QTest.keyClick(box, Qt.Key.Key_Escape)  # type: ignore[call-overload]
    return times


def _child_search(data_dir: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from app.services.workspace import Workspace
    from app.ui.patients.patients_page import PatientsPage

    app = QApplication([sys.argv[0], "-platform", "offscreen"])
    workspace = Workspace(data_dir)
    page = PatientsPage(workspace)
    page.resize(600, 700)
    page.show()
    app.processEvents()
    words = [
        "okafor",
        "nguyen",
        "garcia daniel",
        "06/12/1984",
        "A04321",
        "PRM000007777",
        "zoe",
        "smith",
        "obrien",
    ]
    times = _keystrokes(app, page.search_box, words)
    print(json.dumps({"worst_ms": max(times), "median_ms": statistics.median(times), "keys": len(times)}))
    page.close()
    workspace.close()


def _child_icd(data_dir: Path) -> None:
    from app.services.workspace import Workspace

    workspace = Workspace(data_dir)
    try:
        codes = workspace.codes
    except Exception as error:  # the code index is not built yet: say so rather than fail the bench
        print(json.dumps({"error": f"no ICD-10-CM index: {error}"}))
        return
    words = ["low back pain", "M54.5", "whiplash", "myalgia", "fibromyalgia", "S13.4XXA", "tension headache"]
    index_times: list[float] = []
    for word in words:
        for end in range(1, len(word) + 1):
            started = time.perf_counter()
            codes.search(word[:end], 50)
            index_times.append((time.perf_counter() - started) * 1000)
    index_times = index_times[:50]
    result: dict[str, float | str] = {"index_worst_ms": max(index_times)}
    try:
        from app.ui.visits.icd_picker import IcdPicker
    except ImportError:
        print(json.dumps(result))
        return
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0], "-platform", "offscreen"])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    picker = IcdPicker(workspace, settings=settings)
    picker.resize(700, 500)
    picker.show()
    app.processEvents()
    times = _keystrokes(app, picker.search, words)
    result["picker_worst_ms"] = max(times)
    result["picker_median_ms"] = statistics.median(times)
    print(json.dumps(result))
    picker.close()


# The parent: builds once, runs the children, prints the table ----------------------------------


def run_child(mode: str, data_dir: Path) -> dict[str, float | str]:
    """Start a fresh process; "bare" and "main" are timed from here, by bench/startup_child.py."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # Never touch the user's own settings (window geometry, recents) or log.
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="superbill-bench-config-")
    env["SUPERBILL_LOG_DIR"] = tempfile.mkdtemp(prefix="superbill-bench-log-")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    started = time.monotonic_ns()
    if mode in ("bare", "qt-table", "main"):
        command = ["-m", "bench.startup_child", mode, str(data_dir), str(started)]
    else:
        command = ["-m", "bench.startup", "--child", mode, "--data-dir", str(data_dir)]
    completed = subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    if completed.returncode != 0 or not lines:
        return {"error": (completed.stderr.strip().splitlines() or ["no output"])[-1]}
    result: dict[str, float | str] = json.loads(lines[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--runs", type=int, default=20, help="startups of each kind (median is judged)")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--child", choices=("bare", "main", "search", "icd"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.data_dir)
        return 0
    # The app as installed (a wheel or the frozen bundle) carries compiled bytecode, as PySide6 does;
    # without this, an environment with PYTHONDONTWRITEBYTECODE=1 recompiles every module of ours at
    # each start and the comparison with the bare window is not fair.
    compileall.compile_dir(ROOT / "app", quiet=1)

    args.data_dir.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not (args.data_dir / BUILT_MARKER).exists():
        build(args.data_dir, date.today())
    else:
        print(f"using the database built in {args.data_dir} (--rebuild to build it again)")

    # Taken in turns, so that a change in the machine's load meets both alike.
    bare: list[dict[str, float | str]] = []
    qt_table: list[dict[str, float | str]] = []
    main_runs: list[dict[str, float | str]] = []
    for _ in range(args.runs):
        bare.append(run_child("bare", args.data_dir))
        qt_table.append(run_child("qt-table", args.data_dir))
        main_runs.append(run_child("main", args.data_dir))
    search = run_child("search", args.data_dir)
    icd = run_child("icd", args.data_dir)

    rows: list[tuple[str, str, str, str]] = []
    failed = False

    def row(name: str, value: float | None, budget: float | None, note: str = "") -> None:
        nonlocal failed
        ok = value is not None and (budget is None or value <= budget)
        if budget is not None and not ok:
            failed = True
        verdict = "" if budget is None else ("pass" if ok else "FAIL")
        shown = "n/a" if value is None else f"{value:8.1f} ms"
        limit = "" if budget is None else f"{budget:8.1f} ms"
        rows.append((name + (f" [{note}]" if note else ""), shown, limit, verdict))

    def median_of(runs: list[dict[str, float | str]], field: str) -> float | None:
        values = [float(r[field]) for r in runs if field in r]
        return statistics.median(values) if values else None

    bare_ms = median_of(bare, "shown_ms")
    main_ms = median_of(main_runs, "shown_ms")
    window_kind = next((str(r["window"]) for r in main_runs if "window" in r), "?")
    row("bare QMainWindow shown (median)", bare_ms, None)
    qt_ms = median_of(qt_table, "shown_ms")
    row("reference: PySide6 alone, search box + 100-row table (median)", qt_ms, None)
    row("main window shown (median)", main_ms, min(1000.0, 1.5 * bare_ms) if bare_ms else 1000.0, window_kind)
    row("  ... attention panel filled (median)", median_of(main_runs, "attention_ms"), None)
    row("bare QMainWindow shown, CPU time (median)", median_of(bare, "shown_cpu_ms"), None)
    row("main window shown, CPU time (median)", median_of(main_runs, "shown_cpu_ms"), None)
    row("  ... attention panel filled, CPU time (median)", median_of(main_runs, "attention_cpu_ms"), None)
    row("patient search keystroke (worst of 50)", _number(search, "worst_ms"), 16.0)
    row("  ... median", _number(search, "median_ms"), None)
    row("IcdIndex.search (worst of 50)", _number(icd, "index_worst_ms"), 16.0)
    row("ICD picker keystroke (worst of 50)", _number(icd, "picker_worst_ms"), 16.0)

    paired = _paired_ratio(bare, main_runs)
    paired_reference = _paired_ratio(bare, qt_table)
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure':<{width}}  {'value':>11}  {'budget':>11}  result")
    for name, value, limit, verdict in rows:
        print(f"{name:<{width}}  {value:>11}  {limit:>11}  {verdict}")
    if paired is not None and bare_ms and main_ms:
        print(
            f"\nmain window / bare window: {main_ms / bare_ms:.2f}x (medians); each start over the bare start "
            f"just before it, median: {paired:.2f}x (reference: {paired_reference or 0:.2f}x)"
        )
    for label, runs in (
        ("bare", bare),
        ("qt-table", qt_table),
        ("main", main_runs),
        ("search", [search]),
        ("icd", [icd]),
    ):
        for run in runs:
            if "error" in run:
                print(f"{label}: {run['error']}")
                break
    return 1 if failed else 0


def _paired_ratio(bare: list[dict[str, float | str]], other: list[dict[str, float | str]]) -> float | None:
    """The median of each start's time over the bare start taken just before it: a slow spell of the
    machine meets both starts of a pair alike, where it may meet the two medians unevenly."""
    ratios = [
        float(o["shown_ms"]) / float(b["shown_ms"])
        for b, o in zip(bare, other, strict=True)
        if "shown_ms" in b and "shown_ms" in o
    ]
    return statistics.median(ratios) if ratios else None


def _number(result: dict[str, float | str], field: str) -> float | None:
    value = result.get(field)
    return float(value) if isinstance(value, int | float) else None


if __name__ == "__main__":
    raise SystemExit(main())
