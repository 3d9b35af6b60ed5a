"""Year-end statements: one PDF per patient with visits in the year, written into a folder in one go.

Who: every patient with a visit in the year ("all"), only those whose year leaves a balance due
("with-balance"), or only those with a visit billed to an HSA/FSA coverage ("hsa"). What: each date
of service of the year, charged and paid (app.domain.statement). The superbill's check runs on each
(a statement may list visits already on superbills: it says which, "submitted on SB-2026-0012");
a final statement the check refuses is held back with its first error. Drafts are watermarked and
not numbered; final ones are numbered "YE-2026-0001"..., in name order, and recorded with their PDF
so that `superbill reprint YE-2026-0001` writes them again byte for byte.

Final statements are issued once a year: run again, they are refused (AlreadyIssued, naming those
issued) unless corrected ones are asked for (`again`); each corrected statement gets a new number and
says which one it replaces (the patient's latest for that year). Statements issued before the year
is over say on the PDF that they cover a partial year (the summary's `partial_through`).

Files are named so they sort: "Okafor, Daniel - 2026 statement.pdf"; when two patients share a name,
both files carry their account numbers ("Smith, Mary (A00012) - 2026 statement.pdf"). Name order is
patient search's, accents and case aside (Ångström before Smith). Each is written whole (StagedFile)
and, when final, recorded in the same step. Corrected statements take the earlier files' names.

Speed: the check and the rendering run in a pool of worker processes, one per core, each loading the
fonts and the ICD-10-CM index once (`_start_worker`); the records are read once, in a few queries,
in this process. `go_on(done, total, name)` is asked as each statement is finished: False stops the
run there (statements already written stay written and recorded).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from app.domain.check import Severity, check_superbill
from app.domain.dates import us_date
from app.domain.errors import ValidationError
from app.domain.money import Cents
from app.domain.practice import PatientChart, Payer, PayerKind, Visit
from app.domain.statement import YearStatementData
from app.services.batch import BatchPatient, file_name
from app.services.errors import ServiceError
from app.services.files import StagedFile, output_folder, output_path
from app.services.superbills import data_for
from app.services.workspace import Workspace
from app.store.search import fold
from app.store.year_end import STATEMENT_PREFIX, YearStatement

log = logging.getLogger(__name__)  # counts only: never a name
T = TypeVar("T")

FIELD = "-o"


class Who(StrEnum):
    ALL = "all"
    WITH_BALANCE = "with-balance"
    HSA = "hsa"


@dataclass(frozen=True)
class WrittenStatement:
    patient: BatchPatient
    path: Path
    number: str | None  # None for a draft
    visits: int
    charges: Cents
    payments: Cents


@dataclass(frozen=True)
class HeldStatement:
    patient: BatchPatient
    reason: str


class AlreadyIssued(ServiceError):
    """The year's final statements were issued already: a second set only when asked for (`again`)."""

    def __init__(self, year: int, issued: list[YearStatement]) -> None:
        numbers = sorted(s.number for s in issued)
        days = " and ".join(us_date(day) for day in sorted({s.issued_on for s in issued}))
        span = numbers[0] if len(numbers) == 1 else f"{numbers[0]} to {numbers[-1]}"
        super().__init__(f"{year} statements were issued on {days} ({span})")
        self.year, self.numbers = year, numbers


def replaced_statements(issued: Iterable[YearStatement]) -> dict[str, str]:
    """Statement number -> the number it replaces: a patient's later statement for a year replaces
    their earlier one (a second is issued only as a correction)."""
    latest: dict[tuple[str, int], str] = {}
    replaces: dict[str, str] = {}
    for statement in sorted(issued, key=lambda s: s.number):
        earlier = latest.get((statement.patient, statement.year))
        if earlier is not None:
            replaces[statement.number] = earlier
        latest[(statement.patient, statement.year)] = statement.number
    return replaces


@dataclass
class StatementsSummary:
    folder: Path
    year: int
    total: int
    partial_through: date | None = None  # the issue date, when the year is not over
    written: list[WrittenStatement] = field(default_factory=list)
    held_back: list[HeldStatement] = field(default_factory=list)
    cancelled: bool = False

    @property
    def not_reached(self) -> int:
        return self.total - len(self.written) - len(self.held_back)


