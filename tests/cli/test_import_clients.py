"""`superbill import-clients`: a client list from Excel or Google Sheets, on the real CLI and database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import dump, run

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["First Name", "Last Name", "DOB", "Gender", "Phone", "Email", "Address", "City", "State", "Zip"]
FIRST = ["José", "Zoë", "Renée", "François", "Ana", "Björn", "Siobhán", "Daniel"]
LAST = ["Muñoz", "O'Brien", "Lefèvre", "García-López", "Nguyễn", "Smith, Jr.", "Okafor", "Dubois"]


def patients(data_dir: Path) -> list[tuple[str, str, str, str | None, str | None]]:
    connection = sqlite3.connect(data_dir / "practice.sqlite3")
    try:
        return connection.execute(
            "SELECT first_name, last_name, date_of_birth, address_city, email FROM patients ORDER BY id"
        ).fetchall()
    finally:
        connection.close()


def client_rows(count: int, *, latin1_only: bool) -> list[list[str]]:
    rows = []
    for i in range(count):
        last = LAST[i % len(LAST)]
        if latin1_only and last == "Nguyễn":
            last = "Nguyen"
        rows.append(
            [
                FIRST[i % len(FIRST)],
                f"{last} {i}",
                f"{1 + i % 12}/{1 + i % 28}/{1950 + i % 60}",
                "MF"[i % 2],
                f"(206) 555-{i:04d}",
                f"client{i}@example.com",
                f"{100 + i} Pike St, Apt {i % 9}",  # a comma: quoted by the spreadsheet
                "Seattle",
                "WA",
                "98109",
            ]
        )
    return rows


def csv_text(rows: list[list[str]], delimiter: str = ",", line_end: str = "\r\n") -> str:
    def cell(value: str) -> str:
        if any(c in value for c in (delimiter, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(delimiter.join(cell(v) for v in row) + line_end for row in [HEADER, *rows])


def test_a_500_row_csv_written_the_way_excel_writes_it_imports_every_client(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = client_rows(500, latin1_only=True)
    path = tmp_path / "clients.csv"
    path.write_bytes(csv_text(rows).encode("cp1252"))  # Windows-1252, CRLF, no byte-order mark
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")

    assert run(data_dir, "import-clients", str(path), "--yes") == 0

    out = capsys.readouterr().out
    assert "Windows-1252" in out and 'column C "DOB" -> Date of birth' in out
    stored = patients(data_dir)
    assert len(stored) == 500
    assert stored[0] == ("José", "Muñoz 0", "1950-01-01", "Seattle", "client0@example.com")
    assert stored[13][:3] == ("Björn", "Smith, Jr. 13", "1963-02-14")


def test_a_google_sheets_export_imports_every_client(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = client_rows(40, latin1_only=False)
    path = tmp_path / "Clients - Sheet1.csv"
    path.write_bytes(csv_text(rows).encode("utf-8"))  # UTF-8 without a byte-order mark, CRLF

    assert run(data_dir, "import-clients", str(path), "--yes") == 0

    stored = patients(data_dir)
    assert len(stored) == 40
    assert stored[4][:2] == ("Ana", "Nguyễn 4")


@pytest.mark.parametrize(
    ("encoding", "delimiter", "line_end"),
    [("utf-8-sig", ";", "\r\n"), ("utf-16", "\t", "\r\n"), ("utf-8", "\t", "\n")],
    ids=["excel-csv-utf8-semicolons", "excel-unicode-text", "tsv"],
)
def test_a_byte_order_mark_any_delimiter_and_either_line_end_are_read(
    data_dir: Path, tmp_path: Path, encoding: str, delimiter: str, line_end: str
) -> None:
    path = tmp_path / "clients.txt"
    path.write_bytes(csv_text(client_rows(12, latin1_only=False), delimiter, line_end).encode(encoding))
    assert run(data_dir, "import-clients", str(path), "--yes") == 0
    assert patients(data_dir)[0][:2] == ("José", "Muñoz 0")
    assert len(patients(data_dir)) == 12


def test_an_impossible_date_is_refused_naming_its_row_and_column_and_nothing_changes(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first.csv"
    first.write_bytes(csv_text(client_rows(3, latin1_only=True)).encode("cp1252"))
    assert run(data_dir, "import-clients", str(first), "--yes") == 0
    before = dump(data_dir)
    rows = client_rows(300, latin1_only=True)[3:]
    rows[150][2] = "2/30/1985"  # row 152 of the sheet (the header is row 1)
    path = tmp_path / "clients.csv"
    path.write_bytes(csv_text(rows).encode("cp1252"))
    capsys.readouterr()

    assert run(data_dir, "import-clients", str(path), "--yes") == 2

    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert 'row 152, column C "DOB"' in err[0] and "February 1985 has 28 days" in err[0]
    assert dump(data_dir) == before


def test_a_client_already_in_the_practice_or_twice_in_the_file_is_reported_not_added_again(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    rows = client_rows(3, latin1_only=True)
    path.write_bytes(csv_text(rows).encode("cp1252"))
    assert run(data_dir, "import-clients", str(path), "--yes") == 0
    again = [*rows, ["JOSÉ", "muñoz 0", "01/01/1950", "", "", "", "", "", "", ""], rows[1]]
    again.append(["New", "Client", "1/2/1990", "", "", "", "", "", "", ""])
    path.write_bytes(csv_text(again).encode("cp1252"))
    capsys.readouterr()

    assert run(data_dir, "import-clients", str(path), "--yes") == 0

    out = capsys.readouterr().out
    assert "row 2: Muñoz 0, José not added again: already in the practice" in out
    assert "row 5: muñoz 0, JOSÉ not added again: already in the practice" in out
    assert "Imported 1 client(s); 5 duplicate(s) not added again." in out
    assert len(patients(data_dir)) == 4


def test_a_full_name_column_and_a_member_id_make_the_patient_and_their_insurance(
    data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "square.csv"
    path.write_text(
        'Name,Birthday,Insurance Company,Member ID\r\n"Okafor, Daniel",1985-03-14,Premera Blue Cross,XYZ123\r\n'
        "Mary Ann Smith,7/4/60,Premera Blue Cross,W998\r\n",
        encoding="utf-8",
    )
    assert run(data_dir, "import-clients", str(path), "--yes") == 0
    stored = patients(data_dir)
    assert [p[:3] for p in stored] == [
        ("Daniel", "Okafor", "1985-03-14"),
        ("Mary Ann", "Smith", "1960-07-04"),
    ]
    connection = sqlite3.connect(data_dir / "practice.sqlite3")
    try:
        assert connection.execute("SELECT count(*) FROM payers").fetchone()[0] == 1
        assert sorted(r[0] for r in connection.execute("SELECT member_id FROM coverages")) == [
            "W998",
            "XYZ123",
        ]
    finally:
        connection.close()


def test_a_file_without_a_date_of_birth_column_is_refused_before_anything_is_asked(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("First,Last,Phone\r\nAna,Lee,2065550100\r\n", encoding="utf-8")
    assert run(data_dir, "import-clients", str(path)) == 2
    assert "no date of birth column" in capsys.readouterr().err
    assert not (data_dir / "practice.sqlite3").exists()


def test_without_yes_and_without_a_terminal_nothing_is_imported(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(csv_text(client_rows(2, latin1_only=True)).encode("cp1252"))
    assert run(data_dir, "import-clients", str(path)) == 2
    assert "--yes" in capsys.readouterr().err
    assert not (data_dir / "practice.sqlite3").exists()


def test_a_row_with_more_values_than_headers_is_refused_naming_its_row_and_nothing_changes(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An address with an unquoted comma spills into a column without a header: named, never guessed."""
    path = tmp_path / "clients.csv"
    path.write_text(
        "First,Last,DOB,Address\r\nAna,Lee,3/4/1970,12 Elm St\r\nBo,Park,5/6/1980,9 Oak St, Apt 2\r\n",
        encoding="utf-8",
    )
    assert run(data_dir, "import-clients", str(path), "--yes") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "error: row 3: has more values than there are column headers: a value holds an unquoted comma; "
        "export the file again from the spreadsheet"
    ]
    assert "Park" not in "".join(err) and not (data_dir / "practice.sqlite3").exists()


