"""Registers written as a shelter keeps them, for the import's tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

HEADER = ["No", "Nama Lengkap", "L/P", "Tgl Lahir", "Umur", "NIK", "Provinsi",
          "Kabupaten/Kota", "Modus", "Tanggal Masuk", "Tgl Keluar", "Alasan Keluar",
          "Kamar", "Kontak", "No HP", "Hubungan"]


def row(name="Sari Wulandari", sex="P", born=dt.date(1999, 3, 4), age=None, nik="",
        province="Jawa Barat", regency="Indramayu", modus="Eksploitasi buruh migran",
        admitted=dt.date(2025, 1, 12), discharged=None, reason="", room="",
        contact="", phone="", relation="") -> list:
    return [None, name, sex, born, age, nik, province, regency, modus, admitted,
            discharged, reason, room, contact, phone, relation]


def write_xlsx(path: Path, rows: list[list], header=HEADER, title_row: bool = True) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Register"
    if title_row:
        sheet.append(["DAFTAR PENGHUNI RUMAH AMAN"])
        sheet.append([])
    sheet.append(header)
    for number, values in enumerate(rows, start=1):
        sheet.append([number, *values[1:]])
    workbook.save(path)
    return path
