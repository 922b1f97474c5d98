"""The statistics export's files (JSON, CSV, PDF), reading them back strictly, and
`stats combine`: several shelters' exports added up and protected again.

Column names follow the CTDC's style (snake_case: gender, age_band, citizenship,
type_of_exploitation, count) with HTCDS 2.0 codes as values. A suppressed count is
written empty (CSV) or null (JSON) with `suppressed` set: never the value. The header
names the province and the period, never the shelter: its name could lead someone to it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from pathlib import Path

from shelter_app.domain import small_cells
from shelter_app.domain.errors import InputError
from shelter_app.domain.small_cells import GRAND, Entry, Part
from shelter_app.i18n import _, in_language
from shelter_app.reports.overview import statistics_pdf
from shelter_app.reports.overview.statistics_pdf import (
    FORMAT_VERSION,
    Statistics,
    StatisticsTable,
)
from shelter_app.reports.shared.spreadsheet import csv_writer
from shelter_app.services.overview.statistics import (
    ADMISSIONS_BY_ONE_ROW,
    GENDERS,
    table_specs,
)
from shelter_app.services.shared import reporting
from shelter_app.storage.untrusted import read_limited

FORMAT_NAME = "rumah-aman-statistics"
FORMATS = ("json", "csv", "pdf")
MAX_FILE_BYTES = 2 * 1024 * 1024  # an export is a few dozen kilobytes
TOTAL = "total"
HEADER_FIELDS = ("format", "format_version", "province", "period_from", "period_to",
                 "threshold", "shelters")


def _row_fields() -> list[str]:
    return list(dict.fromkeys(spec.row_field for spec in table_specs()))


def _labelled(table: StatisticsTable):
    """(row code or "total", gender or "total", entry) of every entry, in order."""
    for r, code in enumerate(table.rows):
        for c, gender in enumerate(table.columns):
            yield code, gender, ("cell", r, c)
        yield code, TOTAL, ("row", r, 0)
    if table.additive:
        for c, gender in enumerate(table.columns):
            yield TOTAL, gender, ("column", 0, c)
        yield TOTAL, TOTAL, GRAND


def _header(statistics: Statistics) -> dict:
    return {"format": FORMAT_NAME, "format_version": statistics.format_version,
            "province": statistics.province or None,
            "period_from": statistics.first.isoformat(),
            "period_to": statistics.last.isoformat(), "threshold": statistics.threshold,
            "shelters": statistics.shelters}


def to_json(statistics: Statistics) -> str:
    tables = []
    for table in statistics.tables:
        counts = [{table.row_field: code, "gender": gender, "count": table.value(entry),
                   "suppressed": table.value(entry) is None}
                  for code, gender, entry in _labelled(table)]
        tables.append({"table": table.name, "row_field": table.row_field,
                       "column_field": "gender", "rows": list(table.rows),
                       "columns": list(table.columns), "additive": table.additive,
                       "withheld": table.withheld, "note": statistics_pdf.note(table),
                       "counts": counts})
    return json.dumps(_header(statistics) | {"tables": tables}, ensure_ascii=False, indent=1)


LABEL = "_label"  # a CSV column beside each code column: the code in the file's language


def _label(table: StatisticsTable, code: str) -> str:
    return _("Total") if code == TOTAL else statistics_pdf.row_label(table, code)


def _gender_label(gender: str) -> str:
    return _("Total") if gender == TOTAL else _(statistics_pdf.GENDER_LABELS[gender])


def to_csv(statistics: Statistics) -> str:
    """One line per count. Beside each code column (age_band, modus, …, gender) a
    `…_label` column says it in the export's language, for people opening the file in a
    spreadsheet; reading a file back uses the codes and ignores the labels."""
    out = io.StringIO()
    writer = csv_writer(out)  # every cell through safe_cell: no formulas
    fields = _row_fields()
    columns = [name for field in fields for name in (field, field + LABEL)]
    writer.writerow([*HEADER_FIELDS, "table", *columns, "gender", "gender" + LABEL, "count",
                     "suppressed", "withheld"])
    header = [value if value is not None else "" for value in _header(statistics).values()]
    for table in statistics.tables:
        for code, gender, entry in _labelled(table):
            value = table.value(entry)
            categories = [cell for field in fields for cell in (
                (code, _label(table, code)) if field == table.row_field else ("", ""))]
            writer.writerow([*header, table.name, *categories, gender, _gender_label(gender),
                             "" if value is None else value, int(value is None),
                             int(table.withheld)])
    return out.getvalue()


def render(statistics: Statistics, fmt: str, language: str | None, *, made_at: dt.datetime,
           made_by: str, time_zone: str) -> bytes:
    if fmt not in FORMATS:
        raise InputError(_("The format is one of: {formats}.").format(
            formats=", ".join(FORMATS)), "format")
    with in_language(language):
        if fmt == "json":
            return to_json(statistics).encode()
        if fmt == "csv":
            return to_csv(statistics).encode()
        return statistics_pdf.render_pdf(statistics, made_at=made_at, made_by=made_by,
                                         time_zone=time_zone)


save_file = reporting.write_file  # the statistics' files are written as any report


class _Bad(Exception):
    """Anything wrong inside a file: reported as one message naming the file."""


def _expect(condition: bool) -> None:
    if not condition:
        raise _Bad


def _count(value) -> int | None:
    _expect(value is None or (type(value) is int and 0 <= value < 10**9))
    return value


def _from_records(path: Path, header: dict, records: dict[str, list[dict]],
                  withheld: dict[str, bool]) -> Statistics:
    """The export as read, checked against this version's tables and their sums."""
    _expect(header.get("format") == FORMAT_NAME)
    if header.get("format_version") != FORMAT_VERSION:
        raise InputError(_("{file} has format version {version}; this app combines "
                           "version {expected}.").format(
            file=path.name, version=header.get("format_version"), expected=FORMAT_VERSION),
            "file")
    first = dt.date.fromisoformat(header["period_from"])
    last = dt.date.fromisoformat(header["period_to"])
    threshold, shelters, province = header["threshold"], header["shelters"], header["province"]
    _expect(type(threshold) is int and threshold >= small_cells.CTDC_THRESHOLD)
    _expect(type(shelters) is int and shelters >= 1 and first <= last)
    _expect(province is None or (isinstance(province, str) and len(province) <= 8))
    tables = []
    _expect(set(records) == {spec.name for spec in table_specs()})
    for spec in table_specs():
        table = StatisticsTable(spec.name, spec.row_field, spec.rows, GENDERS, spec.additive,
                                withheld[spec.name], {})
        wanted = {(code, gender): entry for code, gender, entry in _labelled(table)}
        values: dict[Entry, int | None] = {}
        for record in records[spec.name]:
            key = (record.get(spec.row_field), record.get("gender"))
            _expect(key in wanted and wanted[key] not in values)
            value = _count(record.get("count"))
            _expect(record.get("suppressed") is (value is None))
            values[wanted[key]] = value
        _expect(len(values) == len(wanted))
        _expect(not table.withheld or all(v is None for v in values.values()))
        for line in small_cells.equations(table.shape):  # a changed file does not add up
            known = [values[entry] for entry in line]
            _expect(None in known or sum(values[entry] * sign
                                         for entry, sign in line.items()) == 0)
        tables.append(StatisticsTable(spec.name, spec.row_field, spec.rows, GENDERS,
                                      spec.additive, table.withheld, values))
    return Statistics(first, last, province or "", threshold, tuple(tables), shelters)


