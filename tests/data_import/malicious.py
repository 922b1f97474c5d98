"""Hostile spreadsheets, built in the test: a good workbook with one part swapped."""

from __future__ import annotations

import io
import struct
import zipfile

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
                    for n in range(1, 10))
          + ']>\n')


def good_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nama", "JK", "Tanggal Lahir", "Tanggal Masuk"])
    sheet.append(["Sari", "P", "01/02/1990", "01/02/2025"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_parts(replaced: dict[str, bytes | None], base: bytes | None = None) -> bytes:
    """The good workbook with parts replaced (or written by a function of the stream)."""
    source = zipfile.ZipFile(io.BytesIO(base or good_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = [info.filename for info in source.infolist()]
        for name in names + [n for n in replaced if n not in names]:
            data = replaced[name] if name in replaced else source.read(name)
            if callable(data):
                with target.open(name, "w", force_zip64=True) as stream:
                    data(stream)
            else:
                target.writestr(name, data)
    return out.getvalue()


def billion_laughs_in_shared_strings() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Nama", "JK"])
    out = io.BytesIO()
    workbook.save(out)
    strings = (LAUGHS + f'<sst {NS} count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
    return with_parts({"xl/sharedStrings.xml": strings.encode()}, out.getvalue())


def billion_laughs_in_the_sheet() -> bytes:
    sheet = (LAUGHS + f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr">'
             '<is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    return with_parts({SHEET: sheet.encode()})


def million_rows_claiming_three() -> bytes:
    def write(stream):
        stream.write(f'<?xml version="1.0"?><worksheet {NS}><dimension ref="A1:C3"/>'
                     '<sheetData>'.encode())
        chunk = []
        for number in range(1, 1_000_001):
            chunk.append(f'<row r="{number}"><c r="A{number}"><v>{number}</v></c></row>')
            if len(chunk) == 10_000:
                stream.write("".join(chunk).encode())
                chunk = []
        stream.write(b"</sheetData></worksheet>")
    return with_parts({SHEET: write})


def high_ratio_member(size: int = 60 * 1024 * 1024) -> bytes:
    """A part of zeros: a few kB on disk, `size` unpacked (ratio far above 100:1)."""
    def write(stream):
        zeros = b"0" * (1024 * 1024)
        for _ in range(size // len(zeros)):
            stream.write(zeros)
    return with_parts({"xl/media/padding.bin": write})


def lying_member(real_size: int = 50 * 1024 * 1024) -> bytes:
    """A part whose headers declare 1,000 bytes and that inflates to `real_size`."""
    data = with_parts({"xl/media/padding.bin": b"0" * real_size})
    declared = 1000
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_length = struct.unpack_from("<H", data, start + (26 if offset == 22 else 28))[0]
            name_at = start + (30 if offset == 22 else 46)
            if data[name_at:name_at + name_length] == b"xl/media/padding.bin":
                data = data[:start + offset] + struct.pack("<I", declared) \
                    + data[start + offset + 4:]
            start += 4
    return data


def formula_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nama", "JK", "Umur", "Tanggal Masuk"])
    sheet.append(["Sari", "P", "=20+5", "01/02/2025"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


