"""Untrusted spreadsheets: each attack gives one clear message and imports nothing;
CSV in the encodings and delimiters registers are saved in; the reader and the parser
fuzzed (only InputError may come out)."""

from __future__ import annotations

import datetime as dt
import json
import resource

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import Person
from shelter_app.services.residents import register_mapping as rm
from shelter_app.services.residents.register_rows import gather, read_row
from shelter_app.storage import spreadsheet_reader as reader
from tests.data_import import malicious
from tests.data_import.sheets import row, write_xlsx

pytestmark = pytest.mark.file_only

ATTACKS = {
    "entities in the shared strings": (malicious.billion_laughs_in_shared_strings,
                                       "document type definition"),
    "entities in the sheet": (malicious.billion_laughs_in_the_sheet,
                              "document type definition"),
    "a member far above 100:1": (malicious.high_ratio_member, "unpacks to too much"),
    "a member lying about its size": (malicious.lying_member, "not what they claim"),
    "a million rows under a dimension of A1:C3": (malicious.million_rows_claiming_three,
                                                   "more than 20000 rows"),
    "a formula": (malicious.formula_workbook, "Cell C2 holds a formula. Save the sheet "
                                              "with values only"),
}


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_hostile_spreadsheet_gets_one_message_and_imports_nothing(run, admin, data_dir,
                                                                   tmp_path, attack):
    make, message = ATTACKS[attack]
    path = tmp_path / "register.xlsx"
    path.write_bytes(make())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code, out, err = run("--data-dir", str(data_dir), "import", "residents", str(path),
                         "--user", "admin")
    assert code == 2 and message in err
    assert len(err.strip().splitlines()) == 1
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 300 * 1024
    with admin.reading() as session:
        assert session.scalar(select(func.count(Person.id))) == 0


def test_the_limits_hold_on_small_settings():
    good = malicious.good_workbook()
    with pytest.raises(InputError, match="too big"):
        reader.read_bytes(good, reader.Limits(file_bytes=1000))
    with pytest.raises(InputError, match="too many parts"):
        reader.read_bytes(good, reader.Limits(members=3))
    with pytest.raises(InputError, match="unpacks to too much"):
        reader.read_bytes(good, reader.Limits(uncompressed_bytes=2000))
    with pytest.raises(InputError, match="more than 0 rows"):
        reader.read_bytes(good, reader.Limits(rows=0))
    with pytest.raises(InputError, match="more than 2 columns"):
        reader.read_bytes(good, reader.Limits(columns=2))
    with pytest.raises(InputError, match="more than 3 characters"):
        reader.read_bytes(good, reader.Limits(cell_chars=3))
    with pytest.raises(InputError, match="more than 0 sheets"):
        reader.read_bytes(good, reader.Limits(sheets=0))


def test_an_old_xls_and_a_broken_zip_are_refused_clearly():
    with pytest.raises(InputError, match=r"old Excel file \(.xls\) or a workbook protected"):
        reader.read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError, match="not a spreadsheet that can be read"):
        reader.read_bytes(b"PK\x03\x04" + b"garbage" * 20)


def test_dates_stay_dates_and_empty_rows_keep_the_numbering(tmp_path):
    table = reader.read_file(write_xlsx(tmp_path / "r.xlsx", [row(), row(name="Budi")]))
    assert [number for number, _values in table.rows] == [1, 3, 4, 5]
    assert table.rows[2][1][9] == dt.datetime(2025, 1, 12)


@pytest.mark.parametrize("encoding,delimiter", [("utf-8-sig", ","), ("utf-8", ";"),
                                                ("cp1252", "\t")])
def test_csv_in_the_encodings_and_delimiters_registers_use(encoding, delimiter):
    text = delimiter.join(["Nama", "JK", "Tgl Lahir", "Tanggal Masuk", "Kabupaten/Kota"]) \
        + "\r\n" + delimiter.join(["Désirée", "P", "12 Januari 1990", "03-02-2025",
                                   "Bogor"]) + "\r\n"
    table = reader.read_bytes(text.encode(encoding))
    mapping = rm.guess_mapping(table.rows)
    person, bad = read_row(*table.rows[1], mapping, dt.date(2026, 1, 1))
    assert bad == []
    assert person.columns["full_name"] == "Désirée"
    assert person.columns["birth_date"] == dt.date(1990, 1, 12)
    assert person.stays[0].admission == dt.date(2025, 2, 3)