def _parse_json(content: bytes) -> tuple[dict, dict, dict]:
    document = json.loads(content.decode("utf-8"))
    _expect(isinstance(document, dict) and isinstance(document.get("tables"), list))
    header = {field: document.get(field) for field in HEADER_FIELDS}
    records, withheld = {}, {}
    for table in document["tables"]:
        _expect(isinstance(table, dict) and isinstance(table.get("counts"), list))
        name = table.get("table")
        _expect(isinstance(name, str) and name not in records)
        _expect(all(isinstance(record, dict) for record in table["counts"]))
        _expect(isinstance(table.get("withheld"), bool))
        records[name], withheld[name] = table["counts"], table["withheld"]
    return header, records, withheld


def _parse_csv(content: bytes) -> tuple[dict, dict, dict]:
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    header: dict | None = None
    records: dict[str, list[dict]] = {}
    withheld: dict[str, bool] = {}
    fields = _row_fields()
    for line in reader:
        _expect(None not in line and all(isinstance(v, str) for v in line.values()))
        values = {field: line.get(field, "") for field in HEADER_FIELDS}
        this = {**values, "format_version": int(values["format_version"]),
                "threshold": int(values["threshold"]), "shelters": int(values["shelters"]),
                "province": values["province"] or None}
        _expect(header is None or this == header)
        header = this
        name = line["table"]
        _expect(line["suppressed"] in ("0", "1") and line["withheld"] in ("0", "1"))
        _expect(withheld.setdefault(name, line["withheld"] == "1") == (line["withheld"] == "1"))
        count = None if line["count"] == "" else int(line["count"])
        records.setdefault(name, []).append(
            {field: line[field] for field in fields if line[field]}
            | {"gender": line["gender"], "count": count, "suppressed": line["suppressed"] == "1"})
    _expect(header is not None)
    return header, records, withheld