def statements_for(workspace: Workspace, year: int, who: Who, today: date) -> list[YearStatementData]:
    """The statements to write, in name order (last, first): every chart with a visit in `year`, as `who` says."""
    store = workspace.store
    _check_year(year, today)
    charts = store.charts()
    submitted: dict[tuple[str, str], str] = {}
    replaced = set()
    issued = store.superbills()
    for superbill in issued:
        if superbill.replaces:
            replaced.add(superbill.replaces)
    for superbill in issued:
        if superbill.number not in replaced:
            for key in superbill.visit_keys:
                submitted[(superbill.patient, key)] = superbill.number
    payers = {payer.key: payer for payer in store.payers()}
    practitioner = store.practitioner()
    if practitioner is None:
        raise ValidationError("practitioner", "the practice has no provider yet: set up the practice first")
    fees, procedures = store.fees(), store.procedures()
    found: list[YearStatementData] = []
    for chart in sorted(charts, key=_name_order):
        visits = [v for v in chart.visits if v.date.year == year]
        if not visits:
            continue
        if who is Who.HSA and not _uses_hsa(chart, visits, payers):
            continue
        payments = [p for p in chart.payments if p.date.year == year]
        data = data_for(
            store,
            chart,
            visits,
            payments,
            issued_on=today,
            practitioner=practitioner,
            payers=payers,
            fees=fees,
            procedures=procedures,
        )
        statement = YearStatementData(
            data,
            year,
            {
                v.key: submitted[(chart.patient.key, v.key)]
                for v in visits
                if (chart.patient.key, v.key) in submitted
            },
        )
        if who is Who.WITH_BALANCE and data.totals().balance <= 0:
            continue
        found.append(statement)
    return found


def _check_year(year: int, today: date) -> None:
    if not 1 <= year <= 9998:
        raise ValidationError("--year", f"{year} is not a year: give four digits, such as {today.year - 1}")


def _name_order(chart: PatientChart) -> tuple[str, str, str]:
    """Last name, first name, folded as patient search folds them: Ångström sorts with the A's."""
    p = chart.patient
    return (fold(p.last_name), fold(p.first_name), p.key)


def _uses_hsa(chart: PatientChart, visits: Iterable[Visit], payers: Mapping[str, Payer]) -> bool:
    kinds = {c.key: payers[c.payer].kind for c in chart.coverages if c.payer in payers}
    return any(kinds.get(v.coverage or "") is PayerKind.HSA_FSA for v in visits)


# The worker processes -----------------------------------------------------------------------------

_worker: dict[str, object] = {}
# The statements to write, set before the pool starts: a worker forked from this process has them
# already, and is sent only their places in the list (sending them would cost more than checking them).
_shared: list[YearStatementData] = []


def _start_worker(data_dir: Path) -> None:
    """Once per worker process: the fonts and the ICD-10-CM index, kept for every statement it renders."""
    from app.render.year_end import StatementRenderer
    from app.store.code_index import open_code_index

    codes = open_code_index(data_dir)
    described: dict[str, str | None] = {}

    def describe(code: str) -> str | None:
        if code not in described:
            entry = codes.lookup(code)
            described[code] = entry.description if entry else None
        return described[code]

    _worker["codes"] = codes
    _worker["renderer"] = StatementRenderer(describe=describe)


def _check_one(statement: YearStatementData, today: date) -> str | None:
    """The check's first error for this statement, or None when it has none."""
    from app.store.code_index import IcdIndex

    codes = _worker["codes"]
    assert isinstance(codes, IcdIndex)
    findings = check_superbill(statement.data, codes, today)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    return errors[0].message if errors else None


def _render_one(statement: YearStatementData, draft: bool) -> tuple[bytes, Cents, Cents]:
    from app.render.year_end import StatementRenderer

    renderer = _worker["renderer"]
    assert isinstance(renderer, StatementRenderer)
    totals = statement.data.totals()
    return renderer.render(statement, draft=draft), totals.charges, totals.payments