def test_a_csv_with_nul_bytes_is_refused():
    with pytest.raises(InputError, match="not a CSV file"):
        reader.read_bytes(b"Nama,JK\x00\nSari,P\n")


def test_a_csv_longer_than_the_limit_is_refused():
    content = b"Nama,JK\n" + b"Sari,P\n" * 20_001
    with pytest.raises(InputError, match="more than 20000 rows"):
        reader.read_bytes(content)


@pytest.mark.parametrize("value,expected", [
    ("12/01/2025", dt.date(2025, 1, 12)), ("12-1-2025", dt.date(2025, 1, 12)),
    ("2025-01-12", dt.date(2025, 1, 12)), ("12 Januari 2025", dt.date(2025, 1, 12)),
    ("12 Agustus 2025", dt.date(2025, 8, 12)), ("3 Mei 2024", dt.date(2024, 5, 3)),
    ("12 January 2025", dt.date(2025, 1, 12)), ("5 Oct 2024", dt.date(2024, 10, 5)),
    (dt.datetime(2025, 1, 12, 0, 0), dt.date(2025, 1, 12)), ("", None)])
def test_dates_are_read_as_registers_write_them(value, expected):
    assert rm.parse_date(value, "x") == expected


@pytest.mark.parametrize("value", ["L", "laki-laki", "Laki Laki", "M", "male", "Pria"])
def test_men_are_read_in_either_language(value):
    assert rm.parse_sex(value) == "M"


@pytest.mark.parametrize("value", ["P", "Perempuan", "F", "Female", "wanita"])
def test_women_are_read_in_either_language(value):
    assert rm.parse_sex(value) == "F"


def test_codes_and_places_are_read_by_code_or_label_in_either_language():
    assert rm.parse_reason("Kembali ke keluarga") == "family_reintegration"
    assert rm.parse_reason("Returned to family") == "family_reintegration"
    assert rm.parse_reason("repatriated") == "repatriated"
    assert rm.parse_reason("Dipulangkan") == "repatriated"
    assert rm.parse_reason("Pulang sendiri") == "left"
    assert rm.parse_modus("Sexual exploitation / prostitution") == ["sexual"]
    assert rm.parse_modus("migrant_labour; Kerja paksa") == ["migrant_labour",
                                                             "forced_labour"]
    assert rm.parse_province("Jawa Barat") == "ID-JB"
    assert rm.parse_province("Jakarta") == "ID-JK"
    assert rm.parse_province("Prov. Nusa Tenggara Timur") == "ID-NT"
    assert rm.parse_relation("Ibu") == "parent"
    with pytest.raises(InputError, match="unknown province"):
        rm.parse_province("Atlantis")


@pytest.mark.parametrize("header,field", [
    ("Nama", "full_name"), ("Nama Lengkap", "full_name"), ("NAME", "full_name"),
    ("Jenis Kelamin", "sex"), ("JK", "sex"), ("L/P", "sex"), ("Sex", "sex"),
    ("Tanggal Lahir", "birth_date"), ("Tgl. Lahir", "birth_date"), ("Umur", "age"),
    ("Usia", "age"), ("Age", "age"), ("NIK", "nik"), ("No. KTP", "nik"),
    ("Provinsi", "province"), ("Asal", "province"), ("Kabupaten/Kota", "regency"),
    ("Modus", "modus"), ("Tanggal Masuk", "admission_date"),
    ("Tgl Keluar", "discharge_date"), ("Alasan Keluar", "discharge_reason"),
    ("Kamar", "room"), ("Room", "room"), ("Kontak", "contact_name"),
    ("No HP", "contact_phone"), ("Telepon", "contact_phone"),
    ("Hubungan", "contact_relation")])
def test_headers_are_matched_by_themselves(header, field):
    mapping = rm.guess_mapping([(1, [header, "Catatan"])])
    assert mapping.columns == {0: field} and mapping.ignored == ["Catatan"]