def read_export(path: Path) -> Statistics:
    """Another shelter's export, JSON or CSV, read without trusting it."""
    path = Path(path)
    content = read_limited(path, MAX_FILE_BYTES, _(
        "{file} is too big for a statistics export.").format(file=path.name))
    try:
        parsed = _parse_json(content) if content.lstrip()[:1] == b"{" else _parse_csv(content)
        return _from_records(path, *parsed)
    except InputError:
        raise
    except (_Bad, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError,
            csv.Error):
        raise InputError(_("{file} is not a statistics export of this app, or it was "
                           "changed after it was made.").format(file=path.name),
                         "file") from None


def combine(exports: Sequence[Statistics], names: Sequence[str]) -> Statistics:
    """Several shelters' exports of one period added up and protected again, so that no
    shelter's suppressed count can be worked out from its export and the sum."""
    if len(exports) < 2:
        raise InputError(_("Give at least two exports to combine."), "file")
    first = exports[0]
    for export, name in zip(exports[1:], names[1:], strict=True):
        if (export.first, export.last) != (first.first, first.last):
            raise InputError(_("{file} covers {first} to {last}, the first export {from_} "
                               "to {to}: combine exports of the same period.").format(
                file=name, first=export.first, last=export.last, from_=first.first,
                to=first.last), "file")
    threshold = max(export.threshold for export in exports)

    def parts_of(name: str) -> list[Part]:
        return [Part(dict.fromkeys(table.values) if table.withheld else dict(table.values),
                     table.withheld)
                for table in (export.table(name) for export in exports)]

    margin = small_cells.protect_combined_margin(parts_of(ADMISSIONS_BY_ONE_ROW[0]),
                                                 len(GENDERS), threshold)
    tables = []
    for spec in table_specs():
        protected = small_cells.protect_combined(
            small_cells.Shape(len(spec.rows), len(GENDERS), spec.additive),
            parts_of(spec.name), threshold,
            margin if spec.name in ADMISSIONS_BY_ONE_ROW else None)
        tables.append(StatisticsTable(
            spec.name, spec.row_field, spec.rows, GENDERS, spec.additive, protected.withheld,
            {entry: protected.published(entry) for entry in protected.shape.entries()}))
    provinces = {export.province for export in exports}
    return Statistics(first.first, first.last, provinces.pop() if len(provinces) == 1 else "",
                      threshold, tuple(tables), sum(export.shelters for export in exports))


def combine_files(paths: Sequence[Path], out: Path, fmt: str, language: str | None,
                  made_at: dt.datetime) -> Statistics:
    """`stats combine`: needs no login, only the exports (which hold nothing else)."""
    exports = [read_export(Path(path)) for path in paths]
    combined = combine(exports, [Path(path).name for path in paths])
    save_file(out, render(combined, fmt, language, made_at=made_at,
                          made_by="shelter-app stats combine", time_zone="Asia/Jakarta"))
    return combined