def _task(
    statement: YearStatementData | int, draft: bool, today: date, check: bool
) -> tuple[str | None, bytes, Cents, Cents]:
    """In a worker: the check's first error (when `check`: then no PDF), else the PDF and its totals.

    `statement` is the statement, or its place in the list the worker inherited (_shared).
    """
    if isinstance(statement, int):
        statement = _shared[statement]
    if check:
        error = _check_one(statement, today)
        if error is not None:
            return error, b"", 0, 0
    return (None, *_render_one(statement, draft))


class _InThisProcess(Executor):
    """One worker: this process itself (no pool to start, nothing to send between processes)."""

    def __init__(self, data_dir: Path) -> None:
        _start_worker(data_dir)

    def map(
        self,
        fn: Callable[..., T],
        *iterables: Iterable[Any],
        timeout: float | None = None,
        chunksize: int = 1,
    ) -> Iterator[T]:
        return map(fn, *iterables)


def _pool(data_dir: Path, workers: int) -> Executor:
    if workers == 1:
        return _InThisProcess(data_dir)
    # Loaded before the workers start, so that each starts with them (a fork shares them): reportlab
    # and the faces. Each worker opens its own ICD-10-CM index (_start_worker).
    from app.render.fonts import document_fonts
    from app.render.year_end import StatementRenderer  # noqa: F401

    document_fonts()
    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(data_dir,))


def worker_count() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


Result = tuple[str | None, bytes, Cents, Cents]