def test_a_client_list_is_read_and_imported_without_sqlite_utils(data_dir: Path, tmp_path: Path) -> None:
    """The CSV reader is the standard library's: the app runs where sqlite-utils is not installed."""
    path = tmp_path / "clients.tsv"
    path.write_bytes(csv_text(client_rows(20, latin1_only=False), "\t").encode("utf-16"))
    without = "import sys; sys.modules['sqlite_utils'] = None\nfrom app.cli import main\nsys.exit(main(sys.argv[1:]))"
    env = dict(os.environ, SUPERBILL_LOG_DIR=str(tmp_path / "log"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", without, "--data-dir", str(data_dir), "import-clients", str(path), "--yes"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "Imported 20 client(s)." in done.stdout
    assert len(patients(data_dir)) == 20 and patients(data_dir)[0][:2] == ("José", "Muñoz 0")


def test_a_full_name_keeps_its_suffix_with_the_last_name_and_its_particles_with_the_surname(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "names.csv"
    path.write_text(
        "Name,DOB\r\nJohn Q. Public Jr.,1/2/1970\r\nMary Ann van der Berg,3/4/1980\r\n"
        '"Public, John Q., Sr.",5/6/1940\r\n"de la Cruz, Ana",7/8/1990\r\nMartin Luther King III,9/10/1960\r\n'
        "Mary St. James,11/12/1975\r\n",
        encoding="utf-8",
    )
    assert run(data_dir, "import-clients", str(path), "--yes") == 0
    assert [p[:2] for p in patients(data_dir)] == [
        ("John Q.", "Public Jr."),
        ("Mary Ann", "van der Berg"),
        ("John Q.", "Public Sr."),
        ("Ana", "de la Cruz"),
        ("Martin Luther", "King III"),
        ("Mary", "St. James"),
    ]


def test_the_names_a_full_name_column_splits_into_are_shown_before_importing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Name,DOB\r\nJohn Q. Public Jr.,1/2/1970\r\n", encoding="utf-8")
    assert run(data_dir, "import-clients", str(path)) == 2  # no terminal: refused after the mapping
    out = capsys.readouterr().out
    assert 'row 2: "John Q. Public Jr." -> first "John Q.", last "Public Jr."' in out
    assert not (data_dir / "practice.sqlite3").exists()


def test_two_columns_for_the_same_field_are_refused_naming_both(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("First Name,Last Name,First Name,DOB\r\nAna,Lee,Anna,1/2/1990\r\n", encoding="utf-8")
    assert run(data_dir, "import-clients", str(path), "--yes") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert 'column A "First Name" and column C "First Name" both hold First name' in err[0]
    assert not (data_dir / "practice.sqlite3").exists()


def test_a_duplicate_is_found_whatever_its_accents_and_case(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        "First Name,Last Name,DOB\r\nJosé,García,03/14/1985\r\nJOSE,GARCIA,3/14/1985\r\n", encoding="utf-8"
    )
    assert run(data_dir, "import-clients", str(path), "--yes") == 0
    assert "row 3: GARCIA, JOSE not added again: the same as row 2" in capsys.readouterr().out
    assert [p[:2] for p in patients(data_dir)] == [("José", "García")]


def test_a_zip_without_its_leading_zero_is_refused_saying_what_it_likely_meant(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        "First,Last,DOB,Address,City,State,Zip\r\nAna,Lee,1/2/1990,1 Main St,Boston,MA,2134\r\n",
        encoding="utf-8",
    )
    assert run(data_dir, "import-clients", str(path), "--yes") == 2
    err = capsys.readouterr().err
    assert 'row 2, column G "Zip"' in err and "did you mean 02134?" in err
    assert not (data_dir / "practice.sqlite3").exists() or patients(data_dir) == []


def test_a_full_state_name_is_imported_as_its_two_letter_code(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        "First,Last,DOB,Address,City,State,Zip\r\nAna,Lee,1/2/1990,1 Pike St,Seattle,Washington,98101\r\n",
        encoding="utf-8",
    )
    assert run(data_dir, "import-clients", str(path), "--yes") == 0
    connection = sqlite3.connect(data_dir / "practice.sqlite3")
    try:
        assert connection.execute("SELECT address_state FROM patients").fetchone()[0] == "WA"
    finally:
        connection.close()
