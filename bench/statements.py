"""Year-end statements for a whole practice: statements per second, against one at a time, in the same run.

The practice: 300 patients with 40 visits each in the year (12,000 visits), weekly, each paid on the
day, a third of the visits with a second procedure; every tenth patient pays through an HSA. Both
runs write final statements (checked, numbered, recorded) into a fresh folder of a fresh copy of
the practice, so neither starts warm from the other:

- one at a time: one process checks and renders each statement in turn (workers=1, no pool);
- the pool: `superbill statements` as shipped (one worker per core).

Budget (issue 16): 300 statements of 12,000 visits in under 3 s on a 2-core machine. Run from the
repository root: `python -m bench.statements [PATIENTS] [VISITS_EACH]`; say what else the machine
was running (`uptime`'s load) beside the figures.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from app.domain.practice import (
    Address,
    Coverage,
    FeeSchedule,
    Patient,
    PatientChart,
    Payer,
    PayerKind,
    Payment,
    PaymentMethod,
    Practice,
    Prescription,
    ServiceLine,
    Visit,
)
from app.services import statements
from app.services.workspace import Workspace
from tests import sample

YEAR = 2026
TODAY = date(YEAR + 1, 1, 8)
BUDGET_S = 3.0
FIRST_NAMES = ("Daniel", "Zoë", "Amy", "José", "Renée", "Carl", "Siobhán", "Ana", "Björn", "Mary")
LAST_NAMES = ("Okafor", "Zhang", "Brown", "Muñoz", "Lefèvre", "Nguyễn", "Smith", "García", "Dubois", "Park")


def practice(patients: int, visits_each: int) -> Practice:
    payers = (
        Payer("premera", "Premera Blue Cross", PayerKind.COMMERCIAL),
        Payer("hsa", "HealthEquity HSA", PayerKind.HSA_FSA),
    )
    charts = []
    for n in range(patients):
        hsa = n % 10 == 9
        coverage = (
            Coverage("cov-1", "hsa")
            if hsa
            else Coverage("cov-1", "premera", member_id=f"PRM{n:09d}", group_number="1000045")
        )
        rx = Prescription(
            "rx-1",
            "Helen Park",
            date(YEAR - 1, 12, 15),
            diagnoses=("M54.50", "M62.830"),
            prescriber_credentials="MD",
            prescriber_npi="1003000126",
            starts_on=date(YEAR - 1, 12, 15),
            expires_on=date(YEAR, 12, 31),
            frequency="1x/week",
        )
        visits, payments = [], []
        for v in range(visits_each):
            day = date(YEAR, 1, 2) + timedelta(days=(7 * v) % 360 + v // 52)
            lines = [ServiceLine("97124", ("A", "B"), minutes=45, body_region="lumbar")]
            if v % 3 == 2:
                lines.append(
                    ServiceLine("97140", ("B",), minutes=15, modifiers=("59",), body_region="thoracic")
                )
            visits.append(
                Visit(
                    f"v-{v}", day, ("M54.50", "M62.830"), tuple(lines), coverage="cov-1", prescription="rx-1"
                )
            )
            amount = 12000 + (4500 if v % 3 == 2 else 0) - (2000 if n % 4 == 0 and v == 0 else 0)
            method = PaymentMethod.HSA_FSA_CARD if hsa else PaymentMethod.CARD
            payments.append(Payment(f"p-{v}", day, amount, method))
        patient = Patient(
            f"pt-{n:04d}",
            FIRST_NAMES[n % len(FIRST_NAMES)],
            f"{LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]}{'' if n < 100 else n // 100}",
            date(1950 + n % 50, 1 + n % 12, 1 + n % 28),
            sex="MF"[n % 2],
            address=Address(f"{100 + n} Fremont Pl N", "Seattle", "WA", "98103"),
        )
        charts.append(
            PatientChart(
                patient,
                coverages=(coverage,),
                prescriptions=(rx,),
                visits=tuple(visits),
                payments=tuple(payments),
            )
        )
    return Practice(
        practitioner=sample.practitioner(),
        fees=FeeSchedule(default={"97124": 4000, "97140": 4500}),
        payers=payers,
        charts=tuple(charts),
    )


def build(data_dir: Path, patients: int, visits_each: int) -> None:
    with Workspace(data_dir) as workspace:
        workspace.store.save_practice(practice(patients, visits_each))


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(data_dir: Path, folder: Path, workers: int | None) -> tuple[float, float, int]:
    """Wall and CPU seconds to write every final statement (`workers`=1: one at a time, in this process)."""
    with Workspace(data_dir) as workspace:
        cpu, start = _cpu(), time.perf_counter()
        if workers == 1:
            summary = one_at_a_time(workspace, folder)
        else:
            summary = statements.write_statements(workspace, YEAR, folder, TODAY, workers=workers)
        elapsed, used = time.perf_counter() - start, _cpu() - cpu
    assert not summary.held_back, summary.held_back[:3]
    return elapsed, used, len(summary.written)


def one_at_a_time(workspace: Workspace, folder: Path) -> statements.StatementsSummary:
    """The baseline: the same statements, checked and rendered one after the other in this process
    (the statement rendered alone, as the issue asks to compare against)."""
    return statements.write_statements(workspace, YEAR, folder, TODAY, workers=1)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    patients = int(args[0]) if args else 300
    visits_each = int(args[1]) if len(args) > 1 else 40
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        os.environ["SUPERBILL_LOG_DIR"] = str(root / "logs")
        template = root / "template"
        build(template, patients, visits_each)
        figures = {}
        for label, workers in (("one at a time", 1), ("pool", None)):
            data = root / label.replace(" ", "-")
            shutil.copytree(template, data)
            seconds, cpu, written = timed(data, root / f"out-{label.replace(' ', '-')}", workers)
            figures[label] = seconds
            print(
                f"{label:>14}: {written} statements in {seconds:.2f} s = {written / seconds:.0f} statements/s "
                f"({cpu:.2f} s of CPU)"
            )
    speedup = figures["one at a time"] / figures["pool"]
    print(f"speed-up of the pool over one at a time: {speedup:.2f}x ({statements.worker_count()} workers)")
    met = figures["pool"] < BUDGET_S
    print(
        f"budget: {patients * visits_each:,} visits in under {BUDGET_S:.0f} s: {'met' if met else 'NOT met'}"
    )
    print(f"load average after the runs: {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
