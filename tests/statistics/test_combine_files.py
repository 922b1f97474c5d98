"""`stats combine`: exports of several shelters read strictly, added up and protected
again; a file of another period or version, changed by hand, or not an export at all is
refused with one clear message. Pure (no database)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random

import pytest

from shelter_app.domain.errors import InputError
from shelter_app.domain.small_cells import GRAND
from shelter_app.domain.vocab import Modus
from shelter_app.reports.overview.statistics_pdf import Statistics
from shelter_app.services.overview import statistics_files
from shelter_app.services.overview.statistics import Counter, protect_table, table_specs

FIRST, LAST = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def shelter_export(seed: int, people: int = 150, first=FIRST, province="ID-NB"):
    """A shelter's statistics, from random counts fed through the table builder."""
    rng = random.Random(seed)
    tables = []
    for spec in table_specs():
        counter = Counter(spec)
        for _ in range(people):
            code = rng.choice(spec.rows[:4]) if rng.random() < 0.8 else rng.choice(spec.rows)
            counter.add(code, rng.choice("FFM"))
        tables.append(protect_table(spec, counter.counts, 11))
    return Statistics(first, LAST, province, 11, tuple(tables)), rng


def write(tmp_path, name: str, statistics: Statistics, fmt: str = "json"):
    path = tmp_path / f"{name}.{fmt}"
    text = statistics_files.to_json(statistics) if fmt == "json" else \
        statistics_files.to_csv(statistics)
    path.write_text(text)
    return path


def test_combined_counts_add_up_and_stay_protected(tmp_path):
    first, second = shelter_export(1)[0], shelter_export(2, people=40)[0]
    paths = [write(tmp_path, "a", first), write(tmp_path, "b", second, "csv")]
    combined = statistics_files.combine_files(paths, tmp_path / "c.json", "json", "en",
                                              dt.datetime(2026, 7, 1, tzinfo=dt.UTC))
    assert combined.shelters == 2 and combined.province == "ID-NB"
    for table in combined.tables:
        one, two = first.table(table.name), second.table(table.name)
        for entry, value in table.values.items():
            if value is not None:
                assert value == one.value(entry) + two.value(entry)  # both parts known
                assert not 0 < value < 11
    assert statistics_files.read_export(tmp_path / "c.json") == combined


def test_a_combined_file_can_be_combined_again(tmp_path):
    paths = [write(tmp_path, str(n), shelter_export(n)[0]) for n in range(3)]
    statistics_files.combine_files(paths[:2], tmp_path / "ab.json", "json", "en",
                                   dt.datetime(2026, 7, 1, tzinfo=dt.UTC))
    again = statistics_files.combine_files([tmp_path / "ab.json", paths[2]],
                                           tmp_path / "abc.csv", "csv", "en",
                                           dt.datetime(2026, 7, 1, tzinfo=dt.UTC))
    assert again.shelters == 3
    age = again.table("admissions_by_age_band")
    assert age.value(GRAND) == 450


def test_other_periods_and_versions_are_refused(tmp_path):
    first = write(tmp_path, "a", shelter_export(1)[0])
    other = write(tmp_path, "b", shelter_export(2, first=dt.date(2026, 2, 1))[0])
    with pytest.raises(InputError, match="same period"):
        statistics_files.combine([statistics_files.read_export(p) for p in (first, other)],
                                 ["a.json", "b.json"])
    document = json.loads(first.read_text())
    document["format_version"] = 2
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(document))
    with pytest.raises(InputError, match="format version 2"):
        statistics_files.read_export(newer)
    with pytest.raises(InputError, match="at least two"):
        statistics_files.combine([statistics_files.read_export(first)], ["a.json"])


BAD = "is not a statistics export of this app, or it was changed after it was made"


def _changed(tmp_path, change) -> object:
    document = json.loads(write(tmp_path, "a", shelter_export(1)[0]).read_text())
    change(document)
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(document))
    return path


def _first_published(document):
    return next(c for c in document["tables"][0]["counts"] if not c["suppressed"]
                and c["count"])


def _bump_a_fully_published_row(document):
    counts = document["tables"][0]["counts"]
    row = next(c["age_band"] for c in counts if all(
        not other["suppressed"] for other in counts if other["age_band"] == c["age_band"])
        and c["count"])
    next(c for c in counts if c["age_band"] == row)["count"] += 1


@pytest.mark.parametrize("change", [
    _bump_a_fully_published_row,
    lambda d: _first_published(d).update(count=True),
    lambda d: _first_published(d).update(suppressed=True),
    lambda d: d["tables"].pop(),
    lambda d: d["tables"][0]["counts"].pop(),
    lambda d: d["tables"][0]["counts"].append(d["tables"][0]["counts"][0]),
    lambda d: d.update(threshold=5),
    lambda d: d.update(period_from="2026-13-01"),
    lambda d: d["tables"][0]["counts"][0].update(age_band="100+"),
    lambda d: d.update(tables="none"),
])
def test_a_changed_file_is_refused_with_one_message(tmp_path, change):
    with pytest.raises(InputError, match=BAD):
        statistics_files.read_export(_changed(tmp_path, change))


