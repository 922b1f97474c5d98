"""Reading a spreadsheet someone brought in (.xlsx or .csv) without trusting it.

An .xlsx is a zip of XML parts, and both can lie: a member may declare 1 kB and inflate
to gigabytes (a zip bomb), an XML part may define entities that expand a billion times,
a sheet's <dimension> may say A1:C3 and hold a million rows. So, before openpyxl parses
anything, every member is inflated once, streaming, counting the real bytes against the
limits and looking for a DTD; then openpyxl reads the sheet streaming (read_only, with
defusedxml) while the rows, columns and cell lengths are counted here, whatever the file
says about itself. Each problem is one InputError; nothing else escapes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
import zlib
from dataclasses import dataclass, field

from shelter_app.domain.errors import InputError
from shelter_app.i18n import _
from shelter_app.storage import untrusted


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 20 * 1024 * 1024
    uncompressed_bytes: int = 200 * 1024 * 1024  # all members together
    ratio: int = 100  # a member's inflated size to its compressed size
    members: int = 500
    sheets: int = 20
    rows: int = 20_000
    columns: int = 200
    cell_chars: int = 2_000


DEFAULT_LIMITS = Limits()
Value = str | int | float | bool | dt.date | dt.datetime | None
_CHUNK = 64 * 1024
_DTD_MARKERS = (b"<!doctype", b"<!entity")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls


@dataclass
class Table:
    """The rows of the first sheet as the spreadsheet numbers them (1 = the top row);
    empty rows are left out, cells are the values as read (dates as dates for .xlsx,
    text for .csv)."""

    rows: list[tuple[int, list[Value]]] = field(default_factory=list)
    sheet_name: str = ""


def read_file(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> Table:
    """The table in the file at `path`: an .xlsx workbook or a CSV text."""
    content = untrusted.read_limited(path, limits.file_bytes, _too_big(limits))
    return read_bytes(content, limits)


def read_bytes(content: bytes, limits: Limits = DEFAULT_LIMITS) -> Table:
    if len(content) > limits.file_bytes:
        raise InputError(_too_big(limits), "file")
    if content.startswith(_ZIP_MAGIC):
        return _read_workbook(content, limits)
    if content.startswith(_OLE_MAGIC):
        # also what Excel makes of an .xlsx encrypted with a password
        raise InputError(_("This is an old Excel file (.xls) or a workbook protected with "
                           "a password. Open it in the spreadsheet program and save it as "
                           ".xlsx without a password, or as CSV."), "file")
    return _read_csv(content, limits)


def _too_big(limits: Limits) -> str:
    return _("The file is too big for a register (at most {size} MB).").format(
        size=limits.file_bytes // (1024 * 1024))


def _not_a_workbook() -> InputError:
    return InputError(_("This file is not a spreadsheet that can be read. Save it as "
                        ".xlsx or CSV."), "file")


def _inflated_too_much(limits: Limits) -> InputError:
    return InputError(_("The spreadsheet unpacks to too much data (more than {size} MB, "
                        "or more than {ratio} times its packed size): it is refused.")
                      .format(size=limits.uncompressed_bytes // (1024 * 1024),
                              ratio=limits.ratio), "file")


def _has_dtd() -> InputError:
    return InputError(_("The spreadsheet holds a document type definition, which a "
                        "spreadsheet does not need and an attack uses: it is refused."),
                      "file")


# ---- .xlsx: the zip checked first ----

def _check_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    """The central directory's claims, then the members themselves (streaming)."""
    members = archive.infolist()
    if len(members) > limits.members:
        raise InputError(_("The spreadsheet has too many parts ({count}).").format(
            count=len(members)), "file")
    if sum(m.file_size for m in members) > limits.uncompressed_bytes:
        raise _inflated_too_much(limits)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise InputError(_("The spreadsheet is protected with a password: save a copy "
                               "without the password."), "file")
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _not_a_workbook()
        if member.file_size > max(member.compress_size, 1) * limits.ratio:
            raise _inflated_too_much(limits)
        try:
            total += _inflate_checked(archive, member, limits,
                                      limits.uncompressed_bytes - total)
        except (zipfile.BadZipFile, EOFError, zlib.error):  # e.g. sizes or CRC that lie
            raise InputError(_("The spreadsheet is damaged: its parts are not what they "
                               "claim to be. It is refused."), "file") from None


