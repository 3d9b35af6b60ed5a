"""`superbill statements`: one year-end statement per patient, totals as the database has them."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.domain.dates import us_date
from app.services import statements
from app.services.workspace import Workspace
from bench import statements as practices
from tests.cli.test_cli import dump, run
from tests.render import pdf_text

YEAR = practices.YEAR


@pytest.fixture
def practice_of_30(data_dir: Path) -> Path:
    """30 patients, 12 visits each in the year, paid on the day (one of every four paid $20 short once)."""
    practices.build(data_dir, 30, 12)
    return data_dir


def _money(text: str) -> int:
    return int(text.replace("$", "").replace(",", "").replace(".", ""))


def _database_totals(data_dir: Path) -> dict[str, tuple[int, int, int]]:
    """Per patient, as the database has them: visits, charges (units x fee) and payments of the year."""
    connection = sqlite3.connect(data_dir / "practice.sqlite3")
    try:
        fees = dict(connection.execute("SELECT code, cents FROM fees"))
        totals: dict[str, list[int]] = {}
        for patient, cpt, minutes in connection.execute(
            "SELECT v.patient, l.cpt, l.minutes FROM service_lines l JOIN visits v ON v.id = l.visit_id "
            "WHERE v.date LIKE ?",
            (f"{YEAR}-%",),
        ):
            units = max(1, round(minutes / 15))  # 45 min: 3 units; 15 min: 1 (the 8-minute rule)
            totals.setdefault(patient, [0, 0, 0])[1] += units * fees[cpt]
        for patient, visits in connection.execute(
            "SELECT patient, count(*) FROM visits WHERE date LIKE ? GROUP BY patient", (f"{YEAR}-%",)
        ):
            totals[patient][0] = visits
        for patient, paid in connection.execute(
            "SELECT patient, sum(amount) FROM payments WHERE date LIKE ? GROUP BY patient", (f"{YEAR}-%",)
        ):
            totals[patient][2] = paid
        names = dict(connection.execute("SELECT key, last_name || ', ' || first_name FROM patients"))
    finally:
        connection.close()
    return {names[key]: (v, c, p) for key, (v, c, p) in totals.items()}


def test_every_patient_gets_a_statement_whose_totals_match_the_database(
    practice_of_30: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "statements"

    assert run(practice_of_30, "statements", "--year", str(YEAR), "-o", str(folder)) == 0

    expected = _database_totals(practice_of_30)
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 30
    for path in files:
        name = path.name.removesuffix(f" - {YEAR} statement.pdf")
        text = pdf_text.plain_text(path.read_bytes())
        found = re.search(rf"Total for {YEAR} (\$[\d,]+\.\d\d) (\$[\d,]+\.\d\d)", text)
        assert found, path.name
        visits, charges, payments = expected[name]
        assert (_money(found[1]), _money(found[2])) == (charges, payments), path.name
        assert len(re.findall(rf"\d\d/\d\d/{YEAR} 97124 x3", text)) == visits, path.name
    with Workspace(practice_of_30) as workspace:
        recorded = workspace.store.year_statements(YEAR)
    assert [s.number for s in recorded] == [f"YE-{YEAR}-{n:04d}" for n in range(1, 31)]
    assert sum(s.charges for s in recorded) == sum(c for _, c, _ in expected.values())


def test_a_final_statement_is_reprinted_byte_for_byte(practice_of_30: Path, tmp_path: Path) -> None:
    folder = tmp_path / "statements"
    assert run(practice_of_30, "statements", "--year", str(YEAR), "-o", str(folder), "--patients", "hsa") == 0
    first = sorted(folder.glob("*.pdf"))[0]
    again = tmp_path / "again.pdf"
    with Workspace(practice_of_30) as workspace:
        numbers = [s.number for s in workspace.store.year_statements(YEAR)]
    assert len(numbers) == 3  # every tenth patient pays through an HSA
    text = pdf_text.plain_text(first.read_bytes())
    number = next(n for n in numbers if n in text)
    assert run(practice_of_30, "reprint", number, "-o", str(again)) == 0
    assert again.read_bytes() == first.read_bytes()


def test_a_draft_is_watermarked_and_neither_numbered_nor_recorded(
    practice_of_30: Path, tmp_path: Path
) -> None:
    before = dump(practice_of_30)
    folder = tmp_path / "drafts"
    assert run(practice_of_30, "statements", "--year", str(YEAR), "-o", str(folder), "--draft") == 0
    text = pdf_text.plain_text(sorted(folder.glob("*.pdf"))[0].read_bytes())
    assert "DRAFT - not for submission" in text and "YE-" not in text
    assert dump(practice_of_30) == before


def test_visits_already_on_a_superbill_are_listed_and_say_which(
    data_dir: Path, sample_practice_path: Path, tmp_path: Path
) -> None:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    assert (
        run(data_dir, "render", "--patient", "pt-0001", "--to", "2026-09-09", "-o", str(tmp_path / "sb.pdf"))
        == 0
    )
    folder = tmp_path / "statements"

    assert run(data_dir, "statements", "--year", "2026", "-o", str(folder)) == 0

    text = pdf_text.plain_text((folder / "Okafor, Daniel - 2026 statement.pdf").read_bytes())
    assert "09/09/2026 97124 x3 M54.50, M62.830 $120.00 $120.00 submitted on SB-2026-0001" in text
    assert "09/16/2026 97124 x2, 97140-59 x1" in text
    assert "Helen Park, MD · NPI 1003000126" in text and "NPI 1558598797" in text


def test_a_patient_the_check_refuses_is_held_back_and_the_numbers_have_no_gap(
    practice_of_30: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace(practice_of_30) as workspace:
        chart = next(c for c in workspace.store.charts() if c.patient.key == "pt-0001")
        broken = replace(chart.visits[0], diagnoses=())
        workspace.store.save_visit(chart.patient.key, broken)
    folder = tmp_path / "statements"

    assert run(practice_of_30, "statements", "--year", str(YEAR), "-o", str(folder)) == 1

    out = capsys.readouterr().out
    assert re.search(r"held back: .*: .*diagnos", out, re.IGNORECASE), out
    with Workspace(practice_of_30) as workspace:
        recorded = workspace.store.year_statements(YEAR)
        assert [s.number for s in recorded] == [f"YE-{YEAR}-{n:04d}" for n in range(1, 30)]
        assert "pt-0001" not in {s.patient for s in recorded}
        for statement in recorded:  # each PDF carries the number it was recorded under
            pdf = workspace.store.year_statement_pdf(statement.number)
            assert statement.number in pdf_text.plain_text(pdf)


def test_the_pool_and_one_at_a_time_write_the_same_statements(practice_of_30: Path, tmp_path: Path) -> None:
    with Workspace(practice_of_30) as workspace:
        alone = statements.write_statements(
            workspace, YEAR, tmp_path / "alone", date(YEAR + 1, 1, 8), draft=True, workers=1
        )
        pooled = statements.write_statements(
            workspace, YEAR, tmp_path / "pool", date(YEAR + 1, 1, 8), draft=True, workers=2
        )
    assert [w.path.name for w in alone.written] == [w.path.name for w in pooled.written]
    for a, b in zip(alone.written, pooled.written, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes()


def test_statements_are_never_written_into_the_practice(
    practice_of_30: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(practice_of_30)
    assert run(practice_of_30, "statements", "--year", str(YEAR), "-o", str(practice_of_30)) == 2
    assert "part of your practice's data" in capsys.readouterr().err
    assert dump(practice_of_30) == before


def test_final_statements_run_again_are_refused_naming_those_issued_and_nothing_changes(
    practice_of_30: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "statements"
    assert run(practice_of_30, "statements", "--year", str(YEAR), "-o", str(folder)) == 0
    files = {p.name: p.read_bytes() for p in folder.glob("*.pdf")}
    before = dump(practice_of_30)
    capsys.readouterr()

    assert run(practice_of_30, "statements", "--year", str(YEAR), "-o", str(folder)) == 1

    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert (
        f"{YEAR} statements were issued on {us_date(date.today())} (YE-{YEAR}-0001 to YE-{YEAR}-0030)"
        in err[0]
    )
    assert "superbill reprint" in err[0] and "--draft" in err[0] and "--again" in err[0]
    assert dump(practice_of_30) == before
    assert {p.name: p.read_bytes() for p in folder.glob("*.pdf")} == files


def test_corrected_statements_are_written_only_with_again_and_say_which_they_replace(
    practice_of_30: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "statements"
    args = ("statements", "--year", str(YEAR), "-o", str(folder), "--patients", "hsa")
    assert run(practice_of_30, *args) == 0
    assert run(practice_of_30, *args, "--again") == 0
    with Workspace(practice_of_30) as workspace:
        recorded = workspace.store.year_statements(YEAR)
    assert [s.number for s in recorded] == [f"YE-{YEAR}-{n:04d}" for n in range(1, 7)]
    patient = recorded[0].patient
    newer = next(s for s in recorded[3:] if s.patient == patient)
    with Workspace(practice_of_30) as workspace:
        text = pdf_text.plain_text(workspace.store.year_statement_pdf(newer.number))
    assert f"Corrected statement: it replaces statement {recorded[0].number}." in text
    capsys.readouterr()

    assert run(practice_of_30, "issued", "--patient", patient) == 0

    out = capsys.readouterr().out
    assert f"{recorded[0].number}  issued" in out and f"year-end statement {YEAR}" in out
    assert f"{newer.number}  issued" in out and f"replaces {recorded[0].number}" in out


def test_statements_issued_before_the_year_is_over_say_they_cover_a_partial_year(
    practice_of_30: Path, tmp_path: Path
) -> None:
    with Workspace(practice_of_30) as workspace:
        summary = statements.write_statements(
            workspace, YEAR, tmp_path / "early", date(YEAR, 12, 5), who=statements.Who.HSA, workers=1
        )
        later = statements.write_statements(
            workspace, YEAR, tmp_path / "drafts", date(YEAR + 1, 1, 8), draft=True, workers=1
        )
    assert summary.partial_through == date(YEAR, 12, 5) and later.partial_through is None
    text = pdf_text.plain_text(summary.written[0].path.read_bytes())
    assert f"Partial year: {YEAR} is not over; this lists the visits up to 12/05/{YEAR}." in text
    assert "Partial year" not in pdf_text.plain_text(later.written[0].path.read_bytes())


def _named(data_dir: Path, names: list[tuple[str, str]]) -> None:
    """A practice whose patients have these (first, last) names, two visits each."""
    built = practices.practice(len(names), 2)
    charts = tuple(
        replace(chart, patient=replace(chart.patient, first_name=first, last_name=last))
        for chart, (first, last) in zip(built.charts, names, strict=True)
    )
    with Workspace(data_dir) as workspace:
        workspace.store.save_practice(replace(built, charts=charts))


def test_statements_are_numbered_in_name_order_accents_and_case_aside(data_dir: Path, tmp_path: Path) -> None:
    _named(data_dir, [("Ann", "Smith"), ("Óli", "Ólafsson"), ("Anders", "Ångström"), ("Bo", "zimmer")])
    with Workspace(data_dir) as workspace:
        summary = statements.write_statements(workspace, YEAR, tmp_path / "out", date(YEAR + 1, 1, 8))
    assert [(w.patient.last_name, w.number) for w in summary.written] == [
        ("Ångström", f"YE-{YEAR}-0001"),
        ("Ólafsson", f"YE-{YEAR}-0002"),
        ("Smith", f"YE-{YEAR}-0003"),
        ("zimmer", f"YE-{YEAR}-0004"),
    ]


def test_two_patients_of_the_same_name_get_files_named_with_their_account_numbers(
    data_dir: Path, tmp_path: Path
) -> None:
    _named(data_dir, [("Mary", "Smith"), ("Mary", "Smith"), ("Ana", "Lee")])
    folder = tmp_path / "out"
    with Workspace(data_dir) as workspace:
        statements.write_statements(workspace, YEAR, folder, date(YEAR + 1, 1, 8))
        accounts = sorted(
            p.account_number or "" for p in workspace.store.patients() if p.last_name == "Smith"
        )
    assert sorted(p.name for p in folder.glob("*.pdf")) == [
        f"Lee, Ana - {YEAR} statement.pdf",
        *(f"Smith, Mary ({a}) - {YEAR} statement.pdf" for a in accounts),
    ]