@pytest.mark.parametrize("content", [b"", b"\x00\xff" * 50, b"{", b"[1, 2]", b"a,b\n1,2\n",
                                     b"{" * 100_000 + b"}" * 100_000])
def test_what_is_not_an_export_is_refused(tmp_path, content):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=BAD):
        statistics_files.read_export(path)


def test_a_device_or_a_huge_file_is_not_read(tmp_path):
    with pytest.raises(InputError, match="not an ordinary file"):
        statistics_files.read_export("/dev/zero")
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (statistics_files.MAX_FILE_BYTES + 1))
    with pytest.raises(InputError, match="too big"):
        statistics_files.read_export(huge)


def test_a_suppressed_count_is_written_empty_never_as_its_value(tmp_path):
    statistics, _rng = shelter_export(5, people=60)
    table = statistics.table("admissions_by_age_band")
    assert any(value is None for value in table.values.values())
    rows = statistics_files.to_csv(statistics).splitlines()
    header = rows[0].split(",")
    for line in rows[1:]:
        cells = dict(zip(header, line.split(","), strict=True))
        assert (cells["count"] == "") == (cells["suppressed"] == "1")
    withheld = dataclasses.replace(table, withheld=True,
                                   values=dict.fromkeys(table.values))
    assert "null" in statistics_files.to_json(dataclasses.replace(
        statistics, tables=(withheld,)))


def test_provinces_are_listed_by_name_everywhere(tmp_path):
    """Aceh, Bali, …, DKI Jakarta before Jawa Timur: the ISO codes' order (ID-JI before
    ID-JK) is not an order anyone reads. The preview, the PDF, JSON and CSV all follow the
    table's rows; a file written in the codes' order is still read (by code)."""
    from shelter_app.i18n import in_language, places
    from shelter_app.reports.overview import statistics_pdf

    spec = next(s for s in table_specs() if s.name == "admissions_by_province_of_origin")
    names = [places.province_name(code) for code in spec.rows[:-1]]
    assert names == sorted(names, key=places.sort_key) and names[0] == "Aceh"
    assert names.index("DKI Jakarta") < names.index("Jawa Timur")
    statistics = shelter_export(3)[0]
    table = statistics.table(spec.name)
    with in_language("id"):
        printed = [row[0] for row in statistics_pdf.printed_rows(table)[1:-2]]
    assert printed == names
    document = json.loads(statistics_files.to_json(statistics))
    in_json = next(t for t in document["tables"] if t["table"] == spec.name)
    assert in_json["rows"][:-1] == list(spec.rows[:-1])
    # an export written with the rows in the codes' order (as the first version did)
    for record in document["tables"]:
        if record["table"] == spec.name:
            record["counts"].sort(key=lambda c: c["province_of_origin"])
    (tmp_path / "old.json").write_text(json.dumps(document))
    assert statistics_files.read_export(tmp_path / "old.json") == statistics


def test_the_csv_says_each_code_in_words_beside_it_and_combine_ignores_that(tmp_path):
    import csv
    import io

    from shelter_app.i18n import in_language

    statistics = shelter_export(4)[0]
    with in_language("id"):
        text = statistics_files.to_csv(statistics)
    lines = list(csv.DictReader(io.StringIO(text)))
    header = text.splitlines()[0].split(",")
    assert header.index("gender_label") == header.index("gender") + 1
    assert header.index("modus_label") == header.index("modus") + 1
    with in_language("id"):
        from shelter_app.i18n import _

        female, total = _("Female"), _("Total")
    first = lines[0]
    assert (first["gender"], first["gender_label"]) == ("Feminine", female)
    assert {line["gender_label"] for line in lines if line["gender"] == "total"} == {total}
    modus = next(line for line in lines if line["modus"] and line["modus"] != "total")
    with in_language("id"):
        assert modus["modus_label"] == Modus(modus["modus"]).label
    assert modus["age_band_label"] == ""
    # the labels are for people: edited, they change nothing read back or combined
    (tmp_path / "a.csv").write_text(text.replace(female, "anything"))
    assert statistics_files.read_export(tmp_path / "a.csv") == statistics
    second = write(tmp_path, "b", shelter_export(5)[0], "csv")
    out = tmp_path / "c.csv"
    statistics_files.combine_files([tmp_path / "a.csv", second], out, "csv", "en",
                                   dt.datetime(2026, 7, 1, tzinfo=dt.UTC))
    assert "Female" in out.read_text() and "anything" not in out.read_text()
