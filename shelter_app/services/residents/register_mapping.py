"""An old register's columns and values read as the app's fields: which column is which
(matched by itself on Indonesian and English headers, fixed by the user, saved as JSON
to reuse), and each cell read as a date, a sex, a province or a code."""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import json
import re
from dataclasses import dataclass

from shelter_app.domain.errors import InputError
from shelter_app.domain.vocab import DischargeReason, Modus, Relation
from shelter_app.i18n import DOMAIN, N_, _, places
from shelter_app.paths import locale_dir
from shelter_app.storage import untrusted

MAPPING_FILE_BYTES = 64 * 1024
HEADER_SEARCH_ROWS = 20  # a register often has a title and blank rows above its header

# The fields a column can be read as, in the order the mapping step lists them, with
# the headers (normalised: lower case, letters and digits only) that name them.
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    # the register's own numbering, shown next to the spreadsheet's row number
    "register_number": (N_("Register number (No)"), ("no", "nomor", "nourut", "nomorurut",
                                                     "number")),
    "full_name": (N_("Full name"), ("nama", "namalengkap", "name", "fullname",
                                    "namapenghuni", "namakorban", "namaklien")),
    "sex": (N_("Sex"), ("jeniskelamin", "jk", "lp", "sex", "gender", "kelamin")),
    "birth_date": (N_("Date of birth"), ("tanggallahir", "tgllahir", "tgllhr",
                                         "dateofbirth", "birthdate", "dob")),
    "age": (N_("Age"), ("umur", "usia", "age", "umurtahun", "usiatahun")),
    "nik": (N_("NIK"), ("nik", "noktp", "nomorktp", "ktp", "nomorindukkependudukan",
                        "nonik")),
    "province": (N_("Province of origin"), ("provinsi", "asal", "provinsiasal",
                                            "daerahasal", "province", "origin", "prov")),
    "regency": (N_("Regency / city of origin"), ("kabupatenkota", "kabkota", "kabupaten",
                                                 "kota", "regency", "city", "kabkot")),
    "modus": (N_("Modus"), ("modus", "modusoperandi", "modustppo")),
    "admission_date": (N_("Date of admission"), ("tanggalmasuk", "tglmasuk", "masuk",
                                                 "admission", "admissiondate",
                                                 "dateofadmission", "admitted")),
    "discharge_date": (N_("Date of discharge"), ("tanggalkeluar", "tglkeluar", "keluar",
                                                 "discharge", "dischargedate",
                                                 "dateofdischarge", "discharged")),
    "discharge_reason": (N_("Reason for discharge"), ("alasankeluar", "alasan",
                                                      "dischargereason", "reason",
                                                      "reasonfordischarge")),
    "discharge_destination": (N_("Destination after discharge"),
                              ("tujuan", "tujuankeluar", "destination")),
    "room": (N_("Bedroom"), ("kamar", "ruang", "ruangan", "room", "namakamar")),
    "contact_name": (N_("Contact's name"), ("kontak", "namakontak", "contact",
                                            "contactname", "namakeluarga", "keluarga")),
    "contact_phone": (N_("Contact's phone"), ("nohp", "hp", "nohandphone", "telepon", "wa",
                                              "nowa", "whatsapp", "nomorwa", "hpwa",
                                              "telp", "notelp", "notelepon", "phone",
                                              "phonenumber", "contactphone", "nomorhp")),
    "contact_relation": (N_("Contact's relation"), ("hubungan", "relation",
                                                    "relationship", "hubungankontak")),
}
IGNORED = ""  # a column mapped to nothing


def field_label(name: str) -> str:
    return _(FIELDS[name][0]) if name in FIELDS else _("(ignored)")


def normal_header(text) -> str:
    return re.sub(r"[^0-9a-z]", "", str(text or "").lower())


@dataclass
class Mapping:
    """Column position (0-based) -> field name, and the row holding the headers."""

    header_row: int
    headers: list[str]
    columns: dict[int, str]

    @property
    def ignored(self) -> list[str]:
        return [h for i, h in enumerate(self.headers) if h and i not in self.columns]

    def column_of(self, field: str) -> int | None:
        return next((i for i, name in self.columns.items() if name == field), None)