def _run(
    pool: Executor,
    statements: list[YearStatementData],
    draft: bool,
    today: date,
    check: bool,
    workers: int,
) -> Iterator[Result]:
    n = len(statements)
    chunk = max(1, min(16, n // (4 * workers)))
    items: list[YearStatementData | int] = list(statements)
    if isinstance(pool, ProcessPoolExecutor) and _forks():
        _shared[:] = statements
        items = list(range(n))
    return pool.map(_task, items, [draft] * n, [today] * n, [check] * n, chunksize=chunk)


def _forks() -> bool:
    import multiprocessing

    return multiprocessing.get_start_method() == "fork"


def _numbered(statement: YearStatementData, number: str | None) -> YearStatementData:
    return replace(statement, data=replace(statement.data, statement_number=number))


def write_statements(
    workspace: Workspace,
    year: int,
    folder: Path,
    today: date,
    *,
    who: Who = Who.ALL,
    draft: bool = False,
    go_on: Callable[[int, int, str], bool] | None = None,
    workers: int | None = None,
    again: bool = False,
) -> StatementsSummary:
    """Write every statement (see the module's docstring) into `folder`; ValidationError naming the folder.

    Final statements are numbered in name order as if none were held back; when the check holds one
    back, those after it are rendered again with the numbers that close the gap. The files are staged
    (written and flushed) as the statements come in; the statements are recorded in one transaction,
    and the files take their names once it is committed. A file that cannot be written records nothing.
    """
    output_folder(folder, workspace.data_dir, field=FIELD)
    _check_year(year, today)
    issued = [] if draft else workspace.store.year_statements(year)
    if issued and not again:
        raise AlreadyIssued(year, issued)
    statements = statements_for(workspace, year, who, today)
    if issued:
        latest = {s.patient: s.number for s in sorted(issued, key=lambda s: s.number)}
        statements = [replace(s, replaces=latest.get(s.data.chart.patient.key)) for s in statements]
    summary = StatementsSummary(folder=Path(folder), year=year, total=len(statements))
    if today < date(year + 1, 1, 1):
        summary.partial_through = today
    if not statements:
        return summary
    count = workers or worker_count()
    store = workspace.store
    first = 0 if draft else int(store.upcoming_year_statement_number(year).rsplit("-", 1)[1])
    if not draft:
        statements = [_numbered(s, _number(year, first + i)) for i, s in enumerate(statements)]
    done: list[tuple[YearStatementData, Result]] = []
    with _pool(workspace.data_dir, count) as pool:
        try:
            for statement, result in zip(
                statements, _run(pool, statements, draft, today, not draft, count), strict=False
            ):
                if go_on is not None and not go_on(len(done), summary.total, _patient(statement).name):
                    summary.cancelled = True
                    break
                done.append((statement, result))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        kept: list[tuple[YearStatementData, Result]] = []
        renumbered: list[YearStatementData] = []
        for statement, result in done:
            if result[0] is not None:
                summary.held_back.append(HeldStatement(_patient(statement), result[0]))
                continue
            if not draft:
                number = _number(year, first + len(kept) + len(renumbered))
                if number != statement.data.statement_number:
                    renumbered.append(_numbered(statement, number))
                    continue
            kept.append((statement, result))
    if renumbered:
        with _pool(workspace.data_dir, count) as pool:
            kept += list(zip(renumbered, _run(pool, renumbered, draft, today, False, count), strict=True))
    _keep_all(workspace, kept, Path(folder), today, summary)
    log.info(
        "year-end statements written=%d held_back=%d cancelled=%s draft=%s",
        len(summary.written),
        len(summary.held_back),
        summary.cancelled,
        draft,
    )
    return summary


def _number(year: int, sequence: int) -> str:
    return f"{STATEMENT_PREFIX}-{year:04d}-{sequence:04d}"


def _patient(statement: YearStatementData) -> BatchPatient:
    p = statement.data.chart.patient
    return BatchPatient(p.key, p.first_name, p.last_name)


def _file_names(statements: list[YearStatementData]) -> list[str]:
    """ "Okafor, Daniel - 2026 statement.pdf"; patients who share a name each get their account number
    ("Smith, Mary (A00012) - 2026 statement.pdf"), and a name still taken gets " (2)"."""
    from collections import Counter

    plain = [file_name(_patient(s), f"{s.year} statement") for s in statements]
    shared = {name for name, count in Counter(plain).items() if count > 1}
    taken: Counter[str] = Counter()
    names: list[str] = []
    for statement, name in zip(statements, plain, strict=True):
        p = statement.data.chart.patient
        if name in shared and p.account_number:
            named = BatchPatient(p.key, f"{p.first_name} ({p.account_number})", p.last_name)
            name = file_name(named, f"{statement.year} statement")
        taken[name] += 1
        names.append(name if taken[name] == 1 else name.removesuffix(".pdf") + f" ({taken[name]}).pdf")
    return names


def _keep_all(
    workspace: Workspace,
    kept: list[tuple[YearStatementData, Result]],
    folder: Path,
    today: date,
    summary: StatementsSummary,
) -> None:
    """Stage every file (flushed by a few threads at once), record the final ones in one transaction,
    then give the files their names; on any failure, nothing is recorded and no file is left."""
    from concurrent.futures import ThreadPoolExecutor

    kept.sort(key=lambda item: _name_order(item[0].data.chart))
    staged: list[StagedFile] = []
    store = workspace.store
    try:
        with ThreadPoolExecutor(max_workers=4) as writers:
            writes = []
            for (_statement, (_error, pdf, _charges, _payments)), name in zip(
                kept, _file_names([s for s, _ in kept]), strict=True
            ):
                path = output_path(folder / name, workspace.data_dir, field=FIELD)
                file = StagedFile(path, field=FIELD).__enter__()
                staged.append(file)
                writes.append(writers.submit(file.write, pdf))
            for write in writes:
                write.result()  # a ValidationError naming the file, when it could not be written
        with store.transaction():
            for (statement, (_error, pdf, charges, payments)), file in zip(kept, staged, strict=True):
                number = statement.data.statement_number
                if number is not None:
                    if store.next_year_statement_number(statement.year) != number:
                        raise ValidationError(
                            "statements",
                            f"statement number {number} was taken meanwhile (another window?): "
                            "run the statements again",
                        )
                    store.record_year_statement(
                        YearStatement(
                            number,
                            _patient(statement).key,
                            statement.year,
                            today,
                            len(statement.data.visits),
                            charges,
                            payments,
                            hashlib.sha256(pdf).hexdigest(),
                        ),
                        pdf,
                    )
                summary.written.append(
                    WrittenStatement(
                        _patient(statement), file.path, number, len(statement.data.visits), charges, payments
                    )
                )
    except BaseException:
        summary.written.clear()
        for file in staged:
            file.discard()
        raise
    for file in staged:
        file.finish()