def _inflate_checked(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits,
                     allowed: int) -> int:
    """Inflate one member counting the real bytes (the declared size can lie), refusing a
    DTD in an XML part. Returns the real size."""
    is_xml = member.filename.lower().endswith((".xml", ".rels", ".vml"))
    ratio_cap = max(member.compress_size, 1) * limits.ratio
    size, tail = 0, b""
    # counted here as well as by zipfile (which stops at the declared size and checks the
    # CRC): the cap holds whatever the header claims
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            if size == 0 and is_xml and _wide_encoding(chunk):
                raise _has_dtd()  # UTF-16/32 could hide "<!DOCTYPE" from the byte scan
            size += len(chunk)
            if size > allowed or size > ratio_cap:
                raise _inflated_too_much(limits)
            if is_xml:
                window = (tail + chunk).lower()
                if any(marker in window for marker in _DTD_MARKERS):
                    raise _has_dtd()
                tail = window[-16:]
    return size


def _wide_encoding(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]


def _read_workbook(content: bytes, limits: Limits) -> Table:
    import openpyxl  # not at start-up: only an import needs it

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_archive(archive, limits)
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True,
                                          data_only=False, keep_links=False)
    except InputError:
        raise
    except Exception:  # a broken zip or workbook: whatever the library says, one message
        raise _not_a_workbook() from None
    try:
        if len(workbook.sheetnames) > limits.sheets:
            raise InputError(_("The spreadsheet has more than {count} sheets: keep the "
                               "register on its own.").format(count=limits.sheets), "file")
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise _not_a_workbook()
        return Table(_sheet_rows(sheet, limits), sheet.title[:60])
    except InputError:
        raise
    except Exception:
        raise _not_a_workbook() from None
    finally:
        workbook.close()


def _sheet_rows(sheet, limits: Limits) -> list[tuple[int, list[Value]]]:
    rows = []
    # Counted here, never from the sheet's <dimension>: it can claim 3 rows and hold a
    # million. Forgetting it also stops openpyxl from padding rows out to what it claims.
    sheet.reset_dimensions()
    for seen, cells in enumerate(sheet.iter_rows(), start=1):
        if seen > limits.rows + 1:  # the header and `rows` rows (gaps count too)
            raise _too_many_rows(limits)
        if len(cells) > limits.columns:  # a row ends at a cell the file holds
            raise _too_many_columns(limits)
        values, number = [], None
        for cell in cells:
            if getattr(cell, "row", None) is None:
                values.append(None)  # an empty cell openpyxl made up to fill the row
                continue
            number = cell.row
            if cell.data_type == "f":
                raise _formula(cell.coordinate)
            values.append(_cell_value(cell.value, limits))
        if number is not None and any(v not in (None, "") for v in values):
            rows.append((number, values))
    return rows


def _cell_value(value, limits: Limits) -> Value:
    if isinstance(value, str):
        if len(value) > limits.cell_chars:
            raise _too_long(limits)
        return value
    if isinstance(value, (bool, int, float, dt.date, dt.datetime)) or value is None:
        return value
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return str(value)[:limits.cell_chars]  # an array formula's object, an error text


def _formula(cell: str) -> InputError:
    return InputError(_("Cell {cell} holds a formula. Save the sheet with values only "
                        "(copy, then paste as values) and try again.").format(cell=cell),
                      "file")


def _too_many_rows(limits: Limits) -> InputError:
    return InputError(_("The register has more than {count} rows: split it into several "
                        "files.").format(count=limits.rows), "file")


def _too_many_columns(limits: Limits) -> InputError:
    return InputError(_("The register has more than {count} columns.").format(
        count=limits.columns), "file")


def _too_long(limits: Limits) -> InputError:
    return InputError(_("A cell holds more than {count} characters.").format(
        count=limits.cell_chars), "file")


# ---- CSV ----

def _decode(content: bytes) -> str:
    if b"\x00" in content:
        raise InputError(_("This is not a CSV file or a spreadsheet."), "file")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:  # what Excel on Windows saves as "CSV (comma delimited)"
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(_("The file's text could not be read. Save it from the "
                           "spreadsheet as \"CSV UTF-8\"."), "file") from None


def _read_csv(content: bytes, limits: Limits) -> Table:
    text = _decode(content)
    if not text.strip():
        raise InputError(_("The file is empty."), "file")
    # Spreadsheets in Indonesia often save with ";": the first line says which it is.
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for number, record in enumerate(reader, start=1):
            if number > limits.rows + 1:
                raise _too_many_rows(limits)
            if len(record) > limits.columns and any(record[limits.columns:]):
                raise _too_many_columns(limits)
            record = record[:limits.columns]
            if any(len(value) > limits.cell_chars for value in record):
                raise _too_long(limits)
            if any(value.strip() for value in record):
                rows.append((number, list(record)))
    except csv.Error:  # e.g. a field longer than the csv module takes
        raise InputError(_("This is not a CSV file or a spreadsheet."), "file") from None
    return Table(rows, "")