def _known_key(key: str) -> str:
    return next((name for name, (_label, known) in FIELDS.items() if key in known), IGNORED)


def _match_header(header: str) -> str:
    """The field a header names: the whole header; else without its parenthesised part
    ("JK (L/P)", "Tgl. Lahir (dd/mm/yyyy)"); else its parts around "/" ("No. HP/WA")
    when every part that names a field names the same one (never a guess between two)."""
    text = str(header or "")
    if found := _known_key(normal_header(text)):
        return found
    bare = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    if found := _known_key(normal_header(bare)):
        return found
    parts = {_known_key(normal_header(part)) for part in re.split(r"[/|;]", bare)}
    parts.discard(IGNORED)
    return parts.pop() if len(parts) == 1 else IGNORED


def data_row_count(rows: list[tuple[int, list]], mapping: Mapping) -> int:
    """The rows below the headers (the header row and a title above it are not data)."""
    return sum(1 for number, _values in rows if number > mapping.header_row)


def guess_mapping(rows: list[tuple[int, list]]) -> Mapping:
    """The header row (the one among the first rows naming most known fields) and each
    of its columns matched by name; a field is given to its first column only."""
    best = None
    for number, values in rows[:HEADER_SEARCH_ROWS]:
        matched = sum(bool(_match_header(v)) for v in values if isinstance(v, str))
        if best is None or matched > best[0]:
            best = (matched, number, values)
    if best is None:
        raise InputError(_("The file is empty."), "file")
    _count, number, values = best
    headers = [" ".join(str(v).split()) if v is not None else "" for v in values]
    columns: dict[int, str] = {}
    for index, header in enumerate(headers):
        name = _match_header(header)
        if name and name not in columns.values():
            columns[index] = name
    return Mapping(number, headers, columns)


def apply_saved(mapping: Mapping, saved: dict[str, str]) -> Mapping:
    """A saved mapping ({header: field}) over the guess: headers it names take its field
    (or none), the others keep the guess."""
    columns = dict(mapping.columns)
    for index, header in enumerate(mapping.headers):
        if header in saved:
            columns.pop(index, None)
            if saved[header]:
                columns = {i: f for i, f in columns.items() if f != saved[header]}
                columns[index] = saved[header]
    return Mapping(mapping.header_row, mapping.headers, columns)


def choices_of(mapping: Mapping) -> dict[str, str]:
    """{header: field} of `mapping` (what apply_saved takes): the user's choices, kept for
    the same file chosen again after it was corrected."""
    return {h: mapping.columns.get(i, IGNORED) for i, h in enumerate(mapping.headers) if h}


def mapping_json(mapping: Mapping) -> str:
    return json.dumps({"format": "rumah-aman-register-mapping", "version": 1,
                       "columns": {h: mapping.columns.get(i, IGNORED)
                                   for i, h in enumerate(mapping.headers) if h}},
                      ensure_ascii=False, indent=2)


def read_mapping_file(path) -> dict[str, str]:
    """A saved mapping ({header: field}), checked: it comes from a file too."""
    content = untrusted.read_limited(path, MAPPING_FILE_BYTES,
                                     _("The mapping file is too big."))
    try:
        document = json.loads(content.decode("utf-8-sig"))
        columns = document["columns"]
        if not isinstance(columns, dict):
            raise ValueError
    except (ValueError, KeyError, TypeError, RecursionError):  # RecursionError: [[[[…
        raise InputError(_("This is not a saved column mapping."), "mapping") from None
    if not all(isinstance(h, str) and isinstance(f, str) and (f in FIELDS or f == IGNORED)
               for h, f in columns.items()):
        raise InputError(_("This is not a saved column mapping."), "mapping")
    return columns


# ---- values ----

def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a NIK or phone typed as a number
    return " ".join(str(value).split())