FUZZ = settings(max_examples=80, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def _mutated(original: bytes):
    return st.one_of(
        st.binary(max_size=300),
        st.tuples(st.integers(0, len(original) - 1), st.integers(1, 255)).map(
            lambda c: original[:c[0]] + bytes([original[c[0]] ^ c[1]]) + original[c[0] + 1:]),
        st.integers(0, len(original)).map(lambda cut: original[:cut]))


def _parse_everything(content: bytes) -> None:
    """The reader, the mapping and every row: only InputError may come out."""
    try:
        table = reader.read_bytes(content)
        mapping = rm.guess_mapping(table.rows)
        read = []
        for number, values in table.rows:
            if number > mapping.header_row:
                person, _bad = read_row(number, values, mapping, dt.date(2026, 1, 1))
                read += [person] if person else []
        gather(read)
    except InputError as error:
        assert str(error)


@FUZZ
@given(_mutated(malicious.good_workbook()))
def test_fuzzed_workbooks_give_only_clear_messages(content):
    _parse_everything(content)


CSV_SAMPLE = (b"Nama;JK;Tgl Lahir;Umur;NIK;Provinsi;Modus;Tanggal Masuk;Tgl Keluar;"
              b"Alasan Keluar;Kontak;No HP;Hubungan\r\n"
              b"Sari;P;04/03/1999;;3201014403990001;Jawa Barat;sexual;12 Januari 2025;"
              b"1/2/2025;left;Ibu;0812345678;Ibu\r\n")


@FUZZ
@given(_mutated(CSV_SAMPLE))
def test_fuzzed_csv_gives_only_clear_messages(content):
    _parse_everything(content)


@FUZZ
@given(st.lists(st.lists(st.one_of(st.none(), st.text(max_size=12), st.integers(),
                                   st.floats(allow_nan=True), st.dates(), st.booleans()),
                         max_size=14), min_size=1, max_size=6))
def test_any_cell_values_give_only_clear_messages(rows):
    header = [(1, ["Nama", "JK", "Tgl Lahir", "Umur", "NIK", "Provinsi", "Modus",
                   "Tanggal Masuk", "Tgl Keluar", "Alasan Keluar", "Kontak", "No HP",
                   "Hubungan", "Kamar"])]
    table = reader.Table(header + [(n, r) for n, r in enumerate(rows, start=2)])
    mapping = rm.guess_mapping(table.rows)
    read = []
    for number, values in table.rows[1:]:
        person, _bad = read_row(number, values, mapping, dt.date(2026, 1, 1))
        read += [person] if person else []
    gather(read)




def test_a_date_column_that_lost_its_format_is_read_but_a_bare_year_is_not():
    assert rm.parse_date(45669, "x") == dt.date(2025, 1, 12)
    assert rm.parse_date(45669.0, "x") == dt.date(2025, 1, 12)
    with pytest.raises(InputError, match="not a date"):
        rm.parse_date(1990, "x")


@FUZZ
@given(st.one_of(st.binary(max_size=200), st.just(b"[" * 50_000),
                 st.recursive(st.none() | st.text(max_size=8) | st.integers(),
                              lambda inner: st.lists(inner, max_size=3)
                              | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                              max_leaves=10).map(lambda doc: json.dumps(
                                  {"columns": doc}).encode())))
def test_a_mapping_file_of_any_shape_gets_one_message(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("mapping") / "mapping.json"
    path.write_bytes(content)
    try:
        saved = rm.read_mapping_file(path)
    except InputError as error:
        assert str(error)
    else:
        assert all(field in rm.FIELDS or field == "" for field in saved.values())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aeiounrstkmlpbdgh -'", max_size=24),
       st.text(alphabet="aeiounrstkmlpbdgh -'", max_size=24))
def test_the_fast_name_comparison_is_the_intakes_rule(first, second):
    from shelter_app.services.residents import protected
    from shelter_app.services.residents.register_rows import similar

    second = second if len(second) % 3 else first[:-1] + second[:2]  # near misses too
    assert similar(protected.name_key(first), protected.name_key(second)) == \
        protected.similar_name(protected.name_key(first), second, "")