_SEX = {"l": "M", "lakilaki": "M", "laki": "M", "pria": "M", "m": "M", "male": "M",
        "p": "F", "perempuan": "F", "wanita": "F", "f": "F", "female": "F", "w": "F"}


def parse_sex(value) -> str:
    sex = _SEX.get(normal_header(cell_text(value)))
    if sex is None:
        raise InputError(_("The sex is L or P (laki-laki, perempuan)."), "sex")
    return sex


_MONTHS = {name: number for number, names in enumerate((
    ("januari", "january", "jan"), ("februari", "february", "feb", "pebruari"),
    ("maret", "march", "mar"), ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"),
    ("juli", "july", "jul"), ("agustus", "august", "agu", "agt", "ags", "aug"),
    ("september", "sep", "sept"), ("oktober", "october", "okt", "oct"),
    ("november", "nov", "nop", "nopember"), ("desember", "december", "des", "dec")),
    start=1) for name in names}
EXCEL_DAY_ZERO = dt.date(1899, 12, 30)
EXCEL_SERIALS = (3654, 2958466)  # 1910-01-01 to 9999-12-31
_NUMERIC = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\s*[ \-]\s*([a-z]+)\.?\s*[ \-]\s*(\d{4})$")


def parse_date(value, field: str) -> dt.date | None:
    """A date cell, or text as dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd or "12 Januari 2025"."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) \
            and EXCEL_SERIALS[0] <= value < EXCEL_SERIALS[1]:
        # a date cell whose column lost its date format shows Excel's day number; a
        # smaller number (a year typed alone, 1990) is refused below, not guessed
        return EXCEL_DAY_ZERO + dt.timedelta(days=int(value))
    text = cell_text(value).lower()
    if not text or text == "-":
        return None
    if " " in text and ":" in text:  # "2025-01-12 00:00:00", as a CSV may write a date
        text = text.split(" ", 1)[0]
    parts = None
    if match := _NUMERIC.match(text):
        parts = int(match[3]), int(match[2]), int(match[1])
    elif match := _ISO.match(text):
        parts = int(match[1]), int(match[2]), int(match[3])
    elif (match := _WORDS.match(text)) and match[2] in _MONTHS:
        parts = int(match[3]), _MONTHS[match[2]], int(match[1])
    if parts is None:
        raise InputError(_("This is not a date: write it as dd/mm/yyyy or "
                           "\"12 Januari 2025\"."), field)
    try:
        return dt.date(*parts)
    except ValueError:
        raise InputError(_("This date does not exist."), field) from None


def parse_age(value) -> int | None:
    text = cell_text(value).lower()
    match = re.fullmatch(r"(\d{1,3})\s*(tahun|thn|th|years?|yrs?)?", text)
    if not text:
        return None
    if match is None:
        raise InputError(_("The age is a number of years."), "estimated_age")
    return int(match[1])


@functools.cache
def _indonesian() -> gettext.NullTranslations:
    # the labels in Indonesian whatever language the user reads: a register is written
    # in one or the other
    return gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=["id"],
                               fallback=True)


_RELATION_WORDS = {"ayah": "parent", "bapak": "parent", "ibu": "parent",
                   "orangtua": "parent", "suami": "spouse", "istri": "spouse",
                   "anak": "child", "kakak": "sibling", "adik": "sibling",
                   "saudara": "sibling", "paman": "relative", "bibi": "relative",
                   "kerabat": "relative", "teman": "friend", "wali": "guardian",
                   "majikan": "employer", "lainnya": "other"}
# How registers say why someone left, beyond the app's own labels.
_REASON_WORDS = {"pulangkekeluarga": "family_reintegration", "dijemputkeluarga":
                 "family_reintegration", "reintegrasi": "family_reintegration",
                 "reunifikasi": "family_reintegration", "dirujuk": "referred",
                 "rujukan": "referred", "dipulangkan": "repatriated",
                 "repatriasi": "repatriated", "pemulangan": "repatriated",
                 "mandiri": "independent", "pulangsendiri": "left", "kabur": "left",
                 "melarikandiri": "left", "keluarsendiri": "left", "lainnya": "other",
                 "lainlain": "other", "pulang": "family_reintegration",
                 "kembalikekeluarga": "family_reintegration",
                 "kembalikedaerahasal": "repatriated", "pulangkedaerahasal": "repatriated"}


@functools.cache
def _labels(kind) -> dict[str, str]:
    """Every way a code of `kind` is written: the code, its English and its Indonesian
    label (normalised)."""
    known = {}
    for code, label in kind._labels.items():
        for text in (code, label, _indonesian().gettext(label)):
            known[normal_header(text)] = code
    if kind is Relation:
        known.update(_RELATION_WORDS)
    if kind is DischargeReason:
        known.update(_REASON_WORDS)
    return known


def parse_code(value, kind, field: str) -> str:
    text = cell_text(value)
    if not text:
        return ""
    known = _labels(kind)
    wanted = normal_header(text)
    code = known.get(wanted)
    if code is None and kind in _WORDS_FIRST:
        # registers add to the word: "Reintegrasi keluarga", "Dipulangkan ke daerah asal"
        starts = [word for word in known if len(word) >= 5 and wanted.startswith(word)]
        code = known[max(starts, key=len)] if starts else None
    if code is None:
        raise InputError(_("\"{value}\" is not one of the choices: {choices}.").format(
            value=text[:40], choices="; ".join(member.label for member in kind)), field)
    return code


_WORDS_FIRST = (DischargeReason, Relation)


def parse_modus(value) -> list[str]:
    """One modus or several, separated by ; , or | (a label may hold a "/")."""
    text = cell_text(value)
    return [parse_code(part, Modus, "modus") for part in re.split(r"[;|,]", text)
            if part.strip()]


def parse_reason(value) -> str:
    return parse_code(value, DischargeReason, "discharge_reason")


def parse_relation(value) -> str:
    return parse_code(value, Relation, "relation") or "other"


# The short names registers use for provinces.
_PROVINCE_SHORT = {
    "daerahistimewayogyakarta": "ID-YO", "diy": "ID-YO", "jakartaraya": "ID-JK",
    "ntt": "ID-NT", "ntb": "ID-NB", "jabar": "ID-JB", "jateng": "ID-JT", "jatim": "ID-JI",
    "sumut": "ID-SU", "sumbar": "ID-SB", "sumsel": "ID-SS", "sulsel": "ID-SN",
    "sulut": "ID-SA", "sulteng": "ID-ST", "sultra": "ID-SG", "sulbar": "ID-SR",
    "kalbar": "ID-KB", "kalteng": "ID-KT", "kalsel": "ID-KS", "kaltim": "ID-KI",
    "kaltara": "ID-KU", "babel": "ID-BB", "kepri": "ID-KR", "malut": "ID-MU"}


@functools.cache
def _provinces() -> dict[str, str]:
    known = {}
    for code, name in places.provinces():
        known[normal_header(code)] = code
        known[normal_header(name)] = code
        for prefix in ("DKI ", "DI "):  # "Jakarta", "Yogyakarta"
            if name.startswith(prefix):
                known[normal_header(name[len(prefix):])] = code
    known.update(_PROVINCE_SHORT)
    return known


def parse_province(value) -> str:
    key = normal_header(cell_text(value))
    if not key:
        return ""
    for prefix in ("provinsi", "prov"):
        if key.startswith(prefix) and key[len(prefix):] in _provinces():
            key = key[len(prefix):]
    code = _provinces().get(key)
    if code is None:
        raise InputError(_("An unknown province was given."), "province")
    return code


def save_mapping(mapping: Mapping, path) -> None:
    """The mapping as a JSON file, to load for the next register of the same layout."""
    from pathlib import Path

    from shelter_app.domain.errors import StorageError
    from shelter_app.storage.atomic import atomic_write

    try:
        atomic_write(Path(path), mapping_json(mapping).encode("utf-8"))
    except OSError as error:
        raise StorageError(_("The file could not be written ({reason}). Nothing was "
                             "saved.").format(reason=error.strerror or type(error).__name__)
                           ) from None
